import { ClassifierCorrectionModel, type ClassifierCorrectionRecord } from './classifier-correction-model';

export type NewClassifierCorrection = Omit<ClassifierCorrectionRecord, 'at'> & { at?: Date };

export async function recordClassifierCorrection(correction: NewClassifierCorrection): Promise<void> {
  await ClassifierCorrectionModel.create({ ...correction, at: correction.at ?? new Date() });
}

/** Corrections recorded after `since` (all of them when null): those a head trained at `since` has not seen. */
export async function countCorrectionsSince(since: Date | null): Promise<number> {
  return ClassifierCorrectionModel.countDocuments(since ? { at: { $gt: since } } : {});
}

/** The latest correction of each request recorded up to `until`: a request corrected twice counts once, as last decided. */
export async function latestCorrectionsUntil(until: Date): Promise<ClassifierCorrectionRecord[]> {
  const corrections = await ClassifierCorrectionModel.find({ at: { $lte: until } })
    .sort({ at: -1, _id: -1 })
    .lean();
  const seen = new Set<string>();
  return corrections.filter((correction) => {
    const key = correction.requestId.toString();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The latest correction of each request of these communes, newest first, at most `limit`: what supervisors review. */
export async function latestCorrectionsIn(communes: readonly string[], limit: number): Promise<ClassifierCorrectionRecord[]> {
  return (await latestCorrectionsUntil(new Date()))
    .filter((correction) => correction.commune && communes.includes(correction.commune))
    .slice(0, limit);
}

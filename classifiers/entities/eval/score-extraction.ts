import { z } from 'zod';

import { entityTypes, type Entity, type EntityType } from '../entity';

/** One hand-labelled message of the evaluation set: what a careful reader expects the extractor to report. */
export const labelledMessageSchema = z.object({
  id: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  requesterName: z.string().optional(),
  text: z.string(),
  entities: z.array(z.object({ type: z.enum(entityTypes), value: z.string(), fromQuotedHistory: z.literal(true).optional() })),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export type TypedValue = Pick<Entity, 'type' | 'value' | 'fromQuotedHistory'>;

export interface TypeScore {
  type: EntityType;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Undefined when nothing of this type was predicted (or expected, for recall). */
  precision?: number;
  recall?: number;
  f1?: number;
}

/**
 * Precision, recall and F1 per entity type. Within a message, entities are compared as sets of (type, value, from
 * quoted history or not): the same value found twice counts once, and a right value with a wrong type, or a quoted
 * header's date taken for the citizen's (or the reverse), counts as both a miss and an error.
 */
export function scoreExtraction(messages: ReadonlyArray<{ expected: TypedValue[]; found: TypedValue[] }>): TypeScore[] {
  const counts = new Map(entityTypes.map((type) => [type, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]));
  for (const { expected, found } of messages) {
    const expectedKeys = new Set(expected.map(keyOf));
    const foundKeys = new Set(found.map(keyOf));
    for (const key of foundKeys) {
      const count = counts.get(typeOfKey(key))!;
      if (expectedKeys.has(key)) count.truePositives += 1;
      else count.falsePositives += 1;
    }
    for (const key of expectedKeys) if (!foundKeys.has(key)) counts.get(typeOfKey(key))!.falseNegatives += 1;
  }
  return entityTypes.map((type) => ({ type, ...withRates(counts.get(type)!) }));
}

/** Precision, recall and F1 over all types together, each (type, value) pair weighing the same. */
export function microAverage(scores: TypeScore[]): Omit<TypeScore, 'type'> {
  const sum = (pick: (score: TypeScore) => number) => scores.reduce((total, score) => total + pick(score), 0);
  return withRates({
    truePositives: sum((score) => score.truePositives),
    falsePositives: sum((score) => score.falsePositives),
    falseNegatives: sum((score) => score.falseNegatives),
  });
}

function withRates(counts: { truePositives: number; falsePositives: number; falseNegatives: number }): Omit<TypeScore, 'type'> {
  const { truePositives, falsePositives, falseNegatives } = counts;
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 =
    precision !== undefined && recall !== undefined && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : undefined;
  return { ...counts, precision, recall, f1 };
}

/** The (type, value) pairs one side has and the other lacks, for reading the errors of a message. */
export function differences(expected: TypedValue[], found: TypedValue[]): { missed: TypedValue[]; wrong: TypedValue[] } {
  const expectedKeys = new Set(expected.map(keyOf));
  const foundKeys = new Set(found.map(keyOf));
  return {
    missed: unique(expected).filter((entity) => !foundKeys.has(keyOf(entity))),
    wrong: unique(found).filter((entity) => !expectedKeys.has(keyOf(entity))),
  };
}

function unique(entities: TypedValue[]): TypedValue[] {
  return [
    ...new Map(
      entities.map((entity) => [
        keyOf(entity),
        { type: entity.type, value: entity.value, ...(entity.fromQuotedHistory ? { fromQuotedHistory: true as const } : {}) },
      ]),
    ).values(),
  ];
}

function keyOf(entity: TypedValue): string {
  return `${entity.type}\u0000${entity.value}\u0000${entity.fromQuotedHistory ? 'quoted' : ''}`;
}

function typeOfKey(key: string): EntityType {
  return key.slice(0, key.indexOf('\u0000')) as EntityType;
}

function ratio(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

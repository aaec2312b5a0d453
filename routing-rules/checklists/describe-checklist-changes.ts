import type { AssistanceMode, ChecklistSet } from './checklist-schema';

const modeLabels: Record<AssistanceMode, string> = { off: 'désactivé', pilot: 'pilote', automatic: 'automatique' };

/** What a version changes against the one before it, in French, one line per intent: for the history and the audit. */
export function describeChecklistChanges(before: ChecklistSet | null, after: ChecklistSet): string[] {
  if (!before) return ['Première version'];
  const lines: string[] = [];
  const compare = <T extends { intent: string }>(
    what: string,
    old: readonly T[],
    now: readonly T[],
    mode: (entry: T) => AssistanceMode,
  ) => {
    const oldByIntent = new Map(old.map((entry) => [entry.intent, entry]));
    const nowByIntent = new Map(now.map((entry) => [entry.intent, entry]));
    for (const [intent, entry] of nowByIntent) {
      const previous = oldByIntent.get(intent);
      if (!previous) lines.push(`${what} « ${intent} » ajoutée`);
      else if (mode(previous) !== mode(entry))
        lines.push(`${what} « ${intent} » : mode ${modeLabels[mode(previous)]} → ${modeLabels[mode(entry)]}`);
      else if (JSON.stringify(previous) !== JSON.stringify(entry)) lines.push(`${what} « ${intent} » modifiée`);
    }
    for (const intent of oldByIntent.keys()) if (!nowByIntent.has(intent)) lines.push(`${what} « ${intent} » retirée`);
  };
  compare('Liste', before.checklists, after.checklists, (checklist) => checklist.missingRequest);
  compare('Réponse', before.answers, after.answers, (answer) => answer.mode);
  return lines.length > 0 ? lines : ['Aucun changement'];
}

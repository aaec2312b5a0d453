import type { Source } from './checklist-schema';
import type { ChecklistItemResult } from './evaluate-checklist';

/** The paragraph of the acknowledgement asking for exactly what is missing, in plain French. */
export function missingInformationText(missing: readonly Pick<ChecklistItemResult, 'question'>[]): string {
  if (missing.length === 0) return '';
  const lines = missing.map((item, index) => `- ${item.question}${index === missing.length - 1 ? '.' : ' ;'}`);
  return `Pour que le service puisse traiter votre demande, merci de nous indiquer :\n${lines.join('\n')}`;
}

/** The paragraph of the acknowledgement giving the answer, and where it comes from. */
export function safeAnswerText(answer: { text: string; source: Source | null }): string {
  return answer.source ? `${answer.text}\n\nSource : ${answer.source.title} — ${answer.source.url}` : answer.text;
}

/** The answer as the acknowledgement words it, before the rest of the acknowledgement. */
export function acknowledgementAnswerText(answer: string): string {
  return `Voici dès maintenant la réponse à votre question :\n\n${answer}`;
}

/**
 * « complet », « manque : filiation » (asked to the citizen) and/or « à vérifier : date de naissance » (not found,
 * left to the agent), as agents read it in the list. Checklists stored before `toVerify` existed read as asked.
 */
export function completenessLabel(result: {
  status: 'complete' | 'missing';
  items: readonly (Pick<ChecklistItemResult, 'label' | 'present'> & { toVerify?: boolean })[];
}): string {
  if (result.status === 'complete') return 'complet';
  const notFound = result.items.filter((item) => !item.present);
  const part = (name: string, items: typeof notFound) =>
    items.length > 0 ? [`${name} : ${items.map((item) => item.label).join(', ')}`] : [];
  return [
    ...part(
      'manque',
      notFound.filter((item) => !item.toVerify),
    ),
    ...part(
      'à vérifier',
      notFound.filter((item) => item.toVerify),
    ),
  ].join(' ; ');
}

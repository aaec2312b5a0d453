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

/** « manque : date de naissance, filiation » or « complet », as agents read it in the list. */
export function completenessLabel(result: { status: 'complete' | 'missing'; items: readonly Pick<ChecklistItemResult, 'label' | 'present'>[] }): string {
  if (result.status === 'complete') return 'complet';
  return `manque : ${result.items.filter((item) => !item.present).map((item) => item.label).join(', ')}`;
}

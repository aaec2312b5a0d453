import type { FicheHit } from './search-fiches';

/**
 * A reply an agent can send as it is: the fiche's section that answers, word for word, with the fiche's title, its
 * date and its link, so the citizen can check the official text and its freshness. Nothing is generated.
 */
export function extractiveAnswer(hit: Pick<FicheHit, 'title' | 'url' | 'section' | 'excerpt' | 'date'>): string {
  const [year, month, day] = hit.date.split('-');
  return [
    `Voici ce qu'indique la fiche officielle « ${hit.title} » (service-public.fr, mise à jour le ${day}/${month}/${year}) :`,
    '',
    hit.section,
    hit.excerpt,
    '',
    `Pour en savoir plus : ${hit.url}`,
  ].join('\n');
}

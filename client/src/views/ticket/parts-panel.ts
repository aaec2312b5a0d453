import type { Ticket } from '../../api/api-types';
import { h } from '../../dom/element';
import { formatConfidence } from '../../labels/format';
import { intentLabel, queueLabel } from '../../labels/taxonomy-labels';

/**
 * A message holding requests for several services. Once split: which excerpt is this ticket's, and the sibling
 * tickets made from the same message (a link where the user serves their queue). Otherwise: each request found,
 * suggested to reception, which reroutes the ticket or passes each request on.
 */
export function renderPartsPanel(ticket: Ticket, servesQueue: (queueId: string) => boolean): HTMLElement | null {
  if (ticket.parts.length === 0) return null;
  const own = ticket.part;
  return h(
    'section',
    { class: 'panel parts-panel', 'aria-labelledby': 'parts-title' },
    h('h2', { id: 'parts-title' }, own === null ? 'Demandes détectées dans ce message' : 'Message à plusieurs demandes'),
    h(
      'p',
      {},
      own === null
        ? `Ce message contient ${ticket.parts.length} demandes pour des services différents. Suggestions du classifieur :`
        : `Ce message contient ${ticket.parts.length} demandes, chacune confiée à son service sous sa propre référence. Ce dossier traite la demande ${own + 1} ; le message complet reste affiché pour le contexte.`,
    ),
    h(
      'ol',
      { class: 'parts-list' },
      ticket.parts.map((part, index) =>
        h(
          'li',
          { class: index === own ? 'part own-part' : 'part', ...(index === own ? { 'aria-current': 'true' } : {}) },
          h(
            'p',
            { class: 'part-heading' },
            h('strong', {}, queueLabel(part.queue)),
            ` — ${intentLabel(part.intent)}`,
            partStatus(ticket, index, servesQueue),
          ),
          h('blockquote', { class: 'part-excerpt' }, part.text),
        ),
      ),
    ),
  );
}

function partStatus(ticket: Ticket, index: number, servesQueue: (queueId: string) => boolean): Node | string {
  const part = ticket.parts[index];
  if (ticket.part === null) return ` (confiance ${formatConfidence(part.confidence)})`;
  if (index === ticket.part) return h('span', { class: 'badge' }, ' ce dossier');
  if (!part.reference || !part.ticketId) return '';
  const reference = servesQueue(part.queue)
    ? h('a', { href: `#/demandes/${encodeURIComponent(part.ticketId)}` }, part.reference)
    : h('span', {}, part.reference);
  return h('span', {}, ' — dossier lié ', reference);
}

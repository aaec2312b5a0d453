import type { Ticket } from '../../api/api-types';
import { h } from '../../dom/element';
import { entityLabel } from '../../labels/entity-labels';
import { formatFileSize } from '../../labels/format';
import { channelLabels } from '../../labels/ticket-labels';
import { isPreviewable } from './attachment-preview';
import { highlightSegments } from './highlight-segments';

/**
 * The citizen's message exactly as written, as text: whatever it contains (markup, scripts) is shown, never
 * interpreted. Extracted facts are marked where they were found.
 */
export function renderMessagePanel(
  ticket: Ticket,
  onDownload: (storageId: string, filename: string) => void,
  onPreview: (attachment: PreviewedAttachment, place: HTMLElement) => void,
): HTMLElement {
  const request = ticket.request;
  if (!request)
    return h('section', { class: 'panel' }, h('h2', {}, 'Message'), h('p', {}, 'Le message de cette demande n’est plus disponible.'));
  const requester = request.requester;
  const body = h(
    'div',
    { class: 'message-text', 'aria-label': 'Texte du message' },
    highlightSegments(request.text, ticket.entities).map((segment) =>
      segment.entity
        ? h(
            'mark',
            { class: `entity entity-${segment.entity.type}`, title: `${entityLabel(segment.entity.type)} : ${segment.entity.value}` },
            segment.text,
            h('span', { class: 'visually-hidden' }, ` (${entityLabel(segment.entity.type)})`),
          )
        : segment.text,
    ),
  );
  return h(
    'section',
    { class: 'panel message-panel', 'aria-labelledby': 'message-title' },
    h('h2', { id: 'message-title' }, 'Message de l’usager'),
    h(
      'dl',
      { class: 'meta-list' },
      meta('Objet', request.subject || '(sans objet)'),
      meta('De', [requester.name, requester.email, requester.phone].filter(Boolean).join(' · ') || 'Non renseigné'),
      meta('Canal', channelLabels[request.channel] ?? request.channel),
    ),
    body,
    request.attachments.length > 0
      ? h(
          'div',
          { class: 'attachments' },
          h('h3', {}, 'Pièces jointes'),
          h(
            'ul',
            {},
            request.attachments.map((attachment) =>
              h(
                'li',
                {},
                attachment.storageId
                  ? h(
                      'button',
                      { type: 'button', class: 'link-button', onClick: () => onDownload(attachment.storageId!, attachment.filename) },
                      `Télécharger ${attachment.filename}`,
                    )
                  : h('span', {}, attachment.filename),
                ` — ${attachment.contentType}, ${formatFileSize(attachment.size)}`,
                attachment.storageId && isPreviewable(attachment.contentType)
                  ? [
                      ' — ',
                      previewButton(
                        { storageId: attachment.storageId, filename: attachment.filename, contentType: attachment.contentType },
                        onPreview,
                      ),
                    ]
                  : null,
                attachment.refusedReason ? h('span', { class: 'refused' }, ` — refusée : ${attachment.refusedReason}`) : null,
              ),
            ),
          ),
        )
      : null,
  );
}

/** Shows the attachment under its line, once. */
export interface PreviewedAttachment {
  storageId: string;
  filename: string;
  contentType: string;
}

function previewButton(
  attachment: PreviewedAttachment,
  onPreview: (attachment: PreviewedAttachment, place: HTMLElement) => void,
): HTMLElement {
  const place = h('div', {});
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      onClick: () => {
        button.disabled = true;
        onPreview(attachment, place);
      },
    },
    `Aperçu de ${attachment.filename}`,
  );
  return h('span', {}, button, place);
}

function meta(label: string, value: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

import { refusalMessage } from '../../api/api-error';
import type { Ticket, TicketStatus } from '../../api/api-types';
import type { Assignee, CannedResponse, MailPreview, ReplyAnswer } from '../../api/desk-types';
import { labelled } from '../../dom/action-form';
import { h, replaceChildren, uniqueId } from '../../dom/element';
import { attachSuggestionList, folded } from '../../dom/suggestion-list';
import { statusLabels } from '../../labels/ticket-labels';
import type { ViewContext } from '../view';
import { DraftKeeper } from './draft-keeper';

/** What a macro (a canned response with a status or tags) does when the reply is sent. */
interface FollowThrough {
  status?: TicketStatus;
  tags?: string[];
}

export interface Composer {
  element: HTMLElement;
  /** Puts a text (a suggested answer) into the reply, after what the agent wrote. */
  insert(text: string): void;
  focusReply(): void;
  focusNote(): void;
  /** The view is left: say so to the colleagues on the ticket. */
  dispose(): void;
}

const cannedTrigger = /(^|\s)(::|\/)([\p{L}\p{N}][\p{L}\p{N} '’-]*)?$/u;
const mentionTrigger = /(^|\s)@([\p{L}'’-]*)$/u;

/**
 * The composer, at the top of the ticket: the reply to the citizen (canned responses with `::` or `/`, the exact
 * mail previewed, « Envoyer » or « Répondre et mettre en attente », a macro's status and tags) and internal notes
 * (`@` mentions a colleague). Drafts are kept on the server as the agent types; colleagues on the ticket learn
 * that this agent is replying. Built once: live updates never touch what is being written.
 */
export async function renderComposer(ticket: Ticket, context: ViewContext, done: (message: string) => void): Promise<Composer> {
  const path = `/api/tickets/${encodeURIComponent(ticket.id)}`;
  const [{ responses }, { assignees }, { drafts }] = await Promise.all([
    context.api.get<{ responses: CannedResponse[] }>(`${path}/canned-responses`),
    context.api.get<{ assignees: Assignee[] }>(`${path}/assignees`),
    context.api.get<{ drafts: { reply: string; note: string } }>(`${path}/drafts`),
  ]);
  const email = ticket.request?.requester.email ?? null;

  // Reply to the citizen.
  const reply = h('textarea', { id: 'reply-text', name: 'text', rows: '6', maxlength: '20000' });
  reply.value = drafts.reply;
  const replyDraft = new DraftKeeper(context.api, `${path}/drafts/reply`);
  let followThrough: FollowThrough = {};
  const macro = h('p', { class: 'macro-chip', hidden: true });
  const cannedList = attachSuggestionList<CannedResponse & { label: string; hint: string }>(reply, {
    label: 'Réponses types',
    trigger: (before) => {
      const match = cannedTrigger.exec(before);
      return match ? { start: match.index + match[1].length, query: match[3] ?? '' } : null;
    },
    items: (query) =>
      responses
        .filter((response) => folded(response.title).includes(folded(query.trim())))
        .map((response) => ({ ...response, label: response.title, hint: macroText(response) || response.text.slice(0, 60) })),
    choose: (response) => response.text,
    chosen: (response) => {
      if (response.status || response.tags.length > 0)
        showMacro({ ...(response.status ? { status: response.status } : {}), tags: response.tags });
    },
  });

  function showMacro(then: FollowThrough): void {
    followThrough = then;
    const text = macroText({ status: then.status ?? null, tags: then.tags ?? [] });
    replaceChildren(
      macro,
      `À l’envoi : ${text}. `,
      h('button', { type: 'button', class: 'link-button', onClick: () => showMacro({}) }, 'Retirer'),
    );
    macro.hidden = !text;
  }

  const previewId = uniqueId('preview');
  const preview = h('section', { class: 'mail-preview', id: previewId, 'aria-label': 'Aperçu du courriel', hidden: true });
  const previewButton = h(
    'button',
    { type: 'button', class: 'button', 'aria-controls': previewId, 'aria-expanded': 'false', onClick: () => togglePreview() },
    'Aperçu du courriel',
  );
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

  async function togglePreview(): Promise<void> {
    if (!preview.hidden) {
      preview.hidden = true;
      previewButton.setAttribute('aria-expanded', 'false');
      return;
    }
    await guarded(async () => {
      const { mail } = await context.api.post<{ mail: MailPreview }>(`${path}/replies/preview`, { text: reply.value });
      replaceChildren(
        preview,
        h('h3', {}, 'Le courriel tel que l’usager le recevra'),
        h('dl', { class: 'meta-list' }, h('dt', {}, 'À'), h('dd', {}, mail.to), h('dt', {}, 'Objet'), h('dd', {}, mail.subject)),
        h('pre', { class: 'mail-preview-text' }, mail.text),
      );
      preview.hidden = false;
      previewButton.setAttribute('aria-expanded', 'true');
    });
  }

  async function send(then: FollowThrough, message: string): Promise<void> {
    if (!reply.value.trim()) throw new Error('Écrivez votre réponse avant de l’envoyer.');
    replyDraft.cancel();
    await context.api.post<ReplyAnswer>(`${path}/replies`, { text: reply.value, ...then });
    reply.value = '';
    showMacro({});
    preview.hidden = true;
    previewButton.setAttribute('aria-expanded', 'false');
    context.live.announcePresence(ticket.id, 'viewing');
    done(message);
  }

  const sendButton = h('button', { type: 'submit', class: 'button button-primary' }, 'Envoyer la réponse');
  const sendAndWait = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onClick: () =>
        guarded(() => send({ ...followThrough, status: 'pending' }, 'Réponse envoyée ; la demande est en attente de l’usager.')),
    },
    'Répondre et mettre en attente',
  );
  const replyForm = h(
    'form',
    {
      class: 'composer-form',
      novalidate: true,
      onSubmit: (event: SubmitEvent) => {
        event.preventDefault();
        return guarded(() => send(followThrough, 'Réponse enregistrée : elle part par courriel.'));
      },
    },
    labelled(
      'Votre réponse',
      reply,
      `Par courriel à ${email}, référence ${ticket.reference} en objet. « :: » ou « / » : réponses types. Ctrl+Entrée : envoyer ; Ctrl+Maj+Entrée : répondre et mettre en attente.`,
    ),
    cannedList,
    macro,
    h('div', { class: 'composer-buttons' }, sendButton, sendAndWait, previewButton),
    preview,
  );

  // Internal note.
  const note = h('textarea', { id: 'note-text', name: 'note', rows: '3', maxlength: '5000' });
  note.value = drafts.note;
  const noteDraft = new DraftKeeper(context.api, `${path}/drafts/note`);
  const mentionList = attachSuggestionList<Assignee & { label: string; hint: string }>(note, {
    label: 'Collègues à mentionner',
    trigger: (before) => {
      const match = mentionTrigger.exec(before);
      return match ? { start: match.index + match[1].length, query: match[2] } : null;
    },
    items: (query) =>
      assignees
        .filter((colleague) => colleague.id !== context.session.user.id && folded(colleague.displayName).includes(folded(query)))
        .map((colleague) => ({
          ...colleague,
          label: colleague.displayName,
          hint: colleague.role === 'supervisor' ? 'superviseur' : 'agent',
        })),
    choose: (colleague) => `@${colleague.displayName} `,
  });
  const noteForm = h(
    'form',
    {
      class: 'composer-form',
      novalidate: true,
      onSubmit: (event: SubmitEvent) => {
        event.preventDefault();
        return guarded(async () => {
          if (!note.value.trim()) throw new Error('Écrivez la note avant de l’ajouter.');
          noteDraft.cancel();
          await context.api.post(`${path}/notes`, { text: note.value });
          note.value = '';
          done('Note interne ajoutée : seuls vos collègues la voient.');
        });
      },
    },
    labelled('Note interne', note, 'Jamais envoyée à l’usager. « @ » suivi d’un nom prévient un·e collègue.'),
    mentionList,
    h('div', { class: 'composer-buttons' }, h('button', { type: 'submit', class: 'button' }, 'Ajouter la note')),
  );

  async function guarded(action: () => Promise<void>): Promise<void> {
    error.hidden = true;
    try {
      await action();
    } catch (failure) {
      error.textContent = refusalMessage(failure);
      error.hidden = false;
    }
  }

  let replying = false;
  reply.addEventListener('input', () => {
    replyDraft.save(reply.value);
    const nowReplying = reply.value.trim() !== '';
    if (nowReplying !== replying) context.live.announcePresence(ticket.id, nowReplying ? 'replying' : 'viewing');
    replying = nowReplying;
  });
  reply.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    if (event.shiftKey) sendAndWait.click();
    else replyForm.requestSubmit();
  });
  note.addEventListener('input', () => noteDraft.save(note.value));
  note.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      noteForm.requestSubmit();
    }
  });
  replying = reply.value.trim() !== '';
  context.live.announcePresence(ticket.id, replying ? 'replying' : 'viewing');

  const element = h(
    'section',
    { class: 'panel composer', 'aria-labelledby': 'composer-title' },
    h('h2', { id: 'composer-title' }, 'Répondre'),
    email
      ? replyForm
      : h('p', { class: 'hint' }, 'L’usager n’a pas laissé d’adresse de courriel : la réponse ne peut pas lui être envoyée par courriel.'),
    noteForm,
    error,
  );
  return {
    element,
    insert(text: string) {
      reply.value = reply.value.trim() ? `${reply.value.trimEnd()}\n\n${text}` : text;
      reply.dispatchEvent(new Event('input', { bubbles: true }));
      reply.focus();
    },
    focusReply: () => reply.focus(),
    focusNote: () => note.focus(),
    dispose() {
      replyDraft.flush();
      noteDraft.flush();
      context.live.announcePresence(ticket.id, 'left');
    },
  };
}

function macroText(response: Pick<CannedResponse, 'status' | 'tags'>): string {
  return [
    response.status ? `statut « ${statusLabels[response.status]} »` : '',
    response.tags.length > 0 ? `étiquette${response.tags.length > 1 ? 's' : ''} ${response.tags.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export const noiseKinds = ['bounce', 'spam', 'auto-reply', 'bulk'] as const;
export type NoiseKind = (typeof noiseKinds)[number];

export interface NoiseVerdict {
  kind: NoiseKind;
  /** French, for the supervisors who review what was set aside. */
  reason: string;
}

export interface NoiseSignals {
  headers: ReadonlyMap<string, string>;
  contentType: string;
  subject: string;
  senderAddress: string;
}

const bounceSenders = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const bounceSubjects =
  /^(undeliver(ed|able)( mail)?|delivery (status notification|failure|has failed)|mail delivery (failed|failure|system)|returned mail|non remis|message non remis|échec de (la )?(remise|distribution)|non distribuable)/i;
// Only phrasings auto-responders use: a citizen may well write "Absence - OTV" to say the house will be empty.
const autoReplySubjects =
  /^(r[ée]ponse automatique|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|absente? du bureau|absence du bureau|message d['’]absence|(je suis )?absente? jusqu['’]?(au|à)\b|away from (the )?office|abwesenheitsnotiz|automatische antwort|respuesta autom[áa]tica|risposta automatica)/i;
const spamSubjects = /^\s*(\*{3}\s*spam\s*\*{3}|\[spam\]|\{spam\?\})/i;

function header(signals: NoiseSignals, name: string): string | undefined {
  return signals.headers.get(name);
}

/**
 * Mail that no person wrote to the mairie, so must neither reach a queue nor be answered (answering an
 * auto-responder or a bounce is how mail loops start). Headers set by machines (RFC 3834 Auto-Submitted, the
 * de facto X-Autoreply and Precedence, RFC 3464 delivery reports, spam filters' flags) decide first; subjects
 * only catch the auto-responders that set none of them.
 */
export function noiseVerdict(signals: NoiseSignals): NoiseVerdict | null {
  const contentType = signals.contentType.toLowerCase();
  const subject = signals.subject.replace(/^\s*((re|tr|fwd?|aw)\s*:\s*)+/i, '').trim();
  if (contentType.startsWith('multipart/report') && /report-type=("?)(delivery-status|disposition-notification)\1/.test(contentType)) {
    return contentType.includes('disposition-notification')
      ? { kind: 'auto-reply', reason: 'Accusé de lecture automatique (rapport de notification de disposition).' }
      : { kind: 'bounce', reason: 'Avis de non-remise (rapport de distribution DSN).' };
  }
  if (header(signals, 'x-failed-recipients')) return { kind: 'bounce', reason: 'Avis de non-remise (en-tête X-Failed-Recipients).' };
  if (bounceSenders.test(signals.senderAddress) && bounceSubjects.test(subject)) {
    return { kind: 'bounce', reason: 'Avis de non-remise envoyé par un serveur de messagerie.' };
  }
  if (
    /^yes\b/i.test(header(signals, 'x-spam-flag') ?? '') ||
    /^yes\b/i.test(header(signals, 'x-spam-status') ?? '') ||
    /^yes\b/i.test(header(signals, 'x-spam') ?? '')
  ) {
    return { kind: 'spam', reason: 'Message marqué comme indésirable par le filtre anti-spam du serveur.' };
  }
  if (spamSubjects.test(signals.subject)) return { kind: 'spam', reason: 'Objet marqué comme indésirable par le filtre anti-spam.' };
  const autoSubmitted = header(signals, 'auto-submitted');
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) {
    return { kind: 'auto-reply', reason: `Message automatique (Auto-Submitted: ${autoSubmitted.split(';')[0].trim().slice(0, 40)}).` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-reply', 'x-autoresponder']) {
    if (header(signals, name)) return { kind: 'auto-reply', reason: 'Réponse automatique (en-tête X-Autoreply).' };
  }
  const precedence = (header(signals, 'precedence') ?? '').toLowerCase();
  if (/^(auto_reply|auto-reply)/.test(precedence)) return { kind: 'auto-reply', reason: 'Réponse automatique (Precedence: auto_reply).' };
  if (/^(bulk|junk|list)\b/.test(precedence))
    return { kind: 'bulk', reason: `Envoi automatique en nombre (Precedence: ${precedence.split(/\s/)[0]}).` };
  if (header(signals, 'list-id') || header(signals, 'list-unsubscribe')) {
    return { kind: 'bulk', reason: 'Message d’une liste de diffusion ou lettre d’information (List-Id / List-Unsubscribe).' };
  }
  if (autoReplySubjects.test(subject)) return { kind: 'auto-reply', reason: 'Réponse automatique ou message d’absence (objet).' };
  if (bounceSenders.test(signals.senderAddress))
    return { kind: 'bounce', reason: 'Message d’un serveur de messagerie (MAILER-DAEMON / postmaster).' };
  return null;
}

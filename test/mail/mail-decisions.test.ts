import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import { attachmentVerdicts } from '../../server/mail/attachment-policy';
import { noiseVerdict, type NoiseSignals } from '../../server/mail/noise-verdict';
import { parseInboundEmail } from '../../server/mail/parse-email';
import { automaticMailRefusal } from '../../server/mail/recipient-policy';
import { satisfactionUrl, signSatisfactionToken, verifySatisfactionToken } from '../../server/mail/satisfaction-link';
import { defaultMailTemplate } from '../../server/mail/templates/default-mail-templates';
import { describeOpeningHours } from '../../server/mail/templates/opening-hours-text';
import { mailTemplateProblems, renderMailTemplate } from '../../server/mail/templates/render-mail-template';
import { quotedMessageIds, subjectWithReference, ticketReferenceInSubject } from '../../server/mail/thread-reference';
import { bounceMail, rawMail } from '../support/raw-mail';

function signals(headers: Record<string, string>, overrides: Partial<NoiseSignals> = {}): NoiseSignals {
  return {
    headers: new Map(Object.entries(headers)),
    contentType: 'text/plain',
    subject: 'Demande de rendez-vous',
    senderAddress: 'claire@example.org',
    ...overrides,
  };
}

describe('noise verdicts', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto-reply'],
    [{ 'auto-submitted': 'auto-generated' }, 'auto-reply'],
    [{ 'x-autoreply': 'yes' }, 'auto-reply'],
    [{ precedence: 'bulk' }, 'bulk'],
    [{ precedence: 'junk' }, 'bulk'],
    [{ precedence: 'list' }, 'bulk'],
    [{ 'list-id': '<info.commune.example>' }, 'bulk'],
    [{ 'x-spam-flag': 'YES' }, 'spam'],
    [{ 'x-spam-status': 'Yes, score=12.3' }, 'spam'],
  ])('sets aside a mail with %p as %s', (headers, kind) => {
    expect(noiseVerdict(signals(headers))?.kind).toBe(kind);
  });

  it.each([
    'Réponse automatique : absent',
    "Absent du bureau jusqu'au 12 mars",
    "Je suis absente jusqu'au 3 avril",
    'Automatic reply: Out of Office',
    'RE: Out of office',
    'Message d’absence',
  ])('recognises the out-of-office subject %p without any header', (subject) => {
    expect(noiseVerdict(signals({}, { subject }))?.kind).toBe('auto-reply');
  });

  it('recognises a delivery report and a read receipt by their MIME type', () => {
    expect(noiseVerdict(signals({}, { contentType: 'multipart/report; report-type=delivery-status' }))?.kind).toBe('bounce');
    expect(noiseVerdict(signals({}, { contentType: 'multipart/report; report-type="disposition-notification"' }))?.kind).toBe('auto-reply');
  });

  it('keeps a citizen’s mail, including one that says Auto-Submitted: no or mentions an absence in its text', () => {
    expect(noiseVerdict(signals({ 'auto-submitted': 'no' }))).toBeNull();
    expect(noiseVerdict(signals({}, { subject: "Signaler l'absence d'éclairage rue Victor Hugo" }))).toBeNull();
    expect(noiseVerdict(signals({}, { subject: 'Absence - OTV' }))).toBeNull();
    expect(noiseVerdict(signals({}, { subject: 'Absent pour le second tour : procuration' }))).toBeNull();
    expect(noiseVerdict(signals({}, { subject: 'Re: [AIG-2026-000012] Accusé de réception' }))).toBeNull();
  });

  it('reads the signals of real messages through the parser', async () => {
    const bounce = await parseInboundEmail(bounceMail('<b1@mx.exemple.fr>', 'claire@example.org'));
    expect(
      noiseVerdict({
        headers: bounce.headers,
        contentType: bounce.contentType,
        subject: bounce.request.subject,
        senderAddress: bounce.request.requester.email,
      }),
    ).toMatchObject({ kind: 'bounce' });
    const citizen = await parseInboundEmail(
      await rawMail({ from: 'claire@example.org', subject: 'Acte de naissance', text: 'Bonjour, une copie svp.' }),
    );
    expect(
      noiseVerdict({
        headers: citizen.headers,
        contentType: citizen.contentType,
        subject: citizen.request.subject,
        senderAddress: citizen.request.requester.email,
      }),
    ).toBeNull();
  });
});

describe('automatic mail recipients', () => {
  it.each([
    'no-reply@impots.gouv.fr',
    'noreply@service.fr',
    'ne-pas-repondre@caf.fr',
    'donotreply@x.com',
    'MAILER-DAEMON@mx.fr',
    'bounces+123@list.org',
  ])('never writes automatically to %s', (address) => {
    expect(automaticMailRefusal(address, ['contact@mairie.example'])).toMatch(/ne pas répondre/);
  });

  it('never writes to the shared mailbox itself, nor to an invalid address, and writes to a citizen', () => {
    expect(automaticMailRefusal('Contact@Mairie.example', ['contact@mairie.example'])).toMatch(/boucle/);
    expect(automaticMailRefusal('pas-une-adresse', [])).toMatch(/invalide/);
    expect(automaticMailRefusal('noemie.replyer@example.org', ['contact@mairie.example'])).toBeNull();
  });
});

describe('thread references', () => {
  it('finds a ticket reference in a subject and normalises it', () => {
    expect(ticketReferenceInSubject('RE: [aig-2026-000123] Accusé de réception')).toBe('AIG-2026-000123');
    expect(ticketReferenceInSubject('Facture AIG-2026-12345')).toBeNull();
  });

  it('lists quoted Message-IDs nearest first, without duplicates', () => {
    expect(quotedMessageIds({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] })).toEqual(['<c@x>', '<b@x>', '<a@x>']);
  });

  it('writes reply subjects with one reference and no stacked prefixes', () => {
    expect(subjectWithReference('AIG-2026-000001', 'RE: Re: [AIG-2026-000001] Nid de poule', 'Re : ')).toBe(
      '[AIG-2026-000001] Re : Nid de poule',
    );
  });
});

describe('attachment policy', () => {
  const limits = { maxBytes: 1000, maxCount: 2 };
  const file = (filename: string, contentType = 'application/pdf', size = 10, head = Buffer.from('%PDF-1.7')) => ({
    filename,
    contentType,
    size,
    head,
  });

  it('refuses executables by extension, MIME type or content signature, with a French reason', () => {
    const verdicts = attachmentVerdicts(
      [
        file('facture.pdf.exe'),
        file('script.txt', 'application/javascript'),
        file('photo.jpg', 'image/jpeg', 10, Buffer.from('MZ\x90\x00')),
        file('tableau.xlsm'),
      ],
      limits,
    );
    expect(verdicts.map((verdict) => (verdict.accepted ? 'ok' : verdict.code))).toEqual([
      'dangerous',
      'dangerous',
      'dangerous',
      'dangerous',
    ]);
    expect(verdicts[2]).toMatchObject({ reason: expect.stringContaining('programme Windows') });
  });

  it('refuses what is too large and what exceeds the count, keeping the others', () => {
    const verdicts = attachmentVerdicts([file('a.pdf'), file('grand.pdf', 'application/pdf', 5000), file('b.pdf'), file('c.pdf')], limits);
    expect(verdicts.map((verdict) => (verdict.accepted ? 'ok' : verdict.code))).toEqual(['ok', 'too-large', 'ok', 'too-many']);
  });
});

describe('satisfaction links', () => {
  const secret = 's'.repeat(40);
  const ticketId = '65f1c0ffee0123456789abcd';

  it('verifies its own token and refuses a tampered, re-signed or expired one', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const token = signSatisfactionToken(ticketId, secret, now);
    expect(verifySatisfactionToken(token, secret, now)?.ticketId).toBe(ticketId);
    const [payload, signature] = token.split('.');
    const otherTicket = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(ticketId, '65f1c0ffee0123456789abce')).toString(
      'base64url',
    );
    expect(verifySatisfactionToken(`${otherTicket}.${signature}`, secret, now)).toBeNull();
    expect(verifySatisfactionToken(token, 'x'.repeat(40), now)).toBeNull();
    expect(verifySatisfactionToken(token, secret, new Date('2026-06-01T10:00:00Z'))).toBeNull();
    expect(satisfactionUrl('https://mairie.example/', token, 4)).toBe(`https://mairie.example/satisfaction/${token}?note=4`);
  });
});

describe('mail templates', () => {
  it('renders the acknowledgement without leaving an empty block behind', () => {
    const { subject, text } = renderMailTemplate(defaultMailTemplate('accuse-reception')!, {
      nom: 'Claire Martin',
      reference: 'AIG-2026-000007',
      objet: 'Nid de poule',
      file: 'Voirie',
      delai: 'd’ici le lundi 9 mars 2026',
      horaires: 'le lundi, de 9 h à 12 h',
      piecesRefusees: '',
    });
    expect(subject).toBe('[AIG-2026-000007] Accusé de réception : Nid de poule');
    expect(text).toContain('transmis au service Voirie, qui vous répondra d’ici le lundi 9 mars 2026');
    expect(text).not.toMatch(/\n{3}/);
    expect(text).not.toContain('{{');
  });

  it('refuses a supervisor’s template with an unknown variable or without the agent’s message', () => {
    expect(
      mailTemplateProblems(defaultMailTemplate('accuse-reception')!, { subject: '{{reference}}', body: 'Bonjour {{prenom}}' })[0],
    ).toMatch(/Variable inconnue.*\{\{prenom\}\}/);
    expect(mailTemplateProblems(defaultMailTemplate('reponse-agent')!, { subject: '{{reference}}', body: 'Bonjour' })[0]).toMatch(
      /\{\{message\}\}/,
    );
    expect(mailTemplateProblems(defaultMailTemplate('cloture')!, { subject: '[{{reference}}]', body: '{{lienSatisfaction}}' })).toEqual([]);
  });

  it('describes the opening hours in French, grouping identical days', () => {
    expect(describeOpeningHours(mairieWorkingSchedule)).toBe('du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h 30');
    expect(
      describeOpeningHours({
        ...mairieWorkingSchedule,
        week: { mon: [{ start: '09:00', end: '12:00' }], wed: [{ start: '09:00', end: '12:00' }], sat: [{ start: '09:00', end: '11:30' }] },
      }),
    ).toBe('le lundi, de 9 h à 12 h ; le mercredi, de 9 h à 12 h ; le samedi, de 9 h à 11 h 30');
  });
});

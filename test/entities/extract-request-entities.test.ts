import { extractEntities } from '../../classifiers/entities/extract-entities';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';

const context = { receivedAt: new Date('2025-03-12T10:00:00Z'), timeZone: 'Europe/Paris' };
const reply = [
  'Bonjour,',
  'Je viendrai le 19 mars avec le dossier. Mon numéro : 06 12 34 56 78.',
  'Cordialement,',
  'Marie Durand',
  '',
  'Le mar. 4 mars 2025 à 09:12, Mairie <contact@mairie.example> a écrit :',
  '> Madame, merci de venir avant le 31 mars avec votre acte de naissance.',
  '> Jean Dupont, service état civil',
].join('\n');

describe('extractRequestEntities', () => {
  it('keeps the citizen’s own entities, with the same spans as in the own text, and marks the quoted header date', () => {
    const found = extractRequestEntities(reply, context);
    const ownText = reply.slice(0, reply.indexOf('\n\nLe mar.'));

    expect(found.filter((entity) => !entity.fromQuotedHistory)).toEqual(extractEntities(ownText, context));
    expect(found.filter((entity) => entity.fromQuotedHistory)).toEqual([
      {
        type: 'date',
        value: '2025-03-04',
        text: '4 mars 2025',
        start: reply.indexOf('4 mars 2025'),
        end: reply.indexOf('4 mars 2025') + 11,
        fromQuotedHistory: true,
      },
    ]);
    for (const entity of found) expect(reply.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('leaves out what the quoted message says: its dates, names, emails and acts', () => {
    const values = extractRequestEntities(reply, context).map((entity) => entity.value);
    expect(values).not.toContain('2025-03-31');
    expect(values).not.toContain('Jean Dupont');
    expect(values).not.toContain('contact@mairie.example');
    expect(values).not.toContain('naissance');
  });

  it.each([
    ['an English Gmail reply', 'On Tue, 4 Mar 2025 at 09:12, Mairie <contact@mairie.example> wrote:\n> Dear Madam'],
    ['a Spanish Gmail reply', 'El mar, 4 mar 2025 a las 9:12, Mairie (<contact@mairie.example>) escribió:\n> Señora'],
    ['a Portuguese Gmail reply', 'Em ter., 4 de mar. de 2025 às 09:12, Mairie <contact@mairie.example> escreveu:\n> Senhora'],
    ['a French Outlook reply', 'De : Mairie <contact@mairie.example>\nEnvoyé : mardi 4 mars 2025 09:12\nÀ : Marie\nObjet : Votre demande'],
    [
      'an English Outlook reply',
      'From: Mairie <contact@mairie.example>\nSent: Tuesday, March 4, 2025 9:12 AM\nTo: Marie\nSubject: Your request',
    ],
    [
      'a Gmail forward',
      '---------- Forwarded message ---------\nFrom: Mairie <contact@mairie.example>\nDate: Tue, 4 Mar 2025 at 09:12\nSubject: Votre demande',
    ],
    ['a Thunderbird reply', 'Le 04/03/2025 à 09:12, Mairie a écrit :\n> Madame'],
  ])('marks the header date of %s', (_, quoted) => {
    const text = `Hello, I will come on 19 March.\nMarie Durand\n\n${quoted}`;
    const dates = extractRequestEntities(text, context).filter((entity) => entity.type === 'date');
    expect(dates.map(({ value, fromQuotedHistory }) => ({ value, fromQuotedHistory }))).toEqual([
      { value: '2025-03-19', fromQuotedHistory: undefined },
      { value: '2025-03-04', fromQuotedHistory: true },
    ]);
  });

  it('marks the header date once when a forwarded message is the whole text', () => {
    const text =
      '---------- Forwarded message ---------\nFrom: Paul <paul@example.com>\nDate: Mon, 3 Mar 2025 at 22:41\n\nLe bar fait du bruit depuis le 1er mars.';
    const dates = extractRequestEntities(text, context).filter((entity) => entity.type === 'date');
    expect(dates.map(({ value, fromQuotedHistory }) => ({ value, fromQuotedHistory }))).toEqual([
      { value: '2025-03-03', fromQuotedHistory: true },
      { value: '2025-03-01', fromQuotedHistory: undefined },
    ]);
  });

  it('leaves a message without quoted history as the extractors read it', () => {
    const text = 'Bonjour, parcelle AB 12, rappel le 3 mars 2025 au 06 12 34 56 78.';
    expect(extractRequestEntities(text, context)).toEqual(extractEntities(text, context));
  });
});

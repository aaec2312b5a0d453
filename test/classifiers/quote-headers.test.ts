import { findQuoteHeaders } from '../../classifiers/text/quote-headers';
import { stripQuotedReply } from '../../classifiers/text/strip-quoted-reply';

const own = 'Bonjour,\nVoici le document.\nMarie Durand';
const dateFieldsOf = (text: string) =>
  findQuoteHeaders(text).flatMap((header) => header.dateFields.map((field) => text.slice(field.start, field.end)));

describe('quote headers', () => {
  it.each([
    [
      'Gmail, French',
      'Le mar. 4 mars 2025 à 09:12, Mairie <contact@mairie.example> a écrit :\n> Madame,',
      ['Le mar. 4 mars 2025 à 09:12, Mairie <contact@mairie.example> a écrit :'],
    ],
    [
      'Gmail, English',
      'On Tue, 4 Mar 2025 at 09:12, Mairie <contact@mairie.example> wrote:\n> Dear Madam,',
      ['On Tue, 4 Mar 2025 at 09:12, Mairie <contact@mairie.example> wrote:'],
    ],
    [
      'Gmail, Spanish',
      'El lun, 31 mar 2025 a las 15:20, Mairie (<contact@mairie.example>) escribió:\n> Madame,',
      ['El lun, 31 mar 2025 a las 15:20, Mairie (<contact@mairie.example>) escribió:'],
    ],
    [
      'Gmail, Portuguese',
      'Em ter., 6 de mai. de 2025 às 10:42, Mairie <contact@mairie.example> escreveu:\n> Monsieur,',
      ['Em ter., 6 de mai. de 2025 às 10:42, Mairie <contact@mairie.example> escreveu:'],
    ],
    [
      'Thunderbird, German',
      'Am 13.08.2025 um 16:02 schrieb Mairie <contact@mairie.example>:\n> Monsieur,',
      ['Am 13.08.2025 um 16:02 schrieb Mairie <contact@mairie.example>:'],
    ],
    [
      'Thunderbird, unaccented',
      'Le 02/04/2025 a 18:45, Ecole Jules Ferry a ecrit :\n> Madame,',
      ['Le 02/04/2025 a 18:45, Ecole Jules Ferry a ecrit :'],
    ],
    [
      'an attribution wrapped over two lines',
      'Le jeu. 13 mars 2025 à 11:05, Service Urbanisme <urbanisme@cenon.example>\na écrit :\n> Monsieur,',
      ['Le jeu. 13 mars 2025 à 11:05, Service Urbanisme <urbanisme@cenon.example>\na écrit :'],
    ],
    [
      'a nested attribution behind quote marks',
      '> Le 5 mars 2025 à 14:22, Anne Leroy <anne@example.org> a écrit :\n>\n> Bonjour,',
      ['Le 5 mars 2025 à 14:22, Anne Leroy <anne@example.org> a écrit :'],
    ],
    [
      'Outlook, French',
      'De : Thierry Vasseur <t.vasseur@free.fr>\nEnvoyé : mardi 4 mars 2025 09:12\nÀ : contact@mairie.example\nObjet : Élagage\n\nBonjour,',
      ['mardi 4 mars 2025 09:12'],
    ],
    [
      'Outlook, English',
      'From: Lucy Barnes <lucy@example.com>\nSent: Saturday, September 20, 2025 7:42 PM\nTo: Ian\nSubject: tree',
      ['Saturday, September 20, 2025 7:42 PM'],
    ],
    [
      'Outlook, Portuguese',
      'De: João Valente <jv@example.pt>\nEnviada: sexta-feira, 21 de março de 2025 16:10\nPara: contact@mairie.example\nAssunto: Certidão',
      ['sexta-feira, 21 de março de 2025 16:10'],
    ],
    [
      "Outlook's original message",
      "-----Message d'origine-----\nDe : Pierre <p@example.org>\nEnvoyé : lundi 16/12/2024 10:31\nObjet : Demande",
      ['lundi 16/12/2024 10:31'],
    ],
    [
      'a Gmail forward',
      '---------- Forwarded message ---------\nFrom: Paul Reid <paul@example.com>\nDate: Mon, 27 Oct 2025 at 22:41\nSubject: Noise\nTo: <contact@mairie.example>',
      ['Mon, 27 Oct 2025 at 22:41'],
    ],
    [
      'an Apple Mail forward',
      'Début du message réexpédié :\n\nDe: Paul <paul@example.com>\nObjet: Bruit\nDate: 27 octobre 2025 à 22:41:03 UTC+1\nÀ: contact@mairie.example',
      ['27 octobre 2025 à 22:41:03 UTC+1'],
    ],
  ])('finds the date part of the header of %s', (_, quoted, expected) => {
    const text = `${own}\n\n${quoted}`;
    expect(dateFieldsOf(text)).toEqual(expected);
    expect(stripQuotedReply(text)).toBe(own);
  });

  it.each([
    ["a citizen's sentence ending like an attribution", "Bonjour,\nLe maire m'a écrit :\nvenez lundi.", "Le maire m'a écrit", 0],
    [
      'a sentence starting with « Le » just above an attribution',
      'Bonjour,\nLe trou n’est pas rebouché.\nChristophe\nLe 4 février à 9:15, Mairie <contact@mairie.example> a écrit :\n> Bonjour',
      'Le trou',
      1,
    ],
    ['a form-like date line without sender', 'Nom : Durand\nDate : 12/03/2025\nObjet : acte de naissance', 'Date : 12', 0],
  ])('does not read %s as a header', (_, text, notHeader, headerCount) => {
    const headers = findQuoteHeaders(text).map((header) => text.slice(header.start, header.end));
    expect(headers.filter((header) => header.includes(notHeader))).toEqual([]);
    expect(headers).toHaveLength(headerCount);
  });

  it('keeps the text a prefix of the message, leading blanks included', () => {
    const text = '\n  Bonjour, voici.\n\nOn Tue, 4 Mar 2025 at 09:12, X <x@example.org> wrote:\n> Hello';
    expect(text.startsWith(stripQuotedReply(text))).toBe(true);
    expect(stripQuotedReply(text)).toBe('\n  Bonjour, voici.');
  });

  it('keeps a whole forwarded message with nothing written above it', () => {
    const text = '---------- Forwarded message ---------\nFrom: Paul <paul@example.com>\nDate: Mon, 27 Oct 2025 at 22:41\n\nHello';
    expect(stripQuotedReply(text)).toBe(text);
  });
});

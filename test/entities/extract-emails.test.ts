import { extractEmails } from '../../classifiers/entities/extract-emails';

const emailsIn = (text: string) => extractEmails(text).map((entity) => entity.value);

describe('extractEmails', () => {
  it('lower-cases addresses and leaves trailing punctuation out', () => {
    expect(emailsIn('Écrivez à Marie.Durand@Example.FR. Ou à jean-pierre_2+mairie@orange.fr, merci')).toEqual([
      'marie.durand@example.fr',
      'jean-pierre_2+mairie@orange.fr',
    ]);
  });

  it('keeps the original spelling in the span', () => {
    const [email] = extractEmails('mail: Marie.Durand@Example.FR');
    expect(email.text).toBe('Marie.Durand@Example.FR');
  });

  it.each([
    ['a twitter handle', 'suivez @mairie'],
    ['a domain without a user', 'voir www.mairie.fr'],
    ['an address without a top-level domain', 'marie@localhost'],
    ['an at sign between words', 'rendez-vous @ 10h'],
  ])('ignores %s', (_, text) => {
    expect(emailsIn(text)).toEqual([]);
  });
});

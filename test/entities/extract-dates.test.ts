import { extractDates } from '../../classifiers/entities/extract-dates';

// Wednesday 12 March 2025, 11:00 in Paris.
const receivedAt = new Date('2025-03-12T10:00:00Z');
const datesIn = (text: string, at = receivedAt) => extractDates(text, at).map((entity) => entity.value);

describe('extractDates', () => {
  it.each([
    ['rendez-vous le 3 mars 2025 à 10h', '2025-03-03'],
    ['né le 03/03/2015 à Bordeaux', '2015-03-03'],
    ['le 3/3/25', '2025-03-03'],
    ['le 12.05.58', '1958-05-12'],
    ['date : 2024-11-30', '2024-11-30'],
    ['le 1er avril', '2025-04-01'],
    ['le 1 er avril 2024', '2024-04-01'],
    ['mariage prévu le 14 JUILLET 2026', '2026-07-14'],
    ['decede le 2 fevrier 2024', '2024-02-02'],
    ['le 15 sept. 2023', '2023-09-15'],
    ['le 25 août', '2025-08-25'],
    ['le 29/02/2024', '2024-02-29'],
    ['depuis le 12/05 au soir', '2025-05-12'],
  ])('reads the absolute date in %p', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it('keeps the exact span and its offsets', () => {
    const text = 'Depuis le 3 mars 2025, rien.';
    const [date] = extractDates(text, receivedAt);
    expect(date).toMatchObject({ text: '3 mars 2025', start: 10, end: 21 });
  });

  it.each([
    ['hier soir', '2025-03-11'],
    ['avant-hier', '2025-03-10'],
    ['avant hier', '2025-03-10'],
    ["aujourd'hui", '2025-03-12'],
    ['aujourd’hui', '2025-03-12'],
    ['demain matin', '2025-03-13'],
    ['après-demain', '2025-03-14'],
    ['lundi dernier', '2025-03-10'],
    ['mercredi dernier', '2025-03-05'],
    ['mercredi prochain', '2025-03-19'],
    ['lundi prochain', '2025-03-17'],
    ['dans 15 jours', '2025-03-27'],
    ['dans quinze jours', '2025-03-27'],
    ['il y a 3 jours', '2025-03-09'],
    ['il y a deux semaines', '2025-02-26'],
    ['dans une semaine', '2025-03-19'],
  ])('resolves %p against the reception day', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it.each([
    ['le 5 janvier', '2025-12-20T10:00:00Z', '2026-01-05'],
    ['le 20 décembre', '2026-01-03T10:00:00Z', '2025-12-20'],
    ['le 28/12', '2026-01-06T10:00:00Z', '2025-12-28'],
    ['le 1er avril', '2025-03-12T10:00:00Z', '2025-04-01'],
    ['le 29 février', '2025-03-12T10:00:00Z', '2024-02-29'],
  ])('gives %p without year the occurrence nearest to a reception on %s', (text, at, expected) => {
    expect(datesIn(text, new Date(at))).toEqual([expected]);
  });

  it.each([
    ['du 10 au 14 juin', ['2025-06-14', '2025-06-10']],
    ['les 12 et 13 mars 2024', ['2024-03-13', '2024-03-12']],
  ])('reads both ends of the range %p', (text, expected) => {
    expect(datesIn(text)).toEqual(expected);
  });

  it.each([
    ['depuis ce matin', '2025-03-12'],
    ['cet après-midi', '2025-03-12'],
  ])('takes %p as the reception day', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it('uses the day in Paris, not in UTC', () => {
    expect(datesIn('demain', new Date('2025-03-12T23:30:00Z'))).toEqual(['2025-03-14']);
  });

  it.each([
    ['impossible day', 'le 31/02/2025'],
    ['29 February of a common year', 'le 29/02/2023'],
    ['30 February written out', 'le 30 février 2024'],
    ['a fraction', 'les 3/4 du terrain'],
    ['a phone number', '06.12.34.56.78'],
    ['a word containing hier', 'le fichier et le cahier'],
    ['a duration that is not a date', 'il y a 3 jours de retard'],
    ['days counted in excess', 'il y a 3 jours en trop sur la facture'],
    ['a fraction introduced by le', 'le 3/4 des lampadaires'],
    ['an impossible day without year', 'le 31/11'],
    ['working days', 'dans 10 jours ouvrés'],
    ['a month and a year only', 'en mars 2025'],
    ['a version number', 'version 1.2.2025.4'],
  ])('finds no date in %s', (_, text) => {
    expect(datesIn(text)).toEqual([]);
  });
});

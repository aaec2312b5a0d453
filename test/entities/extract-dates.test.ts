import { extractDates } from '../../classifiers/entities/extract-dates';

// Wednesday 12 March 2025, 11:00 in Paris.
const receivedAt = new Date('2025-03-12T10:00:00Z');
const datesIn = (text: string, at = receivedAt, timeZone = 'Europe/Paris') =>
  extractDates(text, { receivedAt: at, timeZone }).map((entity) => entity.value);

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
    const [date] = extractDates(text, { receivedAt, timeZone: 'Europe/Paris' });
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

  it('uses the day in the town hall’s time zone, not in UTC', () => {
    expect(datesIn('demain', new Date('2025-03-12T23:30:00Z'))).toEqual(['2025-03-14']);
    expect(datesIn('demain', new Date('2025-07-12T22:30:00Z'))).toEqual(['2025-07-14']);
    expect(datesIn('demain', new Date('2025-03-13T02:30:00Z'), 'America/Cayenne')).toEqual(['2025-03-13']);
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

  it.each([
    ['born on 2 June 1985', '1985-06-02'],
    ['married on June 2nd, 2012', '2012-06-02'],
    ['March 3rd, 2025', '2025-03-03'],
    ['Sunday 18 May 2025', '2025-05-18'],
    ['born 19th September 1990', '1990-09-19'],
    ['born here 23rd jan 2019', '2019-01-23'],
    ['the lift is broken since Nov 24, 2025', '2025-11-24'],
    ['Sent: Saturday, September 20, 2025 7:42 PM', '2025-09-20'],
    ['On Tue, 4 Mar 2025 at 09:12', '2025-03-04'],
    ['getting married on 30 august 2025', '2025-08-30'],
    ['nacido el 3 de mayo de 2024', '2024-05-03'],
    ['se casaron el 14 de julio de 1978', '1978-07-14'],
    ['el 1º de enero del 2024', '2024-01-01'],
    ['El lun, 31 mar 2025 a las 15:20', '2025-03-31'],
    ['nascido a 3 de março de 2025', '2025-03-03'],
    ['Enviada: sexta-feira, 21 de março de 2025 16:10', '2025-03-21'],
    ['Em ter., 6 de mai. de 2025 às 10:42', '2025-05-06'],
    ['casado a 2 de agosto de 1975', '1975-08-02'],
    ['morto il 25 agosto 2025', '2025-08-25'],
    ['my lease started 10/15/2024', '2024-10-15'],
    ['my appointment is on 17/06 at 14:30', '2025-06-17'],
    ['el 17/06 por la tarde', '2025-06-17'],
  ])('reads the date in %p', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it.each([
    ['on the 12th of July', '2025-07-12'],
    ['before the 6th of May', '2025-05-06'],
    ['until August 10th', '2025-08-10'],
    ['on 5 January', '2025-01-05'],
    ['el 8 de enero', '2025-01-08'],
    ['no dia 12 de junho', '2025-06-12'],
    ['desde 15 de julho', '2025-07-15'],
  ])('gives %p without year the nearest occurrence', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it.each([
    ['from 2 May to 27 June', ['2025-05-02', '2025-06-27']],
    ['the elections of 15 and 22 March 2026', ['2026-03-22', '2026-03-15']],
    ['del 10 al 12 de julio', ['2025-07-12', '2025-07-10']],
    ['de 3 a 5 de maio', ['2025-05-05', '2025-05-03']],
  ])('reads both dates of %p', (text, expected) => {
    expect(datesIn(text)).toEqual(expected);
  });

  it('points an English date at its own words', () => {
    const [date] = extractDates('Married on June 2nd, 2012 in Pessac', { receivedAt, timeZone: 'Europe/Paris' });
    expect(date).toMatchObject({ text: 'June 2nd, 2012', start: 11, end: 25 });
  });

  it.each([
    ['yesterday', '2025-03-11'],
    ['last night', '2025-03-11'],
    ['this morning', '2025-03-12'],
    ['tomorrow', '2025-03-13'],
    ['the day after tomorrow', '2025-03-14'],
    ['last Monday', '2025-03-10'],
    ['next Friday', '2025-03-14'],
    ['mi abuelo murió ayer', '2025-03-11'],
    ['hoy', '2025-03-12'],
    ['esta mañana', '2025-03-12'],
    ['mañana por la mañana', '2025-03-13'],
    ['pasado mañana', '2025-03-14'],
    ['el lunes pasado', '2025-03-10'],
    ['el próximo lunes', '2025-03-17'],
    ['ontem um carro', '2025-03-11'],
    ['amanhã', '2025-03-13'],
    ['na próxima segunda-feira', '2025-03-17'],
  ])('resolves %p against the reception day', (text, expected) => {
    expect(datesIn(text)).toEqual([expected]);
  });

  it.each([
    ['a month and year in English', 'she starts CP in September 2026'],
    ['a month and year, month first', 'the bill from May 2025'],
    ['times of day', 'flashing from 10:30 pm to 2:15 am, call at 09:12'],
    ['an hour after a month', 'March 12:30'],
    ['an abbreviation that is a word without a year', 'el 3 de mar, 3 out of 5, 2 set'],
    ['Tuesday in Spanish before a day', 'el mar 14, a las 9:00'],
    ['a duration in English', '2 weeks ago'],
    ['a reference number', 'Ticket reference 2025-0912-77'],
    ['a receipt number', 'recibo n.º 2025/0917'],
    ['an ANTS number', 'numéro ANTS 2503-1212-4588'],
    ['a dotted reference glued to other digits', 'dossier 12.03.2024-558'],
    ['an amount', 'I paid 3.50 € on 12 machines'],
    ['a section number', 'section 4.2 of the regulations'],
    ['in the morning, in Spanish', 'por la mañana'],
    ['nowadays, in Spanish', 'hoy en día'],
    ['a weekday without direction', 'desde el lunes'],
    ['the last Friday of a month', 'the last Friday of the month'],
    ['a fraction in English', 'on 3/4 of the plot'],
  ])('finds no date in %s', (_, text) => {
    expect(datesIn(text)).toEqual([]);
  });
});

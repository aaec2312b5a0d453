import { highlightSegments } from '../../client/src/views/ticket/highlight-segments';

const message = 'Né le 12 mars 1985, joignable au 06 12 34 56 78.';
const date = { type: 'date', value: '1985-03-12', text: '12 mars 1985', start: 6, end: 18 };
const phone = { type: 'phone', value: '0612345678', text: '06 12 34 56 78', start: 33, end: 47 };

describe('the message cut into plain text and highlighted entities', () => {
  it('marks each entity at its offsets and keeps every character of the message, in order', () => {
    const segments = highlightSegments(message, [phone, date]);
    expect(segments.map((segment) => segment.text).join('')).toBe(message);
    expect(segments.filter((segment) => segment.entity).map((segment) => [segment.text, segment.entity?.type])).toEqual([
      ['12 mars 1985', 'date'],
      ['06 12 34 56 78', 'phone'],
    ]);
  });

  it('finds the entity by its text when the offsets point elsewhere (offsets of the message without its quoted reply)', () => {
    const shifted = `Re: ${message}`;
    const segments = highlightSegments(shifted, [date]);
    expect(segments.find((segment) => segment.entity)?.text).toBe('12 mars 1985');
    expect(segments.map((segment) => segment.text).join('')).toBe(shifted);
  });

  it('keeps the earlier, longer entity when two overlap, and ignores entities absent from the text or incomplete', () => {
    const overlapping = { type: 'person', value: 'mars', text: 'mars', start: 9, end: 13 };
    const absent = { type: 'email', value: 'x@example.org', text: 'x@example.org', start: 0, end: 13 };
    const incomplete = { type: null, value: null, text: null, start: null, end: null };
    const segments = highlightSegments(message, [overlapping, date, absent, incomplete]);
    expect(segments.filter((segment) => segment.entity).map((segment) => segment.entity?.type)).toEqual(['date']);
    expect(segments.map((segment) => segment.text).join('')).toBe(message);
  });

  it('returns the whole message as plain text when nothing was found', () => {
    expect(highlightSegments('<script>alert(1)</script>', [])).toEqual([{ text: '<script>alert(1)</script>', entity: null }]);
  });
});

import type { Entity } from '../../classifiers/entities/entity';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { mergeLlmEntities } from '../../classifiers/llm/merge-llm-entities';

const context = { receivedAt: new Date('2026-03-10T10:00:00Z'), timeZone: 'Europe/Paris' };
const extract = (snippet: string) => extractEntities(snippet, context);
const text = 'Bonjour, mon dossier PC 033 063 24 00012 déposé le 3 mars 2025 concerne la parcelle section AB n° 123. Merci.';

describe('merging the entities the LLM reported', () => {
  it('keeps those the local extractors confirm, with their normalised value and exact place in the text', () => {
    const merged = mergeLlmEntities(
      text,
      [],
      [
        { type: 'permit_ref', text: 'PC 033 063 24 00012' },
        { type: 'cadastral_ref', text: 'section AB n° 123' },
        { type: 'date', text: '3 mars 2025' },
      ],
      extract,
    );

    expect(merged.map(({ type, value, text: quoted }) => ({ type, value, text: quoted }))).toEqual([
      { type: 'permit_ref', value: 'PC 033063 24 00012', text: 'PC 033 063 24 00012' },
      { type: 'date', value: '2025-03-03', text: '3 mars 2025' },
      { type: 'cadastral_ref', value: 'AB 123', text: 'AB n° 123' },
    ]);
    for (const entity of merged) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it.each([
    ['a reference absent from the text', { type: 'permit_ref', text: 'PC 033 063 24 99999' }],
    ['a wrong type', { type: 'date', text: 'PC 033 063 24 00012' }],
    ['a kind of personal data the LLM only sees masked', { type: 'person', text: 'Jean Dupont' }],
    ['a type that does not exist', { type: 'numero_fiscal', text: '3 mars 2025' }],
    ['something that is not an entity', 'PC 033 063 24 00012'],
  ])('drops %s', (_case, reported) => {
    expect(mergeLlmEntities(`${text} Jean Dupont`, [], [reported], extract)).toEqual([]);
  });

  it('does not take a quote found only inside a longer number', () => {
    expect(mergeLlmEntities('Rendez-vous le 13 mars 2025.', [], [{ type: 'date', text: '3 mars 2025' }], extract)).toEqual([]);
  });

  it('leaves a local entity alone rather than adding an overlapping one', () => {
    const local: Entity[] = extract(text).filter((entity) => entity.type === 'date');
    expect(local).toHaveLength(1);

    expect(mergeLlmEntities(text, local, [{ type: 'date', text: '3 mars 2025' }], extract)).toEqual(local);
  });
});

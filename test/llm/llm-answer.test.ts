import { readLlmAnswer } from '../../classifiers/llm/llm-answer';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';

const read = (answer: unknown) => readLlmAnswer(defaultTaxonomy, typeof answer === 'string' ? answer : JSON.stringify(answer));
const valid = { queue: 'voirie', intent: 'eclairage-public', confidence: 0.82, reason: 'Un lampadaire est éteint.' };

describe('reading the LLM answer', () => {
  it('accepts a queue and an intent of that queue, with a confidence and a reason', () => {
    expect(read(valid)).toEqual({ ok: true, answer: { ...valid, entities: [] } });
  });

  it('drops fields it did not ask for', () => {
    const reading = read({ ...valid, priority: 'urgent', tags: ['vip'] });
    expect(reading.ok && Object.keys(reading.answer).sort()).toEqual(['confidence', 'entities', 'intent', 'queue', 'reason']);
  });

  it.each([
    ['an invented queue', { ...valid, queue: 'service-des-ovnis' }, ['queue']],
    ['an invented intent', { ...valid, intent: 'signalement-ovni' }, ['intent']],
    ['an intent of another queue', { ...valid, intent: 'copie-acte-naissance' }, ['intent']],
    ['a confidence above 1', { ...valid, confidence: 1.4 }, ['confidence']],
    ['a missing reason', { ...valid, reason: undefined }, ['reason']],
    ['an empty reason', { ...valid, reason: '   ' }, ['reason']],
    ['a list instead of an object', [valid], ['answer']],
  ])('refuses %s, naming only the fields at fault', (_case, answer, fields) => {
    const reading = read(answer);
    expect(reading).toEqual({ ok: false, failure: 'invalid-answer', invalidFields: fields });
    expect(JSON.stringify(reading)).not.toMatch(/ovni/);
  });

  it.each([
    ['cut short', '{"queue": "voirie", "intent": '],
    ['prose', 'La file voirie convient.'],
    ['empty', ''],
  ])('tells malformed JSON (%s) apart from a wrong answer', (_case, content) => {
    expect(read(content)).toEqual({ ok: false, failure: 'malformed-json' });
  });
});

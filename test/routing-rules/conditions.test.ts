import type { Entity } from '../../classifiers/entities/entity';
import { evaluateRules } from '../../routing-rules/evaluate-rules';
import type { Condition } from '../../routing-rules/rule-schema';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';
import { decideWith, holds, routingInput, rule, ruleSet } from './routing-input-builder';

const permit: Entity = { type: 'permit_ref', value: 'PC 075 112 24 00042', text: 'PC 075 112 24 00042', start: 0, end: 19 };
const amount: Entity = { type: 'amount_eur', value: '1 250,50', text: '1 250,50 €', start: 0, end: 10 };

describe('classification conditions', () => {
  test('predicted queue equals / in', () => {
    expect(holds({ kind: 'queue', op: 'equals', value: 'etat-civil' })).toBe(true);
    expect(holds({ kind: 'queue', op: 'equals', value: 'voirie' })).toBe(false);
    expect(holds({ kind: 'queue', op: 'in', values: ['voirie', 'etat-civil'] })).toBe(true);
    expect(holds({ kind: 'queue', op: 'in', values: ['voirie', 'social'] })).toBe(false);
  });

  test('predicted intent equals / in', () => {
    expect(holds({ kind: 'intent', op: 'equals', value: 'copie-acte-naissance' })).toBe(true);
    expect(holds({ kind: 'intent', op: 'in', values: ['pacs', 'procuration'] })).toBe(false);
  });

  test.each([
    ['lt', 0.8, false],
    ['lte', 0.8, true],
    ['gt', 0.79, true],
    ['gte', 0.81, false],
    ['eq', 0.8, true],
  ] as const)('confidence %s %d', (op, value, expected) => {
    expect(holds({ kind: 'confidence', op, value })).toBe(expected);
  });

  test('language ignores case', () => {
    expect(holds({ kind: 'language', op: 'equals', value: 'FR' })).toBe(true);
    expect(holds({ kind: 'language', op: 'in', values: ['en', 'de'] })).toBe(false);
  });

  test('channel', () => {
    expect(holds({ kind: 'channel', op: 'equals', value: 'form' })).toBe(true);
    expect(holds({ kind: 'channel', op: 'equals', value: 'email' })).toBe(false);
    expect(holds({ kind: 'channel', op: 'in', values: ['email'] }, { channel: 'email' })).toBe(true);
  });
});

describe('entity conditions', () => {
  const withEntities = (...entities: Entity[]) => ({ classification: { entities } });

  test('present', () => {
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'present' }, withEntities(permit))).toBe(true);
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'present' }, withEntities(amount))).toBe(false);
  });

  test('equals and in compare values without case', () => {
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'equals', value: 'pc 075 112 24 00042' }, withEntities(permit))).toBe(
      true,
    );
    expect(
      holds({ kind: 'entity', entityType: 'permit_ref', op: 'in', values: ['DP 1', 'PC 075 112 24 00042'] }, withEntities(permit)),
    ).toBe(true);
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'in', values: ['DP 1'] }, withEntities(permit))).toBe(false);
  });

  test('matches a regex', () => {
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'matches', pattern: '^PC\\s?075' }, withEntities(permit))).toBe(true);
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'matches', pattern: '^DP' }, withEntities(permit))).toBe(false);
  });

  test('numeric comparison reads French-formatted numbers', () => {
    expect(holds({ kind: 'entity', entityType: 'amount_eur', op: 'gt', value: 1000 }, withEntities(amount))).toBe(true);
    expect(holds({ kind: 'entity', entityType: 'amount_eur', op: 'lte', value: 1250 }, withEntities(amount))).toBe(false);
    expect(holds({ kind: 'entity', entityType: 'permit_ref', op: 'gt', value: 0 }, withEntities(permit))).toBe(false);
  });

  test('any entity of the type may satisfy the test', () => {
    const small: Entity = { ...amount, value: '20' };
    expect(holds({ kind: 'entity', entityType: 'amount_eur', op: 'lt', value: 100 }, withEntities(amount, small))).toBe(true);
  });

  test('a date read in a quoted message header is not a fact of the request', () => {
    const quotedDate: Entity = { type: 'date', value: '2025-03-04', text: '4 mars 2025', start: 120, end: 131, fromQuotedHistory: true };
    const ownDate: Entity = { type: 'date', value: '2025-03-19', text: '19 mars', start: 20, end: 27 };
    expect(holds({ kind: 'entity', entityType: 'date', op: 'present' }, withEntities(quotedDate))).toBe(false);
    expect(holds({ kind: 'entity', entityType: 'date', op: 'equals', value: '2025-03-04' }, withEntities(quotedDate, ownDate))).toBe(false);
    expect(holds({ kind: 'entity', entityType: 'date', op: 'equals', value: '2025-03-19' }, withEntities(quotedDate, ownDate))).toBe(true);
  });
});

describe('sender conditions', () => {
  test('address ignores case', () => {
    expect(holds({ kind: 'senderEmail', op: 'equals', value: 'Claire.Martin@example.fr' })).toBe(true);
    expect(holds({ kind: 'senderEmail', op: 'in', values: ['x@y.fr'] })).toBe(false);
  });

  test('domain matches subdomains and is derived from the address', () => {
    const prefecture = { sender: { email: 'bureau@paris.interieur.gouv.fr' } };
    expect(holds({ kind: 'senderDomain', op: 'equals', value: 'gouv.fr' }, prefecture)).toBe(true);
    expect(holds({ kind: 'senderDomain', op: 'equals', value: 'ouv.fr' }, prefecture)).toBe(false);
    expect(holds({ kind: 'senderDomain', op: 'in', values: ['example.fr'] }, { sender: { domain: 'EXAMPLE.FR' } })).toBe(true);
    expect(holds({ kind: 'senderDomain', op: 'equals', value: 'example.fr' }, { sender: {} })).toBe(false);
  });
});

describe('text conditions', () => {
  const text = 'Attention : un arbre est tombé, il y a une FUITE de gaz et un trottoir effondré près de l’école.';

  test('keywords ignore accents and case and match whole words', () => {
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['fuite de gaz'] }, { text })).toBe(true);
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['ecole', 'TOMBE'] }, { text })).toBe(true);
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['arbres'] }, { text })).toBe(false);
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['gaz et un trott'] }, { text })).toBe(false);
  });

  test('a trailing star matches word prefixes', () => {
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['effondr*'] }, { text })).toBe(true);
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['ondr*'] }, { text })).toBe(false);
  });

  test('all requires every keyword', () => {
    expect(holds({ kind: 'keywords', field: 'text', match: 'all', words: ['arbre', 'gaz'] }, { text })).toBe(true);
    expect(holds({ kind: 'keywords', field: 'text', match: 'all', words: ['arbre', 'inondation'] }, { text })).toBe(false);
  });

  test('the field restricts where keywords are looked for, and phrases do not straddle subject and text', () => {
    const input = { subject: 'Fuite', text: 'de gaz rue Hugo' };
    expect(holds({ kind: 'keywords', field: 'subject', match: 'any', words: ['gaz'] }, input)).toBe(false);
    expect(holds({ kind: 'keywords', field: 'subjectOrText', match: 'any', words: ['gaz'] }, input)).toBe(true);
    expect(holds({ kind: 'keywords', field: 'subjectOrText', match: 'any', words: ['fuite de gaz'] }, input)).toBe(false);
  });

  test('ligatures are spelled out', () => {
    expect(holds({ kind: 'keywords', field: 'text', match: 'any', words: ['soeur'] }, { text: 'Ma sœur est née en 1990' })).toBe(true);
  });

  test('regex on raw text, with flags', () => {
    expect(holds({ kind: 'regex', field: 'text', pattern: 'FUITE de gaz' }, { text })).toBe(true);
    expect(holds({ kind: 'regex', field: 'text', pattern: 'fuite de gaz' }, { text })).toBe(false);
    expect(holds({ kind: 'regex', field: 'text', pattern: 'fuite de gaz', flags: 'i' }, { text })).toBe(true);
    expect(holds({ kind: 'regex', field: 'subject', pattern: '^Demande' })).toBe(true);
  });
});

describe('attachment conditions', () => {
  const attachments = [
    { filename: 'Plan-Masse.PDF', contentType: 'application/pdf', size: 120_000 },
    { filename: 'photo', contentType: 'image/jpeg; name=photo', size: 80_000 },
  ];

  test('count comparison', () => {
    expect(holds({ kind: 'attachmentCount', op: 'gte', value: 2 }, { attachments })).toBe(true);
    expect(holds({ kind: 'attachmentCount', op: 'eq', value: 0 }, { attachments })).toBe(false);
    expect(holds({ kind: 'attachmentCount', op: 'eq', value: 0 })).toBe(true);
  });

  test('extension or content type in a list', () => {
    expect(holds({ kind: 'attachmentType', extensions: ['.pdf'] }, { attachments })).toBe(true);
    expect(holds({ kind: 'attachmentType', extensions: ['dwg'] }, { attachments })).toBe(false);
    expect(holds({ kind: 'attachmentType', contentTypes: ['image/jpeg'] }, { attachments })).toBe(true);
    expect(holds({ kind: 'attachmentType', contentTypes: ['image/*'] }, { attachments })).toBe(true);
    expect(holds({ kind: 'attachmentType', contentTypes: ['video/*'] }, { attachments })).toBe(false);
  });
});

describe('time conditions, read in Europe/Paris', () => {
  const at = (iso: string) => ({ receivedAt: new Date(iso) });

  test('office hours follow the weekly schedule, in local time across daylight saving', () => {
    expect(holds({ kind: 'officeHours' }, at('2026-03-10T07:45:00Z'))).toBe(true);
    expect(holds({ kind: 'officeHours' }, at('2026-03-10T07:15:00Z'))).toBe(false);
    expect(holds({ kind: 'officeHours' }, at('2026-07-07T06:45:00Z'))).toBe(true);
    expect(holds({ kind: 'officeHours' }, at('2026-07-07T10:15:00Z'))).toBe(false);
    expect(holds({ kind: 'officeHours' }, at('2026-03-14T10:00:00Z'))).toBe(false);
  });

  test('public holidays and closed dates are outside office hours', () => {
    expect(holds({ kind: 'officeHours' }, at('2026-05-14T08:00:00Z'))).toBe(false);
    expect(holds({ kind: 'officeHours' }, at('2026-05-15T08:00:00Z'))).toBe(true);
    const bridgeDayClosed = ruleSet(
      [rule({ id: 'ouvert', when: { kind: 'officeHours' }, then: [{ type: 'route', queue: 'urbanisme' }] })],
      {
        workingSchedule: { ...mairieWorkingSchedule, closedDates: ['2026-05-15'] },
      },
    );
    expect(evaluateRules(bridgeDayClosed, routingInput(at('2026-05-15T08:00:00Z'))).queue).toBe('accueil');
  });

  test('the schedule is configurable', () => {
    const saturdayMornings = ruleSet(
      [rule({ id: 'ouvert', when: { kind: 'officeHours' }, then: [{ type: 'route', queue: 'urbanisme' }] })],
      {
        workingSchedule: { timeZone: 'Europe/Paris', week: { sat: [{ start: '09:00', end: '12:00' }] }, publicHolidays: 'none' },
      },
    );
    expect(evaluateRules(saturdayMornings, routingInput(at('2026-03-14T09:00:00Z'))).queue).toBe('urbanisme');
    expect(evaluateRules(saturdayMornings, routingInput(at('2026-03-10T09:00:00Z'))).queue).toBe('accueil');
  });

  test('not turns office hours into out-of-hours', () => {
    expect(holds({ kind: 'not', condition: { kind: 'officeHours' } }, at('2026-03-10T19:00:00Z'))).toBe(true);
  });

  test('weekday uses the local date', () => {
    expect(holds({ kind: 'weekday', days: ['sat', 'sun'] }, at('2026-03-14T10:00:00Z'))).toBe(true);
    expect(holds({ kind: 'weekday', days: ['fri'] }, at('2026-03-13T23:30:00Z'))).toBe(false);
    expect(holds({ kind: 'weekday', days: ['sat'] }, at('2026-03-13T23:30:00Z'))).toBe(true);
  });

  test('date range is inclusive and local', () => {
    const summer = { kind: 'receivedBetween', from: '2026-07-01', to: '2026-08-31' } as const;
    expect(holds(summer, at('2026-06-30T22:30:00Z'))).toBe(true);
    expect(holds(summer, at('2026-06-30T21:30:00Z'))).toBe(false);
    expect(holds(summer, at('2026-08-31T21:30:00Z'))).toBe(true);
    expect(holds({ kind: 'receivedBetween', from: '2026-01-01' }, at('2025-12-31T12:00:00Z'))).toBe(false);
    expect(holds({ kind: 'receivedBetween', to: '2026-01-01' }, at('2025-12-31T12:00:00Z'))).toBe(true);
  });
});

describe('condition trees', () => {
  const voirie = { classification: { queue: 'voirie' }, channel: 'email' as const };

  test('all, any and not combine', () => {
    const condition: Condition = {
      kind: 'all',
      conditions: [
        {
          kind: 'any',
          conditions: [
            { kind: 'queue', op: 'equals', value: 'social' },
            { kind: 'queue', op: 'equals', value: 'voirie' },
          ],
        },
        { kind: 'not', condition: { kind: 'channel', op: 'equals', value: 'form' } },
      ],
    };
    expect(holds(condition, voirie)).toBe(true);
    expect(holds(condition, { ...voirie, channel: 'form' })).toBe(false);
    expect(holds(condition)).toBe(false);
  });

  test('an empty all always holds, an empty any never does', () => {
    expect(holds({ kind: 'all', conditions: [] })).toBe(true);
    expect(holds({ kind: 'any', conditions: [] })).toBe(false);
  });

  test('the trace lists the facts tested, cheapest first, in French', () => {
    const decision = decideWith(
      {
        kind: 'all',
        conditions: [
          { kind: 'regex', field: 'text', pattern: 'trottoir' },
          { kind: 'channel', op: 'equals', value: 'email' },
        ],
      },
      { channel: 'form' },
    );
    expect(decision.trace[0].conditionTrace).toEqual([{ condition: 'canal = courriel', matched: false }]);
    expect(decision.trace[0].matched).toBe(false);
  });

  test('a negated fact is traced as such', () => {
    const decision = decideWith({ kind: 'not', condition: { kind: 'channel', op: 'equals', value: 'email' } });
    expect(decision.trace[0].conditionTrace).toEqual([{ condition: 'NON « canal = courriel »', matched: true }]);
  });
});

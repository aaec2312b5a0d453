import type { Condition, Rule } from '../../routing-rules/rule-schema';
import { hasBlockingProblems } from '../../routing-rules/rule-set-problem';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';
import { rule, ruleSet } from './routing-input-builder';

const messages = (draft: unknown) => validateRuleSet(draft).map((problem) => problem.message);
const only = (...rules: Rule[]) => ruleSet(rules);

describe('validateRuleSet', () => {
  test('a sound rule set has no problem', () => {
    const problems = validateRuleSet(only(rule({ id: 'ok', then: [{ type: 'route', queue: 'voirie' }] })));
    expect(problems).toEqual([]);
    expect(hasBlockingProblems(problems)).toBe(false);
  });

  test('schema errors are French sentences that name the rule and the field', () => {
    const draft = {
      fallbackQueue: 'accueil',
      rules: [
        { id: 'r1', name: 'Urgences', priority: 'haute', enabled: true, when: { kind: 'all', conditions: [] }, then: [], stop: false },
        {
          id: 'r2',
          name: 'Canal',
          priority: 1,
          enabled: true,
          when: { kind: 'channel', op: 'equals', value: 'fax' },
          then: [],
          stop: true,
        },
        {
          id: 'r3',
          name: 'Action',
          priority: 1,
          enabled: true,
          when: { kind: 'all', conditions: [] },
          then: [{ type: 'teleport' }],
          stop: true,
        },
        { id: 'r4', name: 'Faute', priority: 1, enabled: true, when: { kind: 'all', conditions: [] }, then: [], stop: true, stopp: true },
        { id: 'r5', priority: 1, enabled: true, when: { kind: 'meteo' }, then: [], stop: true },
        {
          id: 'r6',
          name: 'Imbriquée',
          priority: 1,
          enabled: true,
          when: { kind: 'all', conditions: [{ kind: 'confidence', op: 'environ', value: 0.5 }] },
          then: [{ type: 'setSla', sla: { amount: 1.5, unit: 'workingDays' } }],
          stop: true,
        },
      ],
    };
    expect(messages(draft)).toEqual([
      `Règle « Urgences » (n° 1), priorité d'évaluation : un nombre attendu, "haute" reçu.`,
      'Règle « Canal » (n° 2), condition › valeur : valeur « fax » non autorisée ; valeurs possibles : form, email, telephone, guichet.',
      "Règle « Action » (n° 3), action 1 : type d'action « teleport » inconnu ; types possibles : route, routeToPredictedQueue, setPriority, addTags, assign, acknowledge, webhook, setSla, escalate, split.",
      'Règle « Faute » (n° 4) : champ(s) inconnu(s) : stopp (faute de frappe ?).',
      'Règle n° 5, nom : champ obligatoire manquant.',
      expect.stringMatching(/^Règle n° 5, condition : type de condition « meteo » inconnu ; types possibles : all, any, not, queue, /),
      'Règle « Imbriquée » (n° 6), condition › sous-condition 1 › opérateur : opérateur « environ » non pris en charge ici ; opérateurs possibles : lt, lte, gt, gte, eq.',
      'Règle « Imbriquée » (n° 6), action 1 › échéance › durée : un nombre de jours ouvrés doit être entier.',
    ]);
    expect(validateRuleSet(draft).every((problem) => problem.severity === 'error' && problem.code === 'schema')).toBe(true);
    expect(validateRuleSet(draft)[0]).toMatchObject({ ruleId: 'r1', path: ['rules', 0, 'priority'] });
  });

  test('a missing fallback queue and a non-object draft are explained', () => {
    expect(messages({ rules: [] })).toEqual(['File de repli : champ obligatoire manquant.']);
    expect(messages('règles')).toEqual(['Jeu de règles : un objet attendu, "règles" reçu.']);
  });

  test('unknown queues are listed with the known ones', () => {
    const problems = validateRuleSet(
      ruleSet(
        [
          rule({
            id: 'r',
            name: 'Typo',
            when: { kind: 'queue', op: 'in', values: ['voirie', 'voiri'] },
            then: [
              { type: 'route', queue: 'urbanism' },
              { type: 'escalate', queue: 'accueil' },
            ],
          }),
        ],
        { fallbackQueue: 'standard' },
      ),
      { knownQueueIds: ['accueil', 'voirie', 'urbanisme'] },
    );
    const queueProblems = problems.filter((problem) => problem.code === 'unknown-queue');
    expect(queueProblems.map((problem) => [problem.code, problem.message])).toEqual([
      ['unknown-queue', "File de repli : la file « standard » n'existe pas. Files connues : accueil, voirie, urbanisme."],
      ['unknown-queue', "Règle « Typo » (n° 1), action 1 : la file « urbanism » n'existe pas. Files connues : accueil, voirie, urbanisme."],
      ['unknown-queue', "Règle « Typo » (n° 1), condition : la file « voiri » n'existe pas. Files connues : accueil, voirie, urbanisme."],
    ]);
    expect(queueProblems[2].path).toEqual(['rules', 0, 'when', 'values', 1]);
  });

  test('queues default to the taxonomy', () => {
    expect(validateRuleSet(only(rule({ id: 'r', then: [{ type: 'route', queue: 'cimetiere' }] })))).toEqual([]);
    expect(validateRuleSet(only(rule({ id: 'r', then: [{ type: 'route', queue: 'piscine' }] })))[0].code).toBe('unknown-queue');
  });

  test('invalid and dangerous regexes', () => {
    const regexRule = (pattern: string, flags?: string) =>
      only(rule({ id: 'r', name: 'Motif', when: { kind: 'regex', field: 'text', pattern, flags } }));
    expect(validateRuleSet(regexRule('PC ('))).toEqual([
      expect.objectContaining({
        code: 'invalid-regex',
        message: expect.stringMatching(/^Règle « Motif » \(n° 1\), condition › expression régulière : expression régulière invalide/),
      }),
    ]);
    expect(messages(regexRule('(a)\\1'))[0]).toContain('références arrière');
    expect(messages(regexRule('[\\s\\S]{1000}x'))[0]).toContain('trop complexe');
    expect(messages(regexRule('x', 'g'))[0]).toContain('options');
    expect(messages(regexRule('a'.repeat(201)))[0]).toContain('trop longue');
  });

  test('duplicate rule ids', () => {
    const problems = validateRuleSet(
      only(rule({ id: 'double', name: 'Première' }), rule({ id: 'double', name: 'Seconde', then: [{ type: 'addTags', tags: ['x'] }] })),
    );
    expect(problems).toContainEqual({
      severity: 'error',
      code: 'duplicate-rule-id',
      message: "Règle « Seconde » (n° 2) : l'identifiant « double » est déjà utilisé par la règle « Première » (n° 1).",
      ruleId: 'double',
      path: ['rules', 1, 'id'],
    });
  });

  test('two enabled rules with the same conditions, actions and stop are refused, whatever their names (issue 17, bug 7)', () => {
    const piscine = {
      when: { kind: 'keywords', field: 'subjectOrText', words: ['piscine'], match: 'any' } as Condition,
      then: [{ type: 'route' as const, queue: 'voirie' }],
      stop: true,
    };
    const problems = validateRuleSet(
      only(rule({ id: 'piscine', name: 'Piscine', ...piscine }), rule({ id: 'piscine-bis', name: 'Piscine bis', priority: 3, ...piscine })),
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'duplicate-rule',
        message:
          'Règle « Piscine bis » (n° 2) : mêmes conditions, mêmes actions et même arrêt que la règle « Piscine » (n° 1) ; ' +
          'elle ne changerait rien. Supprimez l’une des deux ou modifiez-la.',
        ruleId: 'piscine-bis',
        path: ['rules', 1],
      },
    ]);
    expect(hasBlockingProblems(problems)).toBe(true);
  });

  test.each([
    ['another action', { then: [{ type: 'route' as const, queue: 'urbanisme' }] }],
    ['another stop', { stop: false }],
    ['a switched-off copy', { enabled: false }],
  ])('a rule like another but with %s is not a duplicate', (_difference, change) => {
    const base = {
      when: { kind: 'keywords', field: 'subjectOrText', words: ['piscine'], match: 'any' } as Condition,
      then: [{ type: 'route' as const, queue: 'voirie' }],
      stop: true,
    };
    const problems = validateRuleSet(only(rule({ id: 'a', ...base }), rule({ id: 'b', ...base, ...change })));
    expect(problems.filter((problem) => problem.code === 'duplicate-rule')).toEqual([]);
  });

  describe('contradictory conditions', () => {
    const contradiction = (when: Condition) =>
      validateRuleSet(only(rule({ id: 'r', name: 'Impossible', when, then: [{ type: 'addTags', tags: ['x'] }] }))).filter(
        (problem) => problem.code === 'contradiction',
      );

    test('two channels at once', () => {
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'channel', op: 'equals', value: 'email' },
            { kind: 'channel', op: 'equals', value: 'form' },
          ],
        }),
      ).toEqual([
        expect.objectContaining({
          severity: 'error',
          message:
            "Règle « Impossible » (n° 1) ne peut jamais s'appliquer : « canal = courriel » et « canal = formulaire » sont incompatibles.",
        }),
      ]);
    });

    test('confidence ranges that do not overlap, even in nested groups', () => {
      const [problem] = contradiction({
        kind: 'any',
        conditions: [
          {
            kind: 'all',
            conditions: [
              { kind: 'confidence', op: 'gt', value: 0.9 },
              { kind: 'all', conditions: [{ kind: 'confidence', op: 'lt', value: 0.5 }] },
            ],
          },
        ],
      });
      expect(problem.message).toContain('« confiance > 0,9 » et « confiance < 0,5 » sont incompatibles');
    });

    test('values outside the possible range, integer counts, lists, weekdays, dates, a fact and its negation', () => {
      expect(contradiction({ kind: 'confidence', op: 'gt', value: 1 })).toHaveLength(1);
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'attachmentCount', op: 'gt', value: 1 },
            { kind: 'attachmentCount', op: 'lt', value: 2 },
          ],
        }),
      ).toHaveLength(1);
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'queue', op: 'in', values: ['voirie', 'social'] },
            { kind: 'queue', op: 'equals', value: 'urbanisme' },
          ],
        }),
      ).toHaveLength(1);
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'weekday', days: ['sat'] },
            { kind: 'weekday', days: ['sun'] },
          ],
        }),
      ).toHaveLength(1);
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'receivedBetween', from: '2026-07-01' },
            { kind: 'receivedBetween', to: '2026-06-30' },
          ],
        }),
      ).toHaveLength(1);
      expect(
        contradiction({ kind: 'all', conditions: [{ kind: 'officeHours' }, { kind: 'not', condition: { kind: 'officeHours' } }] })[0]
          .message,
      ).toContain("« reçue pendant les heures d'ouverture » est exigé et exclu à la fois");
      expect(contradiction({ kind: 'any', conditions: [] })).toHaveLength(1);
    });

    test('compatible facts are not reported', () => {
      expect(
        contradiction({
          kind: 'all',
          conditions: [
            { kind: 'confidence', op: 'gte', value: 0.5 },
            { kind: 'confidence', op: 'lte', value: 0.5 },
            { kind: 'queue', op: 'in', values: ['voirie', 'social'] },
            { kind: 'queue', op: 'equals', value: 'social' },
            { kind: 'attachmentCount', op: 'gt', value: 1 },
            { kind: 'attachmentCount', op: 'lte', value: 2 },
          ],
        }),
      ).toEqual([]);
      expect(
        contradiction({
          kind: 'any',
          conditions: [
            { kind: 'channel', op: 'equals', value: 'email' },
            { kind: 'channel', op: 'equals', value: 'form' },
          ],
        }),
      ).toEqual([]);
    });
  });

  test('rules after an unconditional stop rule are unreachable (warning)', () => {
    const problems = validateRuleSet(
      only(
        rule({ id: 'crise', name: 'Crise', priority: 50, then: [{ type: 'route', queue: 'accueil' }], stop: true }),
        rule({ id: 'avant', name: 'Avant', priority: 60, then: [{ type: 'addTags', tags: ['x'] }] }),
        rule({ id: 'apres', name: 'Après', priority: 10, then: [{ type: 'addTags', tags: ['y'] }] }),
        rule({ id: 'eteinte', name: 'Éteinte', priority: 5, enabled: false, then: [{ type: 'addTags', tags: ['z'] }] }),
      ),
    );
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'unreachable-rule',
        message:
          "Règle « Après » (n° 3) ne sera jamais évaluée : la règle « Crise » (n° 1), qui s'applique toujours et arrête l'évaluation, passe avant elle (priorité 50 contre 10).",
        ruleId: 'apres',
        path: ['rules', 2],
      },
    ]);
    expect(hasBlockingProblems(problems)).toBe(false);
  });

  test('a conditional stop rule does not make later rules unreachable', () => {
    const problems = validateRuleSet(
      only(
        rule({
          id: 'email',
          priority: 50,
          when: { kind: 'channel', op: 'equals', value: 'email' },
          then: [{ type: 'route', queue: 'accueil' }],
          stop: true,
        }),
        rule({ id: 'apres', priority: 10, then: [{ type: 'addTags', tags: ['y'] }] }),
      ),
    );
    expect(problems).toEqual([]);
  });

  test('rules without effect and escalations without a due date are warnings', () => {
    const problems = validateRuleSet(
      only(rule({ id: 'vide', name: 'Vide' }), rule({ id: 'escalade', name: 'Escalade', then: [{ type: 'escalate', queue: 'accueil' }] })),
    );
    expect(problems.map((problem) => [problem.severity, problem.code, problem.message])).toEqual([
      ['warning', 'no-effect', "Règle « Vide » (n° 1) n'a aucune action et n'arrête pas l'évaluation : elle est sans effet."],
      [
        'warning',
        'escalation-without-sla',
        "Règle « Escalade » (n° 2) prévoit une escalade, mais aucune règle ne fixe d'échéance : l'escalade ne se déclenchera jamais.",
      ],
    ]);
  });
});

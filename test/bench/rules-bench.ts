import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Entity } from '../../classifiers/entities/entity';
import { queueIds } from '../../classifiers/taxonomy/taxonomy';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { compileRuleSet, evaluateRules, EvaluationOptions } from '../../routing-rules/evaluate-rules';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { Condition, Rule, RuleSet } from '../../routing-rules/rule-schema';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';

const REQUEST_COUNT = Number(process.env.BENCH_REQUESTS ?? 10_000);
const RULE_COUNT = 100;
const TIMED_RUNS = 5;

/** Deterministic pseudo-random numbers (mulberry32), so that every run measures the same workload. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = randomGenerator(2026);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

interface CorpusLine {
  channel: 'form' | 'email';
  subject: string;
  text: string;
  queue: string;
  intent: string;
  lang: string;
}

const corpus: CorpusLine[] = ['test.jsonl', 'validation.jsonl'].flatMap((file) =>
  readFileSync(path.join(__dirname, '..', '..', 'classifiers', 'corpus', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusLine),
);

const EMAIL_FOOTER =
  '\n\n--\nCordialement,\nService client\n\nCe message et toutes les pièces jointes sont confidentiels et établis à l’intention ' +
  'exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est interdite. Si vous avez reçu ce message ' +
  'par erreur, merci de le détruire et d’en avertir immédiatement l’expéditeur. ';

function entityOf(type: Entity['type'], value: string): Entity {
  return { type, value, text: value, start: 0, end: value.length };
}

/** Corpus messages with what the pipeline adds: a classification of varying confidence, entities, sender, attachments, a time. */
function benchRequests(): RoutingInput[] {
  const yearStart = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: REQUEST_COUNT }, () => {
    const line = pick(corpus);
    const entities: Entity[] = [];
    if (random() < 0.08) entities.push(entityOf('permit_ref', `PC 075 ${Math.floor(random() * 900 + 100)} 24 00042`));
    if (random() < 0.06) entities.push(entityOf('cadastral_ref', `AB ${Math.floor(random() * 500)}`));
    if (random() < 0.1) entities.push(entityOf('amount_eur', String(Math.floor(random() * 2000))));
    if (random() < 0.3) entities.push(entityOf('date', '2026-05-12'));
    const longEmail = line.channel === 'email' && random() < 0.4;
    return {
      classification: {
        queue: random() < 0.85 ? line.queue : pick(queueIds),
        intent: line.intent,
        confidence: Math.round(random() * 100) / 100,
        decidedBy: 'lexical',
        language: line.lang,
        opinions: [],
        entities,
      },
      channel: line.channel,
      subject: line.subject,
      text: longEmail ? line.text + EMAIL_FOOTER.repeat(1 + Math.floor(random() * 4)) : line.text,
      sender: {
        email: `habitant${Math.floor(random() * 5000)}@${pick(['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hauts-de-seine.gouv.fr', 'example.org'])}`,
      },
      attachments: Array.from({ length: pick([0, 0, 0, 1, 1, 2, 3]) }, (_, index) => ({
        filename: pick([`plan-${index}.pdf`, `photo-${index}.jpg`, `piece-${index}.docx`, `scan-${index}.PNG`]),
        contentType: pick([
          'application/pdf',
          'image/jpeg',
          'image/png',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ]),
        size: Math.floor(random() * 3_000_000),
      })),
      receivedAt: new Date(yearStart + Math.floor(random() * 365 * 86_400_000)),
    };
  });
}

const keywordsByQueue: Record<string, string[][]> = {
  'etat-civil': [
    ['acte de naissance', 'extrait', 'copie intégrale'],
    ['mariage', 'bans', 'témoins'],
    ['décès', 'défunt'],
    ['pacs'],
    ['livret de famille', 'duplicata'],
    ['passeport', "carte d'identité", 'cni'],
  ],
  elections: [
    ['procuration'],
    ['liste électorale', 'listes électorales', 'inscription'],
    ['bureau de vote', 'carte électorale'],
    ['assesseur', 'scrutateur'],
  ],
  urbanisme: [
    ['permis de construire'],
    ['déclaration préalable', 'abri de jardin', 'clôture', 'piscine'],
    ['plu', 'zonage', 'constructible'],
    ['certificat d’urbanisme', "certificat d'urbanisme"],
    ['démolition', 'démolir'],
  ],
  'enfance-education': [
    ['cantine', 'restauration scolaire', 'menu'],
    ['inscription scolaire', 'école maternelle', 'école élémentaire'],
    ['périscolaire', 'garderie', 'centre de loisirs'],
    ['crèche', 'assistante maternelle'],
  ],
  voirie: [
    ['nid-de-poule', 'nid de poule', 'chaussée'],
    ['lampadaire', 'éclairage'],
    ['dépôt sauvage', 'encombrants', 'poubelle*'],
    ['élagage', 'arbre', 'branche*'],
    ['benne', 'échafaudage', 'déménagement'],
  ],
  social: [
    ['logement social', 'hlm'],
    ['aide alimentaire', 'colis', 'secours'],
    ['apa', 'portage de repas', 'téléassistance'],
    ['mdph', 'handicap*'],
    ['domiciliation'],
  ],
  cimetiere: [
    ['concession', 'renouvellement'],
    ['inhumation', 'columbarium', 'cendres'],
    ['tombe', 'sépulture', 'caveau'],
  ],
  'vie-associative': [
    ['salle', 'réservation', 'location'],
    ['subvention', 'association'],
    ['vide-grenier', 'buvette', 'manifestation'],
    ['gymnase', 'stade', 'créneau*'],
  ],
  'police-municipale': [
    ['bruit', 'tapage', 'nuisance*'],
    ['stationnement', 'véhicule ventouse', 'garé*'],
    ['objet trouvé', 'perdu'],
    ['tranquillité vacances'],
    ['chien', 'animal errant', 'divagation'],
  ],
  accueil: [
    ['horaires', 'ouverture'],
    ['réclamation', 'mécontent', 'plainte'],
    ['rendez-vous', 'rappel'],
  ],
};

const regexPatterns: { pattern: string; flags?: string }[] = [
  { pattern: '\\b(?:PC|DP|PA|PD)\\s?\\d{3}', flags: 'i' },
  { pattern: '\\b0[1-9](?:[ .-]?\\d{2}){4}\\b' },
  { pattern: '\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b' },
  { pattern: 'n[°o]\\s?\\d{3,}', flags: 'i' },
  { pattern: '\\bsection\\s+[A-Z]{1,2}\\s*n?°?\\s*\\d+', flags: 'i' },
  { pattern: '\\burgent(?:e|es|s)?\\b', flags: 'i' },
  { pattern: '\\b(?:rue|avenue|boulevard|impasse|place)\\s+\\w+', flags: 'i' },
  { pattern: 'r[ée]f[ée]rence\\s*:?\\s*\\w+', flags: 'iu' },
  { pattern: '\\b\\d+\\s?(?:€|euros?)\\b', flags: 'i' },
  { pattern: '^(?:re|tr|fwd?)\\s?:', flags: 'i' },
];

/** The default rules plus generated ones in the same spirit, up to RULE_COUNT: keywords, regexes, entities, sender, time, attachments. */
function benchRuleSet(): RuleSet {
  const base = defaultRuleSet(0.55, 'Europe/Paris');
  const generated: Rule[] = [];
  const queues = Object.keys(keywordsByQueue);
  for (let index = 0; generated.length + base.rules.length < RULE_COUNT; index += 1) {
    const queue = queues[index % queues.length];
    const words = keywordsByQueue[queue][Math.floor(index / queues.length) % keywordsByQueue[queue].length];
    const variant = index % 7;
    const when: Condition =
      variant === 0
        ? {
            kind: 'all',
            conditions: [
              { kind: 'confidence', op: 'lt', value: 0.55 },
              { kind: 'keywords', field: 'subjectOrText', match: 'any', words },
            ],
          }
        : variant === 1
          ? {
              kind: 'all',
              conditions: [
                { kind: 'queue', op: 'equals', value: queue },
                { kind: 'regex', field: 'text', ...regexPatterns[index % regexPatterns.length] },
              ],
            }
          : variant === 2
            ? {
                kind: 'any',
                conditions: [
                  { kind: 'keywords', field: 'subject', match: 'any', words },
                  { kind: 'regex', field: 'subjectOrText', ...regexPatterns[(index + 3) % regexPatterns.length] },
                ],
              }
            : variant === 3
              ? {
                  kind: 'all',
                  conditions: [
                    { kind: 'channel', op: 'equals', value: 'email' },
                    { kind: 'senderDomain', op: 'in', values: ['gouv.fr', 'departement.fr'] },
                    { kind: 'not', condition: { kind: 'officeHours' } },
                  ],
                }
              : variant === 4
                ? {
                    kind: 'all',
                    conditions: [
                      { kind: 'entity', entityType: 'amount_eur', op: 'gt', value: 500 },
                      { kind: 'intent', op: 'in', values: ['aide-sociale', 'subvention', 'reclamation'] },
                    ],
                  }
                : variant === 5
                  ? {
                      kind: 'all',
                      conditions: [
                        { kind: 'attachmentCount', op: 'gte', value: 1 },
                        { kind: 'attachmentType', extensions: ['pdf', 'dwg'] },
                        { kind: 'weekday', days: ['sat', 'sun'] },
                      ],
                    }
                  : {
                      kind: 'all',
                      conditions: [
                        { kind: 'receivedBetween', from: '2026-07-01', to: '2026-08-31' },
                        { kind: 'keywords', field: 'text', match: 'all', words: words.slice(0, 2) },
                      ],
                    };
    generated.push({
      id: `regle-${index}`,
      name: `Règle générée ${index} (${queue})`,
      priority: 400 - index * 3,
      enabled: true,
      when,
      then:
        variant % 2 === 0
          ? [
              { type: 'route', queue },
              { type: 'addTags', tags: [`auto-${index}`] },
            ]
          : [
              { type: 'addTags', tags: [`auto-${index}`] },
              { type: 'setPriority', priority: pick(['low', 'normal', 'high'] as const) },
            ],
      stop: index % 23 === 0,
    });
  }
  return { ...base, rules: [...base.rules, ...generated] };
}

const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

/**
 * Wall-clock rate, and the rate per second of CPU time this process used: on a shared machine the second one
 * is what one core delivers.
 */
function measure(label: string, run: () => void): void {
  const wallRates: number[] = [];
  const cpuRates: number[] = [];
  for (let attempt = 0; attempt < TIMED_RUNS; attempt += 1) {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    run();
    const cpu = process.cpuUsage(cpuBefore);
    wallRates.push(REQUEST_COUNT / (Number(process.hrtime.bigint() - started) / 1e9));
    cpuRates.push(REQUEST_COUNT / ((cpu.user + cpu.system) / 1e6));
  }
  console.log(
    `  ${label}: ${format(median(cpuRates))} requests per CPU-second (median of ${TIMED_RUNS}); ` +
      `wall clock median ${format(median(wallRates))}, best ${format(Math.max(...wallRates))} requests/s`,
  );
}

function main(): void {
  const ruleSet = benchRuleSet();
  const problems = validateRuleSet(ruleSet);
  if (problems.some((problem) => problem.severity === 'error')) throw new Error(problems.map((problem) => problem.message).join('\n'));
  const compileStarted = process.hrtime.bigint();
  const compiled = compileRuleSet(ruleSet);
  const compileMs = Number(process.hrtime.bigint() - compileStarted) / 1e6;
  const requests = benchRequests();
  const evaluateAll = (options: EvaluationOptions) => () => {
    for (const request of requests) evaluateRules(compiled, request, options);
  };
  evaluateAll({})();

  let evaluatedRules = 0;
  const queues = new Map<string, number>();
  for (const request of requests) {
    const decision = evaluateRules(compiled, request);
    evaluatedRules += decision.trace.length;
    queues.set(decision.queue, (queues.get(decision.queue) ?? 0) + 1);
  }
  console.log(
    `routing rules: ${ruleSet.rules.length} rules, ${REQUEST_COUNT.toLocaleString('en-US')} requests, one thread (Node ${process.version})`,
  );
  console.log(
    `  compile: ${compileMs.toFixed(1)} ms; rules evaluated per request: ${(evaluatedRules / REQUEST_COUNT).toFixed(1)}; queues reached: ${queues.size}`,
  );
  measure('full trace', evaluateAll({}));
  measure('full trace, within the service’s time budget (50 ms)', evaluateAll({ budgetMs: 50 }));
  measure('matched rules only in trace', evaluateAll({ trace: 'matched' }));
  measure('no trace (simulation)', evaluateAll({ trace: 'none' }));
}

main();

import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { assessRequest } from '../../routing-rules/checklists/assess-request';
import { itemLabels, scoreMissing, type MissingScore, type ScoredMessage } from '../../routing-rules/checklists/checklist-metrics';
import { compileChecklistSet, type CompiledChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import { defaultChecklistSet } from '../../routing-rules/checklists/default-checklist-set';
import { evaluateChecklist } from '../../routing-rules/checklists/evaluate-checklist';
import { messageEvidence } from '../../routing-rules/checklists/message-evidence';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { compileRuleSet, evaluateRules } from '../../routing-rules/evaluate-rules';
import { readJsonLines } from '../classification/read-json-lines';
import type { Config } from '../config';

const root = path.join(__dirname, '../..');
const labelsFile = path.join(root, 'training/answers/checklist-labels.jsonl');
const corpusFiles = ['train', 'validation'].map((split) => path.join(root, `classifiers/corpus/${split}.jsonl`));

const labelledMessageSchema = z.object({
  id: z.string(),
  /** `tune`: the patterns may be adjusted on it; `test`: never looked at while tuning. */
  split: z.enum(['tune', 'test']),
  intent: z.string(),
  items: z.record(z.string(), z.enum(itemLabels)),
});
const corpusRecordSchema = z.object({ id: z.string(), subject: z.string(), text: z.string() });

/** A fixed reception date, so that relative dates read the same on every run. */
const receivedAt = new Date('2025-03-17T09:00:00+01:00');
const timeZone = 'Europe/Paris';

/** The shipped checklists against the hand labels, tune and test parts apart. */
export function scoreShippedChecklists(set: CompiledChecklistSet = compileChecklistSet(defaultChecklistSet())) {
  return { tune: scoreMissing(scoredMessages(set, 'tune')), test: scoreMissing(scoredMessages(set, 'test')) };
}

function scoredMessages(set: CompiledChecklistSet, split: 'tune' | 'test'): Array<ScoredMessage & { intent: string }> {
  const labelled = readJsonLines(labelsFile, labelledMessageSchema);
  const wanted = new Set(labelled.map((message) => message.id));
  const texts = new Map(
    corpusFiles
      .flatMap((file) => readJsonLines(file, corpusRecordSchema))
      .filter((record) => wanted.has(record.id))
      .map((record) => [record.id, record]),
  );
  return labelled
    .filter((message) => message.split === split)
    .map((message) => {
      const record = texts.get(message.id);
      const checklist = set.checklists.get(message.intent);
      if (!record || !checklist) throw new Error(`${message.id}: ${record ? `no checklist for ${message.intent}` : 'not in the corpus'}`);
      const entities = extractRequestEntities(record.text, { receivedAt, timeZone }, extractEntities);
      const result = evaluateChecklist(checklist, messageEvidence([{ subject: record.subject, text: record.text, entities }]));
      return { id: message.id, intent: message.intent, labels: message.items, predictedMissing: result?.missing ?? [] };
    });
}

/** Correct asks an item needs in each half of the tune part, with no wrong one, to be asked to citizens. */
const ASK_SUPPORT_PER_HALF = 2;

/**
 * Which items may be asked to the citizen, decided on the tune part only: every item is first evaluated as if it
 * were asked (the other guards still apply), the tune messages are split in two halves by id, and an item is asked
 * only when each half alone shows at least ASK_SUPPORT_PER_HALF correct asks and no wrong one. The patterns were
 * written on these messages, so their precision there is optimistic; requiring the evidence twice, independently,
 * keeps to the items whose requests are both frequent and never wrong, and leaves the rest « à vérifier ».
 */
export function askDecisions(set = defaultChecklistSet()) {
  const askAll = compileChecklistSet({
    ...set,
    checklists: set.checklists.map((checklist) => ({
      ...checklist,
      items: checklist.items.map((item) => ({ ...item, ask: 'citizen' as const })),
    })),
  });
  const counts = new Map<string, { right: [number, number]; wrong: [number, number] }>();
  for (const message of scoredMessages(askAll, 'tune')) {
    const half = createHash('sha256').update(message.id).digest()[0] % 2;
    for (const item of message.predictedMissing) {
      const key = `${message.intent}/${item}`;
      const count = counts.get(key) ?? { right: [0, 0], wrong: [0, 0] };
      if (message.labels[item] === 'missing') count.right[half] += 1;
      else count.wrong[half] += 1;
      counts.set(key, count);
    }
  }
  return set.checklists.flatMap((checklist) =>
    checklist.items.map((item) => {
      const key = `${checklist.intent}/${item.id}`;
      const { right, wrong } = counts.get(key) ?? { right: [0, 0], wrong: [0, 0] };
      const asked = right.every((value) => value >= ASK_SUPPORT_PER_HALF) && wrong.every((value) => value === 0);
      return { item: key, right, wrong, ask: asked ? ('citizen' as const) : ('agent' as const), shipped: item.ask };
    }),
  );
}

const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(3));

/** `npm run eval:answers` section: precision and recall of « missing »; `showErrors` lists the tune part's errors only. */
export function checklistSection(showErrors: boolean): void {
  const { tune, test } = scoreShippedChecklists();
  const row = (name: string, score: MissingScore) =>
    `| ${name} | ${score.messages} | ${score.predictedMissing} | ${score.labelledMissing} | ${ratio(score.precision)} | ${ratio(score.recall)} |`;
  console.log('\n## Checklists: what is missing\n');
  console.log('| Hand-labelled messages | Messages | Declared missing | Labelled missing | Precision | Recall |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('test part (never tuned on)', test));
  console.log(row('tune part', tune));
  const decisions = askDecisions();
  const asked = decisions.filter((decision) => decision.ask === 'citizen');
  console.log(
    `\nAsked to the citizen (each tune half: correct asks, no wrong one): ${asked.map((decision) => `${decision.item} ${decision.right.join('+')}`).join(', ')}; the other items are « à vérifier » for the agent.`,
  );
  const differing = decisions.filter((decision) => decision.ask !== decision.shipped);
  if (differing.length > 0)
    console.log(
      `Shipped set differs from the decision: ${differing.map((decision) => `${decision.item} (${decision.shipped} → ${decision.ask})`).join(', ')}.`,
    );
  if (!showErrors) return;
  console.log('\n### Wrong requests, tune part\n');
  for (const wrong of tune.wrongRequests) console.log(`- ${wrong.id}: ${wrong.item} declared missing, labelled ${wrong.label}`);
}

const blindFile = path.join(root, 'classifiers/corpus/blind.jsonl');
const blindRecordSchema = corpusRecordSchema.extend({
  channel: z.enum(['form', 'email']),
  intent: z.string(),
  administration: z.string().optional(),
});

/** The commune's facts as a town hall that filled its settings page would have them (answers quote nothing else). */
const filledCommuneFacts = {
  commune: 'Villeneuve',
  horaires: 'du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h 30',
  fermetures: 'La mairie est fermée les jours fériés.',
  adresse: '1 place de la Mairie',
  telephone: '01 23 45 67 89',
  courriel: 'contact@mairie.example',
  siteWeb: 'https://mairie.example',
};

/** Which administration each variant of the « autre administration » answer names, as the blind labels spell it. */
const administrationOfVariant: Record<string, readonly string[]> = {
  impots: ['impots'],
  ants: ['ants'],
  caf: ['caf'],
  'france-travail': ['france-travail'],
  cpam: ['cpam'],
  retraite: ['retraite'],
  prefecture: ['prefecture'],
  'casier-judiciaire': ['tribunal', 'autre'],
  tutelle: ['tribunal'],
  plainte: ['gendarmerie-police-nationale'],
};

/**
 * `npm run eval:answers` section: the share of the blind split that would get, through the service's own pipeline
 * (classifier, shipped rules, shipped checklists, every intent switched on and the settings page filled), either a
 * complete immediate answer or a precise request for what is missing. An answer is wrong when the intent was
 * mistaken, or when it names another administration than the one the message is about. Nothing is tuned on it:
 * only counts are printed, never the messages.
 */
export async function blindCoverageSection(
  classifier: RequestClassifierParts,
  config: Pick<Config, 'confidenceThreshold' | 'timeZone'>,
): Promise<void> {
  const checklists = compileChecklistSet(defaultChecklistSet());
  const rules = compileRuleSet(defaultRuleSet(config.confidenceThreshold, config.timeZone));
  const counts = { answer: 0, request: 0, complete: 0, nothing: 0, wrongAnswers: [] as string[] };
  const messages = readJsonLines(blindFile, blindRecordSchema);
  for (const message of messages) {
    const classification = await classifyRequest(classifier, { ...message, receivedAt, timeZone: config.timeZone });
    const decision = evaluateRules(rules, {
      classification,
      channel: message.channel,
      subject: message.subject,
      text: message.text,
      sender: {},
      attachments: [],
      receivedAt,
    });
    const assessment = assessRequest(
      checklists,
      {
        ...classification,
        queue: decision.queue,
        messages: [{ subject: message.subject, text: message.text, entities: classification.entities }],
      },
      { taxonomy: defaultTaxonomy, confidenceThreshold: config.confidenceThreshold, facts: filledCommuneFacts },
    );
    if (!assessment) counts.nothing += 1;
    else if (assessment.kind === 'answer') {
      counts.answer += 1;
      const wrongAdministration =
        message.intent === 'autre-administration' &&
        !(administrationOfVariant[assessment.answer.variant] ?? []).includes(message.administration ?? '');
      if (message.intent !== classification.intent || wrongAdministration) counts.wrongAnswers.push(message.id);
    } else if (assessment.checklist.missing.length > 0) counts.request += 1;
    else counts.complete += 1;
  }
  const share = (value: number) => `${((100 * value) / messages.length).toFixed(1)}%`;
  console.log('\n## Blind split: immediate answers and missing-information requests\n');
  console.log(
    `${messages.length} messages, classified and routed by the service's pipeline; every intent switched on, settings page filled.\n`,
  );
  console.log('| Outcome | Messages | Share |');
  console.log('|---|---|---|');
  console.log(
    `| **complete immediate answer or precise missing-information request** | **${counts.answer + counts.request}** | **${share(counts.answer + counts.request)}** |`,
  );
  console.log(`| of which immediate answers | ${counts.answer} | ${share(counts.answer)} |`);
  console.log(`| of which missing-information requests | ${counts.request} | ${share(counts.request)} |`);
  console.log(
    `| checklist complete or left to the agent (« à vérifier »), nothing to ask | ${counts.complete} | ${share(counts.complete)} |`,
  );
  console.log(`| nothing (other intents, uncertain, other languages, answer not fitting) | ${counts.nothing} | ${share(counts.nothing)} |`);
  console.log(
    `\nWrong immediate answers: ${counts.wrongAnswers.length} of ${counts.answer}${counts.wrongAnswers.length > 0 ? ` (${counts.wrongAnswers.join(', ')})` : ''}.`,
  );
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';

import type { Classification } from '../../classifiers/classification';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import { loadLanguageDetector } from '../../classifiers/language/language-detector';
import { askedText } from '../../classifiers/sources/asked-text';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { assessRequest } from '../../routing-rules/checklists/assess-request';
import { compileChecklistSet, type CompiledChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import { defaultChecklistSet } from '../../routing-rules/checklists/default-checklist-set';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { compileRuleSet, evaluateRules } from '../../routing-rules/evaluate-rules';
import { buildRequestClassifier, ensembleClassifier } from '../classification/build-request-classifier';
import { labelledCorrectionSchema, learnFromCorrections } from '../classification/learn-from-corrections';
import { readJsonLines } from '../classification/read-json-lines';
import { shippedLearningSetup } from '../classification/shipped-ensemble';
import { loadConfig, type Config } from '../config';
import { ficheSources } from '../sources/fiche-sources';

const inputLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  channel: z.enum(['form', 'email']).default('form'),
  subject: z.string().default(''),
  text: z.string().min(1),
});

const usage = 'Usage: npm run --silent classify -- [--learn CORRECTIONS.jsonl] FICHIER.jsonl\n';

/**
 * `npm run --silent classify -- [--learn CORRECTIONS.jsonl] FILE.jsonl`: the server's classification and default
 * routing, without a server. One JSON line out per line in, in order; a bad line yields {"id","error"} and the run
 * goes on; each line names the service-public.fr fiches most relevant to the request (`sources`). With --learn,
 * the labelled corrections are first learnt as the service learns agents' reroutes (same
 * code, same activation gate); what was learnt and the gate's verdict go to standard error.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { learn: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    process.stderr.write(usage);
    process.exit(2);
  }
  const config = loadConfig();
  const classifier = values.learn ? await learntClassifier(config, values.learn) : await buildRequestClassifier();
  const rules = compileRuleSet(defaultRuleSet(config.confidenceThreshold, config.timeZone));
  const checklists = compileChecklistSet(defaultChecklistSet());
  const receivedAt = new Date();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const parsed = inputLineSchema.safeParse(safeJson(line));
    if (!parsed.success) {
      process.stdout.write(
        `${JSON.stringify({ id: null, line: lineNumber, error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') })}\n`,
      );
      continue;
    }
    const request = parsed.data;
    const classification = await classifyRequest(classifier, { ...request, receivedAt, timeZone: config.timeZone });
    const decision = evaluateRules(rules, {
      classification,
      channel: request.channel,
      subject: request.subject,
      text: request.text,
      sender: {},
      attachments: [],
      receivedAt,
    });
    process.stdout.write(
      `${JSON.stringify({
        id: request.id,
        queue: decision.queue,
        intent: classification.intent,
        confidence: Number(classification.confidence.toFixed(4)),
        decidedBy: classification.decidedBy,
        ...(classification.parts && {
          parts: classification.parts.map(({ queue, intent, confidence, text }) => ({
            queue,
            intent,
            confidence: Number(confidence.toFixed(4)),
            text,
          })),
        }),
        entities: classification.entities.map(({ type, value, text }) => ({ type, value, text })),
        missing: missingItems(checklists, classification, request, decision.queue, config.confidenceThreshold),
        sources: ficheSources()
          .search(askedText(request.subject, request.text), 3)
          .map(({ id, title, url }) => ({ id, title, url })),
      })}\n`,
    );
  }
}

async function learntClassifier(config: Config, correctionsFile: string): Promise<RequestClassifierParts> {
  const corrections = readJsonLines(correctionsFile, labelledCorrectionSchema);
  const { context, models } = await shippedLearningSetup(config);
  const outcome = await learnFromCorrections(context, models, corrections, {
    correctionWeight: config.retrainCorrectionWeight,
    tolerance: config.retrainTolerance,
  });
  const { verdict, training, baselineMetrics, candidateMetrics } = outcome;
  process.stderr.write(
    `${JSON.stringify({ learnt: training, activated: verdict.activate, refusals: verdict.refusals, baseline: baselineMetrics, candidate: candidateMetrics })}\n`,
  );
  const active = verdict.activate ? outcome.candidate : models;
  return ensembleClassifier(
    { tfidf: active.tfidf, transformer: context.transformer.withHead(active.head) },
    await loadLanguageDetector(),
    active.calibration,
  );
}

/** The shipped checklist's items the request lacks; empty when complete, or when no checklist applies to it. */
function missingItems(
  checklists: CompiledChecklistSet,
  classification: Classification,
  request: { subject: string; text: string },
  queue: string,
  confidenceThreshold: number,
): string[] {
  const assessment = assessRequest(
    checklists,
    { ...classification, queue, messages: [{ subject: request.subject, text: request.text, entities: classification.entities }] },
    { taxonomy: defaultTaxonomy, confidenceThreshold, facts: {} },
  );
  return assessment?.kind === 'checklist' ? assessment.checklist.missing : [];
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`classify: ${(error as Error).message}\n`);
  process.exit(1);
});

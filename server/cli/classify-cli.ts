import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { classifyRequest } from '../../classifiers/classify-request';
import { compileRuleSet, evaluateRules } from '../../routing-rules/evaluate-rules';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { buildRequestClassifier } from '../classification/build-request-classifier';
import { loadConfig } from '../config';

const inputLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  channel: z.enum(['form', 'email']).default('form'),
  subject: z.string().default(''),
  text: z.string().min(1),
});

/**
 * `npm run --silent classify -- FILE.jsonl`: the server's classification and default routing, without a server.
 * One JSON line out per line in, in order; a bad line yields {"id","error"} and the run goes on.
 */
async function main(file: string | undefined): Promise<void> {
  if (!file) {
    process.stderr.write('Usage: npm run --silent classify -- FICHIER.jsonl\n');
    process.exit(2);
  }
  const config = loadConfig();
  const classifier = await buildRequestClassifier();
  const rules = compileRuleSet(defaultRuleSet(config.confidenceThreshold));
  const receivedAt = new Date();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const parsed = inputLineSchema.safeParse(safeJson(line));
    if (!parsed.success) {
      process.stdout.write(`${JSON.stringify({ id: null, line: lineNumber, error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') })}\n`);
      continue;
    }
    const request = parsed.data;
    const classification = await classifyRequest(classifier, { ...request, receivedAt });
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
        entities: classification.entities.map(({ type, value, text }) => ({ type, value, text })),
      })}\n`,
    );
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`classify: ${(error as Error).message}\n`);
  process.exit(1);
});

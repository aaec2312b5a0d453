import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { isHeldOut } from '../../server/classification/learn-from-corrections';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
const directory = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));

function jsonLines(name: string, lines: unknown[]): string {
  const file = path.join(directory, name);
  writeFileSync(file, `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`);
  return file;
}

async function classify(...args: string[]): Promise<{ lines: Record<string, unknown>[]; stderr: string }> {
  const { stdout, stderr } = await run(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    [path.join(root, 'server', 'cli', 'classify-cli.ts'), ...args],
    {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return {
    lines: stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    stderr,
  };
}

const requests = jsonLines('requests.jsonl', [
  {
    id: 'two',
    channel: 'email',
    subject: 'Deux demandes',
    text: "Bonjour, je voudrais recevoir une copie intégrale de mon acte de naissance, je suis née le 3 mai 1990 à la maternité de la ville. Par ailleurs, le lampadaire devant le 12 rue des Lilas est éteint depuis une semaine, la rue est plongée dans le noir le soir. Merci d'avance, Claire Martin",
  },
  { id: 'one', text: 'Bonjour, le lampadaire devant le 12 rue des Lilas ne fonctionne plus depuis une semaine.' },
  'not json',
]);

describe('classify CLI', () => {
  it('names each request of a message that asks two services, and sends the message itself to the reception', async () => {
    const { lines } = await classify(requests);
    const [two, one, bad] = lines;
    expect(two).toMatchObject({ id: 'two', queue: 'accueil', intent: 'demandes-multiples' });
    const parts = two!.parts as { queue: string; intent: string; confidence: number; text: string }[];
    expect(parts.map((part) => [part.queue, part.intent])).toEqual([
      ['etat-civil', 'copie-acte-naissance'],
      ['voirie', 'eclairage-public'],
    ]);
    for (const part of parts) {
      expect(part.confidence).toBeGreaterThan(0.5);
      expect(part.text.length).toBeGreaterThan(10);
    }
    expect(parts[1]!.text).toContain('lampadaire');
    expect(one).toMatchObject({ id: 'one', queue: 'voirie', intent: 'eclairage-public' });
    expect(one).not.toHaveProperty('parts');
    expect(bad).toMatchObject({ id: null, line: 3 });
  }, 60_000);

  it('lists the checklist items each request lacks (issue 14): what the acknowledgement would ask for', async () => {
    const { lines } = await classify(
      jsonLines('checklists.jsonl', [
        {
          id: 'incomplete',
          channel: 'email',
          subject: 'Acte de naissance',
          text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance. Merci.',
        },
        { id: 'complete', text: 'Bonjour, le lampadaire devant le 12 rue des Lilas ne fonctionne plus depuis une semaine.' },
        { id: 'other-intent', text: 'Merci beaucoup pour votre aide, bonne journée !' },
      ]),
    );
    // Only what is safe to ask the citizen (the parents' names): the date of birth and who the person is are items
    // the checklist leaves to the agent to verify (`ask: agent`), never asked by the acknowledgement.
    expect(lines.map((line) => [line.id, line.missing])).toEqual([
      ['incomplete', ['filiation']],
      ['complete', []],
      ['other-intent', []],
    ]);
  }, 60_000);

  it('learns labelled corrections first, as the service learns reroutes, then classifies with what it learnt', async () => {
    // Short messages the shipped models leave to the reception, and where this mairie's agents send them.
    const corrections = [
      { text: "Le truc devant l'école est cassé depuis lundi.", queue: 'voirie', intent: 'signalement-chaussee' },
      { text: "Qui s'occupe des trous dans le chemin des Vignes ?", queue: 'voirie', intent: 'signalement-chaussee' },
      { text: 'Nous voudrions organiser quelque chose sur la place le 14 juillet.', queue: 'vie-associative', intent: 'evenement' },
      { text: 'Je voudrais des infos pour le terrain derrière chez nous.', queue: 'urbanisme', intent: 'question-plu' },
      {
        text: 'Mon fils aura 16 ans le mois prochain, il doit faire quelque chose à la mairie ?',
        queue: 'etat-civil',
        intent: 'recensement-citoyen',
      },
      { text: 'Le machin lumineux du carrefour clignote orange toute la journée.', queue: 'voirie', intent: 'signalisation' },
    ].map((correction, index) => ({ id: `c${index}`, channel: 'form', subject: '', ...correction }));
    const learnt = corrections.filter((correction) => !isHeldOut(correction));
    const file = jsonLines('corrections.jsonl', corrections);
    const probe = jsonLines(
      'probe.jsonl',
      learnt.map(({ id, text }) => ({ id, text })),
    );

    const before = (await classify(probe)).lines;
    const { lines: after, stderr } = await classify('--learn', file, probe);

    const report = JSON.parse(stderr.trim().split('\n').at(-1)!) as {
      learnt: { corrections: number; heldOutCorrections: number };
      activated: boolean;
    };
    expect(report.learnt).toMatchObject({ corrections: learnt.length, heldOutCorrections: corrections.length - learnt.length });
    expect(report.activated).toBe(true);
    // How much the model believes the agents' labels: the confidence of each right answer, 0 for a wrong one.
    const belief = (lines: Record<string, unknown>[]) =>
      lines.reduce((sum, line, index) => sum + (line.intent === learnt[index]!.intent ? Number(line.confidence) : 0), 0);
    expect(belief(before)).toBeLessThan(learnt.length * 0.85);
    expect(belief(after)).toBeGreaterThan(belief(before) + 0.1);
  }, 300_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

describe('classify CLI sources', () => {
  it('names, on each line, the service-public.fr fiches most relevant to the request, with their title and link', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'classify-sources-')), 'requests.jsonl');
    writeFileSync(
      file,
      [
        { id: 'naissance', text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance, je suis né ici en 1980.' },
        {
          id: 'abri',
          channel: 'email',
          subject: 'Abri de jardin',
          text: 'Faut-il une autorisation pour installer un abri de jardin de 8 m2 ?',
        },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const { stdout } = await run(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'server', 'cli', 'classify-cli.ts'), file],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; sources: { id: string; title: string; url: string }[] });
    expect(lines.map((line) => line.id)).toEqual(['naissance', 'abri']);
    for (const line of lines) {
      expect(line.sources).toHaveLength(3);
      for (const source of line.sources) {
        expect(Object.keys(source).sort()).toEqual(['id', 'title', 'url']);
        expect(source.url).toBe(`https://www.service-public.fr/particuliers/vosdroits/${source.id}`);
      }
    }
    expect(lines[0].sources[0]).toEqual({
      id: 'F1427',
      title: "Acte de naissance : demande de copie intégrale ou d'extrait",
      url: 'https://www.service-public.fr/particuliers/vosdroits/F1427',
    });
    expect(lines[1].sources.map((source) => source.id)).toContain('F662');
  }, 120_000);
});

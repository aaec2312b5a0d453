import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

import { planPrerequisites, type UnmetPrerequisite } from './plan-prerequisites';
import { testPrerequisites } from './test-prerequisites';

/**
 * `npm run prerequisites`, run first by `npm test` and `npm run test:security`: silent when the machine has what
 * the tests need; installs what is missing as root with apt-get (one line says what and why); otherwise exits 1
 * with the reason and the command to run.
 */
function unmetPrerequisites(): UnmetPrerequisite[] {
  return testPrerequisites(process.env)
    .map((prerequisite) => ({ prerequisite, absentFiles: prerequisite.files.filter((file) => !existsSync(file)) }))
    .filter((unmet) => unmet.absentFiles.length > 0);
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((directory) => {
    try {
      accessSync(path.join(directory, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const plan = planPrerequisites({
  unmet: unmetPrerequisites(),
  runningAsRoot: process.getuid?.() === 0,
  aptGetAvailable: onPath('apt-get'),
});
if (plan.action === 'stop') fail(plan.message);
if (plan.action === 'install') {
  process.stdout.write(`${plan.announcement}\n`);
  // apt's progress is noise here; its errors (stderr) are not.
  const installation = spawnSync('sh', ['-c', plan.command], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (installation.status !== 0)
    fail(`Installing ${plan.packages.join(' ')} failed (exit ${installation.status ?? installation.signal}): ${plan.command}`);
  const stillUnmet = unmetPrerequisites();
  if (stillUnmet.length > 0) {
    fail(`Still missing after installing ${plan.packages.join(' ')}: ${stillUnmet.flatMap((unmet) => unmet.absentFiles).join(', ')}`);
  }
}

import type { Prerequisite } from './test-prerequisites';

/** A prerequisite this machine does not meet, with the paths found absent. */
export interface UnmetPrerequisite {
  prerequisite: Prerequisite;
  absentFiles: readonly string[];
}

export interface MachineFacts {
  unmet: readonly UnmetPrerequisite[];
  runningAsRoot: boolean;
  aptGetAvailable: boolean;
}

export type PrerequisitePlan =
  | { action: 'none' }
  /** `command` is run through `sh -c` exactly as shown to a person who has to run it by hand. */
  | { action: 'install'; packages: string[]; command: string; announcement: string }
  | { action: 'stop'; message: string };

/** The same command whoever runs it: the step itself as root, or a person through sudo. */
export function aptInstallCommand(packages: readonly string[]): string {
  return `export DEBIAN_FRONTEND=noninteractive && apt-get update -qq && apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`;
}

function describeUnmet(unmet: UnmetPrerequisite): string {
  return `${unmet.prerequisite.debianPackage} (${unmet.prerequisite.neededBy}; missing: ${unmet.absentFiles.join(', ')})`;
}

/**
 * What the pre-test step does: nothing when every prerequisite is met; installs the missing Debian packages when it
 * can (root and apt-get); otherwise stops with the reason and the exact command to run. Tests never skip for a
 * missing program, so stopping here, before the type check and the build, saves a long run that would fail.
 */
export function planPrerequisites(facts: MachineFacts): PrerequisitePlan {
  if (facts.unmet.length === 0) return { action: 'none' };
  const packages = facts.unmet.map((unmet) => unmet.prerequisite.debianPackage);
  const command = aptInstallCommand(packages);
  if (facts.runningAsRoot && facts.aptGetAvailable) {
    return {
      action: 'install',
      packages,
      command,
      announcement: `Installing what the tests need and this machine lacks: ${facts.unmet.map(describeUnmet).join('; ')}`,
    };
  }
  const missing = facts.unmet.map((unmet) => `  ${describeUnmet(unmet)}`).join('\n');
  const remedy = facts.aptGetAvailable
    ? `Not running as root, so this step cannot install them. Run:\n  sudo sh -c '${command}'`
    : `This machine has no apt-get: install the same programs at these paths (Debian packages: ${packages.join(' ')}).`;
  return { action: 'stop', message: `The tests need Debian packages this machine lacks:\n${missing}\n${remedy}` };
}

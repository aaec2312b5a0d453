import { aptInstallCommand, planPrerequisites, type UnmetPrerequisite } from './plan-prerequisites';
import { chromiumPath, testPrerequisites, type Prerequisite } from './test-prerequisites';

const prerequisites = testPrerequisites({});
const byPackage = (debianPackage: string): Prerequisite =>
  prerequisites.find((prerequisite) => prerequisite.debianPackage === debianPackage)!;
const unmet = (debianPackage: string, absentFiles = byPackage(debianPackage).files): UnmetPrerequisite => ({
  prerequisite: byPackage(debianPackage),
  absentFiles,
});

describe('the pre-test step decides from what the machine lacks and what it may do', () => {
  it.each([
    { case: 'root with apt-get', runningAsRoot: true, aptGetAvailable: true },
    { case: 'no root, no apt-get', runningAsRoot: false, aptGetAvailable: false },
  ])('does nothing when every prerequisite is met ($case)', (facts) => {
    expect(planPrerequisites({ unmet: [], ...facts })).toEqual({ action: 'none' });
  });

  it('installs exactly the missing packages as root with apt-get, announced on one line saying what and why', () => {
    const plan = planPrerequisites({
      unmet: [unmet('dovecot-imapd', ['/usr/sbin/dovecot']), unmet('chromium'), unmet('redis-server')],
      runningAsRoot: true,
      aptGetAvailable: true,
    });
    expect(plan).toEqual({
      action: 'install',
      packages: ['dovecot-imapd', 'chromium', 'redis-server'],
      command:
        'export DEBIAN_FRONTEND=noninteractive && apt-get update -qq && apt-get install -y -qq --no-install-recommends dovecot-imapd chromium redis-server',
      announcement: expect.stringContaining(
        'dovecot-imapd (Dovecot, the IMAP mailbox of the mail tests (test/mail); missing: /usr/sbin/dovecot)',
      ),
    });
    if (plan.action !== 'install') throw new Error('unreachable');
    expect(plan.announcement).not.toContain('\n');
    expect(plan.announcement).toContain('redis-server (Redis');
    expect(plan.announcement).not.toContain('postfix');
  });

  it.each([
    {
      case: 'not root',
      runningAsRoot: false,
      aptGetAvailable: true,
      remedy: `sudo sh -c '${aptInstallCommand(['postfix', 'fonts-liberation'])}'`,
    },
    { case: 'root without apt-get', runningAsRoot: true, aptGetAvailable: false, remedy: 'This machine has no apt-get' },
    { case: 'neither', runningAsRoot: false, aptGetAvailable: false, remedy: 'Debian packages: postfix fonts-liberation' },
  ])('stops with the reason and what to run when it cannot install ($case)', ({ runningAsRoot, aptGetAvailable, remedy }) => {
    const plan = planPrerequisites({ unmet: [unmet('postfix'), unmet('fonts-liberation')], runningAsRoot, aptGetAvailable });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') throw new Error('unreachable');
    expect(plan.message).toContain(
      "postfix (Postfix's smtp-sink, the outgoing SMTP server of the mail tests; missing: /usr/sbin/smtp-sink)",
    );
    expect(plan.message).toContain('missing: /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf');
    expect(plan.message).toContain(remedy);
    expect(plan.message).not.toContain('dovecot');
  });
});

describe('the list of prerequisites', () => {
  it('covers the mail servers, the browser, its font and Redis, each at an absolute path', () => {
    expect(prerequisites.map((prerequisite) => prerequisite.debianPackage)).toEqual([
      'dovecot-imapd',
      'postfix',
      'chromium',
      'fonts-liberation',
      'redis-server',
    ]);
    for (const file of prerequisites.flatMap((prerequisite) => prerequisite.files)) expect(file).toMatch(/^\//);
  });

  it('looks for Chromium where the browser tests do: CHROMIUM_PATH, else Debian’s', () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(byPackage('chromium').files).toEqual(['/usr/bin/chromium']);
    expect(
      testPrerequisites({ CHROMIUM_PATH: '/opt/chromium/chrome' }).find((prerequisite) => prerequisite.debianPackage === 'chromium')!.files,
    ).toEqual(['/opt/chromium/chrome']);
  });
});

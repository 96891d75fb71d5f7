import type { ShellState } from '../../common/shell-state';
import type { Check } from './check';
import { installedPolicyPath, type PolicyComparison } from './chromium-policy';
import { releaseLineSupport } from './node-release-lines';
import { effectiveUid, userName } from './process-user';
import type { ShellStateRead } from './shell-state-file';

/**
 * The lockdown checks of `kioskctl doctor` as plain functions: everything
 * they look at (file contents, pids, dates) comes in as a parameter, so each
 * can be tested case by case. doctor.ts gathers the facts.
 */

const ALLOWED_FOR_TESTS = 'allowed for tests by KIOSK_ALLOW_ROOT=1, never on a terminal';
const INSTALL_HINT = 'install it as root: sudo npm run kioskctl -- shell install-policy';

/** A kiosk fault that tests and CI containers are allowed to have. */
function rootLevel(allowRoot: boolean): Check['status'] {
  return allowRoot ? 'warn' : 'fail';
}

export function browserPolicyCheck(opts: {
  comparison: PolicyComparison;
  dir: string;
  problem?: string;
  chromiumShellRunning: boolean;
}): Check {
  const name = 'browser policy';
  const file = installedPolicyPath(opts.dir);
  if (opts.comparison === 'identical')
    return { name, status: 'pass', detail: `${file} is installed and identical to the shipped policy` };
  // Without the policy Chromium can leave the kiosk's page, open DevTools, download and print; it matters
  // most while Chromium is the shell, and the Electron shell does not read it.
  const status = opts.chromiumShellRunning ? 'fail' : 'warn';
  const scope = opts.chromiumShellRunning
    ? 'the running Chromium shell is not locked down'
    : 'needed whenever the shell is Chromium';
  const what = {
    missing: `not installed (no ${file})`,
    different: `${file} is installed but differs from the shipped policy (an older version, or edited by hand)`,
    invalid: `${file} is not valid JSON, so Chromium ignores it`,
    unreadable: `${file} cannot be read${opts.problem === undefined ? '' : ` (${opts.problem})`}`,
  }[opts.comparison];
  const fix =
    opts.comparison === 'missing'
      ? INSTALL_HINT
      : `reinstall it as root: sudo npm run kioskctl -- shell install-policy`;
  return { name, status, detail: `${what}: ${scope}; ${fix}` };
}

export function shellCheck(opts: { read: ShellStateRead; alive: (pid: number) => boolean; allowRoot: boolean }): Check {
  const name = 'shell';
  const { read } = opts;
  if (read.state === 'missing') {
    return {
      name,
      status: 'warn',
      detail: 'no shell is running (no run/shell.json): the kiosk window is not open, or the service runs headless',
    };
  }
  if (read.state === 'invalid')
    return { name, status: 'warn', detail: `run/shell.json cannot be read: ${read.detail}` };
  const s: ShellState = read.shell;
  if (!opts.alive(s.pid)) {
    return {
      name,
      status: 'warn',
      detail: `run/shell.json names ${s.shell} pid ${s.pid}, which is not running: the shell ended without cleaning up`,
    };
  }
  const problems: Check['status'][] = [];
  const parts = [`${s.shell} (${s.engine}), pid ${s.pid}, started ${s.startedAt}`];
  if (s.sandbox) parts.push('sandbox on');
  else {
    problems.push(rootLevel(opts.allowRoot));
    parts.push(
      `sandbox OFF: a bug in the page's engine would have every right of the shell's user (${opts.allowRoot ? ALLOWED_FOR_TESTS : 'start the shell as an unprivileged user, without --no-sandbox'})`,
    );
  }
  if (s.runningAsRoot) {
    problems.push(rootLevel(opts.allowRoot));
    parts.push(`running as ROOT (${opts.allowRoot ? ALLOWED_FOR_TESTS : 'run the kiosk as an unprivileged user'})`);
  } else parts.push('not running as root');
  if (s.policyFile !== undefined) parts.push(`managed policy ${s.policyFile}`);
  else if (s.shell === 'chromium') {
    problems.push('warn');
    parts.push('no managed policy in effect');
  }
  const status = problems.includes('fail') ? 'fail' : problems.includes('warn') ? 'warn' : 'pass';
  return { name, status, detail: parts.join('; ') };
}

export function runtimeCheck(opts: { version: string; today: Date; name?: string }): Check {
  const name = opts.name ?? 'runtime';
  const node = `Node.js ${opts.version.replace(/^v/, '')}`;
  const support = releaseLineSupport(opts.version, opts.today);
  switch (support.state) {
    case 'supported':
      return {
        name,
        status: 'pass',
        detail: `${node}: its release line gets security fixes until ${support.endOfLife}`,
      };
    case 'ending':
      return {
        name,
        status: 'warn',
        detail: `${node}: its release line reaches end of life on ${support.endOfLife} (in ${support.daysLeft} days) and then gets no security fixes; plan the move to the next LTS line`,
      };
    case 'ended':
      return {
        name,
        status: 'fail',
        detail: `${node}: its release line reached end of life${support.endOfLife === undefined ? '' : ` on ${support.endOfLife}`} and gets no security fixes; install Node.js 24 LTS (see the README)`,
      };
    case 'unknown':
      return {
        name,
        status: 'warn',
        detail: `${node} is not in this kioskctl's table of Node.js release lines: check its end of life on nodejs.org`,
      };
  }
}

export function serviceUserCheck(opts: {
  pid: number | undefined;
  procStatus: string | undefined;
  passwd: string;
  allowRoot: boolean;
}): Check {
  const name = 'service user';
  if (opts.pid === undefined) return { name, status: 'warn', detail: 'the service is not running: nothing to check' };
  const uid = opts.procStatus === undefined ? undefined : effectiveUid(opts.procStatus);
  if (uid === undefined) {
    return {
      name,
      status: 'warn',
      detail: `cannot tell which user service pid ${opts.pid} runs as (no /proc/${opts.pid}/status: not running, or not Linux)`,
    };
  }
  const login = userName(opts.passwd, uid);
  const who = login === undefined ? `uid ${uid}` : `${login} (uid ${uid})`;
  if (uid === 0) {
    return {
      name,
      status: rootLevel(opts.allowRoot),
      detail: `service pid ${opts.pid} runs as ROOT: a bug in anything it parses would have every right on the machine (${opts.allowRoot ? ALLOWED_FOR_TESTS : 'run it as an unprivileged user in the dialout group'})`,
    };
  }
  return { name, status: 'pass', detail: `service pid ${opts.pid} runs as ${who}, not root` };
}

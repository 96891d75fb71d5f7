import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { loadConfig } from '../config/load-config';
import { resolveDataDir } from '../data-dir';
import { RootNotValidError, trustRoot } from '../content/updater/trusted-root';
import { enrollKiosk } from '../hub/enroll';
import { HubRefusedError, HubUnreachableError, kioskStatusAtHub } from '../hub/hub-client';
import {
  hubUrlProblem,
  keyFile,
  normaliseHubUrl,
  readEnrollment,
  readIdentity,
  saveEnrollment,
  type Enrollment,
} from '../hub/hub-identity';

/** Not enrolled, or enrolled already (the other exit codes are server-kit's). */
const EXIT_ENROLLMENT = 2;

const REFUSALS: Record<string, string> = {
  'code-not-valid': 'the hub refused the enrollment code: it is mistyped, used already or expired — ask for a new one',
  'terminal-enrolled':
    'the hub has a live kiosk with this terminal id already: an administrator must revoke it before this one enrolls',
  'key-not-valid': 'the hub refused this kiosk’s key; run the command again (a new key is made each time)',
  'too-many-attempts':
    'the hub refused too many enrollments from this address lately: check the code, then try again in a quarter of an hour',
};

function terminalOf(configFlag: string | undefined) {
  const configPath = configFlag ?? (process.env['KIOSK_CONFIG'] || undefined);
  if (configPath === undefined)
    fail('which terminal? name its configuration: --config FILE or KIOSK_CONFIG', EXIT_USAGE);
  const loaded = loadConfig(configPath);
  if (!loaded.ok) fail(`${configPath} is invalid; run kioskctl config check ${configPath}`, EXIT_USAGE);
  return loaded.value.config;
}

function describeStanding(e: Enrollment): string {
  switch (e.status) {
    case 'pending':
      return `waits for an administrator to approve it (they compare the key fingerprint ${e.keyFingerprint})`;
    case 'approved':
      return 'is approved: it is part of the fleet';
    case 'revoked':
      return 'was revoked by an administrator: enroll again with a new code (`kioskctl hub enroll --again`)';
  }
}

/** Joining the fleet: enrolling with a hub and asking where this kiosk stands there. */
export function addHubCommands(program: Command): void {
  const hub = program.command('hub').description('this kiosk’s enrollment with the hub');

  hub
    .command('enroll')
    .description('make this kiosk’s key pair and register it with the hub using a one-time enrollment code')
    .option(
      '--hub <url>',
      'the hub’s address, https:// (http:// only on this machine); default: the configuration’s hub.url',
    )
    .requiredOption('--code <code>', 'the one-time enrollment code an administrator made (hubctl enroll-code)')
    .option('--config <file>', 'the terminal’s configuration, for its id and name (default: KIOSK_CONFIG)')
    .option('--data-dir <dir>', 'data directory (default: KIOSK_DATA_DIR, else the user data folder)')
    .option('--again', 'enroll again, replacing this kiosk’s key and enrollment (after it was revoked)')
    .action(async (opts: { hub?: string; code: string; config?: string; dataDir?: string; again?: boolean }) => {
      const config = terminalOf(opts.config);
      const hubText = opts.hub ?? config.hub?.url;
      if (hubText === undefined) fail('which hub? --hub URL, or hub.url in the configuration', EXIT_USAGE);
      const problem = hubUrlProblem(hubText);
      if (problem !== undefined) fail(`--hub: ${problem}`, EXIT_USAGE);
      const hubUrl = normaliseHubUrl(hubText);
      const dataDir = resolveDataDir(opts.dataDir);
      const before = readEnrollment(dataDir);
      if (before !== undefined && opts.again !== true)
        fail(
          `this kiosk is enrolled already (kiosk ${before.kioskId} at ${before.hubUrl}): see \`kioskctl hub status\`; --again replaces it`,
          EXIT_ENROLLMENT,
        );

      let answer;
      try {
        answer = await enrollKiosk({ dataDir, hubUrl, code: opts.code, terminal: config });
      } catch (error) {
        if (error instanceof HubRefusedError || error instanceof HubUnreachableError) fail(error.message);
        throw error;
      }
      if (answer.outcome === 'refused') fail(REFUSALS[answer.reason] ?? answer.reason, EXIT_FAILED);
      const { enrollment } = answer;
      process.stdout.write(
        `enrolled terminal ${config.id} with ${hubUrl} as kiosk ${enrollment.kioskId}; its private key stays in ${keyFile(dataDir)}\n` +
          `key fingerprint ${enrollment.keyFingerprint}\n` +
          `this kiosk ${describeStanding(enrollment)}\n`,
      );
    });

  hub
    .command('status')
    .description('ask the hub where this kiosk stands (pending, approved, revoked)')
    .option('--data-dir <dir>', 'data directory (default: KIOSK_DATA_DIR, else the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const identity = readIdentity(dataDir);
      if (identity === undefined)
        fail('this kiosk is not enrolled with a hub: `kioskctl hub enroll --hub URL --code CODE`', EXIT_ENROLLMENT);
      let enrollment = identity.enrollment;
      let unreachable: string | undefined;
      try {
        const answer = await kioskStatusAtHub(identity);
        enrollment = {
          ...enrollment,
          status: answer.status,
          checkedAt: new Date().toISOString(),
          // A hub that gave no key (an older one) leaves the kiosk's as it was.
          ...(answer.sealingKey === undefined ? {} : { sealingKey: answer.sealingKey }),
        };
      } catch (error) {
        if (error instanceof HubRefusedError && error.status === 403 && /revoked/.test(error.message))
          enrollment = { ...enrollment, status: 'revoked', checkedAt: new Date().toISOString() };
        else if (error instanceof HubRefusedError || error instanceof HubUnreachableError) unreachable = error.message;
        else throw error;
      }
      if (unreachable === undefined) saveEnrollment(dataDir, enrollment);
      if (opts.json === true)
        process.stdout.write(`${JSON.stringify({ ...enrollment, answered: unreachable === undefined }, null, 2)}\n`);
      else if (unreachable !== undefined)
        process.stdout.write(
          `kiosk ${enrollment.kioskId} at ${enrollment.hubUrl}; ${unreachable}\nlast known (${enrollment.checkedAt}): ${enrollment.status}\n`,
        );
      else
        process.stdout.write(
          `kiosk ${enrollment.kioskId} at ${enrollment.hubUrl}: this kiosk ${describeStanding(enrollment)}\n`,
        );
      if (unreachable !== undefined || enrollment.status === 'revoked') process.exit(EXIT_FAILED);
    });

  hub
    .command('trust-root')
    .description(
      'make FILE (the 1.root.json `hubctl tuf init` wrote) the root this kiosk trusts for content releases; compare the key ids it prints with those hubctl printed',
    )
    .argument('<file>', 'the TUF root metadata, from the medium the hub’s administrator handed over')
    .option('--data-dir <dir>', 'data directory (default: KIOSK_DATA_DIR, else the user data folder)')
    .option('--replace', 'replace a root trusted already (the kiosk moves to another hub’s repository)')
    .action((file: string, opts: { dataDir?: string; replace?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        fail(`${file}: ${(error as Error).message}`, EXIT_USAGE);
      }
      try {
        const root = trustRoot(resolveDataDir(opts.dataDir), text, { replace: opts.replace === true });
        process.stdout.write(
          `trusted root version ${root.version} (expires ${root.expires}); root key ids (${root.threshold} needed):\n` +
            root.rootKeyIds.map((id) => `  ${id}\n`).join('') +
            'These must be the key ids `hubctl tuf init` printed for the root; if not, run this again with --replace and the right file.\n',
        );
      } catch (error) {
        if (error instanceof RootNotValidError) fail(`${file}: ${error.message}`, EXIT_FAILED);
        throw error;
      }
    });
}

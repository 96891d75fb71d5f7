import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  comparePolicy,
  DEFAULT_POLICY_DIR,
  installedPolicyPath,
  installPolicy,
  installRefusal,
  readInstalledPolicy,
  SHIPPED_POLICY_FILE,
} from '../lockdown/chromium-policy';
import { EXIT_FAILED, EXIT_NOT_ROOT, fail } from '../../server-kit/cli/exit-codes';

/**
 * `kioskctl shell …`: the browser side of the terminal. `install-policy`
 * puts the kiosk's managed policy where Debian's Chromium reads it (as root,
 * once per terminal and after each software update); `--check` only compares.
 */
export function addShellCommands(program: Command): void {
  const shell = program.command('shell').description('the kiosk window’s browser (Chromium fallback shell)');

  shell
    .command('install-policy')
    .description(`install the kiosk’s Chromium managed policy (as root) into ${DEFAULT_POLICY_DIR}`)
    .option('--dir <dir>', 'Chromium’s managed policy directory', DEFAULT_POLICY_DIR)
    .option('--check', 'only report whether the installed policy matches the shipped one (exit 1 if not)')
    .action((opts: { dir: string; check?: boolean }) => {
      const dir = resolve(opts.dir);
      const shipped = readFileSync(SHIPPED_POLICY_FILE, 'utf8');
      const target = installedPolicyPath(dir);
      if (opts.check === true) {
        const installed = readInstalledPolicy(dir);
        const comparison = comparePolicy(shipped, installed);
        const said = {
          identical: `${target} is installed and identical to the shipped policy`,
          missing: `${target} is not installed`,
          different: `${target} differs from the shipped policy ${SHIPPED_POLICY_FILE}`,
          invalid: `${target} is not valid JSON, so Chromium ignores it`,
          unreadable: `${target} cannot be read: ${installed.state === 'unreadable' ? installed.detail : ''}`,
        }[comparison];
        if (comparison !== 'identical')
          fail(`${said}; install it as root: sudo npm run kioskctl -- shell install-policy`, EXIT_FAILED);
        process.stdout.write(`${said}\n`);
        return;
      }
      const refusal = installRefusal(process.getuid?.(), dir);
      if (refusal !== undefined) fail(refusal, EXIT_NOT_ROOT);
      try {
        installPolicy(shipped, dir);
      } catch (error) {
        fail(`cannot install ${target}: ${(error as Error).message}`);
      }
      process.stdout.write(`installed ${target} (root-owned, mode 0644); Chromium applies it at its next start\n`);
    });
}

import { Option, type Command } from 'commander';
import { checkAccountFields, normaliseLogin, USER_ROLES, type UserRole } from '../../common/hub/accounts';
import { checkPasswordPolicy } from '../../common/hub/password-policy';
import { localDateTime } from '../../common/local-date';
import { EXIT_DATA, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { hashPassword } from '../accounts/passwords';
import {
  addUser,
  disableUser,
  listUsers,
  LoginTakenError,
  resetPassword,
  resetTotp,
  type UserSummary,
} from '../storage/users';
import { withStorage } from './cli-storage';
import { InputCancelledError, readAllFrom, readHiddenLine } from './read-password';
import { accountProblemText, passwordProblemText, terminalLanguage } from './texts';

/** The account named does not exist, or the login name is taken (the other exit codes are server-kit's). */
const EXIT_ACCOUNT = 2;

/** Where interrupting a prompt with Ctrl-C ends, as a shell reports it. */
const EXIT_INTERRUPTED = 130;

type GlobalOpts = { dataDir?: string };

/**
 * A new password for `login`: from a pipe with --password-stdin, else asked
 * twice on the terminal without echo. Never from an option: a process's
 * arguments are visible to every user of the machine and kept in shell
 * history. The policy is checked before anything is hashed or stored.
 */
async function newPassword(login: string, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) {
    if (process.stdin.isTTY)
      fail('--password-stdin reads a pipe; on a terminal leave it out and hubctl asks for the password', EXIT_USAGE);
    password = await readAllFrom(process.stdin);
  } else {
    if (!process.stdin.isTTY)
      fail(
        'no terminal to ask for the password on: pipe it in with --password-stdin (hubctl never takes a password from its command line)',
        EXIT_USAGE,
      );
    try {
      password = await readHiddenLine(`New password for ${login}: `, process.stdin, process.stderr);
      const again = await readHiddenLine('Type it again: ', process.stdin, process.stderr);
      if (again !== password) fail('the two passwords differ; nothing was changed', EXIT_DATA);
    } catch (error) {
      if (error instanceof InputCancelledError) fail('cancelled; nothing was changed', EXIT_INTERRUPTED);
      throw error;
    }
  }
  const policy = checkPasswordPolicy(password, login);
  if (!policy.ok) {
    const lang = terminalLanguage();
    fail(
      ['password refused; nothing was changed:', ...policy.error.map((p) => `  ${passwordProblemText(p, lang)}`)].join(
        '\n',
      ),
      EXIT_DATA,
    );
  }
  return password;
}

function state(u: UserSummary, now: Date): string {
  if (u.disabledAt !== null) return 'disabled';
  if (u.lockedUntil !== null && Date.parse(u.lockedUntil) > now.getTime())
    return `locked until ${localDateTime(new Date(u.lockedUntil))}`;
  return 'active';
}

export function addUserCommands(program: Command): void {
  const user = program.command('user').description('accounts of the people who use the hub');

  user
    .command('add')
    .description('add an account; the password is asked on the terminal or read with --password-stdin')
    .requiredOption('--login <login>', 'login name: lower-case letters, digits and . _ -, 3–32 characters')
    .addOption(new Option('--role <role>', 'what the account may do').choices(USER_ROLES).makeOptionMandatory())
    .option(
      '--region <code>',
      '6-digit region code (GB/T 2260); required for regional administrators and case officers',
    )
    .option('--name <name>', 'the person’s name as shown to others')
    .option('--password-stdin', 'read the password from standard input (a pipe)')
    .action(
      async (
        opts: { login: string; role: UserRole; region?: string; name?: string; passwordStdin?: boolean },
        cmd: Command,
      ) => {
        const fields = checkAccountFields({
          login: opts.login,
          role: opts.role,
          regionCode: opts.region,
          displayName: opts.name,
        });
        if (!fields.ok) {
          const lang = terminalLanguage();
          fail(
            ['account refused:', ...fields.error.map((p) => `  ${accountProblemText(p, lang)}`)].join('\n'),
            EXIT_DATA,
          );
        }
        const { dataDir } = cmd.optsWithGlobals<GlobalOpts>();
        // The database first: no one should type a password for a database hubctl cannot use.
        await withStorage(dataDir, { create: false }, async (storage) => {
          const password = await newPassword(fields.value.login, opts.passwordStdin === true);
          const passwordHash = await hashPassword(password);
          try {
            const added = await addUser(storage.db, { ...fields.value, passwordHash }, 'hubctl', new Date());
            const region = added.regionCode === null ? 'national' : `region ${added.regionCode}`;
            process.stdout.write(`added ${added.login} (${added.role}, ${region})\n`);
          } catch (error) {
            if (error instanceof LoginTakenError) fail(error.message, EXIT_ACCOUNT);
            throw error;
          }
        });
      },
    );

  user
    .command('list')
    .description('list the accounts (never their passwords or hashes)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const users = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        listUsers(s.db),
      );
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        return;
      }
      if (users.length === 0) {
        process.stdout.write('no accounts yet: add one with `npm run hubctl -- user add --login L --role R`\n');
        return;
      }
      const now = new Date();
      for (const u of users)
        process.stdout.write(
          `${u.login.padEnd(20)}  ${u.role.padEnd(22)}  ${(u.regionCode ?? 'national').padEnd(8)}  ${state(u, now).padEnd(8)}  ${u.displayName ?? ''}\n`,
        );
    });

  user
    .command('disable')
    .argument('<login>', 'login name of the account')
    .description('stop an account from signing in; its history stays')
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const name = normaliseLogin(login);
      const outcome = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        disableUser(s.db, name, 'hubctl', new Date()),
      );
      if (outcome === 'no-such-user') fail(`there is no account with the login name ${name}`, EXIT_ACCOUNT);
      process.stdout.write(outcome === 'done' ? `disabled ${name}\n` : `${name} was already disabled\n`);
    });

  user
    .command('reset-totp')
    .argument('<login>', 'login name of the account')
    .description("forget the account's two-factor code (a lost phone): it sets a new one up at its next sign-in")
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const name = normaliseLogin(login);
      const outcome = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        resetTotp(s.db, name, 'hubctl', new Date()),
      );
      if (outcome === 'no-such-user') fail(`there is no account with the login name ${name}`, EXIT_ACCOUNT);
      process.stdout.write(
        outcome === 'done'
          ? `two-factor code forgotten for ${name}; its sessions have ended\n`
          : `${name} had no two-factor code\n`,
      );
    });

  user
    .command('reset-password')
    .argument('<login>', 'login name of the account')
    .description('set a new password and clear a lockout (asked on the terminal or read with --password-stdin)')
    .option('--password-stdin', 'read the password from standard input (a pipe)')
    .action(async (login: string, opts: { passwordStdin?: boolean }, cmd: Command) => {
      const name = normaliseLogin(login);
      await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, async (storage) => {
        const exists = await storage.db.selectFrom('users').select('id').where('login', '=', name).executeTakeFirst();
        if (exists === undefined) fail(`there is no account with the login name ${name}`, EXIT_ACCOUNT);
        const passwordHash = await hashPassword(await newPassword(name, opts.passwordStdin === true));
        const outcome = await resetPassword(storage.db, name, passwordHash, 'hubctl', new Date());
        if (outcome === 'no-such-user') fail(`there is no account with the login name ${name}`, EXIT_ACCOUNT);
        process.stdout.write(`new password set for ${name}; any lockout is cleared\n`);
      });
    });
}

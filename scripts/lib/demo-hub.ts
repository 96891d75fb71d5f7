import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { UserRole } from '../../common/hub/accounts';
import { ENROLL_CODE_MIN_SECONDS } from '../../common/hub/api/kiosks';
import { checkPasswordPolicy } from '../../common/hub/password-policy';
import { hubDemoEn, hubDemoZhCN } from '../../common/i18n/sections/hub-demo';
import { prepareDataDir } from '../../server-kit/data-dir';
import { writeOwnerOnlyFile } from '../../server-kit/owner-only-file';
import { hashPassword } from '../../hub/accounts/passwords';
import { createEnrollCode } from '../../hub/storage/enrollment-codes';
import { revokeKiosk } from '../../hub/storage/kiosks';
import { migrateHub } from '../../hub/storage/migrate';
import {
  HubStorageUnavailableError,
  openHubStorage,
  storageTarget,
  type HubStorage,
} from '../../hub/storage/open-storage';
import { addUser, findUserByLogin, resetPassword } from '../../hub/storage/users';
import { enrollKiosk, type EnrollOutcome } from '../../service/hub/enroll';
import { readEnrollment } from '../../service/hub/hub-identity';

/**
 * What `npm start` gives its local demo hub on the first start, and only
 * then: two accounts (an administrator and a lawyer) with passwords made
 * here and written only to a file in the hub's data directory, and the
 * demo kiosk enrolled and approved — with a pre-approved one-time code the
 * hub's own storage makes, spent by the kiosk through the same enrollment
 * as `kioskctl hub enroll`. A later start finds all of it and changes
 * nothing. Every change goes through the hub's storage functions, so each
 * has its audit row (by `system`).
 */

/**
 * The demo hub's port: fixed, because the enrolled kiosk keeps the hub's
 * URL in its enrollment and the console's address should not change from
 * one start to the next. Not 8740, which `npm run hub` uses, so the two can
 * run side by side.
 */
export const DEMO_HUB_PORT = 8741;

export const DEMO_LOGINS = { administrator: 'demo-admin', lawyer: 'demo-lawyer' } as const satisfies Partial<
  Record<UserRole, string>
>;
type DemoRole = keyof typeof DEMO_LOGINS;
const DEMO_ROLES = Object.keys(DEMO_LOGINS) as DemoRole[];

/** The demo accounts' logins and passwords, in the demo hub's data directory (owner-only). */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

/** How long the demo kiosk's code is good for: the hub starts and the kiosk enrolls in seconds; this leaves room. */
const DEMO_CODE_SECONDS = Math.max(ENROLL_CODE_MIN_SECONDS, 30 * 60);

/** The demo hub keeps its data next to the kiosk's: `<kiosk data dir>-demo-hub`. */
export function demoHubDataDir(kioskDataDir: string): string {
  return `${kioskDataDir.replace(/[/\\]+$/, '')}-demo-hub`;
}

/** The terminal as the hub sees it, from its configuration. */
export interface DemoTerminal {
  id: string;
  displayName: string;
  regionCode: string;
  site: string | null;
}

export interface DemoSeed {
  accountsFile: string;
  /** True when this start made the passwords (first start, or the file was deleted). */
  accountsMade: boolean;
  /** A pre-approved one-time code for the kiosk, when it is not enrolled yet. */
  enrollCode: string | undefined;
  /** Kiosks with this terminal's id that the hub still held live, revoked since their identity is gone. */
  revokedKioskIds: number[];
}

/** Letters and digits nobody misreads (no 0/O, 1/l/I), in four groups joined by dashes. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A new password for a demo account: 20 random characters (about 116
 * bits) with lower case, upper case, digits and dashes, so it meets the
 * hub's policy (common/hub/password-policy.ts) whatever the draw.
 */
export function newDemoPassword(login: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (
      /[a-z]/.test(password) &&
      /[A-Z]/.test(password) &&
      /\d/.test(password) &&
      checkPasswordPolicy(password, login).ok
    )
      return password;
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => values[key] ?? m);
}

/** The accounts file's text: all of it in Chinese, then all of it in English. */
export function demoAccountsText(passwords: Record<DemoRole, string>): string {
  const block = (t: typeof hubDemoZhCN.accountsFile): string[] => [
    t.title,
    '',
    t.intro,
    '',
    fill(t.heading, { role: t.administrator, name: t.administratorName }),
    `  ${fill(t.login, { login: DEMO_LOGINS.administrator })}`,
    `  ${fill(t.password, { password: passwords.administrator })}`,
    `  ${t.totpAtFirstSignIn}`,
    '',
    fill(t.heading, { role: t.lawyer, name: t.lawyerName }),
    `  ${fill(t.login, { login: DEMO_LOGINS.lawyer })}`,
    `  ${fill(t.password, { password: passwords.lawyer })}`,
    '',
    t.console,
    t.reset,
  ];
  return [...block(hubDemoZhCN.accountsFile), '', '----', '', ...block(hubDemoEn.accountsFile), ''].join('\n');
}

/**
 * Seeds a migrated demo hub's storage. The accounts are made (or, when
 * they exist but the file with their passwords is gone, given new
 * passwords) unless the file and both accounts are there; the code is
 * made only for a kiosk not enrolled, after revoking any live kiosk of
 * the same terminal (its key went with the kiosk's data directory, and
 * the hub admits one live kiosk per terminal).
 */
export async function seedDemoHub(
  storage: HubStorage,
  opts: { hubDataDir: string; terminal: DemoTerminal; kioskEnrolled: boolean; now: Date },
): Promise<DemoSeed> {
  const { db } = storage;
  const accountsFile = join(opts.hubDataDir, DEMO_ACCOUNTS_FILE);
  const existing = await Promise.all(DEMO_ROLES.map((role) => findUserByLogin(db, DEMO_LOGINS[role])));
  const accountsMade = !existsSync(accountsFile) || existing.some((u) => u === undefined);
  if (accountsMade) {
    const passwords = {} as Record<DemoRole, string>;
    for (const [i, role] of DEMO_ROLES.entries()) {
      const login = DEMO_LOGINS[role];
      passwords[role] = newDemoPassword(login);
      const passwordHash = await hashPassword(passwords[role]);
      if (existing[i] !== undefined) await resetPassword(db, login, passwordHash, 'system', opts.now);
      else
        await addUser(
          db,
          {
            login,
            role,
            regionCode: null,
            displayName:
              role === 'administrator'
                ? hubDemoZhCN.accountsFile.administratorName
                : hubDemoZhCN.accountsFile.lawyerName,
            passwordHash,
          },
          'system',
          opts.now,
        );
    }
    // Written once the accounts are committed: the file never names a password the hub does not have.
    writeOwnerOnlyFile(accountsFile, demoAccountsText(passwords));
  }

  const revokedKioskIds: number[] = [];
  let enrollCode: string | undefined;
  if (!opts.kioskEnrolled) {
    const live = await db
      .selectFrom('kiosks')
      .select('id')
      .where('terminal_id', '=', opts.terminal.id)
      .where('status', '<>', 'revoked')
      .execute();
    for (const { id } of live)
      if ((await revokeKiosk(db, id, 'system', opts.now)) === 'revoked') revokedKioskIds.push(id);
    const made = await createEnrollCode(
      db,
      {
        regionCode: opts.terminal.regionCode,
        site: opts.terminal.site,
        preApproved: true,
        expiresAt: new Date(opts.now.getTime() + DEMO_CODE_SECONDS * 1000),
      },
      'system',
      opts.now,
    );
    enrollCode = made.code;
  }
  return { accountsFile, accountsMade, enrollCode, revokedKioskIds };
}

/**
 * Before the demo hub starts: its data directory (owner-only), hub.db on
 * the embedded storage, migrated, and seeded (seedDemoHub). The storage is
 * closed again before the hub opens it.
 */
export async function prepareDemoHub(opts: {
  hubDataDir: string;
  kioskDataDir: string;
  terminal: DemoTerminal;
  now?: Date;
}): Promise<DemoSeed> {
  const dir = prepareDataDir(opts.hubDataDir);
  if (!dir.ok) throw new HubStorageUnavailableError(dir.error.detail);
  // Always the embedded storage: a HUB_DATABASE_URL in the environment is for a real hub, not the demo.
  const storage = await openHubStorage(storageTarget(opts.hubDataDir, {}), { create: true });
  try {
    const now = opts.now ?? new Date();
    await migrateHub(storage, { actor: 'system', now: () => now });
    return await seedDemoHub(storage, {
      hubDataDir: opts.hubDataDir,
      terminal: opts.terminal,
      kioskEnrolled: readEnrollment(opts.kioskDataDir) !== undefined,
      now,
    });
  } finally {
    await storage.close();
  }
}

/** The demo kiosk spends its code at the running demo hub, as `kioskctl hub enroll` would. */
export function enrollDemoKiosk(opts: {
  kioskDataDir: string;
  hubUrl: string;
  code: string;
  terminal: DemoTerminal;
}): Promise<EnrollOutcome> {
  return enrollKiosk({ dataDir: opts.kioskDataDir, hubUrl: opts.hubUrl, code: opts.code, terminal: opts.terminal });
}

import type { Command } from 'commander';
import { positiveInt } from '../../server-kit/cli/args';
import { EXIT_FAILED, fail } from '../../server-kit/cli/exit-codes';
import { resolveHubDataDir } from '../data-dir';
import { appendAudit } from '../storage/audit-log';
import {
  defaultPayloadKeysDir,
  PayloadKeyError,
  PayloadKeyring,
  payloadsUnderKey,
  PayloadSealBrokenError,
} from '../storage/payload-keyring';
import { payloadKeyUsage, preparePayloadKeyring, reencryptPayloads } from '../storage/payload-keys';
import type { HubStorage } from '../storage/open-storage';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string; keysDir?: string };

/** A key that still holds rows is not removed (the other exit codes are server-kit's). */
export const EXIT_KEY_IN_USE = 2;

const BATCH_MAX = 10_000;

/** Runs a command on the storage and the keyring, failing with the keys' errors' own words. */
async function withKeys<T>(cmd: Command, run: (storage: HubStorage, keysDir: string) => Promise<T>): Promise<T> {
  const opts = cmd.optsWithGlobals<GlobalOpts>();
  const keysDir = opts.keysDir ?? defaultPayloadKeysDir(resolveHubDataDir(opts.dataDir));
  return withStorage(opts.dataDir, { create: false }, async (storage) => {
    try {
      return await run(storage, keysDir);
    } catch (error) {
      if (error instanceof PayloadKeyError || error instanceof PayloadSealBrokenError) fail(error.message, EXIT_FAILED);
      throw error;
    }
  });
}

/** The keys that encrypt submissions' payloads at rest: list them, rotate, re-encrypt, retire an unused one. */
export function addPayloadKeyCommands(program: Command): void {
  const keys = program
    .command('payload-keys')
    .description('the keys that encrypt submissions’ personal data at rest (a directory beside the database)')
    .option('--keys-dir <dir>', 'the payload keys directory (default: keys/payloads in the data directory)');

  keys
    .command('list')
    .description('each key, which is current, and how many submissions are sealed under it')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const usage = await withKeys(cmd, (s, dir) => payloadKeyUsage(s.db, PayloadKeyring.open(dir)));
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(usage, null, 2)}\n`);
        return;
      }
      if (usage.keys.length === 0) process.stdout.write('no payload key yet (the hub makes one at its first start)\n');
      for (const k of usage.keys)
        process.stdout.write(`${k.id}${k.current ? '  current' : '         '}  ${k.rows} submissions\n`);
      if (usage.clearRows > 0) process.stdout.write(`${usage.clearRows} submissions kept in clear\n`);
      if (usage.rowsUnderMissingKeys > 0)
        process.stdout.write(
          `${usage.rowsUnderMissingKeys} submissions sealed under keys missing from the directory\n`,
        );
    });

  const batchOption = (c: Command) => c.option('--batch <n>', 'rows per transaction', '500');
  const reencrypt = async (s: HubStorage, ring: PayloadKeyring, batch: string) => {
    const batchSize = positiveInt(batch, '--batch', BATCH_MAX);
    const { moved, keyId } = await reencryptPayloads(s.db, ring, {
      actor: 'hubctl',
      now: () => new Date(),
      batchSize,
      onBatch: (p) => {
        if (p.moved > 0) process.stdout.write(`  ${p.moved} moved (up to submission ${p.upTo})\n`);
      },
    });
    process.stdout.write(`${moved} submissions re-encrypted under ${keyId}\n`);
  };

  batchOption(
    keys
      .command('rotate')
      .description(
        'make a new current key and re-encrypt every submission under it, in batches (old keys are kept: retire them when they hold none)',
      ),
  ).action(async (opts: { batch: string }, cmd: Command) => {
    await withKeys(cmd, async (s, dir) => {
      const now = () => new Date();
      const ring = await preparePayloadKeyring(s.db, dir, now);
      const id = ring.addKey(now());
      await appendAudit(s.db, { actor: 'hubctl', action: 'payload-keys.added', target: `payload-key:${id}` }, now());
      process.stdout.write(`new current payload key ${id}\n`);
      await reencrypt(s, ring, opts.batch);
    });
  });

  batchOption(
    keys
      .command('reencrypt')
      .description('re-encrypt under the current key every submission still under an older one (resumes a rotation)'),
  ).action(async (opts: { batch: string }, cmd: Command) => {
    await withKeys(cmd, async (s, dir) => {
      await reencrypt(s, await preparePayloadKeyring(s.db, dir, () => new Date()), opts.batch);
    });
  });

  keys
    .command('retire')
    .argument('<id>', 'the key to delete')
    .description(
      'delete an old key’s file, once no submission is sealed under it (keep its backup for older database backups)',
    )
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withKeys(cmd, async (s, dir) => {
        const ring = PayloadKeyring.open(dir);
        if (!ring.ids().includes(id)) fail(`there is no payload key ${id} in ${dir}`, EXIT_FAILED);
        const used = await s.db
          .selectFrom('submissions')
          .select('id')
          .where('payload', 'like', payloadsUnderKey(id))
          .limit(1)
          .executeTakeFirst();
        if (used !== undefined)
          fail(`payload key ${id} still holds submissions: run \`payload-keys reencrypt\` first`, EXIT_KEY_IN_USE);
        ring.removeKey(id);
        await appendAudit(
          s.db,
          { actor: 'hubctl', action: 'payload-keys.retired', target: `payload-key:${id}` },
          new Date(),
        );
        process.stdout.write(`payload key ${id} deleted\n`);
      });
    });
}

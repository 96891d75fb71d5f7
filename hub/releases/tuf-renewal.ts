import type { Logger } from 'pino';
import type { HubDb } from '../storage/schema';
import { hasTufKey, readTufKey, TufKeyError, type TufSigner } from './tuf-keys';
import {
  renewExpiring,
  TufForeignMetadataError,
  TufWrongKeyError,
  type OnlineKeys,
  type RenewalOutcome,
} from './tuf-repository';

/** How often the hub looks whether the snapshot or timestamp needs renewing: well within the 12 hours' margin. */
export const TUF_RENEW_EVERY_MS = 10 * 60 * 1000;

/**
 * The hub's own part of the repository: on start and every few minutes,
 * a new timestamp (and snapshot, and the delegated releases role's
 * metadata, with its key) before the current one runs out
 * (tuf-repository.ts, renewExpiring). Every instance runs it; the database
 * lets one store each new version and the others find it done. Before
 * `hubctl tuf init` there is nothing to renew and nothing is said; the
 * online keys are read when needed, so an init while the hub runs is
 * picked up at the next tick.
 */
export function startTufRenewal(opts: {
  db: HubDb;
  keysDir: string;
  now: () => Date;
  logger: Logger;
  everyMs?: number;
}): { stop(): Promise<void>; renewNow(): Promise<RenewalOutcome | undefined> } {
  let running: Promise<RenewalOutcome | undefined> | undefined;
  let keys: (OnlineKeys & { releases: TufSigner | undefined }) | undefined;
  const renew = async (): Promise<RenewalOutcome | undefined> => {
    try {
      if (keys === undefined) {
        if (!hasTufKey(opts.keysDir, 'timestamp')) {
          const exists = await opts.db.selectFrom('tuf_metadata').select('version').limit(1).executeTakeFirst();
          if (exists === undefined) return 'no-repository';
        }
        keys = {
          snapshot: readTufKey(opts.keysDir, 'snapshot'),
          timestamp: readTufKey(opts.keysDir, 'timestamp'),
          // The delegated role's key, once `hubctl tuf init` or `tuf delegate` made it: its metadata is renewed too.
          releases: hasTufKey(opts.keysDir, 'releases') ? readTufKey(opts.keysDir, 'releases') : undefined,
        };
      }
      const outcome = await renewExpiring(opts.db, keys, opts.now());
      if (outcome === 'renewed') opts.logger.info('TUF repository: snapshot/timestamp renewed');
      return outcome;
    } catch (error) {
      // Kiosks keep their release but see no new one once the timestamp runs out: said loudly, at every tick.
      opts.logger.error(
        error instanceof TufKeyError || error instanceof TufWrongKeyError || error instanceof TufForeignMetadataError
          ? { problem: error.message }
          : { err: error },
        'TUF repository: renewing the timestamp failed; kiosks stop updating when it expires',
      );
      keys = undefined;
      return undefined;
    }
  };
  const tick = (): Promise<RenewalOutcome | undefined> => (running ??= renew().finally(() => (running = undefined)));
  const first = setTimeout(() => void tick(), 0);
  const timer = setInterval(() => void tick(), opts.everyMs ?? TUF_RENEW_EVERY_MS);
  first.unref();
  timer.unref();
  return {
    renewNow: tick,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

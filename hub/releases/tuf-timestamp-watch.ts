import type { Logger } from 'pino';
import type { HubDb } from '../storage/schema';
import { rolloutGeneration } from './rollouts';

/** How often each hub instance looks for a new timestamp: kiosks hear of a release within this, not their own interval. */
export const TUF_WATCH_EVERY_MS = 15_000;

/**
 * Tells this instance's kiosks when the repository's timestamp moves on (a
 * release published with hubctl, a renewal): they check at once instead of
 * at their next interval. Every instance reads the database itself, so a
 * publish from any process reaches every kiosk without the bus. A change
 * of the rollouts, pins or groups (rollouts.ts counts them) is told the same
 * way, since it changes what kiosks may install. The first look only learns
 * where the repository stands.
 */
export function watchTufTimestamp(opts: {
  db: HubDb;
  logger: Logger;
  onNewer: (timestampVersion: number) => void;
  everyMs?: number;
}): { close(): void; look(): Promise<void> } {
  let seen: number | undefined;
  let seenGeneration: number | undefined;
  let looking: Promise<void> | undefined;
  const look = (): Promise<void> =>
    (looking ??= (async () => {
      try {
        const row = await opts.db
          .selectFrom('tuf_metadata')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('role', '=', 'timestamp')
          .executeTakeFirst();
        const version = row?.v === null || row?.v === undefined ? 0 : Number(row.v);
        const generation = await rolloutGeneration(opts.db);
        const moved =
          (seen !== undefined && version > seen) || (seenGeneration !== undefined && generation > seenGeneration);
        // Before the repository is made there is nothing to install, whatever a rollout says.
        if (moved && version > 0) opts.onNewer(version);
        seen = Math.max(seen ?? 0, version);
        seenGeneration = Math.max(seenGeneration ?? 0, generation);
      } catch (error) {
        opts.logger.warn({ err: error }, 'TUF repository: the timestamp could not be read; kiosks are not nudged');
      } finally {
        looking = undefined;
      }
    })());
  void look();
  const timer = setInterval(() => void look(), opts.everyMs ?? TUF_WATCH_EVERY_MS);
  timer.unref();
  return { close: () => clearInterval(timer), look };
}

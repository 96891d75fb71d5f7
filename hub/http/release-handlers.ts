import type { HubApi } from '../../common/hub/api/contract';
import { mayManageKiosksIn } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import { kioskCountsPerRelease } from '../fleet/kiosk-release-reports';
import { listReleases } from '../releases/content-releases';
import { changeRollout, listRollouts, pinKiosk, RolloutRefusedError } from '../releases/rollouts';
import { findKiosk } from '../storage/kiosks';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { scopeOf, signedIn } from './route-callers';

/**
 * The console's view of staged rollouts: the published releases with their
 * rollouts and the counts of the caller's kiosks; changing a rollout (the
 * whole fleet's: administrators only, by the contract); pinning a kiosk of
 * the caller's regions. The kiosks hear of a change through the hub's
 * watch of the rollout generation (tuf-timestamp-watch.ts).
 */

type ReleaseRoutes = 'releases' | 'releaseRollout' | 'kioskPin';

const NO_COUNTS = { on: 0, downloading: 0, failed: 0, rolledBack: 0 };

export function createReleaseHandlers(deps: {
  db: HubDb;
  now: () => Date;
}): Pick<Handlers<HubApi, HubCaller>, ReleaseRoutes> {
  const { db, now } = deps;
  /** A refusal is a conflict with how things stand, said in its own words. */
  const refused = (error: unknown): never => {
    if (error instanceof RolloutRefusedError) throw new HttpError(409, 'conflict', error.message);
    throw error;
  };

  return {
    async releases(_body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const mine = await db.selectFrom('kiosks').select(['id', 'region_code']).execute();
      const visible = new Set(mine.filter((k) => mayManageKiosksIn(actor, k.region_code)).map((k) => k.id));
      const counts = await kioskCountsPerRelease(db, visible);
      const rollouts = new Map((await listRollouts(db)).map((r) => [r.releaseNumber, r]));
      const releases = (await listReleases(db))
        .filter((r) => r.releaseNumber !== null)
        .map((r) => ({
          releaseNumber: r.releaseNumber!,
          version: r.version,
          publishedAt: r.publishedAt!,
          rollout: rollouts.get(r.releaseNumber!) ?? null,
          counts: counts.get(r.releaseNumber!) ?? NO_COUNTS,
        }))
        .reverse();
      return { releases };
    },

    async releaseRollout(body, ctx) {
      const caller = signedIn(ctx);
      const rollout = await changeRollout(
        db,
        body.releaseNumber,
        body.change,
        { userId: caller.session.user.id },
        now(),
      ).catch(refused);
      return { rollout };
    },

    async kioskPin(body, ctx) {
      const caller = signedIn(ctx);
      const kiosk = await findKiosk(db, body.kioskId);
      if (kiosk === undefined || !mayManageKiosksIn(scopeOf(caller.session.user), kiosk.region_code))
        throw new HttpError(404, 'not-found', 'No such kiosk');
      await pinKiosk(db, kiosk.id, body.releaseNumber, { userId: caller.session.user.id }, now()).catch(refused);
      return { kioskId: kiosk.id, pin: body.releaseNumber };
    },
  };
}

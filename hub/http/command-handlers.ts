import type { HubApi } from '../../common/hub/api/contract';
import { mayManageKiosksIn } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import type { LiveEvent } from '../live/live-bus';
import { findKiosk } from '../storage/kiosks';
import { findCommand, listCommands, recordCommandResult, sendCommand } from '../storage/kiosk-commands';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { kioskOf, scopeOf, signedIn } from './route-callers';

/** The commands a list shows at most: the latest. */
export const COMMAND_LIST_LIMIT = 200;

type CommandRoutes = 'commandSend' | 'commandList' | 'commandShow' | 'kioskCommandResult';

/**
 * Fleet commands (common/hub/api/fleet-commands.ts): administrators of a
 * kiosk's region send them and read their results; a kiosk reports the
 * results of its own. A kiosk or command outside the caller's regions is
 * answered as none (404).
 */
export function createCommandHandlers(deps: {
  db: HubDb;
  now: () => Date;
  publish: (...events: LiveEvent[]) => Promise<void>;
}): Pick<Handlers<HubApi, HubCaller>, CommandRoutes> {
  const { db, now } = deps;
  const noKiosk = (): HttpError => new HttpError(404, 'not-found', 'No such kiosk');

  return {
    async commandSend(body, ctx) {
      const caller = signedIn(ctx);
      const kiosk = await findKiosk(db, body.kioskId);
      if (kiosk === undefined || !mayManageKiosksIn(scopeOf(caller.session.user), kiosk.region_code)) throw noKiosk();
      const at = now();
      const sent = await sendCommand(
        db,
        { kioskId: kiosk.id, kind: body.kind, expiresAt: new Date(at.getTime() + body.expiresInSeconds * 1000) },
        { userId: caller.session.user.id },
        at,
      );
      if (sent.outcome === 'no-such-kiosk') throw noKiosk();
      if (sent.outcome === 'not-approved')
        throw new HttpError(409, 'conflict', 'The kiosk is not approved: it takes no commands');
      // Committed: the instance holding the kiosk's socket pushes it; the next heartbeat's answer carries it otherwise.
      await deps.publish({ type: 'kiosk-command', kioskId: kiosk.id });
      return sent.command;
    },

    async commandList(body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const kiosks = await db.selectFrom('kiosks').select(['id', 'region_code']).execute();
      const mine = kiosks.filter((k) => mayManageKiosksIn(actor, k.region_code)).map((k) => k.id);
      if (body.kioskId !== undefined && !mine.includes(body.kioskId)) throw noKiosk();
      const kioskIds = body.kioskId !== undefined ? [body.kioskId] : actor.role === 'administrator' ? undefined : mine;
      return {
        commands: await listCommands(db, {
          ...(kioskIds === undefined ? {} : { kioskIds }),
          limit: COMMAND_LIST_LIMIT,
        }),
      };
    },

    async commandShow(body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const found = await findCommand(db, body.commandId);
      const kiosk = found === undefined ? undefined : await findKiosk(db, found.command.kioskId);
      if (found === undefined || kiosk === undefined || !mayManageKiosksIn(actor, kiosk.region_code))
        throw new HttpError(404, 'not-found', 'No such command');
      return found;
    },

    async kioskCommandResult(body, ctx) {
      const kiosk = kioskOf(ctx);
      const outcome = await recordCommandResult(db, kiosk.id, body, now());
      if (outcome === 'no-such-command')
        throw new HttpError(404, 'not-found', 'No command delivered to this kiosk has this id');
      if (outcome === 'stored')
        await deps.publish({ type: 'kiosk-changed', kioskId: kiosk.id, regionCode: kiosk.regionCode });
      return { outcome };
    },
  };
}

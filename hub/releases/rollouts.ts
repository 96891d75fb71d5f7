import { GROUP_NAME_PATTERN, type RolloutChange } from '../../common/hub/api/releases';
import { appendAudit, actorText, kioskTarget, type AuditActor } from '../storage/audit-log';
import type { HubDb } from '../storage/schema';
import { allowedRelease, type Rollout } from './rollout-decision';

/**
 * Staged rollouts of published content releases, kiosk groups and pins, as
 * the hub stores them (migration 13); rollout-decision.ts decides what a
 * kiosk may install from them. Every change is audited and counts up the
 * rollout generation, which each hub instance watches to tell its kiosks
 * (tuf-timestamp-watch.ts).
 */

/** A change refused, in words saying what was wrong; nothing was stored. */
export class RolloutRefusedError extends Error {}

export type { RolloutChange };

async function bumpGeneration(trx: HubDb): Promise<void> {
  await trx
    .updateTable('release_rollout_changes')
    .set((eb) => ({ generation: eb('generation', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** The rollout generation: moves on with every change of rollouts, pins and groups. */
export async function rolloutGeneration(db: HubDb): Promise<number> {
  const row = await db
    .selectFrom('release_rollout_changes')
    .select('generation')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.generation ?? 0;
}

function checkGroupName(group: string): void {
  if (!GROUP_NAME_PATTERN.test(group))
    throw new RolloutRefusedError(
      `group name ${JSON.stringify(group)}: expected up to 40 letters, digits, - and _, starting with a letter or digit`,
    );
}

async function requireKiosk(db: HubDb, kioskId: number): Promise<{ regionCode: string }> {
  const row = await db.selectFrom('kiosks').select('region_code').where('id', '=', kioskId).executeTakeFirst();
  if (row === undefined) throw new RolloutRefusedError(`there is no kiosk ${kioskId}`);
  return { regionCode: row.region_code };
}

async function isPublished(db: HubDb, releaseNumber: number): Promise<boolean> {
  const row = await db
    .selectFrom('content_releases')
    .select('id')
    .where('release_number', '=', releaseNumber)
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts a kiosk in a group; answers false when it was in it already (nothing changed). Audited. */
export async function addKioskToGroup(
  db: HubDb,
  kioskId: number,
  group: string,
  actor: AuditActor,
  now: Date,
): Promise<boolean> {
  checkGroupName(group);
  return db.transaction().execute(async (trx) => {
    await requireKiosk(trx, kioskId);
    const added = await trx
      .insertInto('kiosk_group_members')
      .values({ group_name: group, kiosk_id: kioskId, added_at: now.toISOString(), added_by: actorText(actor) })
      .onConflict((oc) => oc.columns(['group_name', 'kiosk_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await bumpGeneration(trx);
    await appendAudit(trx, { actor, action: 'kiosk.group-add', target: kioskTarget(kioskId), details: { group } }, now);
    return true;
  });
}

/** Takes a kiosk out of a group; answers false when it was not in it. Audited. */
export async function removeKioskFromGroup(
  db: HubDb,
  kioskId: number,
  group: string,
  actor: AuditActor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('kiosk_group_members')
      .where('group_name', '=', group)
      .where('kiosk_id', '=', kioskId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await bumpGeneration(trx);
    await appendAudit(
      trx,
      { actor, action: 'kiosk.group-remove', target: kioskTarget(kioskId), details: { group } },
      now,
    );
    return true;
  });
}

export interface GroupMember {
  group: string;
  kioskId: number;
  regionCode: string;
}

/** Every group membership, by group then kiosk, with the kiosk's region (what an account's scope filters by). */
export async function listGroupMembers(db: HubDb): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom('kiosk_group_members')
    .innerJoin('kiosks', 'kiosks.id', 'kiosk_group_members.kiosk_id')
    .select(['kiosk_group_members.group_name', 'kiosk_group_members.kiosk_id', 'kiosks.region_code'])
    .orderBy('kiosk_group_members.group_name')
    .orderBy('kiosk_group_members.kiosk_id')
    .execute();
  return rows.map((r) => ({ group: r.group_name, kioskId: r.kiosk_id, regionCode: r.region_code }));
}

/** Every rollout, newest release first. */
export async function listRollouts(db: HubDb): Promise<Rollout[]> {
  const rows = await db.selectFrom('release_rollouts').selectAll().orderBy('release_number', 'desc').execute();
  return rows.map((r) => ({
    releaseNumber: r.release_number,
    stage: r.stage,
    canaryGroup: r.canary_group,
    percent: r.percent,
    state: r.state,
  }));
}

/** What `change` makes of the rollout `current` (undefined: the release goes to nobody yet), or why it may not. */
export function nextRollout(releaseNumber: number, current: Rollout | undefined, change: RolloutChange): Rollout {
  const n = releaseNumber;
  const fresh: Rollout = current ?? {
    releaseNumber: n,
    stage: 'canary',
    canaryGroup: null,
    percent: null,
    state: 'running',
  };
  const widening = change.action === 'canary' || change.action === 'percent' || change.action === 'all';
  if (widening && current?.state === 'aborted')
    throw new RolloutRefusedError(
      `the rollout of release ${n} is aborted: kiosks on it stay there (they never go back); publish a release ${n + 1} to move them on`,
    );
  if (widening && current?.state === 'paused')
    throw new RolloutRefusedError(`the rollout of release ${n} is paused: resume it before widening it`);
  if (widening && current?.stage === 'all') throw new RolloutRefusedError(`release ${n} goes to every kiosk already`);
  switch (change.action) {
    case 'canary':
      checkGroupName(change.group);
      if (current !== undefined && current.stage !== 'canary')
        throw new RolloutRefusedError(
          `release ${n} is at ${current.percent ?? 0} % already, past its canary: a rollout only widens`,
        );
      return { ...fresh, stage: 'canary', canaryGroup: change.group, state: 'running' };
    case 'percent': {
      const p = change.percent;
      if (!Number.isInteger(p) || p < 1 || p > 99)
        throw new RolloutRefusedError(
          `percent ${p}: expected a whole number from 1 to 99 (every kiosk: roll out to all)`,
        );
      if (current?.stage === 'percent' && (current.percent ?? 0) >= p)
        throw new RolloutRefusedError(
          `release ${n} is at ${current.percent} % already: a rollout only widens (kiosks on it stay there)`,
        );
      return { ...fresh, stage: 'percent', percent: p, state: 'running' };
    }
    case 'all':
      return { ...fresh, stage: 'all', percent: null, state: 'done' };
    case 'pause':
      if (current === undefined || (current.state !== 'running' && current.state !== 'done'))
        throw new RolloutRefusedError(
          `release ${n} has no rollout under way to pause${current === undefined ? '' : ` (it is ${current.state})`}`,
        );
      return { ...current, state: 'paused' };
    case 'resume':
      if (current?.state !== 'paused')
        throw new RolloutRefusedError(
          `the rollout of release ${n} is not paused${current === undefined ? ' (it has none)' : ` (it is ${current.state})`}`,
        );
      return { ...current, state: current.stage === 'all' ? 'done' : 'running' };
    case 'abort':
      if (current === undefined)
        throw new RolloutRefusedError(`release ${n} has no rollout to abort: it goes to nobody`);
      if (current.state === 'aborted') throw new RolloutRefusedError(`the rollout of release ${n} is aborted already`);
      return { ...current, state: 'aborted' };
  }
}

/** Changes a published release's rollout; answers it as it now is. Audited. */
export async function changeRollout(
  db: HubDb,
  releaseNumber: number,
  change: RolloutChange,
  actor: AuditActor,
  now: Date,
): Promise<Rollout> {
  return db.transaction().execute(async (trx) => {
    // Counting up the generation first takes its row's lock (PostgreSQL) until this transaction ends: a
    // second change made at the same moment, on this hub or another, waits here and then reads what this
    // one stored — so each change is decided on the rollout as the one before left it, and none that was
    // acknowledged is overwritten by a change decided on the state before it.
    await bumpGeneration(trx);
    if (!(await isPublished(trx, releaseNumber)))
      throw new RolloutRefusedError(`there is no published release ${releaseNumber}`);
    const current = (await listRollouts(trx)).find((r) => r.releaseNumber === releaseNumber);
    const next = nextRollout(releaseNumber, current, change);
    if (change.action === 'canary') {
      const member = await trx
        .selectFrom('kiosk_group_members')
        .select('kiosk_id')
        .where('group_name', '=', change.group)
        .executeTakeFirst();
      if (member === undefined)
        throw new RolloutRefusedError(`group ${JSON.stringify(change.group)} has no kiosks: add some first`);
    }
    await writeRolloutRow(trx, next, actor, now);
    await appendAudit(
      trx,
      {
        actor,
        action: 'release.rollout',
        target: `release:${releaseNumber}`,
        details: {
          change: change.action,
          stage: next.stage,
          group: next.canaryGroup,
          percent: next.percent,
          state: next.state,
        },
      },
      now,
    );
    return next;
  });
}

/** Writes a rollout row (inside the caller's transaction) and counts up the generation. */
export async function storeRollout(trx: HubDb, r: Rollout, actor: AuditActor, now: Date): Promise<void> {
  await writeRolloutRow(trx, r, actor, now);
  await bumpGeneration(trx);
}

async function writeRolloutRow(trx: HubDb, r: Rollout, actor: AuditActor, now: Date): Promise<void> {
  const values = {
    stage: r.stage,
    canary_group: r.canaryGroup,
    percent: r.percent,
    state: r.state,
    changed_at: now.toISOString(),
    changed_by: actorText(actor),
  };
  await trx
    .insertInto('release_rollouts')
    .values({ release_number: r.releaseNumber, ...values })
    .onConflict((oc) => oc.column('release_number').doUpdateSet(values))
    .execute();
}

/** Pins a kiosk at a release (0: the one shipped with the software), or unpins it (null). Audited. */
export async function pinKiosk(
  db: HubDb,
  kioskId: number,
  releaseNumber: number | null,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireKiosk(trx, kioskId);
    if (releaseNumber === null) {
      await trx.deleteFrom('kiosk_release_pins').where('kiosk_id', '=', kioskId).execute();
    } else {
      if (!Number.isInteger(releaseNumber) || releaseNumber < 0)
        throw new RolloutRefusedError(
          `release ${releaseNumber}: expected a release number (a whole number, 0 or more)`,
        );
      if (releaseNumber > 0 && !(await isPublished(trx, releaseNumber)))
        throw new RolloutRefusedError(`there is no published release ${releaseNumber} to pin kiosk ${kioskId} at`);
      const values = { release_number: releaseNumber, pinned_at: now.toISOString(), pinned_by: actorText(actor) };
      await trx
        .insertInto('kiosk_release_pins')
        .values({ kiosk_id: kioskId, ...values })
        .onConflict((oc) => oc.column('kiosk_id').doUpdateSet(values))
        .execute();
    }
    await bumpGeneration(trx);
    await appendAudit(
      trx,
      {
        actor,
        action: releaseNumber === null ? 'kiosk.unpin' : 'kiosk.pin',
        target: kioskTarget(kioskId),
        details: releaseNumber === null ? {} : { releaseNumber },
      },
      now,
    );
  });
}

/** Every pin, by kiosk id. */
export async function kioskPins(db: HubDb): Promise<Map<number, number>> {
  const rows = await db.selectFrom('kiosk_release_pins').select(['kiosk_id', 'release_number']).execute();
  return new Map(rows.map((r) => [r.kiosk_id, r.release_number]));
}

/** The highest release each of `kioskIds` may install now (rollout-decision.ts), read in one go. */
export async function allowedReleases(db: HubDb, kioskIds: readonly number[]): Promise<Map<number, number>> {
  const answer = new Map<number, number>();
  if (kioskIds.length === 0) return answer;
  // One after the other: inside a transaction they share one connection.
  const rollouts = await listRollouts(db);
  const members = await db
    .selectFrom('kiosk_group_members')
    .select(['kiosk_id', 'group_name'])
    .where('kiosk_id', 'in', [...kioskIds])
    .execute();
  const pins = await db
    .selectFrom('kiosk_release_pins')
    .select(['kiosk_id', 'release_number'])
    .where('kiosk_id', 'in', [...kioskIds])
    .execute();
  for (const id of kioskIds) {
    const groups = new Set(members.filter((m) => m.kiosk_id === id).map((m) => m.group_name));
    const pin = pins.find((p) => p.kiosk_id === id)?.release_number ?? null;
    answer.set(id, allowedRelease({ id, groups, pin }, rollouts));
  }
  return answer;
}

/** The highest release one kiosk may install now. */
export async function allowedReleaseOf(db: HubDb, kioskId: number): Promise<number> {
  return (await allowedReleases(db, [kioskId])).get(kioskId) ?? 0;
}

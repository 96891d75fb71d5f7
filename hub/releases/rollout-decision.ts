import { createHash } from 'node:crypto';
import type { RolloutStage, RolloutState } from '../../common/hub/api/releases';

/**
 * Which content release a kiosk may install now, from the rollouts of the
 * published releases, the kiosk's groups and its pin. Pure: the storage
 * (rollouts.ts) reads the rows, this decides.
 */

export interface Rollout {
  releaseNumber: number;
  stage: RolloutStage;
  /** The canary group; kept when the rollout widens, so its kiosks stay in. */
  canaryGroup: string | null;
  /** 1–99 at the percent stage. */
  percent: number | null;
  state: RolloutState;
}

export interface KioskStanding {
  id: number;
  groups: ReadonlySet<string>;
  /** The release the kiosk stays at; null when not pinned. */
  pin: number | null;
}

/**
 * The kiosk's place in a release's percentage, 0–99: from a hash of kiosk id
 * and release number, so it is the same at every hub instance and every
 * ask, and widening from 10 % to 50 % keeps the first 10 % in; each release
 * draws its own kiosks, so the same few are not always first.
 */
export function rolloutBucket(kioskId: number, releaseNumber: number): number {
  return createHash('sha256').update(`${kioskId}:${releaseNumber}`).digest().readUInt32BE(0) % 100;
}

/** Whether a rollout lets the kiosk install its release now: a paused or aborted one lets nobody new in. */
export function admits(rollout: Rollout, kiosk: KioskStanding): boolean {
  if (rollout.state === 'paused' || rollout.state === 'aborted') return false;
  if (rollout.stage === 'all') return true;
  if (rollout.canaryGroup !== null && kiosk.groups.has(rollout.canaryGroup)) return true;
  return rollout.stage === 'percent' && rolloutBucket(kiosk.id, rollout.releaseNumber) < (rollout.percent ?? 0);
}

/**
 * The highest release number the kiosk may install: the highest release
 * whose rollout admits it, never above its pin; 0 when none does (a
 * published release without a rollout goes to nobody). Kiosks never go
 * down (rollback protection), so one already on a release a paused or
 * aborted rollout no longer admits stays there.
 */
export function allowedRelease(kiosk: KioskStanding, rollouts: readonly Rollout[]): number {
  let best = 0;
  for (const r of rollouts) if (r.releaseNumber > best && admits(r, kiosk)) best = r.releaseNumber;
  return kiosk.pin === null ? best : Math.min(best, kiosk.pin);
}

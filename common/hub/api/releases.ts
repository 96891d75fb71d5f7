import { z } from 'zod';

/**
 * Staged rollouts of content releases, as the console and the hub speak of
 * them (hub/releases/rollouts.ts stores them): a release goes first to a
 * canary group, then to a share of the kiosks, then to all; an
 * administrator may pause, resume or abort it, and pin a kiosk at a release.
 */

export const ROLLOUT_STAGES = ['canary', 'percent', 'all'] as const;
export type RolloutStage = (typeof ROLLOUT_STAGES)[number];
export const ROLLOUT_STATES = ['running', 'paused', 'aborted', 'done'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

const ReleaseNumber = z.number().int().min(1);
/** A group's name: letters (any script), digits, `-` and `_`, up to 40. */
export const GROUP_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

export const RolloutSchema = z.object({
  releaseNumber: ReleaseNumber,
  stage: z.enum(ROLLOUT_STAGES),
  canaryGroup: z.string().nullable(),
  percent: z.number().int().min(1).max(99).nullable(),
  state: z.enum(ROLLOUT_STATES),
});

/** How many kiosks (of those the caller manages) are on a release, downloading it, failed with it, rolled it back. */
export const ReleaseKioskCountsSchema = z.object({
  on: z.number().int().min(0),
  downloading: z.number().int().min(0),
  failed: z.number().int().min(0),
  rolledBack: z.number().int().min(0),
});

/** Every published release, newest first, with its rollout (null: it goes to no kiosk) and counts. */
export const ReleasesResponse = z.object({
  releases: z.array(
    z.object({
      releaseNumber: ReleaseNumber,
      version: z.string(),
      publishedAt: z.string(),
      rollout: RolloutSchema.nullable(),
      counts: ReleaseKioskCountsSchema,
    }),
  ),
});
export type ReleasesResponse = z.infer<typeof ReleasesResponse>;

export const RolloutChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('canary'), group: z.string().regex(GROUP_NAME_PATTERN) }),
  z.strictObject({ action: z.literal('percent'), percent: z.number().int().min(1).max(99) }),
  z.strictObject({ action: z.literal('all') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('abort') }),
]);
export type RolloutChange = z.infer<typeof RolloutChangeSchema>;

export const RolloutChangeRequest = z.strictObject({ releaseNumber: ReleaseNumber, change: RolloutChangeSchema });
export const RolloutChangeResponse = z.object({ rollout: RolloutSchema });

export const KioskPinRequest = z.strictObject({
  kioskId: z.number().int().positive(),
  /** The release it stays at (0: the one shipped with its software); null lets it follow the rollouts again. */
  releaseNumber: z.number().int().min(0).nullable(),
});
export const KioskPinResponse = z.object({ kioskId: z.number().int(), pin: z.number().int().nullable() });

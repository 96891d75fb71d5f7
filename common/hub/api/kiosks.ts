import { z } from 'zod';
import { StatKey } from '../../api/stats';
import { REGION_CODE_PATTERN } from '../accounts';
import { AlertKindSchema } from './alert-kinds';
import { KioskCommand } from './fleet-commands';

/**
 * The bodies and answers of the fleet's routes: enrollment codes and the
 * kiosks administrators approve and revoke (console), and the routes a
 * kiosk itself calls (registration).
 */

export const KIOSK_STATUSES = ['pending', 'approved', 'revoked'] as const;
export const KioskStatusSchema = z.enum(KIOSK_STATUSES);
export type KioskStatus = z.infer<typeof KioskStatusSchema>;

const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'expected a 6-digit region code (GB/T 2260)');
/** Where in the region the kiosk stands, as people name it (a community centre, a service hall). */
const SiteField = z.string().trim().min(1).max(100);

/** An enrollment code lives at least this long, and at most this long. */
export const ENROLL_CODE_MIN_SECONDS = 5 * 60;
export const ENROLL_CODE_MAX_SECONDS = 30 * 24 * 60 * 60;
export const ENROLL_CODE_DEFAULT_SECONDS = 24 * 60 * 60;

export const CreateEnrollCodeRequest = z.strictObject({
  regionCode: RegionCode,
  site: SiteField.optional(),
  expiresInSeconds: z
    .number()
    .int()
    .min(ENROLL_CODE_MIN_SECONDS)
    .max(ENROLL_CODE_MAX_SECONDS)
    .default(ENROLL_CODE_DEFAULT_SECONDS),
  /** A kiosk enrolling with the code is approved at once (for a code handed to a trusted installer). */
  preApprove: z.boolean().default(false),
});

/** The code is in this answer once; the hub keeps only its hash. */
export const EnrollCodeResponse = z.object({
  code: z.string(),
  regionCode: z.string(),
  site: z.string().nullable(),
  preApproved: z.boolean(),
  expiresAt: z.string(),
});
export type EnrollCodeResponse = z.infer<typeof EnrollCodeResponse>;

/** A kiosk as an administrator sees it. */
export const KioskSummary = z.object({
  id: z.number().int(),
  terminalId: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  site: z.string().nullable(),
  status: KioskStatusSchema,
  /** SHA-256 of its public key, hex, first 16 digits: what `kioskctl hub enroll` shows, to compare before approving. */
  keyFingerprint: z.string(),
  enrolledAt: z.string(),
  approvedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Its last authenticated request. */
  lastSeenAt: z.string().nullable(),
  /** The kinds of its open alerts. */
  openAlerts: z.array(AlertKindSchema),
  /**
   * Decided at the hub, from the database so that every instance agrees:
   * approved, and heard from (a heartbeat, or a signed request such as
   * opening its socket) within OFFLINE_AFTER_MS (common/hub/fleet-timing).
   */
  online: z.boolean(),
  /** When its latest heartbeat was committed; the three fields after it are from that heartbeat. */
  lastHeartbeatAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  contentVersion: z.string().nullable(),
  /** Submissions waiting in its outbox for the hub. */
  outboxDepth: z.number().int().nullable(),
  /** When the oldest of them was submitted (the kiosk's clock), from the same heartbeat; null when none waits. */
  outboxOldestWaitingSince: z.string().nullable(),
});
export type KioskSummary = z.infer<typeof KioskSummary>;

export const KiosksResponse = z.object({ kiosks: z.array(KioskSummary) });

export const KioskById = z.strictObject({ kioskId: z.number().int().positive() });

export const ApproveKioskResponse = z.object({ outcome: z.enum(['approved', 'already-approved']) });
export const RevokeKioskResponse = z.object({ outcome: z.enum(['revoked', 'already-revoked']) });

/** Terminal ids as kiosk configurations name them. */
const TerminalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a terminal id (letters, digits, . _ -)');

export const RegisterKioskRequest = z.strictObject({
  /** As the administrator gave it; case, spaces and dashes do not matter. */
  code: z.string().min(1).max(64),
  /** The kiosk's Ed25519 public key, SPKI DER in base64. */
  publicKey: z.string().min(1).max(200),
  terminalId: TerminalId,
  displayName: z.string().trim().min(1).max(100),
});

/**
 * The hub's sealing public key (X25519, SPKI DER in base64) and its id:
 * a kiosk seals each submission's personal payload to it while the
 * submission waits in its outbox (server-kit/sealed-box.ts).
 */
export const SealingKey = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected a key id (16 hex digits)'),
  publicKey: z.string().min(1).max(200),
});
export type SealingKey = z.infer<typeof SealingKey>;

/**
 * - `registered`: the kiosk is known by `kioskId`, pending an
 *   administrator's approval or approved at once (a pre-approving code).
 * - `refused`: `code-not-valid` says nothing of whether a code was unknown,
 *   used or expired; `terminal-enrolled` means a live kiosk has this
 *   terminal id already (revoke it first); `key-not-valid`, a public key
 *   that is not Ed25519 or is another kiosk's; `too-many-attempts`, this
 *   address had too many registrations refused lately (its code was not
 *   looked at: try again in a quarter of an hour).
 *   A refused registration leaves the code unspent.
 */
export const RegisterKioskResponse = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('registered'),
    kioskId: z.number().int(),
    status: KioskStatusSchema,
    /** Absent from a hub without one (an older hub): the kiosk then keeps payloads as before. */
    sealingKey: SealingKey.optional(),
  }),
  z.object({
    outcome: z.literal('refused'),
    reason: z.enum(['code-not-valid', 'terminal-enrolled', 'key-not-valid', 'too-many-attempts']),
  }),
]);
export type RegisterKioskResponse = z.infer<typeof RegisterKioskResponse>;

/** A kiosk asking where it stands (pending kiosks too: that is how one learns it was approved). */
export const KioskStatusResponse = z.object({
  kioskId: z.number().int(),
  status: KioskStatusSchema,
  terminalId: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  site: z.string().nullable(),
  /** The hub's current sealing key: a kiosk enrolled before it had one, or after a change, learns it here. */
  sealingKey: SealingKey.optional(),
});
export type KioskStatusResponse = z.infer<typeof KioskStatusResponse>;

const Version = z.string().min(1).max(64);

/**
 * One day's count of one usage figure at a kiosk, as its `daily_stats` holds
 * it (common/api/stats.ts). The metric is any figure's code, not only those
 * STAT_METRICS names today: a kiosk updated before its hub, counting a figure
 * the hub does not report yet, must not have its heartbeats refused; the hub
 * keeps the figure and reports what it knows.
 */
export const DailyUsageCount = z.strictObject({
  day: z.iso.date(),
  metric: z.string().regex(/^[a-z][a-z-]{0,39}$/, "expected a figure's code (lower-case letters and -)"),
  key: StatKey,
  count: z.number().int().min(0).max(1_000_000),
});
export type DailyUsageCount = z.infer<typeof DailyUsageCount>;
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The devices a kiosk reports, by the names its heartbeat gives them
 * (service/hub/heartbeat-report.ts); their state is the health's state,
 * with its reason code after a colon when it has one (common/api/health.ts,
 * SUBSYSTEM_REASONS), e.g. `unavailable:paper-out`. The hub's alerts read
 * these names.
 */
export const HEARTBEAT_DEVICES = { idReader: 'id-reader', printer: 'printer' } as const;

/** One device's state as the kiosk's device manager reports it (printer: paper out, cover open; reader: missing…). */
export const DeviceReport = z.strictObject({
  device: z.string().min(1).max(32),
  state: z.string().min(1).max(32),
  detail: z.string().max(200).optional(),
});

/**
 * Where a kiosk stands with content releases (service/content/updater/):
 * the release it serves (0: the one shipped with the software), its
 * updater's last step with the reason when it failed (a stable code such as
 * `rollback`, `expired`, `bad-signature`, `hash-mismatch`, `too-long`,
 * `refused`), and the release events its store recorded (refused at
 * install, set aside at start, rolled back) that the hub has not
 * acknowledged yet, each with the kiosk's own id for it.
 */
export const KioskReleaseReport = z.strictObject({
  served: z.number().int().min(0),
  step: z
    .strictObject({
      step: z.string().regex(/^[a-z][a-z-]{0,31}$/),
      releaseNumber: z.number().int().min(0).nullable(),
      reason: z.string().max(64).nullable(),
      detail: z.string().max(500).nullable(),
      at: z.iso.datetime({ offset: true }),
    })
    .nullable(),
  events: z
    .array(
      z.strictObject({
        id: z.number().int().min(1),
        at: z.iso.datetime({ offset: true }),
        kind: z.string().regex(/^[a-z][a-z-]{0,31}$/),
        releaseNumber: z.number().int().min(0),
        reason: z.string().min(1).max(64),
        detail: z.string().max(500),
      }),
    )
    .max(50),
});
export type KioskReleaseReport = z.infer<typeof KioskReleaseReport>;

/**
 * What a kiosk reports of itself, every half minute or so. Bounded in
 * every field: the hub keeps the latest of each kiosk.
 */
export const KioskHeartbeat = z.strictObject({
  appVersion: Version,
  /** The content release it serves; null before the first. */
  contentVersion: Version.nullable(),
  uptimeSeconds: Count,
  diskFreeBytes: Count,
  /** Submissions waiting in its outbox for the hub. */
  outboxDepth: Count,
  /** When the oldest of them was submitted; null or absent when none waits. */
  outboxOldestWaitingSince: z.iso.datetime({ offset: true }).nullable().optional(),
  /**
   * Its usage counts (records.db `daily_stats`) of the days the hub has not
   * confirmed yet, whole per day: the hub replaces a kiosk's day with what
   * arrives, so a repeat is harmless. Absent: nothing to send.
   */
  usage: z.array(DailyUsageCount).max(2_000).optional(),
  devices: z.array(DeviceReport).max(16),
  lastCrash: z.strictObject({ at: z.string().max(40), reason: z.string().max(500) }).nullable(),
  /** Its content releases; absent from a kiosk without a release store (or an older one). */
  contentRelease: KioskReleaseReport.optional(),
  /** Its clock minus the hub's, in milliseconds, as it last measured (from the Date of the hub's answers). */
  clockOffsetMs: z.number().int().min(-1e13).max(1e13),
});
export type KioskHeartbeat = z.infer<typeof KioskHeartbeat>;

/** Answered after the heartbeat is committed, with the usage days it stored (the kiosk need not send them again). */
export const HeartbeatResponse = z.object({
  receivedAt: z.string(),
  usageDaysStored: z.array(z.iso.date()).optional(),
  /** The ids of the release events it stored (or had): the kiosk marks them reported. */
  releaseEventsStored: z.array(z.number().int()).optional(),
  /**
   * The highest content release the kiosk may install now, from the hub's
   * staged rollouts; a kiosk that has not heard it installs nothing newer.
   */
  allowedRelease: z.number().int().min(0).optional(),
  /** Commands for the kiosk with no result yet (the fallback to their push over the socket): it runs each id once. */
  commands: z.array(KioskCommand).max(50).optional(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

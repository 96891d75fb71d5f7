import { z } from 'zod';
import { FEATURE_IDS } from '../features';
import { HardshipThreshold } from '../legal-aid/threshold';
import { WEEKDAYS } from '../hub/opening-hours';

/**
 * State of one subsystem. `reason` is a stable code the UI translates; it
 * never carries personal data. `detail` is for technicians (kioskctl doctor).
 */
export const SubsystemState = z.object({
  state: z.enum(['ok', 'degraded', 'unavailable', 'off']),
  reason: z.string().optional(),
  detail: z.string().optional(),
});
export type SubsystemState = z.infer<typeof SubsystemState>;

/**
 * Reason codes each subsystem reports today. The service may only use these
 * (the compiler checks it) and the UI translates every one of them; an
 * unknown code from a newer service still shows a generic sentence.
 */
export const SUBSYSTEM_REASONS = {
  storage: ['data-dir-not-writable', 'records-unavailable', 'records-too-new', 'records-damaged', 'records-recreated'],
  content: ['content-missing', 'content-unreadable'],
  idCardReader: ['not-configured', 'disconnected', 'not-responding'],
  receiptPrinter: [
    'not-configured',
    'disconnected',
    'paper-near-end',
    'paper-out',
    'cover-open',
    'offline',
    'cutter-error',
  ],
  hub: ['not-configured', 'connected', 'connecting', 'unreachable', 'refused'],
} as const;
export type SubsystemReason<S extends keyof typeof SUBSYSTEM_REASONS> = (typeof SUBSYSTEM_REASONS)[S][number];

export const FeatureStateSchema = z.discriminatedUnion('available', [
  z.object({ id: z.enum(FEATURE_IDS), available: z.literal(true) }),
  z.object({
    id: z.enum(FEATURE_IDS),
    available: z.literal(false),
    reason: z.enum(['disabled-on-terminal', 'not-in-this-version', 'needs-hub']),
  }),
]);

/** What the UI needs to know about the terminal it runs on. No secrets. */
export const TerminalInfo = z.object({
  id: z.string(),
  displayName: z.string(),
  regionName: z.string(),
  languages: z.array(z.enum(['zh-CN', 'en'])),
  defaultLanguage: z.enum(['zh-CN', 'en']),
  idleTimeoutSeconds: z.number(),
  countdownSeconds: z.number(),
  /**
   * The hotlines shown on every screen that offers a phone number: from the
   * content release's service lines of the terminal's region when it has
   * them (content/service-lines.yaml), else from the configuration.
   */
  hotlines: z.object({
    publicLegalService: z.string(),
    local: z.array(z.object({ name: z.string(), number: z.string() })),
  }),
  /**
   * The hub's address when one is configured: answers and articles then carry
   * a QR link to its public pages. Null on a terminal that works alone.
   */
  hubUrl: z.string().nullable(),
  /**
   * Local figures for the calculators (算一算) from the configuration, or null
   * when it gives none (the screen then asks the citizen). Money in fen.
   */
  calculators: z
    .object({ localAverageMonthlyWageFen: z.number().int().positive(), source: z.string() })
    .nullable()
    .default(null),
  /**
   * The local economic-hardship standard for the legal-aid pre-check
   * (法律援助法 第三十四条: set by each province), from the configuration,
   * in the shape `checkLegalAid` takes.
   */
  legalAid: z.object({ province: z.string(), threshold: HardshipThreshold }),
  /** 视频咨询 at this terminal, from its configuration. */
  videoCall: z.object({
    /** The longest a citizen waits in line before the kiosk offers 12348 and a callback. */
    maxWaitSeconds: z.number().int().positive(),
    /** Calls are recorded: the notice says so and asks the citizen's consent. */
    recording: z.boolean(),
    /**
     * When lawyers are on duty (China time), per weekday `HH:MM-HH:MM`: the
     * content release's service lines for the terminal's region, else the
     * configuration's; null when neither says.
     */
    dutyHours: z.record(z.enum(WEEKDAYS), z.array(z.string())).nullable(),
  }),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/** A notice (公告) the home screen shows as a banner: one the content release has for this terminal's region, active today. */
export const KioskNotice = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** YYYY-MM-DD, China time: shown from the start of startsOn to the end of endsOn. */
  startsOn: z.string(),
  endsOn: z.string(),
});
export type KioskNotice = z.infer<typeof KioskNotice>;

export const Health = z.object({
  version: z.string(),
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  /** Name of the configuration file the service runs on, e.g. `demo.json`. */
  configName: z.string(),
  terminal: TerminalInfo,
  subsystems: z.object({
    storage: SubsystemState,
    /** The content release: laws, answers and the search index. */
    content: SubsystemState,
    idCardReader: SubsystemState,
    receiptPrinter: SubsystemState,
    hub: SubsystemState,
  }),
  features: z.array(FeatureStateSchema),
  /**
   * Set while an administrator has the kiosk in maintenance mode (a fleet
   * command): every screen shows 设备维护中 with the hotline, and no
   * citizen flow starts. Absent or null: in service.
   */
  maintenance: z.object({ since: z.string() }).nullable().optional(),
  /** The notices active today (China time, the kiosk's clock) for this terminal, in the release's order. */
  notices: z.array(KioskNotice).default([]),
});
export type Health = z.infer<typeof Health>;
export type SubsystemName = keyof Health['subsystems'];

import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { UserRole } from '../../common/hub/accounts';
import type { AlertKind } from '../../common/hub/api/alert-kinds';
import type { Referral } from '../../common/hub/api/call-records';
import type { CallEndReason, CallTopic, CallUnavailableReason, DutyStatus } from '../../common/hub/api/calls';
import type { ChangeState, ContentItemKind } from '../../common/hub/api/content-edits';
import type { CommandResultStatus, FleetCommandKind } from '../../common/hub/api/fleet-commands';
import type { Weekday } from '../../common/hub/opening-hours';
import type { SubmissionKind } from '../../common/api/submissions';
import type { CaseKind, CaseOutcome, CaseStatus } from '../../common/hub/cases';

/**
 * The hub's tables as Kysely sees them. Both engines store the same types:
 * times are ISO 8601 text in UTC (`Date.toISOString()`, so they sort as
 * text), flags are nullable times, JSON is text. SQLite has no boolean or
 * timestamp type and PostgreSQL would return Date objects and booleans;
 * plain text and integers read back the same from both, so one code path
 * serves both.
 */
export interface HubDatabase {
  hub_schema: HubSchemaTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  key_fingerprints: KeyFingerprintsTable;
  kiosks: KiosksTable;
  enrollment_codes: EnrollmentCodesTable;
  kiosk_heartbeats: KioskHeartbeatsTable;
  kiosk_nonces: KioskNoncesTable;
  kiosk_alerts: KioskAlertsTable;
  kiosk_health_samples: KioskHealthSamplesTable;
  calls: CallsTable;
  call_offers: CallOffersTable;
  lawyer_duty: LawyerDutyTable;
  lawyer_queues: LawyerQueuesTable;
  duty_roster: DutyRosterTable;
  call_documents: CallDocumentsTable;
  call_records: CallRecordsTable;
  call_refusals: CallRefusalsTable;
  submissions: SubmissionsTable;
  case_facts: CaseFactsTable;
  kiosk_usage_daily: KioskUsageDailyTable;
  case_events: CaseEventsTable;
  case_lookup_misses: CaseLookupMissesTable;
  tuf_metadata: TufMetadataTable;
  tuf_targets: TufTargetsTable;
  content_releases: ContentReleasesTable;
  kiosk_release_states: KioskReleaseStatesTable;
  kiosk_release_events: KioskReleaseEventsTable;
  kiosk_group_members: KioskGroupMembersTable;
  release_rollouts: ReleaseRolloutsTable;
  kiosk_release_pins: KioskReleasePinsTable;
  release_rollout_changes: ReleaseRolloutChangesTable;
  kiosk_commands: KioskCommandsTable;
  content_changes: ContentChangesTable;
}

/** One row (id 1): the schema version this database is at, see migrate.ts. */
export interface HubSchemaTable {
  id: number;
  version: number;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  /** Unique, canonical (lower case, see common/hub/accounts.ts). */
  login: string;
  display_name: string | null;
  role: UserRole;
  /** GB/T 2260 code of the region the account acts for; null for national. */
  region_code: string | null;
  /** argon2id, PHC string format (algorithm, parameters and salt inside). */
  password_hash: string;
  /** When the account was disabled; null while it may sign in. */
  disabled_at: string | null;
  /** Wrong passwords since the last good one or the last lock (see accounts/sign-in.ts). */
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  /** While in the future, sign-in is refused without looking at the password. */
  locked_until: string | null;
  /**
   * The TOTP secret, sealed with the hub's key (accounts/secret-box.ts),
   * never in clear; it is the second factor only once confirmed.
   */
  totp_secret: string | null;
  /** When a code from totp_secret was confirmed; from then on every sign-in needs a code. */
  totp_confirmed_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The 30-second step of the last code accepted: a code of that step or an earlier one is refused. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** `user:<id>`, `kiosk:<id>`, `hubctl` or `system`. */
  actor: string;
  /** What was done, e.g. `user.add`, `user.sign-in-refused`, `schema.migrate`. */
  action: string;
  /** What it was done to, e.g. `user:7`; null when nothing in particular. */
  target: string | null;
  /** A JSON object with the particulars; never a secret (see audit-log.ts). */
  details: string;
}

/** Sessions' scopes: a full one, or one that may only set up the second factor (see common/hub/api/access.ts). */
export type SessionScope = 'full' | 'totp-setup';

export interface SessionsTable {
  id: Generated<number>;
  /** SHA-256 of the token, hex; the token itself is only in the browser's cookie. */
  token_hash: string;
  user_id: number;
  scope: SessionScope;
  created_at: string;
  /** Slides with every request (see storage/sessions.ts); 30 minutes later the session is over. */
  last_seen_at: string;
}

/** Which key sealed what is stored sealed: a hub started with another key refuses to start. */
export interface KeyFingerprintsTable {
  /** What the key is for, e.g. `totp`. */
  name: string;
  /** HMAC-SHA-256 of a fixed text under the key, hex: tells keys apart, tells nothing of the key. */
  fingerprint: string;
  created_at: string;
}

/** Where a kiosk stands: waiting for an administrator, in the fleet, or shut out for good (never deleted). */
export type KioskStatus = 'pending' | 'approved' | 'revoked';

export interface KiosksTable {
  id: Generated<number>;
  /** The terminal id of its configuration; one live (not revoked) kiosk per terminal id. */
  terminal_id: string;
  display_name: string;
  /** GB/T 2260 code of the region it stands in, from its enrollment code. */
  region_code: string;
  site: string | null;
  /** Its Ed25519 public key, SPKI DER in base64; the private key never leaves the kiosk. */
  public_key: string;
  status: KioskStatus;
  enrolled_at: string;
  approved_at: string | null;
  revoked_at: string | null;
  /** The last authenticated request from it (migration 4). */
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When its site is open (common/hub/opening-hours.ts), JSON; null for the default hours (migration 5). */
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Each kiosk's latest heartbeat. */
export interface KioskHeartbeatsTable {
  kiosk_id: number;
  received_at: string;
  /** The heartbeat as the kiosk sent it (common/hub/api/kiosks.ts, KioskHeartbeat), JSON. */
  report: string;
}

/** Nonces of signed kiosk requests seen lately: one seen again is a replay. */
export interface KioskNoncesTable {
  kiosk_id: number;
  nonce: string;
  seen_at: string;
}

/** Every alert of every kiosk, open while cleared_at is null; never deleted (migration 5). */
export interface KioskAlertsTable {
  id: Generated<number>;
  kiosk_id: number;
  /** common/hub/api/alerts.ts, ALERT_KINDS. */
  kind: AlertKind;
  /** What the kind's detail holds (see ALERT_KINDS); null when none. */
  detail: string | null;
  opened_at: string;
  cleared_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Points of a kiosk's health history (see fleet/health-history.ts). */
export interface KioskHealthSamplesTable {
  kiosk_id: number;
  at: string;
  /** JSON: common/hub/api/alerts.ts, HealthSample without `at`. */
  sample: string;
}

export interface EnrollmentCodesTable {
  id: Generated<number>;
  /** SHA-256 of the code as normalised (see kiosks/enrollment-code.ts), hex; the code itself is shown once. */
  code_hash: string;
  region_code: string;
  site: string | null;
  /** 1: a kiosk enrolling with it is approved at once. */
  pre_approved: number;
  /** The audit actor who made it. */
  created_by: string;
  created_at: string;
  expires_at: string;
  /** When a kiosk enrolled with it; a code is used once. */
  used_at: string | null;
  kiosk_id: number | null;
}

export type CallState = 'waiting' | 'in-call' | 'ended';

/** A video call from a kiosk (migration 6); its id is the kiosk's UUID. */
export interface CallsTable {
  id: string;
  kiosk_id: number;
  /** The kiosk's region when it called: which lawyers' queues it is in. */
  region_code: string;
  topic: CallTopic;
  /** The name on the ID card the citizen showed, while the call lasts; cleared when it ends. */
  caller_name: string | null;
  /** The same, masked (张**), kept for the record. */
  caller_name_masked: string | null;
  state: CallState;
  /** Who answered it. */
  lawyer_id: number | null;
  created_at: string;
  answered_at: string | null;
  ended_at: string | null;
  end_reason: CallEndReason | null;
  /** Past this, a call still waiting is missed. */
  max_wait_until: string;
  /** When a hub instance last knew the kiosk's socket open. */
  kiosk_seen_at: string;
}

export type CallOfferOutcome = 'answered' | 'timed-out' | 'withdrawn';

/** A call ringing a lawyer: ringing while `outcome` is null. */
export interface CallOffersTable {
  id: Generated<number>;
  call_id: string;
  lawyer_id: number;
  offered_at: string;
  outcome: CallOfferOutcome | null;
  decided_at: string | null;
}

/** A lawyer's duty status; no row: offline. */
export interface LawyerDutyTable {
  user_id: number;
  status: DutyStatus;
  /** Why the hub set the status by itself; null when the lawyer set it. */
  reason: 'unanswered-offers' | 'disconnected' | null;
  changed_at: string;
  unanswered_in_row: ColumnType<number, number | undefined, number>;
  /** When a hub instance last knew one of the lawyer's consoles open. */
  seen_at: string;
}

/** The queues a lawyer serves (common/hub/call-queues.ts); none: the default ones. */
export interface LawyerQueuesTable {
  user_id: number;
  region_code: string | null;
  topic: CallTopic | null;
}

export interface DutyRosterTable {
  id: Generated<number>;
  region_code: string;
  weekday: Weekday;
  /** `HH:MM-HH:MM`, China time. */
  hours: string;
  lawyer_id: number | null;
}

/** A document a lawyer pushed to the kiosk of their call; deleted a day later. */
export interface CallDocumentsTable {
  id: string;
  call_id: string;
  lawyer_id: number;
  kind: 'pdf' | 'template' | 'note';
  title: string;
  /** A template's JSON ({ templateId, values }), a note's text, a PDF's base64. */
  content: string;
  bytes: number;
  sha256: string;
  created_at: string;
  fetched_at: string | null;
}

/** A lawyer's consultation record of a call they answered (migration 7). */
export interface CallRecordsTable {
  call_id: string;
  lawyer_id: number;
  topic: CallTopic;
  /** Null while a draft has none; never ''. */
  facts: string | null;
  advice: string | null;
  referral: Referral | null;
  created_at: string;
  updated_at: string;
  /** When it was first finished; null while a draft. */
  finished_at: string | null;
}

/** Call requests refused before queueing, counted per China day, kiosk and reason (migration 7). */
export interface CallRefusalsTable {
  /** `YYYY-MM-DD`, China time. */
  day: string;
  kiosk_id: number;
  region_code: string;
  reason: CallUnavailableReason;
  requests: number;
}

/** A submission delivered from a kiosk's outbox (migration 8). */
export interface SubmissionsTable {
  id: Generated<number>;
  kiosk_id: number;
  /** The kiosk's region when the submission arrived. */
  region_code: string;
  /** The kiosk's key for it: unique per kiosk, kept for good. */
  idempotency_key: string;
  kind: SubmissionKind;
  reference: string;
  /** When the citizen submitted it, at the kiosk. */
  created_at: string;
  received_at: string;
  /**
   * The payload's JSON. PERSONAL DATA (names, ID and phone numbers): never
   * logged, never listed; in clear until encryption at rest comes with the
   * case desks.
   */
  payload: string;
  /** Where a case stands (migration 9); null for kinds that are not cases (ratings, callbacks, hand-offs). */
  case_status: CaseStatus | null;
  /** The status's details as JSON (common/hub/cases.ts): no personal data. */
  case_details: string | null;
  status_changed_at: string | null;
  /** When a callback request was marked done, and by whom (migration 10); null while it waits. */
  handled_at: ColumnType<string | null, string | null | undefined, string | null>;
  handled_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One change of a case's status (migration 10): the desk's history of it. */
export interface CaseEventsTable {
  id: Generated<number>;
  submission_id: number;
  status: CaseStatus;
  /** The status's details as JSON: no personal data. */
  details: string;
  by_user_id: number | null;
  at: string;
}

/** A wrong 查询进度 try (migration 10), counted per kiosk and per reference within a minute. */
export interface CaseLookupMissesTable {
  id: Generated<number>;
  kiosk_id: number;
  reference: string;
  at: string;
}

/** The anonymous facts of one case, for the figures; outlives the submission's purge (migration 9). */
export interface CaseFactsTable {
  submission_id: number;
  kind: CaseKind;
  kiosk_id: number;
  region_code: string;
  /** The matter or dispute category the citizen chose (a code). */
  topic: string | null;
  submitted_at: string;
  received_at: string;
  accepted_at: string | null;
  assigned_at: string | null;
  closed_at: string | null;
  outcome: CaseOutcome | null;
}

/** A kiosk's count of one figure on one of its days (migration 9), replaced whole when the day comes again. */
export interface KioskUsageDailyTable {
  kiosk_id: number;
  day: string;
  metric: string;
  key: string;
  count: number;
  region_code: string;
  received_at: string;
}

/** The roles the repository signs; `releases` is the role targets delegates content releases to (migration 15). */
export type TufRole = 'root' | 'targets' | 'snapshot' | 'timestamp' | 'releases';

/** Every signed version of every TUF role, as served (migration 11). */
export interface TufMetadataTable {
  role: TufRole;
  version: number;
  /** The metadata file's JSON text, exactly the bytes served (the snapshot and timestamp hash them). */
  body: string;
  expires_at: string;
  signed_at: string;
}

/** A published TUF target file (migration 11), served as `<sha256>.<name>`. */
export interface TufTargetsTable {
  name: string;
  sha256: string;
  length: number;
  body: Buffer;
  created_at: string;
}

/** A content release uploaded, and once published its release number (migration 11). */
export interface ContentReleasesTable {
  id: Generated<number>;
  sha256: string;
  length: number;
  /** The release's `meta.version`, e.g. `2026.12.07-1a2b3c4d`. */
  version: string;
  /** Its `PRAGMA user_version`. */
  schema_version: number;
  uploaded_at: string;
  /** The audit actor who uploaded it. */
  uploaded_by: string;
  /** The file, until it is published (then it is the target's). */
  body: Buffer | null;
  release_number: ColumnType<number | null, number | null | undefined, number | null>;
  published_at: ColumnType<string | null, string | null | undefined, string | null>;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** `upload`: hubctl release upload, waiting for a review; `edits`: built from approved content changes. */
  origin: ColumnType<'upload' | 'edits', 'upload' | 'edits' | undefined, 'upload' | 'edits'>;
  /** The audit actor who approved or rejected it. */
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<string | null, string | null | undefined, string | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when a reviewer rejected it: it is then never published. */
  rejected_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export type CallRow = Selectable<CallsTable>;
export type UserRow = Selectable<UsersTable>;
export type KioskRow = Selectable<KiosksTable>;
export type SessionRow = Selectable<SessionsTable>;
export type HubDb = Kysely<HubDatabase>;
export type StorageEngine = 'sqlite' | 'postgres';

/** Where a kiosk stands with content releases, from its latest report (migration 12). */
export interface KioskReleaseStatesTable {
  kiosk_id: number;
  served_release: number;
  step: string | null;
  release_number: number | null;
  reason: string | null;
  step_at: string | null;
  reported_at: string;
}

/** What went wrong (or was rolled back) with a kiosk's content releases, as it reported it. */
export interface KioskReleaseEventsTable {
  id: Generated<number>;
  kiosk_id: number;
  at: string;
  kind: string;
  release_number: number | null;
  reason: string;
  detail: string;
  received_at: string;
}

/** A kiosk's membership of a named group (migration 13). */
export interface KioskGroupMembersTable {
  group_name: string;
  kiosk_id: number;
  added_at: string;
  added_by: string;
}

/** How far a published release goes to kiosks (hub/releases/rollouts.ts). */
export interface ReleaseRolloutsTable {
  release_number: number;
  stage: 'canary' | 'percent' | 'all';
  canary_group: string | null;
  percent: number | null;
  state: 'running' | 'paused' | 'aborted' | 'done';
  changed_at: string;
  changed_by: string;
}

/** The release a kiosk stays at. */
export interface KioskReleasePinsTable {
  kiosk_id: number;
  release_number: number;
  pinned_at: string;
  pinned_by: string;
}

/** One row: counted up by every rollout, pin or group change, for the hub instances to notice. */
export interface ReleaseRolloutChangesTable {
  id: number;
  generation: number;
}
/** A command sent to one kiosk, and its result (migration 14). */
export interface KioskCommandsTable {
  id: string;
  kiosk_id: number;
  kind: FleetCommandKind;
  created_by: string;
  created_at: string;
  expires_at: string;
  delivered_at: string | null;
  result_status: 'expired' | CommandResultStatus | null;
  result_detail: string | null;
  result_at: string | null;
  payload_kind: 'logs' | 'png' | null;
  payload: string | null;
}
export type KioskCommandRow = Selectable<KioskCommandsTable>;

/** A change to one content item (migration 16, hub/content-edits/). */
export interface ContentChangesTable {
  id: Generated<number>;
  kind: ContentItemKind;
  item_id: string;
  /** 1 when the change makes the item (it was not in the content source). */
  is_new: number;
  /** ContentItemFields as JSON; null when the change deletes the item. */
  item: string | null;
  state: ChangeState;
  /** FieldProblem[] as JSON, found at the last save. */
  problems: string;
  author_id: number;
  reviewer_id: ColumnType<number | null, number | null | undefined, number | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
  failure: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
  /** The reviewer's claim while the release is built. */
  approved_at: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: ColumnType<string | null, string | null | undefined, string | null>;
  upload_id: ColumnType<number | null, number | null | undefined, number | null>;
}

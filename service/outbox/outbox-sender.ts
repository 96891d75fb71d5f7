import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { SubmissionKind } from '../../common/api/submissions';
import type {
  KioskSealedSubmitRequest,
  KioskSubmitRequest,
  KioskSubmitResponse,
} from '../../common/hub/api/submissions';
import { redactText } from '../../common/redact';
import { knownValues, maskKnownValues } from '../../common/receipt/mask-receipt';
import { Receipt } from '../../common/receipt/receipt';
import { deliverSubmission, HubRefusedError, HubUnreachableError } from '../hub/hub-client';
import type { KioskIdentity } from '../hub/hub-identity';
import { sealedPayloadOf } from './sealed-payloads';
import {
  dueForDelivery,
  makeDue,
  markDelivered,
  markFailing,
  markRetry,
  nextDueAt,
  type OutboxRow,
} from './outbox-store';

/**
 * Delivers the outbox to the hub: each undelivered row, with its own
 * idempotency key, until the hub acknowledges it — at least once; the hub
 * keeps the first of any repeat (same key), so a row sent again after a
 * crash between the hub's commit and ours is stored once.
 *
 * Backoff is per row and kept in records.db (attempts, next_attempt_at,
 * last_error), so it resumes where it was after a restart or days
 * offline: after n failed attempts a row waits random(0, min(cap,
 * base·2ⁿ)) — "full jitter", so kiosks that lost the hub together do not
 * come back together. Order does not matter to the hub; the row due
 * longest goes first. A pass that finds the hub out of reach (or refusing
 * this kiosk: not approved yet, revoked, its clock off) stops there — the
 * other rows would meet the same — and the next pass comes no sooner than
 * that row's own wait, unless a new submission nudges it.
 *
 * A refusal that no repeat can change (400: the hub's schema refuses the
 * payload; 409: the key or reference is taken by another submission; 413)
 * marks the row failing with the hub's message: it is not sent again by
 * itself, and `kioskctl outbox` lists it for a technician.
 *
 * Once acknowledged, the row is marked delivered and its personal payload
 * deleted in the same transaction; what a reprint and the status lookup
 * read stays (reference, kind, dates, the masked receipt). The write-ahead
 * log is then truncated, so the old page images holding the payload leave
 * the -wal file too (secure_delete zeroes them in the database file).
 */

/** The first retry waits up to this long, doubling per attempt… */
export const OUTBOX_RETRY_BASE_MS = 5_000;
/** …up to this: a kiosk offline for days tries each row at least about once an hour. */
export const OUTBOX_RETRY_CAP_MS = 60 * 60_000;
/** Rows per pass; a pass that delivered them all goes on at once with the next ones. */
const BATCH = 20;

/** Statuses whose refusal is about the submission itself and will not change by sending it again. */
const FOR_GOOD = new Set([400, 409, 413, 422]);

/** The wait before attempt n+1 after n failed ones (n ≥ 1): full jitter, random ∈ [0, 1). */
export function retryDelay(attempts: number, random: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempts - 1, 40));
  return Math.floor(random * ceiling);
}

export interface OutboxSenderOptions {
  db: Database;
  /** The kiosk's enrollment and key, read again at every pass (enrolled while running counts); undefined until enrolled. */
  identity: () => KioskIdentity | undefined;
  logger: Logger;
  deliver?: (
    identity: KioskIdentity,
    submission: KioskSubmitRequest | KioskSealedSubmitRequest,
  ) => Promise<KioskSubmitResponse>;
  now?: () => Date;
  /** 0 ≤ x < 1. */
  random?: () => number;
  baseMs?: number;
  capMs?: number;
  /** How often an idle sender looks again (for a kiosk enrolled meanwhile); default the cap. */
  idleMs?: number;
  /** Where its waits are kept; default Node's timers (unref'd). A test passes a clock of its own, to live through days offline. */
  timers?: SenderTimers;
}

export interface SenderTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const nodeTimers: SenderTimers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SenderPass {
  delivered: number;
  retried: number;
  failing: number;
  /** Set when the pass stopped at a hub out of reach: how long to leave it be. */
  blockedFor?: number;
}

export class OutboxSender {
  private timer: unknown;
  private running: Promise<SenderPass> | undefined;
  private again = false;
  /** Passes run on their own only between start and stop; `pass()` may be called directly before. */
  private state: 'idle' | 'started' | 'stopped' = 'idle';
  private lastProblem: string | undefined;

  constructor(private readonly opts: OutboxSenderOptions) {}

  private get timers(): SenderTimers {
    return this.opts.timers ?? nodeTimers;
  }

  private get now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  start(): void {
    this.state = 'started';
    this.schedule(0);
  }

  /** Stops; a pass under way finishes its row first (so records.db is not closed under it). */
  async stop(): Promise<void> {
    this.state = 'stopped';
    this.timers.clear(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * The kiosk's socket to the hub opened again: the hub is back, so the rows
   * waiting out their backoff are tried now rather than up to an hour
   * later. Failing rows stay as they are: the hub refused them for good.
   * A fleet's sockets come back spread over their own reconnect window
   * (hub-link.ts), so their deliveries do too.
   */
  hubBack(): void {
    if (this.state !== 'started') return;
    try {
      makeDue(this.opts.db, this.now.toISOString(), { failing: false });
    } catch (error) {
      // records.db failing: the rows keep their waits, and the pass below says what is wrong.
      this.opts.logger.error({ err: error }, 'the outbox could not be hurried now the hub is back');
    }
    this.nudge();
  }

  /**
   * A technician asked (kioskctl outbox retry): the waiting and failing
   * rows — or only the one with `reference` — are due now, and a pass
   * starts. Answers how many rows were made due.
   */
  retryNow(reference?: string): number {
    const due = makeDue(this.opts.db, this.now.toISOString(), {
      failing: true,
      ...(reference === undefined ? {} : { reference }),
    });
    this.nudge();
    return due;
  }

  /** A new row was stored: deliver now rather than at the next timer. */
  nudge(): void {
    if (this.state !== 'started') return;
    if (this.running !== undefined) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.state !== 'started') return;
    this.timers.clear(this.timer);
    this.timer = this.timers.set(() => void this.run(), Math.max(0, ms));
  }

  private async run(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    let wait: number;
    try {
      this.running = this.pass();
      const done = await this.running;
      wait = this.again || done.blockedFor === undefined ? this.untilNextDue() : done.blockedFor;
    } catch (error) {
      // records.db failing (full disk…): said, and tried again later.
      this.opts.logger.error({ err: error }, 'outbox delivery failed; trying again later');
      wait = this.opts.baseMs ?? OUTBOX_RETRY_BASE_MS;
    } finally {
      this.running = undefined;
    }
    if (this.again) {
      this.again = false;
      wait = 0;
    }
    this.schedule(wait);
  }

  /** Milliseconds until the next waiting row is due (0 when one is), or the idle look-again. */
  private untilNextDue(): number {
    const idle = this.opts.idleMs ?? this.opts.capMs ?? OUTBOX_RETRY_CAP_MS;
    const at = nextDueAt(this.opts.db);
    if (at === undefined) return idle;
    return Math.min(idle, Math.max(0, Date.parse(at) - this.now.getTime()));
  }

  /**
   * One pass over the rows due now, batch after batch. Answers what it did,
   * and — when it stopped at a hub out of reach — how long to leave the hub be.
   */
  async pass(): Promise<SenderPass> {
    const result: SenderPass = { delivered: 0, retried: 0, failing: 0 };
    const identity = this.opts.identity();
    // Not enrolled: the outbox waits, as it does on a kiosk with no hub.
    if (identity === undefined) return result;
    batches: for (;;) {
      const due = dueForDelivery(this.opts.db, this.now.toISOString(), BATCH);
      for (const row of due) {
        if (this.state === 'stopped') break batches;
        const outcome = await this.deliverRow(identity, row);
        if (outcome.kind === 'retry') {
          result.retried++;
          if (outcome.hubWide) {
            result.blockedFor = outcome.waitMs;
            break batches;
          }
        } else if (outcome.kind === 'delivered') result.delivered++;
        else result.failing++;
      }
      if (due.length < BATCH) break;
    }
    if (result.delivered > 0) {
      this.truncateLog();
      if (this.lastProblem !== undefined && result.blockedFor === undefined) {
        this.opts.logger.info('the hub takes submissions again');
        this.lastProblem = undefined;
      }
    }
    return result;
  }

  private async deliverRow(
    identity: KioskIdentity,
    row: OutboxRow,
  ): Promise<{ kind: 'delivered' | 'failing' } | { kind: 'retry'; hubWide: boolean; waitMs: number }> {
    const { db, logger } = this.opts;
    const about = { reference: row.reference, kind: row.kind, attempt: row.attempts + 1 };
    let answer: KioskSubmitResponse;
    try {
      const delivery = {
        idempotencyKey: row.idempotency_key,
        kind: SubmissionKind.parse(row.kind),
        reference: row.reference,
        createdAt: row.created_at,
      };
      // A sealed payload goes as it is: only the hub opens it.
      const sealedPayload = sealedPayloadOf(row.payload);
      answer = await (this.opts.deliver ?? deliverSubmission)(
        identity,
        (sealedPayload === undefined
          ? { ...delivery, payload: JSON.parse(row.payload) as KioskSubmitRequest['payload'] }
          : { ...delivery, sealedPayload }) as KioskSubmitRequest | KioskSealedSubmitRequest,
      );
    } catch (error) {
      if (!(error instanceof HubRefusedError || error instanceof HubUnreachableError)) throw error;
      // The hub's words may quote what it refused: masked like everything that reaches the log or kioskctl.
      const message = redactText(
        error instanceof HubRefusedError ? `the hub refused it (${error.status}): ${error.message}` : error.message,
      );
      if (error instanceof HubRefusedError && FOR_GOOD.has(error.status)) {
        markFailing(db, row.id, message);
        logger.error({ ...about, detail: message }, 'submission refused by the hub; kept for a technician');
        return { kind: 'failing' };
      }
      const attempts = row.attempts + 1;
      const waitMs = retryDelay(
        attempts,
        (this.opts.random ?? Math.random)(),
        this.opts.baseMs ?? OUTBOX_RETRY_BASE_MS,
        this.opts.capMs ?? OUTBOX_RETRY_CAP_MS,
      );
      markRetry(db, row.id, message, new Date(this.now.getTime() + waitMs).toISOString());
      // Said once per kind of problem, not at every retry.
      if (message !== this.lastProblem) logger.warn({ ...about, detail: message }, 'submission not delivered yet');
      this.lastProblem = message;
      // Out of reach, or refusing this kiosk rather than this row: the next rows would meet the same.
      const hubWide = error instanceof HubUnreachableError || [401, 403, 404, 429].includes(error.status);
      return { kind: 'retry', hubWide, waitMs };
    }
    markDelivered(db, row.id, this.now.toISOString(), maskedReceipt(row));
    logger.info({ reference: row.reference, kind: row.kind, receivedAt: answer.receivedAt }, 'submission delivered');
    return { kind: 'delivered' };
  }

  /**
   * Empties the write-ahead log into the database and cuts it to nothing:
   * until then the log still holds the page images written before the
   * payloads were deleted. A reader holding the log open (kioskctl) makes
   * it wait; it is done again after the next delivery.
   */
  private truncateLog(): void {
    const [result] = this.opts.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result !== undefined && result.busy !== 0)
      this.opts.logger.warn('the records log could not be emptied now (a reader has it open); it will be next time');
  }
}

/** The receipt as it will be kept: masked with the payload's own names and ID numbers, which are about to go. */
function maskedReceipt(row: OutboxRow): string | null {
  if (row.receipt === null) return null;
  const parsed = Receipt.safeParse(JSON.parse(row.receipt));
  // Masked when it was stored already; one this build cannot read is kept as it is rather than holding the row back.
  if (!parsed.success) return row.receipt;
  return JSON.stringify(maskKnownValues(parsed.data, knownValues(JSON.parse(row.payload))));
}

import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { PrintJob } from '../../common/api/devices';
import {
  REFERENCE_PLACEHOLDER,
  SUBMISSION_KIND_LETTERS,
  SUBMISSION_PAYLOADS,
  SubmissionKind,
  type SubmissionPayload,
  type SubmissionStatus,
  type SubmitResponse,
} from '../../common/api/submissions';
import { knownValues, maskKnownValues } from '../../common/receipt/mask-receipt';
import { Receipt, type ReceiptInput } from '../../common/receipt/receipt';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { localDateTime, localDay } from '../../common/local-date';
import { PrintQueueFullError } from '../devices/print-queue';
import {
  allocateSerial,
  DELETED_PAYLOAD,
  findByIdempotencyKey,
  findByReference,
  insertOutboxRow,
  markReceiptPrinted,
  type OutboxRow,
} from './outbox-store';
import { sealedPayloadOf, sealedPayloadText } from './sealed-payloads';
import type { SealingPublicKey } from '../../server-kit/sealed-box';
import { casePhone, storePhoneSuffix } from '../case-status/case-status-store';

/**
 * The submission outbox: a citizen's submission is stored with its reference
 * number in one transaction, then its receipt is printed.
 *
 * Receipts and crashes. `receipt_printed_at` is set only when the printer
 * reports the job printed. If the service dies between the commit and that
 * report (killed, power cut, printer out of paper until then), the submission
 * is kept — it was committed with synchronous=FULL before anyone was told its
 * reference — and its receipt shows as not printed. It is NOT printed at the
 * next start: by then the citizen has most likely walked away, and a receipt
 * sliding out later would be taken by the next person at the kiosk — a
 * stranger's proof of someone's legal-aid application. The printer may also have printed it just before the
 * crash without the confirmation reaching the database, so an automatic print
 * could be a second copy. Such receipts are listed (`kioskctl outbox`) and
 * printed again only on request (`kioskctl receipt reprint REF`, or the UI
 * through POST /api/submissions/reprint), marked 补打.
 *
 * In one run of the service a receipt is never queued twice: a repeated
 * submit (same idempotency key) or reprint while a job for it is queued,
 * waiting or printing returns that job; a failed job is retried rather than
 * duplicated.
 */

/** What the outbox needs of the print queue (the device manager provides it). */
export interface ReceiptPrinterPort {
  /** `owed`: the receipt of a stored submission, held (not dropped) when the session ends unprinted. */
  print(title: string, receipt: Receipt, opts: { owed: true }): PrintJob;
  retry(jobId: string): PrintJob | undefined;
  jobs(): PrintJob[];
  onJob(listener: (job: PrintJob) => void): () => void;
}

export interface OutboxOptions {
  db: Database;
  /** This terminal's id (configuration): keys the serial permutation of its reference numbers. */
  terminalId: string;
  /** Undefined on a terminal without a receipt printer: submissions are stored, nothing is printed. */
  printer: ReceiptPrinterPort | undefined;
  logger: Logger;
  now?: () => Date;
  /**
   * Told once about each new submission after it is committed — never about a
   * repeat of one (same idempotency key) — for the usage figures. A failure
   * here is logged and never undoes or fails the submission.
   */
  onStored?: (kind: SubmissionKind, payload: SubmissionPayload) => void;
  /**
   * The hub's sealing key and this kiosk's id at that hub, when this kiosk
   * has them (enrolled with a hub that gave a key): each new submission's
   * payload is then stored sealed to it, for this kiosk, so a kiosk carried
   * away gives up no applicant's data. Without it (no hub) payloads are kept
   * in clear, in the owner-only records.db.
   */
  sealing?: () => { key: SealingPublicKey; kioskId: number } | undefined;
}

export interface SubmitInput<K extends SubmissionKind> {
  kind: K;
  payload: SubmissionPayload<K>;
  /** Made by the UI once per submission; the same key again returns the first submission. */
  idempotencyKey: string;
  /** The receipt for the reference the transaction allocates; omit for submissions without one (ratings). */
  receipt?: (reference: string) => ReceiptInput;
  /** The print job's title (`{{reference}}` in it is filled in); default 回执 and the reference. */
  title?: string;
}

export type SubmitResult = SubmitResponse;

/** The idempotency key was used before for a different submission: a client bug, answered with 409. */
export class IdempotencyConflictError extends Error {}
/** No submission has this reference (on this terminal). */
export class UnknownReferenceError extends Error {}
/** The one message for a reference that is not known here — or not the caller's to see. */
export const unknownReferenceMessage = (reference: string): string =>
  `no submission with reference ${reference} on this terminal`;
/** The submission has no receipt to print. */
export class NoReceiptError extends Error {}
/** The terminal has no receipt printer. */
export class NoPrinterError extends Error {}
/** The terminal's clock is far off (a dead RTC battery says 1970): a reference would carry a false date. */
export class ClockError extends Error {}

const IN_FLIGHT: ReadonlySet<PrintJob['state']> = new Set(['queued', 'waiting', 'printing']);

/**
 * The lowest serial counter a submission made at `now` may take: the second
 * of the local day, counted from 1. The counter lives in records.db; a
 * records.db restored from a backup brings back an older counter, which
 * would hand out again the references already printed on today's receipts
 * (and maybe already at the hub). Time has moved on since they were handed
 * out, so a counter that never falls behind the clock does not repeat them
 * (unless submissions came faster than one a second just before the restore,
 * which this terminal's citizens cannot do). A day has 86,400
 * seconds and a day's serials number 31⁴ (923,521), so the floor never runs
 * out of room.
 */
export function serialFloor(now: Date): number {
  return now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds() + 1;
}

export class Outbox {
  private readonly now: () => Date;
  /** Print jobs of this run of the service → the reference whose receipt they print. */
  private readonly referenceByJob = new Map<string, string>();
  private readonly jobByReference = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: OutboxOptions) {
    this.now = opts.now ?? (() => new Date());
    this.unsubscribe = opts.printer?.onJob((job) => this.onJob(job)) ?? (() => undefined);
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * Stores a submission and queues its receipt. One transaction allocates the
   * day's next serial, makes the reference, builds the receipt with it and
   * inserts the row; if any step fails nothing is kept (not even the serial).
   */
  submit<K extends SubmissionKind>(input: SubmitInput<K>): SubmitResult {
    const kind = SubmissionKind.parse(input.kind);
    const payload = JSON.stringify(SUBMISSION_PAYLOADS[kind].parse(input.payload));
    const { db } = this.opts;

    const stored = db
      .transaction((): { row: OutboxRow; duplicate: boolean } => {
        const existing = findByIdempotencyKey(db, input.idempotencyKey);
        if (existing !== undefined) {
          // Once delivered its payload is gone, and a sealed one cannot be opened here: the kind is all there is left to compare.
          const comparable = existing.payload !== DELETED_PAYLOAD && sealedPayloadOf(existing.payload) === undefined;
          if (existing.kind !== kind || (comparable && existing.payload !== payload)) {
            throw new IdempotencyConflictError(
              `idempotency key ${input.idempotencyKey} was already used for a different submission (${existing.reference})`,
            );
          }
          return { row: existing, duplicate: true };
        }
        const now = this.now();
        const day = localDay(now);
        if (!/^20\d\d-/.test(day))
          throw new ClockError(`the terminal's clock says ${day}; set the date and time, then submit again`);
        const counter = allocateSerial(db, day, serialFloor(now));
        const reference = formatReference({
          letter: SUBMISSION_KIND_LETTERS[kind],
          day,
          serialNumber: serialNumberFor(counter, this.opts.terminalId, day),
        });
        // Stored as it prints: the payload's names and ID numbers masked, whatever the client put in the receipt.
        const receipt =
          input.receipt === undefined
            ? null
            : JSON.stringify(
                maskKnownValues(Receipt.parse(input.receipt(reference)), knownValues(JSON.parse(payload))),
              );
        const sealing = this.opts.sealing?.();
        insertOutboxRow(db, {
          kind,
          reference,
          idempotencyKey: input.idempotencyKey,
          payload:
            sealing === undefined
              ? payload
              : sealedPayloadText(sealing.key, payload, {
                  kioskId: sealing.kioskId,
                  kind,
                  reference,
                  idempotencyKey: input.idempotencyKey,
                }),
          createdAt: now.toISOString(),
          receipt,
        });
        // 查询进度 checks the phone's last digits against this hash, never against the payload.
        const phone = casePhone(kind, JSON.parse(payload) as SubmissionPayload);
        if (phone !== undefined) storePhoneSuffix(db, reference, kind, phone);
        return { row: findByReference(db, reference)!, duplicate: false };
      })
      .immediate();

    const { row, duplicate } = stored;
    // Never the payload: it may hold a name and an ID number.
    this.opts.logger.info(
      { reference: row.reference, kind, duplicate },
      duplicate ? 'submission repeated; the first one stands' : 'submission stored',
    );
    if (!duplicate && this.opts.onStored !== undefined) {
      try {
        this.opts.onStored(kind, JSON.parse(payload) as SubmissionPayload);
      } catch (error) {
        this.opts.logger.warn(
          { reference: row.reference, err: error },
          'submission stored but not counted in the usage figures',
        );
      }
    }
    let printJob = this.currentJob(row.reference) ?? null;
    if (!duplicate && row.receipt !== null)
      printJob = this.enqueue(
        row,
        input.title?.replaceAll(REFERENCE_PLACEHOLDER, row.reference) ?? `回执 ${row.reference}`,
        false,
      );
    return {
      reference: row.reference,
      kind,
      createdAt: row.created_at,
      duplicate,
      receiptPrinted: row.receipt_printed_at !== null,
      printJob,
    };
  }

  status(reference: string): SubmissionStatus | undefined {
    const row = findByReference(this.opts.db, reference);
    if (row === undefined) return undefined;
    return {
      reference: row.reference,
      kind: SubmissionKind.parse(row.kind),
      createdAt: row.created_at,
      delivered: row.delivered_at !== null,
      hasReceipt: row.receipt !== null,
      receiptPrinted: row.receipt_printed_at !== null,
    };
  }

  /**
   * Prints a submission's receipt again, on request. A job for it that is
   * still queued, waiting or printing is returned as is; a failed one is
   * retried; otherwise a new copy marked 补打 is queued (a full print queue
   * throws PrintQueueFullError).
   */
  reprint(reference: string): PrintJob {
    const row = findByReference(this.opts.db, reference);
    if (row === undefined) throw new UnknownReferenceError(unknownReferenceMessage(reference));
    if (row.receipt === null) throw new NoReceiptError(`submission ${reference} has no receipt to print`);
    const printer = this.opts.printer;
    if (printer === undefined) throw new NoPrinterError('this terminal has no receipt printer');
    const current = this.currentJob(reference);
    if (current !== undefined && IN_FLIGHT.has(current.state)) return current;
    if (current?.state === 'failed') {
      const retried = printer.retry(current.id);
      if (retried !== undefined) {
        this.opts.logger.info({ reference, jobId: current.id }, 'receipt print retried');
        return retried;
      }
    }
    const job = this.enqueue(row, `回执 ${reference}（补打）`, true);
    if (job === null) throw new NoPrinterError('the receipt could not be queued for printing');
    return job;
  }

  /** This run's print job for the reference's receipt, as the queue knows it now. */
  private currentJob(reference: string): PrintJob | undefined {
    const id = this.jobByReference.get(reference);
    return id === undefined ? undefined : this.opts.printer?.jobs().find((j) => j.id === id);
  }

  private enqueue(row: OutboxRow, title: string, reprint: boolean): PrintJob | null {
    const printer = this.opts.printer;
    if (printer === undefined || row.receipt === null) return null;
    try {
      // Rows stored before receipts were masked at storage are masked here too (a sealed payload names nobody here).
      let receipt = maskKnownValues(Receipt.parse(JSON.parse(row.receipt)), knownValues(JSON.parse(row.payload)));
      if (reprint) {
        // A copy printed on request says so: two slips with one reference are then told apart.
        receipt = {
          blocks: [
            { type: 'text', text: `补打 ${localDateTime(this.now())}`, align: 'center', bold: false, size: 'normal' },
            ...receipt.blocks,
          ],
        };
      }
      const job = printer.print(title, receipt, { owed: true });
      this.referenceByJob.set(job.id, row.reference);
      this.jobByReference.set(row.reference, job.id);
      this.opts.logger.info({ reference: row.reference, jobId: job.id, reprint }, 'receipt queued');
      return job;
    } catch (error) {
      // A reprint is asked for by someone waiting at the kiosk: they are told the queue is full.
      if (reprint && error instanceof PrintQueueFullError) throw error;
      // The submission is stored either way; its receipt stays owed, for a reprint on request.
      if (error instanceof PrintQueueFullError)
        this.opts.logger.warn(
          { reference: row.reference },
          'print queue full; the receipt can be reprinted on request',
        );
      else
        this.opts.logger.error(
          { reference: row.reference, err: error },
          'receipt could not be queued; it can be reprinted on request',
        );
      return null;
    }
  }

  private onJob(job: PrintJob): void {
    const reference = this.referenceByJob.get(job.id);
    if (reference === undefined || job.state !== 'printed') return;
    this.referenceByJob.delete(job.id);
    try {
      markReceiptPrinted(this.opts.db, reference, job.updatedAt);
      this.opts.logger.info({ reference, jobId: job.id }, 'receipt printed');
    } catch (error) {
      this.opts.logger.error({ reference, err: error }, 'receipt printed but not recorded');
    }
  }
}

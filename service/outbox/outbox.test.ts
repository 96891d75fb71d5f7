import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterState, PrintJob } from '../../common/api/devices';
import type { SubmissionPayload } from '../../common/api/submissions';
import type { Receipt, ReceiptInput } from '../../common/receipt/receipt';
import { parseReference } from '../../common/reference-number';
import { PrintQueue, PrintQueueFullError, type PrintQueueLimits } from '../devices/print-queue';
import { createLogger } from '../../server-kit/logger';
import { openRecordsDb } from '../storage/records-db';
import {
  ClockError,
  IdempotencyConflictError,
  NoPrinterError,
  NoReceiptError,
  Outbox,
  UnknownReferenceError,
  type ReceiptPrinterPort,
} from './outbox';
import { listOutbox, unprintedReceipts } from './outbox-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-'));
  dirs.push(dir);
  return join(dir, 'records.db');
}

const APPLICANT = { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678' };
const application: SubmissionPayload<'legal-aid-application'> = {
  applicant: { ...APPLICANT, idSource: 'card' },
  matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
  consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' },
};
const receiptFor = (reference: string): ReceiptInput => ({
  blocks: [
    { type: 'text', text: '法律援助申请回执' },
    { type: 'pair', label: '参考编号', value: reference },
    { type: 'qr', data: reference },
    { type: 'cut' },
  ],
});

/** The real print queue in front of a pretend printer whose state the test sets. */
function fakePrinter(initial: PrinterState = 'ready', limits?: PrintQueueLimits) {
  let state: PrinterState | undefined = initial;
  let failNext = false;
  const printed: Receipt[] = [];
  const listeners = new Set<(job: PrintJob) => void>();
  const queue = new PrintQueue({
    status: async () => state,
    send: async (bytes) => {
      if (failNext) {
        failNext = false;
        throw new Error('cable pulled');
      }
      printed.push(JSON.parse(new TextDecoder().decode(bytes)) as Receipt);
    },
    onChange: (job) => {
      for (const l of listeners) l(job);
    },
    ...(limits === undefined ? {} : { limits }),
  });
  const port: ReceiptPrinterPort = {
    print: (title, receipt, opts) => {
      return queue.enqueue(title, new TextEncoder().encode(JSON.stringify(receipt)), opts);
    },
    retry: (id) => queue.retry(id),
    jobs: () => queue.jobs(),
    onJob: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    port,
    printed,
    queue,
    set(s: PrinterState | undefined) {
      state = s;
      return queue.kick();
    },
    failNextSend() {
      failNext = true;
    },
    settle: () => queue.kick(),
  };
}

function memoryLogger() {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } }), lines };
}

function open(file: string, printer: ReceiptPrinterPort | undefined, now?: () => Date) {
  const db = openRecordsDb(file);
  const { logger, lines } = memoryLogger();
  const outbox = new Outbox({ db, terminalId: 'demo-0001', printer, logger, ...(now ? { now } : {}) });
  return { db, outbox, lines };
}

const texts = (r: Receipt) =>
  r.blocks
    .map((b) => (b.type === 'text' ? b.text : b.type === 'pair' ? b.value : b.type === 'qr' ? b.data : ''))
    .join('\n');

describe('Outbox.submit', () => {
  it('stores the submission with a new reference, prints its receipt once and records that it printed', async () => {
    const printer = fakePrinter();
    const { db, outbox } = open(tempDbFile(), printer.port, () => new Date(2025, 2, 14, 10, 20));
    const result = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    expect(parseReference(result.reference)).toMatchObject({ letter: 'A', day: '2025-03-14' });
    expect(result).toMatchObject({
      kind: 'legal-aid-application',
      duplicate: false,
      receiptPrinted: false,
      printJob: { title: `回执 ${result.reference}` },
    });
    await printer.settle();
    expect(printer.printed).toHaveLength(1);
    expect(texts(printer.printed[0]!)).toContain(result.reference);

    const rows = listOutbox(db, 10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reference: result.reference,
      kind: 'legal-aid-application',
      receipt_prints: 1,
      attempts: 0,
      delivered_at: null,
    });
    expect(rows[0]!.receipt_printed_at).not.toBeNull();
    expect(JSON.parse(rows[0]!.payload)).toEqual(application);
    expect(JSON.parse(rows[0]!.receipt!)).toMatchObject({
      blocks: [{ text: '法律援助申请回执' }, { value: result.reference }, { data: result.reference }, { type: 'cut' }],
    });
    expect(outbox.status(result.reference)).toEqual({
      reference: result.reference,
      kind: 'legal-aid-application',
      createdAt: result.createdAt,
      delivered: false,
      hasReceipt: true,
      receiptPrinted: true,
    });
  });

  it('fills the reference into the print job’s title', () => {
    const printer = fakePrinter();
    const { outbox } = open(tempDbFile(), printer.port);
    const result = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
      title: '法律援助申请回执 {{reference}}',
    });
    expect(result.printJob).toMatchObject({ title: `法律援助申请回执 ${result.reference}` });
  });

  it('gives every submission of a day its own reference', () => {
    const { outbox } = open(tempDbFile(), undefined, () => new Date(2025, 2, 14, 12));
    const refs = new Set<string>();
    for (let i = 0; i < 300; i++)
      refs.add(
        outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 4 }, idempotencyKey: randomUUID() })
          .reference,
      );
    expect(refs.size).toBe(300);
  });

  it('returns the first submission for a repeated idempotency key: one row, one receipt', async () => {
    const printer = fakePrinter();
    const { db, outbox } = open(tempDbFile(), printer.port);
    const key = randomUUID();
    const first = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    const again = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    expect(again).toMatchObject({ reference: first.reference, createdAt: first.createdAt, duplicate: true });
    expect(again.printJob?.id).toBe(first.printJob?.id);
    await printer.settle();
    const later = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    expect(later).toMatchObject({ reference: first.reference, duplicate: true, receiptPrinted: true });
    expect(printer.printed).toHaveLength(1);
    expect(listOutbox(db, 10)).toHaveLength(1);
  });

  it('refuses a key reused for different content, keeping the first', () => {
    const { db, outbox } = open(tempDbFile(), undefined);
    const key = randomUUID();
    outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 4 }, idempotencyKey: key });
    expect(() =>
      outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 1 }, idempotencyKey: key }),
    ).toThrow(IdempotencyConflictError);
    expect(listOutbox(db, 10)).toHaveLength(1);
  });

  it('keeps nothing, not even the serial, when building the receipt fails', () => {
    const { db, outbox } = open(tempDbFile(), undefined, () => new Date(2025, 2, 14, 12));
    expect(() =>
      outbox.submit({
        kind: 'legal-aid-application',
        payload: application,
        idempotencyKey: randomUUID(),
        receipt: () => {
          throw new Error('layout bug');
        },
      }),
    ).toThrow('layout bug');
    expect(listOutbox(db, 10)).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM reference_serials').get()).toEqual({ n: 0 });
    // An invalid payload is refused before anything is written.
    expect(() =>
      outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 9 }, idempotencyKey: randomUUID() }),
    ).toThrow();
    expect(listOutbox(db, 10)).toHaveLength(0);
  });

  it('never hands out a reference again after records.db is restored from an earlier backup', () => {
    const file = tempDbFile();
    const rating = (outbox: Outbox) =>
      outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 5 }, idempotencyKey: randomUUID() })
        .reference;

    // 09:00: one submission, then a backup of records.db.
    let opened = open(file, undefined, () => new Date(2025, 2, 14, 9, 0, 0));
    const beforeBackup = rating(opened.outbox);
    opened.db.close();
    copyFileSync(file, `${file}.bak`);

    // 10:00: two more receipts go out (in the same second).
    opened = open(file, undefined, () => new Date(2025, 2, 14, 10, 0, 0));
    const afterBackup = [rating(opened.outbox), rating(opened.outbox)];
    opened.db.close();

    // The disk is replaced and the backup restored; at 10:05 the kiosk takes submissions again.
    copyFileSync(`${file}.bak`, file);
    opened = open(file, undefined, () => new Date(2025, 2, 14, 10, 5, 0));
    const afterRestore = [rating(opened.outbox), rating(opened.outbox)];
    opened.db.close();

    const all = [beforeBackup, ...afterBackup, ...afterRestore];
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses to date a reference by a clock that is plainly wrong', () => {
    const { db, outbox } = open(tempDbFile(), undefined, () => new Date(1970, 0, 1, 8));
    expect(() =>
      outbox.submit({ kind: 'rating', payload: { subject: 'overall', score: 4 }, idempotencyKey: randomUUID() }),
    ).toThrow(ClockError);
    expect(listOutbox(db, 10)).toHaveLength(0);
  });

  it('stores a submission on a terminal without printer and says nothing printed', () => {
    const { outbox } = open(tempDbFile(), undefined);
    const r = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    expect(r).toMatchObject({ printJob: null, receiptPrinted: false });
    expect(() => outbox.reprint(r.reference)).toThrow(NoPrinterError);
  });

  it('never writes the payload’s personal data to the log', async () => {
    const printer = fakePrinter();
    const { outbox, lines } = open(tempDbFile(), printer.port);
    const r = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    await printer.settle();
    outbox.reprint(r.reference);
    await printer.settle();
    const log = lines.join('');
    expect(log).toContain(r.reference);
    for (const secret of Object.values(APPLICANT)) expect(log).not.toContain(secret);
    expect(log).not.toContain('拖欠');
  });
});

describe('receipts across a crash', () => {
  it('a receipt not confirmed printed before a crash stays listed, is not printed at the next start, and prints once on request', async () => {
    const file = tempDbFile();
    const stuck = fakePrinter('paper-out');
    const first = open(file, stuck.port);
    const r = first.outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    await stuck.settle();
    expect(r.printJob).not.toBeNull();
    expect(stuck.queue.jobs()[0]).toMatchObject({ state: 'waiting', reason: 'paper-out' });
    // The process dies: the waiting job dies with it. (Closing is the closest a unit test gets; the e2e test uses SIGKILL.)
    first.db.close();

    const printer = fakePrinter('ready');
    const second = open(file, printer.port);
    await printer.settle();
    expect(printer.printed).toHaveLength(0);
    expect(second.outbox.status(r.reference)).toMatchObject({ receiptPrinted: false, hasReceipt: true });
    expect(unprintedReceipts(second.db, 10).map((row) => row.reference)).toEqual([r.reference]);

    const job = second.outbox.reprint(r.reference);
    // A second request while the first is under way is the same job, not a second copy.
    expect(second.outbox.reprint(r.reference).id).toBe(job.id);
    await printer.settle();
    expect(printer.printed).toHaveLength(1);
    expect(texts(printer.printed[0]!)).toMatch(/^补打 \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(texts(printer.printed[0]!)).toContain(r.reference);
    expect(second.outbox.status(r.reference)).toMatchObject({ receiptPrinted: true });
    expect(unprintedReceipts(second.db, 10)).toEqual([]);
    expect(listOutbox(second.db, 10)).toHaveLength(1);
  });

  it('retries a receipt whose sending was cut off instead of queueing a second copy', async () => {
    const printer = fakePrinter();
    const { outbox, db } = open(tempDbFile(), printer.port);
    printer.failNextSend();
    const r = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    await printer.settle();
    expect(printer.queue.jobs()).toMatchObject([{ id: r.printJob!.id, state: 'failed', reason: 'interrupted' }]);
    expect(outbox.status(r.reference)?.receiptPrinted).toBe(false);
    const retried = outbox.reprint(r.reference);
    expect(retried.id).toBe(r.printJob!.id);
    await printer.settle();
    expect(printer.printed).toHaveLength(1);
    expect(printer.queue.jobs()).toHaveLength(1);
    expect(listOutbox(db, 1)[0]).toMatchObject({ receipt_prints: 1 });
  });

  it('reprints a printed receipt only when asked, and counts the copies', async () => {
    const printer = fakePrinter();
    const { outbox, db } = open(tempDbFile(), printer.port);
    const r = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    await printer.settle();
    outbox.reprint(r.reference);
    await printer.settle();
    expect(printer.printed).toHaveLength(2);
    expect(listOutbox(db, 1)[0]).toMatchObject({ receipt_prints: 2 });
  });

  it('says why a reprint is impossible', () => {
    const printer = fakePrinter();
    const { outbox } = open(tempDbFile(), printer.port);
    const rating = outbox.submit({
      kind: 'rating',
      payload: { subject: 'overall', score: 5 },
      idempotencyKey: randomUUID(),
    });
    expect(rating.printJob).toBeNull();
    expect(() => outbox.reprint(rating.reference)).toThrow(NoReceiptError);
    expect(() => outbox.reprint('A250314-2222-2')).toThrow(UnknownReferenceError);
    expect(outbox.status('A250314-2222-2')).toBeUndefined();
  });

  it('stores a submission whose receipt the full print queue has no room for, and keeps the receipt owed', async () => {
    const printer = fakePrinter('paper-out', { jobs: 1, bytes: 1 << 20, owedJobs: 1, owedBytes: 0 });
    const { outbox, db, lines } = open(tempDbFile(), printer.port);
    printer.queue.enqueue('article', new TextEncoder().encode('{}'));
    const first = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    expect(first.printJob).not.toBeNull();
    const second = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt: receiptFor,
    });
    expect(second.printJob).toBeNull();
    expect(unprintedReceipts(db, 10).map((r) => r.reference)).toEqual([first.reference, second.reference]);
    expect(() => outbox.reprint(second.reference)).toThrow(PrintQueueFullError);
    expect(lines.join('')).toContain('print queue full; the receipt can be reprinted on request');

    // The session ends: the queue has room again, and the owed receipt prints on request.
    printer.queue.endSession();
    await printer.set('ready');
    expect(printer.printed).toHaveLength(0);
    outbox.reprint(second.reference);
    await printer.settle();
    expect(printer.printed).toHaveLength(1);
    expect(texts(printer.printed[0]!)).toContain(second.reference);
    expect(texts(printer.printed[0]!)).toMatch(/^补打/);
  });
});

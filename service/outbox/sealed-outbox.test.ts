import { createPrivateKey, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/api/devices';
import type { SubmissionPayload } from '../../common/api/submissions';
import { KioskSealedSubmitRequest, sealedPayloadAad, type KioskSubmitRequest } from '../../common/hub/api/submissions';
import type { Receipt } from '../../common/receipt/receipt';
import { createLogger } from '../../server-kit/logger';
import { newSealingKeyPair, openSealed, SealedBoxError } from '../../server-kit/sealed-box';
import type { KioskIdentity } from '../hub/hub-identity';
import { openRecordsDb } from '../storage/records-db';
import { Outbox, type ReceiptPrinterPort } from './outbox';
import { OutboxSender } from './outbox-sender';
import { DELETED_PAYLOAD, findByReference } from './outbox-store';
import { sealedPayloadOf } from './sealed-payloads';

/**
 * On a kiosk that has its hub's sealing key, a submission's payload waits
 * in the outbox sealed to the hub: records.db's bytes hold no name, ID or
 * phone number, the receipt (masked when stored) still prints and
 * reprints, a repeat is still recognised, and the sender delivers the
 * sealed payload as it is — which the hub's private key opens.
 */

const APPLICANT = { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678' };
const application: SubmissionPayload<'legal-aid-application'> = {
  applicant: { ...APPLICANT, idSource: 'card' },
  matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
  consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' },
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A printer that prints at once, keeping what it printed. */
function instantPrinter() {
  const printed: Receipt[] = [];
  const listeners = new Set<(job: PrintJob) => void>();
  let n = 0;
  const port: ReceiptPrinterPort = {
    print: (title, receipt) => {
      printed.push(receipt);
      const at = new Date().toISOString();
      const job: PrintJob = { id: `job-${++n}`, title, state: 'printed', createdAt: at, updatedAt: at };
      queueMicrotask(() => listeners.forEach((l) => l(job)));
      return job;
    },
    retry: () => undefined,
    jobs: () => [],
    onJob: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { port, printed };
}

function rig() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sealed-'));
  dirs.push(dir);
  const file = join(dir, 'records.db');
  const db = openRecordsDb(file);
  const hub = newSealingKeyPair();
  const printer = instantPrinter();
  const logger = createLogger({ level: 'silent' });
  const outbox = new Outbox({
    db,
    terminalId: 'demo-0001',
    printer: printer.port,
    logger,
    sealing: () => ({ key: hub.publicKey, kioskId: 7 }),
    now: () => new Date(2025, 2, 14, 10, 20),
  });
  const bytes = () => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  return { db, hub, outbox, printer, logger, bytes };
}

const receiptFor = (reference: string) => ({
  blocks: [
    { type: 'text' as const, text: '法律援助申请回执' },
    { type: 'pair' as const, label: '申请人', value: APPLICANT.name },
    { type: 'pair' as const, label: '参考编号', value: reference },
  ],
});

describe('the outbox with the hub’s sealing key', () => {
  it('keeps the payload sealed, no personal data in records.db, and still prints, reprints and knows a repeat', async () => {
    const r = rig();
    const key = randomUUID();
    const sent = r.outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    const row = findByReference(r.db, sent.reference)!;
    const box = sealedPayloadOf(row.payload);
    expect(box?.keyId).toBe(r.hub.publicKey.keyId);

    r.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = r.bytes();
    expect(bytes.includes(Buffer.from(sent.reference))).toBe(true);
    for (const secret of Object.values(APPLICANT)) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);

    // Only the hub opens it, and only as this submission of this kiosk.
    const about = { kind: 'legal-aid-application', reference: sent.reference, idempotencyKey: key };
    const hubKey = createPrivateKey(r.hub.privatePem);
    expect(JSON.parse(openSealed(hubKey, box!, sealedPayloadAad({ ...about, kioskId: 7 })))).toEqual(application);
    expect(() => openSealed(hubKey, box!, sealedPayloadAad({ ...about, kioskId: 8 }))).toThrow(SealedBoxError);

    // The receipt was masked when stored, so it prints and reprints without the payload.
    await new Promise((resolve) => setImmediate(resolve));
    r.outbox.reprint(sent.reference);
    expect(r.printer.printed).toHaveLength(2);
    for (const receipt of r.printer.printed) {
      const text = JSON.stringify(receipt);
      expect(text).toContain(sent.reference);
      expect(text).not.toContain(APPLICANT.name);
      expect(text).toContain('张**');
    }

    const again = r.outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    expect(again).toMatchObject({ reference: sent.reference, duplicate: true });
  });

  it('delivers the sealed payload as it is, then deletes it', async () => {
    const r = rig();
    const key = randomUUID();
    const sent = r.outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt: receiptFor,
    });
    const bodies: unknown[] = [];
    const sender = new OutboxSender({
      db: r.db,
      logger: r.logger,
      identity: () => ({}) as KioskIdentity,
      deliver: async (_identity, body: KioskSubmitRequest | KioskSealedSubmitRequest) => {
        bodies.push(JSON.parse(JSON.stringify(body)));
        return { reference: body.reference, receivedAt: new Date().toISOString() };
      },
    });
    expect(await sender.pass()).toMatchObject({ delivered: 1 });
    const [body] = bodies;
    const parsed = KioskSealedSubmitRequest.parse(body);
    expect(body).not.toHaveProperty('payload');
    expect(parsed).toMatchObject({ kind: 'legal-aid-application', reference: sent.reference, idempotencyKey: key });
    expect(JSON.stringify(body)).not.toContain(APPLICANT.phone);
    const opened = openSealed(
      createPrivateKey(r.hub.privatePem),
      parsed.sealedPayload,
      sealedPayloadAad({ ...parsed, kioskId: 7 }),
    );
    expect(JSON.parse(opened)).toEqual(application);
    expect(findByReference(r.db, sent.reference)!.payload).toBe(DELETED_PAYLOAD);
  });
});

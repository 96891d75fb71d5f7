import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../common/api/errors';
import { PrintJob } from '../../common/api/devices';
import { SubmissionStatus, SubmitResponse } from '../../common/api/submissions';
import { parseReference } from '../../common/reference-number';
import { findPrinterModel } from '../../native/printer/models';
import { PrinterSimulator, serveSimulatorOnSerial, type SerialSimulator } from '../../native/printer/simulator';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';
import { createDailyStats } from '../../service/storage/daily-stats';
import { DEMO_CONFIG, startKiosk, type RunningKiosk, kioskctl } from './harness';

/**
 * The submission outbox with the real service and a simulated printer on a
 * socat pty pair: a submission is stored once and its receipt printed once;
 * a service killed before the receipt printed loses nothing, prints nothing
 * on its own when it comes back, and prints the receipt exactly once when a
 * technician asks.
 */

const work = mkdtempSync(join(tmpdir(), 'kiosk-outbox-e2e-'));
const dataDir = join(work, 'data');
const printer = new PrinterSimulator(findPrinterModel('generic-80mm-gb18030')!);
let pty: PtyPair;
let served: SerialSimulator;
let configFile: string;
let kiosk: RunningKiosk | undefined;

const APPLICANT = { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678' };
const application = {
  applicant: { ...APPLICANT, idSource: 'card' },
  matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
  consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' },
};
const receipt = {
  blocks: [
    { type: 'text', text: '法律援助申请回执', align: 'center', bold: true },
    { type: 'pair', label: '参考编号', value: '{{reference}}' },
    { type: 'qr', data: 'https://kiosk.wurenlvsuo.invalid/r/{{reference}}', caption: '扫码查询办理进度' },
    { type: 'cut' },
  ],
};

async function post(k: RunningKiosk, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${k.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function get<T>(k: RunningKiosk, path: string): Promise<T> {
  const res = await fetch(`${k.origin}${path}`, { headers: { authorization: `Bearer ${k.secret}` } });
  return (await res.json()) as T;
}

const printedText = () =>
  printer
    .decode()
    .lines.map((l) => l.text)
    .join('\n');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

async function printerState(k: RunningKiosk): Promise<string | undefined> {
  const { devices } = await get<{ devices: { device: string; state?: string }[] }>(k, '/api/devices');
  return devices.find((d) => d.device === 'receiptPrinter')?.state;
}

beforeAll(async () => {
  mkdirSync(join(work, 'pty'));
  pty = await startPtyPair({ dir: join(work, 'pty') });
  served = await serveSimulatorOnSerial(printer, { path: pty.b, baudRate: 9600 });
  const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { devices: unknown };
  config.devices = {
    idCardReader: { mode: 'none' },
    receiptPrinter: {
      mode: 'serial',
      port: pty.a,
      baudRate: 9600,
      model: 'generic-80mm-gb18030',
      encoding: 'gb18030',
      paperWidthMm: 80,
    },
  };
  configFile = join(work, 'terminal.json');
  writeFileSync(configFile, JSON.stringify(config));
  kiosk = await startKiosk({ config: configFile, dataDir });
});

afterAll(async () => {
  await kiosk?.stop();
  await served?.close();
  await pty?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('submitting', () => {
  it('stores the submission once, answers its reference, and prints its receipt once', async () => {
    await expect.poll(() => printerState(kiosk!), { timeout: 5000 }).toBe('ready');
    printer.clear();
    const key = randomUUID();
    const body = { kind: 'legal-aid-application', payload: application, idempotencyKey: key, receipt };
    const first = await post(kiosk!, '/api/submissions', body);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const answer = SubmitResponse.parse(first.json);
    const { reference } = answer;
    expect(parseReference(reference)).toMatchObject({ letter: 'A', reference });
    expect(answer).toMatchObject({ kind: 'legal-aid-application', duplicate: false });

    // A retried request (same key) is the same submission, and prints nothing more.
    const again = SubmitResponse.parse((await post(kiosk!, '/api/submissions', body)).json);
    expect(again).toMatchObject({ reference, createdAt: answer.createdAt, duplicate: true });

    await printer.waitFor((p) => p.decode().cuts >= 1, 10_000);
    await expect
      .poll(
        async () =>
          SubmissionStatus.parse((await post(kiosk!, '/api/submissions/status', { reference })).json).receiptPrinted,
        { timeout: 5000 },
      )
      .toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const decoded = printer.decode();
    expect(decoded.problems).toEqual([]);
    expect(decoded.cuts).toBe(1);
    expect(occurrences(printedText(), reference)).toBe(1);
    expect(printedText()).toContain('法律援助申请回执');
    expect(decoded.qrCodes.map((q) => q.data)).toEqual([`https://kiosk.wurenlvsuo.invalid/r/${reference}`]);

    const db = new Database(join(dataDir, 'records.db'), { readonly: true });
    expect(db.prepare('SELECT reference, kind, receipt_prints FROM outbox').all()).toEqual([
      { reference, kind: 'legal-aid-application', receipt_prints: 1 },
    ]);
    db.close();

    // The payload's personal data never reaches the log.
    const log = kiosk!.stdout.join('\n');
    expect(log).toContain(reference);
    for (const value of Object.values(APPLICANT)) expect(log).not.toContain(value);
  });

  it('looks a submission up by its reference, however it is typed, and names a wrong check character', async () => {
    const db = new Database(join(dataDir, 'records.db'), { readonly: true });
    const { reference } = db.prepare('SELECT reference FROM outbox LIMIT 1').get() as { reference: string };
    db.close();
    const typed = ` ${reference.toLowerCase().replace(/-/g, ' ')} `;
    const status = await post(kiosk!, '/api/submissions/status', { reference: typed });
    expect(status.status).toBe(200);
    expect(SubmissionStatus.strict().parse(status.json)).toMatchObject({
      reference,
      kind: 'legal-aid-application',
      delivered: false,
      receiptPrinted: true,
    });
    expect(JSON.stringify(status.json)).not.toContain(APPLICANT.name);

    const wrongCheck = reference.slice(0, -1) + (reference.endsWith('2') ? '3' : '2');
    const bad = await post(kiosk!, '/api/submissions/status', { reference: wrongCheck });
    expect(bad.status).toBe(400);
    const error = ApiErrorBody.parse(bad.json).error;
    expect(error.problems?.[0]).toMatchObject({
      path: 'body.reference',
      message: expect.stringMatching(/check character/),
    });

    const unknown = await post(kiosk!, '/api/submissions/status', { reference: 'M250314-2222-Q' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a payload its kind’s schema does not accept, naming the field', async () => {
    const bad = await post(kiosk!, '/api/submissions', {
      kind: 'legal-aid-application',
      payload: { ...application, applicant: { ...application.applicant, phone: '12' } },
      idempotencyKey: randomUUID(),
      receipt,
    });
    expect(bad.status).toBe(400);
    expect(ApiErrorBody.parse(bad.json).error.problems?.map((p) => p.path)).toContain('body.payload.applicant.phone');
  });
});

describe('a service killed before the receipt printed', () => {
  it('keeps the submission once, prints nothing on its own after the restart, and reprints exactly once on request', async () => {
    printer.set({ paper: 'out' });
    await expect.poll(() => printerState(kiosk!), { timeout: 5000 }).toBe('paper-out');
    printer.clear();

    const submitted = await post(kiosk!, '/api/submissions', {
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt,
    });
    expect(submitted.status).toBe(200);
    const { reference, printJob } = SubmitResponse.parse(submitted.json);
    await expect
      .poll(
        async () =>
          (await get<{ jobs: PrintJob[] }>(kiosk!, '/api/print/jobs')).jobs.find((j) => j.id === printJob?.id)?.state,
        { timeout: 5000 },
      )
      .toBe('waiting');

    // Power cut, OOM killer, crash: no chance to clean up.
    kiosk!.child.kill('SIGKILL');
    expect(await kiosk!.exited).toBeNull();
    printer.set({ paper: 'ok' });

    kiosk = await startKiosk({ config: configFile, dataDir });
    await expect.poll(() => printerState(kiosk!), { timeout: 5000 }).toBe('ready');
    // Several status polls later the printer has still printed nothing.
    await new Promise((r) => setTimeout(r, 2500));
    expect(printer.decode().cuts).toBe(0);
    expect(printedText()).not.toContain(reference);

    const listed = await kioskctl('outbox', '--json', '--data-dir', dataDir);
    expect(listed.status, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      reference: string;
      receipt: string;
      payload: { applicant: Record<string, string> };
    }[];
    expect(rows.filter((r) => r.reference === reference)).toHaveLength(1);
    expect(rows.find((r) => r.reference === reference)).toMatchObject({
      receipt: 'not printed',
      delivered: false,
      attempts: 0,
      lastError: null,
    });
    // Masked, always.
    expect(rows.find((r) => r.reference === reference)?.payload.applicant).toMatchObject({
      name: '张**',
      idNumber: '420***********1234',
      phone: '138****5678',
    });
    for (const value of Object.values(APPLICANT)) expect(listed.stdout).not.toContain(value);
    const text = await kioskctl('outbox', '--data-dir', dataDir);
    expect(text.stdout).toMatch(new RegExp(`${reference}\\s+legal-aid-application.*receipt: not printed`));

    const reprint = await kioskctl('receipt', 'reprint', reference.toLowerCase(), '--data-dir', dataDir);
    expect(reprint.status, reprint.stderr).toBe(0);
    expect(reprint.stdout).toContain(`${reference}: receipt printed`);
    await new Promise((r) => setTimeout(r, 1500));
    const decoded = printer.decode();
    expect(decoded.cuts).toBe(1);
    expect(occurrences(printedText(), reference)).toBe(1);
    expect(printedText()).toContain('补打');
    expect(decoded.qrCodes.map((q) => q.data)).toEqual([`https://kiosk.wurenlvsuo.invalid/r/${reference}`]);

    const after = JSON.parse((await kioskctl('outbox', '--json', '--data-dir', dataDir)).stdout) as {
      reference: string;
      receipt: string;
      receiptPrints: number;
    }[];
    expect(after.find((r) => r.reference === reference)).toMatchObject({ receipt: 'printed', receiptPrints: 1 });
    expect(after).toHaveLength(2);
  }, 60_000);

  it('kioskctl receipt reprint exits 2 for a bad or unknown reference and when the service is not running', async () => {
    const bad = await kioskctl('receipt', 'reprint', 'A250314-2222-0', '--data-dir', dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('never appears after the date');
    const wrongCheck = await kioskctl('receipt', 'reprint', 'A250314-2222-2', '--data-dir', dataDir);
    expect(wrongCheck.status).toBe(2);
    expect(wrongCheck.stderr).toContain('check character does not match');
    const unknown = await kioskctl('receipt', 'reprint', 'T250314-2222-7', '--data-dir', dataDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no submission with reference T250314-2222-7');
    const empty = join(work, 'no-service');
    mkdirSync(empty);
    const notRunning = await kioskctl('receipt', 'reprint', 'A250314-2222-W', '--data-dir', empty);
    expect(notRunning.status).toBe(2);
    expect(notRunning.stderr).toContain('not running');
  }, 30_000);

  it('kioskctl stats reads the day’s figures', async () => {
    const db = new Database(join(dataDir, 'records.db'));
    const stats = createDailyStats(db);
    stats.increment('consultation', 'labour-wages');
    stats.increment('consultation', 'labour-wages');
    stats.increment('rating', 'consultation:5');
    db.close();
    const r = await kioskctl('stats', '--json', '--days', '1', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      rows: { metric: string; key: string; count: number }[];
      totals: Record<string, number>;
    };
    expect(out.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ metric: 'consultation', key: 'labour-wages', count: 2 })]),
    );
    // Submissions are counted by the service when stored, once each (a replayed idempotent submit is not counted again).
    const listed = await kioskctl('outbox', '--json', '--data-dir', dataDir);
    const applications = (JSON.parse(listed.stdout) as { kind: string }[]).filter(
      (row) => row.kind === 'legal-aid-application',
    ).length;
    expect(applications).toBeGreaterThan(0);
    expect(out.totals).toMatchObject({ consultation: 2, rating: 1, 'legal-aid-application': applications });
  }, 30_000);
});

describe('without records.db', () => {
  it('answers the submission routes 503 with the reason, and keeps serving the rest', async () => {
    const dir = join(work, 'too-new');
    mkdirSync(dir);
    const db = new Database(join(dir, 'records.db'));
    db.pragma('user_version = 99');
    db.close();
    const own = await startKiosk({ dataDir: dir });
    try {
      const r = await post(own, '/api/submissions', {
        kind: 'rating',
        payload: { subject: 'overall', score: 5 },
        idempotencyKey: randomUUID(),
      });
      expect(r.status).toBe(503);
      expect(ApiErrorBody.parse(r.json).error).toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/Submissions are unavailable: .*schema version 99/),
      });
      expect((await post(own, '/api/submissions/status', { reference: 'A250314-2222-W' })).status).toBe(503);
      expect((await post(own, '/api/submissions/reprint', { reference: 'A250314-2222-W' })).status).toBe(503);
      const health = await get<{ subsystems: { storage: { reason?: string } } }>(own, '/api/health');
      expect(health.subsystems.storage.reason).toBe('records-too-new');
    } finally {
      await own.stop();
    }
  });
});

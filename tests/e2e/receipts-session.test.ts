import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintJob } from '../../common/api/devices';
import { ApiErrorBody } from '../../common/api/errors';
import { SubmitResponse } from '../../common/api/submissions';
import { findPrinterModel } from '../../native/printer/models';
import { PrinterSimulator, serveSimulatorOnSerial, type SerialSimulator } from '../../native/printer/simulator';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';
import { readRuntimeFile } from '../../service/runtime-file';
import {
  apiAnswer,
  callApi,
  DEMO_CONFIG,
  kioskctl,
  launchChromium,
  openHome,
  PORTRAIT,
  startKiosk,
  type RunningKiosk,
} from './harness';

/**
 * Receipts and the end of a session, with the real service and the printer
 * simulator on a socat pty pair: what has not printed when a citizen finishes
 * never prints for the next person. A submission's receipt stays owed in the
 * outbox (kioskctl lists it, a reprint on request prints it, marked 补打);
 * any other job is dropped.
 */

const work = mkdtempSync(join(tmpdir(), 'kiosk-receipts-e2e-'));
const dataDir = join(work, 'data');
const printer = new PrinterSimulator(findPrinterModel('generic-80mm-gb18030')!);
let pty: PtyPair;
let served: SerialSimulator;
let kiosk: RunningKiosk;

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
    { type: 'pair', label: '申请人', value: APPLICANT.name },
    { type: 'cut' },
  ],
};
const text = (t: string) => ({ blocks: [{ type: 'text', text: t }, { type: 'cut' }] });

const post = (path: string, body: unknown) => apiAnswer(kiosk, path, body);
const get = <T>(path: string): Promise<T> => callApi<T>(kiosk, path);

async function printerState(): Promise<string | undefined> {
  const { devices } = await get<{ devices: { device: string; state?: string }[] }>('/api/devices');
  return devices.find((d) => d.device === 'receiptPrinter')?.state;
}

async function jobState(id: string): Promise<string | undefined> {
  return (await get<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs.find((j) => j.id === id)?.state;
}

const printedText = () =>
  printer
    .decode()
    .lines.map((l) => l.text.trim())
    .join('');

/** Prints a marker and waits for it: the queue prints in order, so whatever was still queued before it would have printed first. */
async function printMarker(marker: string): Promise<void> {
  const job = PrintJob.parse((await post('/api/print', { title: 'marker', receipt: text(marker) })).json);
  await expect.poll(() => jobState(job.id), { timeout: 10_000 }).toBe('printed');
  // Sent is not yet read: wait for the far end of the serial line too.
  await printer.waitFor(() => printedText().includes(marker), 10_000);
}

beforeAll(async () => {
  mkdirSync(join(work, 'pty'));
  pty = await startPtyPair({ dir: join(work, 'pty') });
  served = await serveSimulatorOnSerial(printer, { path: pty.b, baudRate: 115200 });
  const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { $schema?: string; devices: unknown };
  delete config.$schema;
  config.devices = {
    idCardReader: { mode: 'none' },
    receiptPrinter: {
      mode: 'serial',
      port: pty.a,
      baudRate: 115200,
      model: 'generic-80mm-gb18030',
      encoding: 'gb18030',
      paperWidthMm: 80,
    },
  };
  const configFile = join(work, 'terminal.json');
  writeFileSync(configFile, JSON.stringify(config));
  kiosk = await startKiosk({ config: configFile, dataDir });
});

afterAll(async () => {
  await kiosk?.stop();
  await served?.close();
  await pty?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the end of a session with the printer out of paper', () => {
  it('prints nothing of it when paper comes back; the owed receipt stays in the outbox and prints on request as 补打', async () => {
    await expect.poll(() => printerState(), { timeout: 10_000 }).toBe('ready');
    printer.set({ paper: 'out' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('paper-out');
    printer.clear();

    const submitted = await post('/api/submissions', {
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: randomUUID(),
      receipt,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    const { reference, printJob } = SubmitResponse.parse(submitted.json);
    expect(printJob).not.toBeNull();
    const article = PrintJob.parse(
      (await post('/api/print', { title: '法条', receipt: text('ARTICLE-OF-THE-LAST-CITIZEN') })).json,
    );
    await expect.poll(() => jobState(printJob!.id), { timeout: 5000 }).toBe('waiting');

    expect((await post('/api/session/end', { reason: 'finish' })).status).toBe(200);

    // Paper is back; the next person prints something.
    printer.set({ paper: 'ok' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('ready');
    await printMarker('NEXT-PERSON-MARKER');
    expect(printedText()).toContain('NEXT-PERSON-MARKER');
    expect(printedText()).not.toContain(reference);
    expect(printedText()).not.toContain('ARTICLE-OF-THE-LAST-CITIZEN');
    expect(printer.decode().cuts).toBe(1);
    expect(await jobState(printJob!.id)).toBeUndefined();
    expect(await jobState(article.id)).toBeUndefined();

    // The outbox still owes the receipt, and a technician's reprint prints it once, marked 补打.
    const listed = await kioskctl('outbox', '--json', '--data-dir', dataDir);
    expect(listed.status, listed.stderr).toBe(0);
    expect(
      (JSON.parse(listed.stdout) as { reference: string; receipt: string }[]).find((r) => r.reference === reference),
    ).toMatchObject({ receipt: 'not printed' });
    printer.clear();
    const reprint = await kioskctl('receipt', 'reprint', reference, '--data-dir', dataDir);
    expect(reprint.status, reprint.stderr).toBe(0);
    await printer.waitFor(() => printedText().includes(reference), 10_000);
    expect(printedText()).toContain('补打');

    // The log says what was held and dropped, without the person.
    const log = kiosk.stdout.join('\n');
    expect(log).toContain('held for reprint on request');
    expect(log).toContain('dropped');
    for (const value of Object.values(APPLICANT)) expect(log).not.toContain(value);
  }, 60_000);
});

describe('a page that (re)loads starts with nobody', () => {
  it('ends what the service held of the session before: nothing of it prints, and the new page may not reprint it', async () => {
    await expect.poll(() => printerState(), { timeout: 10_000 }).toBe('ready');
    printer.set({ paper: 'out' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('paper-out');
    printer.clear();
    const submitted = SubmitResponse.parse(
      (
        await post('/api/submissions', {
          kind: 'legal-aid-application',
          payload: application,
          idempotencyKey: randomUUID(),
          receipt,
        })
      ).json,
    );
    await expect.poll(() => jobState(submitted.printJob!.id), { timeout: 5000 }).toBe('waiting');

    // The renderer crashed, or the shell reopened the browser: the page loads afresh, and no one pressed 结束使用.
    const browser = await launchChromium();
    try {
      const { context } = await openHome(browser, kiosk, PORTRAIT);
      await expect
        .poll(() => kiosk.stdout.some((l) => l.includes('"reason":"start"') && l.includes('session ended')), {
          timeout: 10_000,
        })
        .toBe(true);
      await context.close();
    } finally {
      await browser.close();
    }
    expect(await jobState(submitted.printJob!.id)).toBeUndefined();
    const reprint = await post('/api/submissions/reprint', { reference: submitted.reference });
    expect(reprint.status).toBe(404);

    printer.set({ paper: 'ok' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('ready');
    await printMarker('AFTER-RELOAD-MARKER');
    expect(printedText()).not.toContain(submitted.reference);
  }, 60_000);
});

describe('a print queue that is full', () => {
  it('answers 503 with the reason, still stores submissions, and keeps their receipts owed instead of dropping them', async () => {
    await expect.poll(() => printerState(), { timeout: 10_000 }).toBe('ready');
    printer.set({ paper: 'out' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('paper-out');

    let refused: { status: number; json: unknown } | undefined;
    let accepted = 0;
    for (let i = 0; i < 500 && refused === undefined; i++) {
      const r = await post('/api/print', { title: '法条', receipt: text(`ARTICLE ${i} ${'条'.repeat(1000)}`) });
      if (r.status === 200) accepted++;
      else refused = r;
    }
    expect(refused?.status).toBe(503);
    expect(ApiErrorBody.parse(refused?.json).error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Not printed: the printer already has \d+ job\(s\) waiting/),
    });
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(100);

    // Submissions are stored whatever the queue; a receipt it has no room for stays owed.
    const references: string[] = [];
    let unqueued: string | undefined;
    for (let i = 0; i < 50 && unqueued === undefined; i++) {
      const r = await post('/api/submissions', {
        kind: 'legal-aid-application',
        payload: application,
        idempotencyKey: randomUUID(),
        receipt,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const answer = SubmitResponse.parse(r.json);
      references.push(answer.reference);
      if (answer.printJob === null) unqueued = answer.reference;
    }
    // The first receipts used the reserve the articles cannot use.
    expect(references.length).toBeGreaterThan(1);
    expect(unqueued).toBeDefined();
    const listed = JSON.parse((await kioskctl('outbox', '--json', '--data-dir', dataDir)).stdout) as {
      reference: string;
      receipt: string;
    }[];
    for (const reference of references)
      expect(listed.find((r) => r.reference === reference)).toMatchObject({ receipt: 'not printed' });
    const reprint = await post('/api/submissions/reprint', { reference: unqueued });
    expect(reprint.status).toBe(503);
    expect(ApiErrorBody.parse(reprint.json).error.message).toMatch(
      /^The receipt cannot be printed now: the printer already has/,
    );

    // The session ends: nothing of it prints, and the queue has room again.
    expect((await post('/api/session/end', { reason: 'idle' })).status).toBe(200);
    expect((await get<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs).toEqual([]);
    printer.clear();
    printer.set({ paper: 'ok' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('ready');
    await printMarker('QUEUE-HAS-ROOM');
    expect(printer.decode().cuts).toBe(1);
  }, 120_000);
});

describe('masking at the service, whatever the client sends', () => {
  const careless = {
    blocks: [
      { type: 'text', text: '证件ID420111199001011234' },
      { type: 'text', text: '身份证４２０１１１１９９００１０１１２３Ｘ' },
      { type: 'pair', label: '手机', value: '138 1234 5678' },
      { type: 'pair', label: '座机', value: '027-87654321' },
      { type: 'pair', label: '中心电话', value: '027-0000-0101' },
      { type: 'cut' },
    ],
  };

  it('prints ID and phone numbers masked and the listed offices’ numbers whole, on paper and in the preview', async () => {
    await expect.poll(() => printerState(), { timeout: 10_000 }).toBe('ready');
    printer.clear();
    const job = PrintJob.parse((await post('/api/print', { title: '回执', receipt: careless })).json);
    await expect.poll(() => jobState(job.id), { timeout: 10_000 }).toBe('printed');
    await printer.waitFor(() => printedText().includes('中心电话'), 10_000);
    const paper = printedText();
    for (const part of [
      'ID420***********1234',
      '身份证420***********123X',
      '138****5678',
      '027****4321',
      '027-0000-0101',
    ])
      expect(paper).toContain(part);
    for (const whole of ['420111199001011234', '4201111990010112', '13812345678', '1234 5678', '87654321'])
      expect(paper).not.toContain(whole);

    const layout = (await post('/api/print/preview', { receipt: careless })).json as {
      lines: { kind: string; text?: string }[];
    };
    const shown = layout.lines.map((l) => l.text ?? '').join('');
    expect(shown).toContain('ID420***********1234');
    expect(shown).not.toContain('420111199001011234');
  }, 30_000);

  // A filled document is the citizen's own and prints whole through /api/templates/print; a
  // receipt made from it by a client is masked like any other (templates-api.test.ts).

  it('prints a submission’s names as 张** and no whole ID number, whatever its receipt says, and stores it so', async () => {
    const leaky = {
      blocks: [
        { type: 'text', text: '调解申请回执 {{reference}}' },
        { type: 'pair', label: '申请人', value: '张三丰' },
        { type: 'pair', label: '对方', value: '王小五' },
        { type: 'pair', label: '证件', value: '420111199001011234' },
        { type: 'cut' },
      ],
    };
    const mediation = {
      applicant: { name: '张三丰', phone: '13812345678', idNumber: '420111199001011234', idSource: 'card' },
      otherParty: { name: '王小五', relation: '房东' },
      dispute: { category: 'neighbours', summary: '漏水' },
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' },
    };
    printer.clear();
    const r = await post('/api/submissions', {
      kind: 'mediation-request',
      payload: mediation,
      idempotencyKey: randomUUID(),
      receipt: leaky,
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const { reference } = SubmitResponse.parse(r.json);
    await printer.waitFor(() => printedText().includes(reference), 10_000);
    const paper = printedText();
    for (const part of ['张**', '王**', '420***********1234']) expect(paper).toContain(part);
    for (const whole of ['张三丰', '王小五', '420111199001011234']) expect(paper).not.toContain(whole);

    const db = new Database(join(dataDir, 'records.db'), { readonly: true });
    const stored = (db.prepare('SELECT receipt FROM outbox WHERE reference = ?').get(reference) as { receipt: string })
      .receipt;
    db.close();
    for (const whole of ['张三丰', '王小五']) expect(stored).not.toContain(whole);
  }, 30_000);
});

describe('reprint rights, checked at the service', () => {
  async function reprintAs(token: string, reference: string): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${kiosk.origin}/api/submissions/reprint`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference }),
    });
    return { status: res.status, json: await res.json() };
  }
  /** The answer with the reference taken out: what tells one refusal from another, if anything does. */
  const shape = (answer: { status: number; json: unknown }, reference: string) => ({
    status: answer.status,
    body: JSON.stringify(answer.json).replaceAll(reference, 'REF'),
  });
  const submit = async (body: Record<string, unknown>) =>
    SubmitResponse.parse((await post('/api/submissions', { idempotencyKey: randomUUID(), ...body })).json).reference;

  it('lets the touchscreen reprint only what this session submitted, a technician anything, and refuses as if the reference did not exist', async () => {
    await expect.poll(() => printerState(), { timeout: 10_000 }).toBe('ready');
    const technician = readRuntimeFile(dataDir)!.technicianToken;
    expect(technician).not.toBe(kiosk.secret);

    const earlier = await submit({ kind: 'legal-aid-application', payload: application, receipt });
    const earlierRating = await submit({ kind: 'rating', payload: { subject: 'overall', score: 5 } });
    // This session may reprint its own receipt.
    expect((await reprintAs(kiosk.secret, earlier)).status).toBe(200);
    expect((await post('/api/session/end', { reason: 'finish' })).status).toBe(200);

    // The next person, holding a slip left behind or guessing: refused exactly as an unknown reference is.
    const mine = await submit({ kind: 'legal-aid-application', payload: application, receipt });
    const unknown = 'A250314-2222-W';
    const refusedUnknown = await reprintAs(kiosk.secret, unknown);
    expect(refusedUnknown.status).toBe(404);
    for (const stranger of [earlier, earlierRating]) {
      const refused = await reprintAs(kiosk.secret, stranger);
      expect(shape(refused, stranger)).toEqual(shape(refusedUnknown, unknown));
    }
    expect((await reprintAs(kiosk.secret, mine)).status).toBe(200);

    // A technician may reprint any receipt.
    const byTechnician = await reprintAs(technician, earlier);
    expect(byTechnician.status, JSON.stringify(byTechnician.json)).toBe(200);
    expect((await reprintAs(technician, earlierRating)).status).toBe(409);
    expect((await reprintAs(technician, unknown)).status).toBe(404);
    await post('/api/session/end', { reason: 'finish' });
  }, 30_000);

  it('tells a technician waiting for a reprint that a session end took it out of the queue', async () => {
    const reference = await submit({ kind: 'legal-aid-application', payload: application, receipt });
    await post('/api/session/end', { reason: 'finish' });
    printer.set({ paper: 'out' });
    await expect.poll(() => printerState(), { timeout: 5000 }).toBe('paper-out');
    const waiting = kioskctl('receipt', 'reprint', reference, '--data-dir', dataDir, '--wait', '60');
    await expect
      .poll(
        async () =>
          (await get<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs.some(
            (j) => j.title.includes(reference) && j.state === 'waiting',
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await post('/api/session/end', { reason: 'idle' });
    const result = await waiting;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${reference}: not printed — a session ended and took the job out of the queue before it printed; run this command again`,
    );
    printer.set({ paper: 'ok' });
  }, 60_000);
});

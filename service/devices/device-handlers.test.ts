import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Receipt } from '../../common/receipt/receipt';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { DEFAULT_PRINT_LIMITS } from './print-queue';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

const RECEIPT = Receipt.parse({ blocks: [{ type: 'text', text: '《劳动合同法》第三十条' }, { type: 'cut' }] });

const printerState = (kiosk: InProcessKiosk) =>
  kiosk.service.devices.devices().find((d) => d.device === 'receiptPrinter')?.state;

describe('the device routes on the demo terminal (simulated devices)', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk();
    await vi.waitFor(() => expect(printerState(kiosk)).toBe('ready'), { timeout: 15_000 });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('list both devices, and change the simulated ones on request', async () => {
    expect((await kiosk.ok('devices')).devices.map((d) => [d.device, d.mode])).toEqual([
      ['idCardReader', 'simulated'],
      ['receiptPrinter', 'simulated'],
    ]);
    expect(await kiosk.ok('simulate', { printer: { coverOpen: true } })).toEqual({});
    await expect
      .poll(async () => (await kiosk.ok('devices')).devices.find((d) => d.device === 'receiptPrinter')?.state, {
        timeout: 15_000,
      })
      .toBe('cover-open');
    await kiosk.ok('simulate', { printer: { coverOpen: false } });
    await expect.poll(() => printerState(kiosk), { timeout: 15_000 }).toBe('ready');
  });

  it('print a receipt and list its job; preview it laid out for this printer', async () => {
    const job = await kiosk.ok('print', { title: '法条', receipt: RECEIPT });
    expect((await kiosk.ok('printJobs')).jobs.map((j) => j.id)).toContain(job.id);
    await expect
      .poll(async () => (await kiosk.ok('printJobs')).jobs.find((j) => j.id === job.id)?.state, { timeout: 15_000 })
      .toBe('printed');
    const layout = await kiosk.ok('printPreview', { receipt: RECEIPT });
    expect(layout.columns).toBe(48);
  });

  it('say 404 to a retry of a job that is not there', async () => {
    expect(await kiosk.refused('printRetry', { id: 'no-such-job' })).toEqual({
      status: 404,
      error: { code: 'not-found', message: 'No failed print job no-such-job' },
    });
  });

  it('answer 503 once the queue is full, saying it was not printed, and print the queue out when paper is back', async () => {
    await kiosk.ok('simulate', { printer: { paper: 'out' } });
    await expect.poll(() => printerState(kiosk), { timeout: 15_000 }).toBe('paper-out');
    // Nothing prints while out of paper: the jobs stay in the queue until it is full.
    for (let i = 0; i < DEFAULT_PRINT_LIMITS.jobs; i++)
      await kiosk.ok('print', { title: `法条 ${i}`, receipt: RECEIPT });
    const refusal = await kiosk.refused('print', { title: '法条', receipt: RECEIPT });
    expect(refusal).toMatchObject({ status: 503, error: { code: 'unavailable' } });
    expect(refusal.error.message).toMatch(/^Not printed: /);
    await kiosk.ok('simulate', { printer: { paper: 'ok' } });
    await expect
      .poll(async () => (await kiosk.ok('printJobs')).jobs.every((j) => j.state === 'printed'), { timeout: 30_000 })
      .toBe(true);
  });
});

describe('the device routes on a terminal with a serial card reader and no printer', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    // Serial ports that do not exist: the devices stay disconnected, which is all these routes need.
    kiosk = await startInProcessKiosk({
      config: (demo: TerminalConfig) => ({
        ...demo,
        devices: {
          idCardReader: {
            mode: 'serial',
            port: '/dev/kiosk-test-no-such-reader',
            baudRate: 115200,
            model: 'generic SAM reader',
          },
          receiptPrinter: { mode: 'none' },
        },
      }),
    });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('refuse with 409 to change a device that is not simulated', async () => {
    expect(await kiosk.refused('simulate', { idcard: 'mainlandDated' })).toEqual({
      status: 409,
      error: { code: 'conflict', message: 'Only devices in "simulated" mode can be changed this way' },
    });
    expect((await kiosk.refused('simulate', { printer: { paper: 'out' } })).status).toBe(409);
  });

  it('answer 503 to a print or a preview without a printer', async () => {
    const noPrinter = { status: 503, error: { code: 'unavailable', message: 'This terminal has no receipt printer' } };
    expect(await kiosk.refused('print', { title: '法条', receipt: RECEIPT })).toEqual(noPrinter);
    expect(await kiosk.refused('printPreview', { receipt: RECEIPT })).toEqual(noPrinter);
    expect((await kiosk.ok('printJobs')).jobs).toEqual([]);
  });
});

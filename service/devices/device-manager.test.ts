import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceEvent } from '../../common/api/events';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import type { ReceiptLayout } from '../../common/receipt/layout';
import { Receipt } from '../../common/receipt/receipt';
import type { IdCardReaderConfig, ReceiptPrinterConfig } from '../../kiosk-config/schema';
import { createLogger } from '../../server-kit/logger';
import { DeviceManager, type DeviceManagerOptions } from './device-manager';

// The demo configuration's devices: in-process simulators on the real drivers,
// paced as a serial line would be, in fake time.
const SIMULATED_READER: IdCardReaderConfig = { mode: 'simulated' };
const SIMULATED_PRINTER = { mode: 'simulated', paperWidthMm: 80 } as ReceiptPrinterConfig;
const NO_DEVICE = { mode: 'none' } as const;
const POLL_MS = 1000;
/** Far longer than a card read or a status poll takes on the simulators: long enough to say "nothing happened". */
const QUIET_MS = 10 * POLL_MS;

const running: DeviceManager[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop();
  vi.useRealTimers();
});

function manager(opts: Partial<Pick<DeviceManagerOptions, 'reader' | 'printer' | 'publicPhones'>> = {}) {
  const events: ServiceEvent[] = [];
  const logs: string[] = [];
  const logger = createLogger({ destination: { write: (s: string) => void logs.push(s) } });
  const devices = new DeviceManager({
    reader: opts.reader ?? SIMULATED_READER,
    printer: opts.printer ?? SIMULATED_PRINTER,
    logger,
    publish: (e) => events.push(e),
    pollMs: POLL_MS,
    ...(opts.publicPhones === undefined ? {} : { publicPhones: opts.publicPhones }),
  });
  running.push(devices);
  const cardEvents = () => events.filter((e) => e.type === 'idcard');
  return { devices, events, logs, cardEvents };
}

/** Lets fake time pass, a poll at a time, until `done` holds; fails after `limitMs` of fake time. */
async function advanceUntil(done: () => boolean, limitMs = QUIET_MS): Promise<void> {
  for (let waited = 0; !done(); waited += 100) {
    if (waited >= limitMs) throw new Error(`not done after ${limitMs} ms of fake time`);
    await vi.advanceTimersByTimeAsync(100);
  }
}

const printerState = (devices: DeviceManager) => devices.devices().find((d) => d.device === 'receiptPrinter')?.state;
const textOf = (layout: ReceiptLayout | undefined): string => JSON.stringify(layout?.lines ?? null);

describe('the device manager on simulated devices', () => {
  it('connects both devices, reports them in health terms, and publishes each change', async () => {
    const m = manager();
    expect(m.devices.devices().map((d) => d.connection)).toEqual(['connecting', 'connecting']);
    m.devices.start();
    await advanceUntil(() => printerState(m.devices) === 'ready' && m.devices.subsystem('idCardReader').state === 'ok');
    expect(m.devices.devices().map((d) => [d.device, d.connection])).toEqual([
      ['idCardReader', 'connected'],
      ['receiptPrinter', 'connected'],
    ]);
    expect(m.devices.subsystem('receiptPrinter')).toEqual({ state: 'ok', detail: 'simulated' });
    const published = m.events.flatMap((e) =>
      e.type === 'device' ? [[e.status.device, e.status.connection, e.status.state]] : [],
    );
    expect(published).toContainEqual(['idCardReader', 'connected', undefined]);
    expect(published).toContainEqual(['receiptPrinter', 'connected', 'ready']);
  });

  it('reads a card only while a screen asks for one, once per insertion', async () => {
    const m = manager();
    m.devices.start();
    await advanceUntil(() => m.devices.subsystem('idCardReader').state === 'ok');
    m.devices.simulateCard('mainlandDated');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.cardEvents()).toEqual([]);

    m.devices.watchIdCard(true);
    await advanceUntil(() => m.cardEvents().length === 1);
    expect(m.cardEvents()[0]).toEqual({ type: 'idcard', card: SAMPLE_CARDS.mainlandDated });
    // Left on the reader: not read again.
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.cardEvents()).toHaveLength(1);
    // Taken off and put back: a new insertion.
    m.devices.simulateCard(null);
    await vi.advanceTimersByTimeAsync(2 * POLL_MS);
    m.devices.simulateCard('mainlandLongTerm');
    await advanceUntil(() => m.cardEvents().length === 2);
    // The log says a card was read, never whose.
    const logText = m.logs.join('');
    expect(logText).toContain('ID card read');
    expect(logText).not.toContain(SAMPLE_CARDS.mainlandDated.idNumber);
    expect(logText).not.toContain(SAMPLE_CARDS.mainlandDated.name);
  });

  it('stops reading when the session ends, and when a screen has asked for more than three minutes', async () => {
    const m = manager();
    m.devices.start();
    await advanceUntil(() => m.devices.subsystem('idCardReader').state === 'ok');
    m.devices.watchIdCard(true);
    // The poll the request started has finished: the reader is idle when the session ends.
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    m.devices.endSession();
    m.devices.simulateCard('mainlandDated');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.cardEvents()).toEqual([]);

    m.devices.simulateCard(null);
    m.devices.watchIdCard(true);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    m.devices.simulateCard('mainlandDated');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.cardEvents()).toEqual([]);
  });

  it('drops a card whose read was under way when the session ended: it never reaches the next person', async () => {
    // The session ends at every moment of the first read in turn, so one of them falls while the card is being read.
    const published: number[] = [];
    let readAt: number | undefined;
    for (let at = 0; readAt === undefined || at <= readAt; at += 10) {
      const m = manager();
      m.devices.start();
      await advanceUntil(() => m.devices.subsystem('idCardReader').state === 'ok');
      m.devices.simulateCard('mainlandDated');
      m.devices.watchIdCard(true);
      await vi.advanceTimersByTimeAsync(at);
      if (m.cardEvents().length > 0) {
        // Read before the session ended: fine, that citizen put it there. Past here, every moment has been tried.
        readAt ??= at;
        continue;
      }
      m.devices.endSession();
      await vi.advanceTimersByTimeAsync(QUIET_MS);
      if (m.cardEvents().length > 0) published.push(at);
      await m.devices.stop();
      if (at > 5000) throw new Error('the card was never read');
    }
    expect(published).toEqual([]);
  });

  it('makes the printer unavailable while out of paper and ok again when paper is back', async () => {
    const m = manager();
    m.devices.start();
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state === 'ok');
    m.devices.simulated.printer!.set({ paper: 'out' });
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state !== 'ok');
    expect(m.devices.subsystem('receiptPrinter')).toEqual({
      state: 'unavailable',
      reason: 'paper-out',
      detail: 'simulated',
    });
    m.devices.simulated.printer!.set({ paper: 'near-end' });
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state !== 'unavailable');
    expect(m.devices.subsystem('receiptPrinter')).toEqual({
      state: 'degraded',
      reason: 'paper-near-end',
      detail: 'simulated',
    });
    m.devices.simulated.printer!.set({ paper: 'ok' });
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state === 'ok');
    const states = m.events.flatMap((e) =>
      e.type === 'device' && e.status.device === 'receiptPrinter' ? [e.status.state] : [],
    );
    expect(states).toEqual(expect.arrayContaining(['paper-out', 'paper-near-end', 'ready']));
  });

  it('holds a receipt while out of paper and prints it once paper is back, telling the listeners each step', async () => {
    const m = manager();
    const seen: string[] = [];
    m.devices.onPrintJob((job) => seen.push(job.state));
    m.devices.start();
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state === 'ok');
    m.devices.simulated.printer!.set({ paper: 'out' });
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state === 'unavailable');
    const job = m.devices.print(
      '回执',
      Receipt.parse({ blocks: [{ type: 'text', text: '调解申请回执' }, { type: 'cut' }] }),
    );
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.devices.printJobs().find((j) => j.id === job.id)?.state).not.toBe('printed');
    m.devices.simulated.printer!.set({ paper: 'ok' });
    await advanceUntil(() => m.devices.printJobs().find((j) => j.id === job.id)?.state === 'printed');
    expect(seen.at(-1)).toBe('printed');
    expect(JSON.stringify(m.devices.simulated.printer!.decode().lines)).toContain('调解申请回执');
  });
});

describe('what the device manager prints', () => {
  const receipt = Receipt.parse({
    blocks: [
      { type: 'pair', label: '身份证', value: '110101199007151353' },
      { type: 'pair', label: '电话', value: '13812345678' },
      { type: 'pair', label: '援助中心', value: '027-87654321' },
    ],
  });

  it('masks ID and phone numbers on a receipt, except the public numbers it is given', () => {
    const m = manager({ publicPhones: () => new Set(['02787654321']) });
    const text = textOf(m.devices.preview(receipt));
    expect(text).not.toContain('110101199007151353');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('027-87654321');
  });

  it('masks every number, and says so in the log, when the public numbers cannot be had', () => {
    const m = manager({
      publicPhones: () => {
        throw new Error('content release unavailable');
      },
    });
    const text = textOf(m.devices.preview(receipt));
    expect(text).not.toContain('027-87654321');
    expect(text).not.toContain('13812345678');
    expect(m.logs.join('')).toContain('public phone numbers unavailable');
  });

  it('lays out a filled document as it is: the parties’ numbers whole', () => {
    const m = manager();
    expect(textOf(m.devices.previewFilledDocument(receipt))).toContain('110101199007151353');
  });

  it('prints a receipt masked and a filled document whole, as each was laid out', async () => {
    const m = manager();
    m.devices.start();
    await advanceUntil(() => printerState(m.devices) === 'ready');
    const printed = (id: string) => m.devices.printJobs().find((j) => j.id === id)?.state === 'printed';
    const asReceipt = m.devices.print('回执', receipt);
    await advanceUntil(() => printed(asReceipt.id));
    expect(JSON.stringify(m.devices.simulated.printer!.decode().lines)).not.toContain('110101199007151353');
    const asDocument = m.devices.printFilledDocument('借条', receipt);
    await advanceUntil(() => printed(asDocument.id));
    expect(JSON.stringify(m.devices.simulated.printer!.decode().lines)).toContain('110101199007151353');
  });
});

describe('a terminal without devices', () => {
  it('reports them off, prints nothing, and has nothing to simulate', async () => {
    const m = manager({ reader: NO_DEVICE, printer: NO_DEVICE });
    m.devices.start();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(m.devices.devices().map((d) => d.connection)).toEqual(['off', 'off']);
    expect(m.devices.subsystem('idCardReader')).toEqual({ state: 'off', reason: 'not-configured' });
    expect(m.devices.subsystem('receiptPrinter')).toEqual({ state: 'off', reason: 'not-configured' });
    expect(m.devices.preview(Receipt.parse({ blocks: [{ type: 'cut' }] }))).toBeUndefined();
    expect(() => m.devices.print('回执', Receipt.parse({ blocks: [{ type: 'cut' }] }))).toThrow(
      'no printer configured',
    );
    expect(m.devices.simulateCard('mainlandDated')).toBe(false);
    expect(m.events).toEqual([]);
  });
});

describe('stopping the device manager', () => {
  it('closes both devices and leaves no timer behind', async () => {
    const m = manager();
    m.devices.start();
    await advanceUntil(() => m.devices.subsystem('receiptPrinter').state === 'ok');
    await m.devices.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

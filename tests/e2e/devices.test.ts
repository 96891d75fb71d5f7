import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DeviceStatus } from '../../common/api/devices';
import { bearerProtocol, EVENTS_PROTOCOL, ServiceEvent } from '../../common/api/events';
import { Health } from '../../common/api/health';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../common/idcard/sample-cards';
import { startSerialSimulator, type SerialSimulator as ReaderSim } from '../../native/idcard/simulator';
import { findPrinterModel } from '../../native/printer/models';
import {
  PrinterSimulator,
  serveSimulatorOnSerial,
  type SerialSimulator as PrinterSim,
} from '../../native/printer/simulator';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';
import { DEMO_CONFIG, startKiosk, type RunningKiosk } from './harness';

/**
 * The device manager over real serial ports: socat pty pairs, with our
 * simulators on the far ends, as a kiosk's USB-serial devices would be.
 * Killing socat is an unplug; starting it again on the same paths, a replug.
 */
const work = mkdtempSync(join(tmpdir(), 'kiosk-devices-'));
const model = findPrinterModel('generic-80mm-gb18030')!;
let readerPair: PtyPair;
let printerPair: PtyPair;
let readerSim: ReaderSim;
let printerSim: PrinterSim;
const printer = new PrinterSimulator(model);
let kiosk: RunningKiosk;
const events: ServiceEvent[] = [];
let ws: WebSocket;

async function api(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${kiosk.origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${kiosk.secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const devices = async () => (await api('/api/devices')) as { devices: DeviceStatus[] };
const deviceState = async (name: DeviceStatus['device']) => (await devices()).devices.find((d) => d.device === name)!;

beforeAll(async () => {
  for (const d of ['reader', 'printer']) mkdirSync(join(work, d));
  [readerPair, printerPair] = await Promise.all([
    startPtyPair({ dir: join(work, 'reader') }),
    startPtyPair({ dir: join(work, 'printer') }),
  ]);
  readerSim = await startSerialSimulator(readerPair.b, { card: null });
  printerSim = await serveSimulatorOnSerial(printer, { path: printerPair.b, baudRate: 9600 });
  const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { devices: unknown };
  config.devices = {
    idCardReader: { mode: 'serial', port: readerPair.a, baudRate: 115200, model: 'sam-v-generic' },
    receiptPrinter: {
      mode: 'serial',
      port: printerPair.a,
      baudRate: 9600,
      model: 'generic-80mm-gb18030',
      encoding: 'gb18030',
      paperWidthMm: 80,
    },
  };
  const configFile = join(work, 'terminal.json');
  writeFileSync(configFile, JSON.stringify(config));
  kiosk = await startKiosk({ config: configFile });
  ws = new WebSocket(`ws://127.0.0.1:${kiosk.port}/api/events`, [EVENTS_PROTOCOL, bearerProtocol(kiosk.secret)], {
    origin: kiosk.origin,
  });
  ws.on('message', (data) => events.push(ServiceEvent.parse(JSON.parse(String(data)))));
  await new Promise((resolve) => ws.once('open', resolve));
});

afterAll(async () => {
  ws?.close();
  await kiosk?.stop();
  await Promise.all([readerSim?.close(), printerSim?.close()]);
  await Promise.all([readerPair?.stop(), printerPair?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe('device manager over real serial ports', () => {
  it('opens both configured ports and reports them ready in health', async () => {
    await expect.poll(async () => (await deviceState('receiptPrinter')).state, { timeout: 5000 }).toBe('ready');
    expect((await deviceState('idCardReader')).connection).toBe('connected');
    const health = Health.parse(await api('/api/health'));
    expect(health.subsystems.receiptPrinter).toMatchObject({ state: 'ok' });
    expect(health.subsystems.idCardReader).toMatchObject({ state: 'ok' });
  });

  it('publishes a card once per insertion, and only while a screen asks for one', async () => {
    readerSim.simulator.insertCard(SAMPLE_MAINLAND_LONG_TERM);
    await new Promise((r) => setTimeout(r, 1500));
    expect(events.filter((e) => e.type === 'idcard')).toHaveLength(0);
    await api('/api/idcard/watch', { watch: true });
    await expect.poll(() => events.filter((e) => e.type === 'idcard').length, { timeout: 5000 }).toBe(1);
    const event = events.find((e) => e.type === 'idcard');
    expect(event?.type === 'idcard' && event.card.idNumber).toBe(SAMPLE_MAINLAND_LONG_TERM.idNumber);
    // Still on the reader: no second event.
    await new Promise((r) => setTimeout(r, 2500));
    expect(events.filter((e) => e.type === 'idcard')).toHaveLength(1);
    // Taken off and put back: a new insertion.
    readerSim.simulator.removeCard();
    await new Promise((r) => setTimeout(r, 1500));
    readerSim.simulator.insertCard(SAMPLE_MAINLAND_LONG_TERM);
    await expect.poll(() => events.filter((e) => e.type === 'idcard').length, { timeout: 5000 }).toBe(2);
    await api('/api/idcard/watch', { watch: false });
    // The card never reaches the log unmasked.
    expect(kiosk.stdout.join('\n')).not.toContain(SAMPLE_MAINLAND_LONG_TERM.idNumber);
    expect(kiosk.stdout.join('\n')).not.toContain(SAMPLE_MAINLAND_LONG_TERM.name);
  }, 30_000);

  it('keeps a job waiting while the printer has no paper, tells the UI why, and prints it exactly once when paper is back', async () => {
    printer.set({ paper: 'out' });
    await expect.poll(async () => (await deviceState('receiptPrinter')).state, { timeout: 5000 }).toBe('paper-out');
    const before = printer.decode().cuts;
    const job = (await api('/api/print', {
      title: '测试回执',
      receipt: {
        blocks: [
          { type: 'text', text: '法律援助申请回执', align: 'center', bold: true },
          { type: 'pair', label: '参考编号', value: 'HS-7K3Q-X' },
          { type: 'qr', data: 'HS-7K3Q-X' },
          { type: 'cut' },
        ],
      },
    })) as { id: string };
    await expect
      .poll(
        () =>
          events.some(
            (e) =>
              e.type === 'print-job' &&
              e.job.id === job.id &&
              e.job.state === 'waiting' &&
              e.job.reason === 'paper-out',
          ),
        { timeout: 5000 },
      )
      .toBe(true);
    expect(printer.decode().cuts).toBe(before);
    printer.set({ paper: 'ok' });
    await expect
      .poll(() => events.some((e) => e.type === 'print-job' && e.job.id === job.id && e.job.state === 'printed'), {
        timeout: 8000,
      })
      .toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const decoded = printer.decode();
    expect(decoded.cuts).toBe(before + 1);
    expect(decoded.lines.map((l) => l.text).join('\n')).toContain('法律援助申请回执');
    expect(decoded.qrCodes.map((q) => q.data)).toContain('HS-7K3Q-X');
  }, 30_000);

  it('shows an unplugged printer as disconnected and has it ready again within 2 s of replugging, without a restart', async () => {
    await printerSim.close();
    await printerPair.stop();
    await expect
      .poll(async () => (await deviceState('receiptPrinter')).connection, { timeout: 5000 })
      .toBe('disconnected');
    const health = Health.parse(await api('/api/health'));
    expect(health.subsystems.receiptPrinter).toMatchObject({ state: 'unavailable', reason: 'disconnected' });

    await printerPair.restart();
    printerSim = await serveSimulatorOnSerial(printer, { path: printerPair.b, baudRate: 9600 });
    await expect
      .poll(
        async () =>
          (await deviceState('receiptPrinter')).state === 'ready' &&
          (await deviceState('receiptPrinter')).connection === 'connected',
        { timeout: 5000, interval: 50 },
      )
      .toBe(true);
    expect(kiosk.child.exitCode).toBeNull();
  }, 30_000);

  it('does the same for the card reader', async () => {
    await readerSim.close();
    await readerPair.stop();
    await expect
      .poll(async () => (await deviceState('idCardReader')).connection, { timeout: 5000 })
      .toBe('disconnected');
    await readerPair.restart();
    readerSim = await startSerialSimulator(readerPair.b, { card: null });
    await expect
      .poll(async () => (await deviceState('idCardReader')).connection, { timeout: 5000, interval: 50 })
      .toBe('connected');
  }, 30_000);
});

describe('a device that is not there', () => {
  it('is reported disconnected while the service keeps serving and retrying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-nodev-'));
    const config = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { devices: unknown };
    config.devices = {
      idCardReader: { mode: 'serial', port: join(dir, 'no-such-reader'), baudRate: 115200, model: 'sam-v-generic' },
      receiptPrinter: {
        mode: 'serial',
        port: join(dir, 'no-such-printer'),
        baudRate: 9600,
        model: 'generic-80mm-gb18030',
        encoding: 'gb18030',
        paperWidthMm: 80,
      },
    };
    writeFileSync(join(dir, 'terminal.json'), JSON.stringify(config));
    const own = await startKiosk({ config: join(dir, 'terminal.json') });
    try {
      await new Promise((r) => setTimeout(r, 2500));
      expect(own.child.exitCode).toBeNull();
      const res = await fetch(`${own.origin}/api/health`, { headers: { authorization: `Bearer ${own.secret}` } });
      const health = Health.parse(await res.json());
      expect(health.subsystems.idCardReader).toMatchObject({ state: 'unavailable', reason: 'disconnected' });
      expect(health.subsystems.receiptPrinter).toMatchObject({ state: 'unavailable', reason: 'disconnected' });
      expect(health.subsystems.content.state).toBe('ok');
    } finally {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../common/idcard/sample-cards';
import { startSerialSimulator, type SerialSimulator } from '../../native/idcard/simulator';
import { findPrinterModel } from '../../native/printer/models';
import { PrinterSimulator, serveSimulatorOnSerial } from '../../native/printer/simulator';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';
import { kioskctl } from './harness';

/** The technicians' device commands against simulators on real pty pairs. */

const work = mkdtempSync(join(tmpdir(), 'kiosk-ctl-dev-'));
let readerPair: PtyPair;
let printerPair: PtyPair;
let reader: SerialSimulator;
const printer = new PrinterSimulator(findPrinterModel('generic-80mm-gb18030')!);
let printerServed: { close(): Promise<void> };

beforeAll(async () => {
  readerPair = await startPtyPair();
  printerPair = await startPtyPair();
  reader = await startSerialSimulator(readerPair.b, { card: SAMPLE_MAINLAND_LONG_TERM, baudRate: 115200 });
  printerServed = await serveSimulatorOnSerial(printer, { path: printerPair.b, baudRate: 9600 });
});
afterAll(async () => {
  await reader?.close();
  await printerServed?.close();
  await Promise.all([readerPair?.stop(), printerPair?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe('kioskctl idcard read', () => {
  it('prints the card as JSON with the documented fields', async () => {
    const r = await kioskctl('idcard', 'read', '--port', readerPair.a, '--baud', '115200', '--json');
    expect(r.status, r.stderr).toBe(0);
    const card = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const field of [
      'name',
      'sex',
      'nation',
      'birthDate',
      'address',
      'idNumber',
      'issuer',
      'validFrom',
      'validTo',
      'cardType',
    ])
      expect(card, field).toHaveProperty(field);
    expect(card).toMatchObject({
      name: SAMPLE_MAINLAND_LONG_TERM.name,
      idNumber: SAMPLE_MAINLAND_LONG_TERM.idNumber,
      validTo: '长期',
      cardType: 'mainland',
      idNumberValid: true,
    });
  });

  it('exits non-zero saying "no card" when there is none', async () => {
    reader.simulator.removeCard();
    const r = await kioskctl('idcard', 'read', '--port', readerPair.a, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no card');
    reader.simulator.insertCard(SAMPLE_MAINLAND_LONG_TERM);
  });

  it('retries after a corrupted answer and succeeds', async () => {
    reader.simulator.setFaults([{ kind: 'bad-checksum', times: 1 }]);
    const r = await kioskctl('idcard', 'read', '--port', readerPair.a, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }).name).toBe(SAMPLE_MAINLAND_LONG_TERM.name);
  });
});

describe('kioskctl printer', () => {
  it('test sends a Chinese receipt in FS & mode, with a QR code and a cut', async () => {
    printer.clear();
    const r = await kioskctl('printer', 'test', '--port', printerPair.a);
    expect(r.status, r.stderr).toBe(0);
    await printer.waitFor((p) => p.decode().cuts > 0, 5000);
    const decoded = printer.decode();
    expect(decoded.lines.map((l) => l.text).join('\n')).toContain('无人律所');
    expect(decoded.qrCodes.length).toBe(1);
    expect(decoded.cuts).toBe(1);
    expect(decoded.problems).toEqual([]);
    // FS & (1C 26) comes before the first Chinese bytes.
    const bytes = Buffer.from(printer.printed);
    expect(bytes.indexOf(Buffer.from([0x1c, 0x26]))).toBeGreaterThanOrEqual(0);
    expect(bytes.indexOf(Buffer.from([0x1d, 0x28, 0x6b]))).toBeGreaterThan(bytes.indexOf(Buffer.from([0x1c, 0x26])));
  });

  it('status reports paper out when the printer says so', async () => {
    printer.set({ paper: 'out' });
    const r = await kioskctl('printer', 'status', '--port', printerPair.a);
    expect(r.stdout.trim()).toBe('paper-out');
    expect(r.status).toBe(1);
    printer.set({ paper: 'ok' });
    const ok = await kioskctl('printer', 'status', '--port', printerPair.a);
    expect(ok.stdout.trim()).toBe('ready');
    expect(ok.status).toBe(0);
  });
});

import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrinterNotReadyError } from '../../native/printer/errors';
import { renderReceipt } from '../../native/printer/escpos-encoder';
import { hex } from '../../native/printer/escpos-parser';
import { findPrinterModel, type PrinterModel } from '../../native/printer/models';
import { ReceiptPrinter } from '../../native/printer/printer';
import { PrinterSimulator, serveSimulatorOnSerial, type SerialSimulator } from '../../native/printer/simulator';
import { buildTestReceipt } from '../../native/printer/test-receipt';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';

// The real serial path: the simulated printer opens one end of a socat pty
// pair with serialport, the driver opens the other, as it would /dev/ttyUSB0.

const MODEL: PrinterModel = findPrinterModel('simulated-80mm')!;

/** Index of `needle` in `haystack`, or -1. */
function indexOf(haystack: Uint8Array, needle: ArrayLike<number>, from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe.each([9600, 115200])('receipt printer over a socat pty pair at %i baud', (baudRate) => {
  let pty: PtyPair;
  let served: SerialSimulator;
  let printer: ReceiptPrinter;
  const simulator = new PrinterSimulator(MODEL);

  beforeAll(async () => {
    pty = await startPtyPair();
    served = await serveSimulatorOnSerial(simulator, { path: pty.a, baudRate });
    printer = await ReceiptPrinter.openSerial({ path: pty.b, baudRate, model: MODEL, statusTimeoutMs: 2000 });
  });

  afterEach(() => {
    simulator.clear().set({ paper: 'ok', coverOpen: false, offline: false, cutterError: false, answersStatus: true });
  });

  afterAll(async () => {
    await printer?.close();
    await served?.close();
    await pty?.stop();
  });

  it('prints the test receipt: GB18030 Chinese inside FS &, a QR code stored and printed, a cut', async () => {
    const receipt = buildTestReceipt({ reference: 'ABC-123' });
    const expected = renderReceipt(receipt, MODEL);
    await printer.printReceipt(receipt);
    await simulator.waitFor((s) => s.printed.length >= expected.length, 10_000);
    const printed = simulator.printed;
    expect(printed).toEqual(expected);

    // Read the bytes without our own parser: everything between FS & and FS . is GB18030.
    expect(hex(printed.slice(0, 4))).toBe('1B 40 1C 26');
    const fsOff = printed.lastIndexOf(0x2e);
    expect(hex(printed.slice(fsOff - 1))).toBe('1C 2E');
    const chinese = iconv.decode(Buffer.from(printed.slice(4, fsOff - 1)), 'gb18030');
    for (const text of [
      '无人律所 打印测试',
      '互联网·无人律所',
      '参考编号',
      'ABC-123',
      '￥0.00（免费）',
      '请妥善保管本',
      '凭条。',
      '扫码查询办理进度',
    ]) {
      expect(chinese).toContain(text);
    }
    expect(chinese).not.toContain('¥');

    const qrData = 'https://kiosk.wurenlvsuo.invalid/r/ABC-123';
    const store = indexOf(printed, [
      0x1d,
      0x28,
      0x6b,
      qrData.length + 3,
      0x00,
      0x31,
      0x50,
      0x30,
      ...Buffer.from(qrData),
    ]);
    expect(store).toBeGreaterThan(0);
    expect(indexOf(printed, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], store)).toBeGreaterThan(store);
    expect(indexOf(printed, [0x1d, 0x56, 0x00])).toBeGreaterThan(store);

    const decoded = simulator.decode();
    expect(decoded.problems).toEqual([]);
    expect(decoded.lines.map((l) => l.text.trimEnd())).toEqual([
      '无人律所 打印测试',
      '互联网·无人律所',
      '─'.repeat(24),
      `参考编号${' '.repeat(33)}ABC-123`,
      `终端${' '.repeat(35)}demo-0001`,
      `打印时间${' '.repeat(24)}2025-01-01 09:30`,
      `服务费用${' '.repeat(26)}￥0.00（免费）`,
      'Kiosk demo-0001 位于社区党群服务中心一楼大厅，',
      'Legal Aid hotline 12348 全天可拨打，请妥善保管本',
      '凭条。',
      '-'.repeat(48),
      '扫码查询办理进度',
    ]);
    expect(decoded.qrCodes.map((q) => q.data)).toEqual([qrData]);
    expect(decoded.cuts).toBe(1);
  });

  it('reports ready, then paper-out, then cover-open as the printer says', async () => {
    expect(await printer.status()).toMatchObject({ answered: true, state: 'ready' });
    simulator.set({ paper: 'near-end' });
    expect(await printer.status()).toMatchObject({ state: 'paper-near-end' });
    simulator.set({ paper: 'out' });
    expect(await printer.status()).toMatchObject({
      answered: true,
      state: 'paper-out',
      conditions: { paperOut: true },
    });
    simulator.set({ paper: 'ok', coverOpen: true });
    expect(await printer.status()).toMatchObject({ state: 'cover-open' });
    simulator.set({ coverOpen: false });
    expect(await printer.status()).toMatchObject({ state: 'ready' });
    expect(simulator.printed).toHaveLength(0);
  });

  it('does not send a receipt into a printer out of paper', async () => {
    simulator.set({ paper: 'out' });
    await expect(printer.printReceipt(buildTestReceipt())).rejects.toBeInstanceOf(PrinterNotReadyError);
    expect(simulator.received).toHaveLength(12);
    expect(simulator.printed).toHaveLength(0);
  });

  it('reports a printer that stops answering as offline', async () => {
    simulator.set({ answersStatus: false });
    expect(await printer.status(300)).toMatchObject({ answered: false, state: 'offline', failure: 'no-answer' });
    // A late answer must not be read as the next poll's: the next poll starts clean.
    simulator.set({ answersStatus: true });
    expect(await printer.status()).toMatchObject({ state: 'ready' });
  });
});

describe('receipt printer unplugged', () => {
  let pty: PtyPair;

  beforeAll(async () => {
    pty = await startPtyPair();
  });

  afterAll(async () => {
    await pty?.stop();
  });

  it('rejects writes with a typed error, reports offline, and works again once reopened', async () => {
    const simulator = new PrinterSimulator(MODEL);
    let served = await serveSimulatorOnSerial(simulator, { path: pty.a, baudRate: 9600 });
    let printer = await ReceiptPrinter.openSerial({ path: pty.b, baudRate: 9600, model: MODEL, statusTimeoutMs: 500 });
    expect(await printer.status()).toMatchObject({ state: 'ready' });

    const closed = new Promise<Error | undefined>((resolve) => printer.onClose(resolve));
    // Killing socat is the unplug: the old pty ends are dead even though the paths come back.
    await pty.restart();
    // serialport notices the dead pty on its next read or, at the latest, on this write (EIO).
    const error = await printer.print(Uint8Array.of(0x0a)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PrinterError', code: expect.stringMatching(/^(write-failed|closed)$/) });
    expect(await closed).toBeInstanceOf(Error);
    expect(printer.isOpen).toBe(false);
    expect(await printer.status()).toMatchObject({ answered: false, state: 'offline', failure: 'not-open' });
    await expect(printer.print(Uint8Array.of(0x0a))).rejects.toMatchObject({ code: 'closed' });
    await printer.close();
    await served.close();

    served = await serveSimulatorOnSerial(simulator, { path: pty.a, baudRate: 9600 });
    printer = await ReceiptPrinter.openSerial({ path: pty.b, baudRate: 9600, model: MODEL, statusTimeoutMs: 2000 });
    expect(await printer.status()).toMatchObject({ answered: true, state: 'ready' });
    await printer.close();
    await served.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createDuplexPair } from '../serial/duplex-pair';
import { isUnplugged } from '../serial/unplugged';
import { PrinterError, PrinterNotReadyError } from './errors';
import { renderReceipt } from './escpos-encoder';
import { duplexLink, openSerialLink } from './link';
import { findPrinterModel } from './models';
import { ReceiptPrinter } from './printer';
import { connectSimulator, createInProcessPrinter, PrinterSimulator } from './simulator';
import { buildTestReceipt } from './test-receipt';

const model = findPrinterModel('simulated-80mm')!;

function setup(simulator = new PrinterSimulator(model)) {
  const cable = createInProcessPrinter(simulator);
  return { ...cable, printer: new ReceiptPrinter(cable.link, model, { statusTimeoutMs: 300 }) };
}

describe('ReceiptPrinter', () => {
  it('checks the status, then prints the receipt', async () => {
    const { simulator, printer } = setup();
    const receipt = buildTestReceipt();
    await printer.printReceipt(receipt);
    await simulator.waitFor((s) => s.printed.length === renderReceipt(receipt, model).length, 1000);
    expect(simulator.statusQueries).toEqual([1, 2, 3, 4]);
    expect(simulator.printed).toEqual(renderReceipt(receipt, model));
    expect(simulator.decode().cuts).toBe(1);
    expect(printer.preview(receipt).columns).toBe(48);
  });

  it('refuses to send a receipt into a printer without paper', async () => {
    const { simulator, printer } = setup(new PrinterSimulator(model).set({ paper: 'out' }));
    const error = await printer.printReceipt(buildTestReceipt()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterNotReadyError);
    expect(error).toMatchObject({ code: 'not-ready', status: { state: 'paper-out' } });
    expect(simulator.received).toHaveLength(12);
  });

  it('refuses when the printer does not answer, and still prints with near-end paper', async () => {
    const silent = setup(new PrinterSimulator(model).set({ answersStatus: false }));
    await expect(silent.printer.printReceipt(buildTestReceipt())).rejects.toMatchObject({ code: 'not-ready' });
    const nearEnd = setup(new PrinterSimulator(model).set({ paper: 'near-end' }));
    await nearEnd.printer.printReceipt(buildTestReceipt());
    expect(await nearEnd.printer.status()).toMatchObject({ state: 'paper-near-end' });
  });

  it('rejects a write to a closed port with a typed error instead of crashing', async () => {
    const { printer, close } = setup();
    const closed = new Promise<Error | undefined>((resolve) => printer.onClose(resolve));
    await close();
    expect(await closed).toBeUndefined();
    expect(printer.isOpen).toBe(false);
    await expect(printer.print(Uint8Array.of(0x0a))).rejects.toMatchObject({ name: 'PrinterError', code: 'closed' });
    expect(await printer.status()).toMatchObject({ answered: false, failure: 'not-open' });
    await printer.close();
  });

  it('says the printer went away when the far end of the cable is unplugged', async () => {
    const [host, device] = createDuplexPair();
    const simulator = new PrinterSimulator(model);
    connectSimulator(simulator, duplexLink(device));
    const printer = new ReceiptPrinter(duplexLink(host), model, { statusTimeoutMs: 300 });
    expect(await printer.status()).toMatchObject({ state: 'ready' });
    const closed = new Promise<Error | undefined>((resolve) => printer.onClose(resolve));
    device.destroy();
    expect(isUnplugged(await closed)).toBe(true);
    expect(printer.isOpen).toBe(false);
    await expect(printer.print(Uint8Array.of(0x0a))).rejects.toMatchObject({ name: 'PrinterError', code: 'closed' });
  });

  it('runs one operation at a time, so polls never steal each other’s answers', async () => {
    const { printer, simulator } = setup();
    const reports = await Promise.all([
      printer.status(),
      printer.status(),
      printer.print(Uint8Array.of(0x41, 0x0a)),
      printer.status(),
    ]);
    expect(reports.map((r) => r && r.state)).toEqual(['ready', 'ready', undefined, 'ready']);
    expect(simulator.statusQueries).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('keeps working after a failed operation', async () => {
    const { printer } = setup();
    await expect(printer.print(new Uint8Array(0)).then(() => printer.status())).resolves.toMatchObject({
      state: 'ready',
    });
  });

  it('says which port is missing', async () => {
    const error = await openSerialLink({ path: '/dev/ttyNOPE-kiosk-test', baudRate: 9600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ code: 'port-not-found' });
  });
});

import { describe, expect, it } from 'vitest';
import { DeviceError } from './device-error';
import { IdCardError, NoCardError, ReaderClosedError, ReaderUnavailableError } from './idcard/errors';
import { IdCardReader, openIdCardReader } from './idcard/reader';
import { createInProcessReader } from './idcard/simulator';
import { PrinterClosedError, PrinterError, PrinterNotReadyError, PrinterPortNotFoundError } from './printer/errors';
import { findPrinterModel } from './printer/models';
import { ReceiptPrinter } from './printer/printer';
import { createInProcessPrinter, PrinterSimulator } from './printer/simulator';
import { buildTestReceipt } from './printer/test-receipt';

// Both drivers fail in one design: a DeviceError with a stable code, a class
// per failure, named for its driver's family. The failures below come from
// the real drivers on in-memory cables and a port that does not exist.

const MISSING_PORT = '/dev/ttyNOPE-kiosk-device-error-test';
const model = findPrinterModel('simulated-80mm')!;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Each error is a DeviceError of the driver's family, named for it, with the code given. */
function expectFamily(
  family: abstract new (...args: never[]) => DeviceError,
  name: string,
  errors: [unknown, string][],
): void {
  for (const [error, code] of errors) {
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toBeInstanceOf(family);
    expect(error).toMatchObject({ name, code });
  }
}

describe('the ID-card reader’s errors', () => {
  it('are DeviceErrors named for the reader, with the codes the UI knows', async () => {
    const unavailable = await rejection(openIdCardReader(MISSING_PORT));
    expect(unavailable).toBeInstanceOf(ReaderUnavailableError);

    const inProcess = createInProcessReader({ baudRate: null, card: null });
    const reader = new IdCardReader(inProcess.stream, { closeStream: async () => inProcess.close() });
    const noCard = await rejection(reader.readCard());
    expect(noCard).toBeInstanceOf(NoCardError);
    await reader.close();
    const closed = await rejection(reader.readCard());
    expect(closed).toBeInstanceOf(ReaderClosedError);

    expectFamily(IdCardError, 'IdCardError', [
      [unavailable, 'unavailable'],
      [noCard, 'no-card'],
      [closed, 'closed'],
    ]);
  });
});

describe('the printer’s errors', () => {
  it('are DeviceErrors named for the printer, one class per code', async () => {
    const missing = await rejection(ReceiptPrinter.openSerial({ path: MISSING_PORT, baudRate: 9600, model }));
    expect(missing).toBeInstanceOf(PrinterPortNotFoundError);

    const cable = createInProcessPrinter(new PrinterSimulator(model).set({ paper: 'out' }));
    const printer = new ReceiptPrinter(cable.link, model, { statusTimeoutMs: 300 });
    const notReady = await rejection(printer.printReceipt(buildTestReceipt()));
    expect(notReady).toBeInstanceOf(PrinterNotReadyError);
    expect(notReady).toMatchObject({ status: { state: 'paper-out' } });
    await printer.close();
    const closed = await rejection(printer.print(Uint8Array.of(0x0a)));
    expect(closed).toBeInstanceOf(PrinterClosedError);

    expectFamily(PrinterError, 'PrinterError', [
      [missing, 'port-not-found'],
      [notReady, 'not-ready'],
      [closed, 'closed'],
    ]);
  });
});

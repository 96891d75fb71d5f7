import type { ReceiptLayout } from '../../common/receipt/layout';
import type { Receipt } from '../../common/receipt/receipt';
import { PrinterNotReadyError } from './errors';
import { layoutForModel, renderReceipt } from './escpos-encoder';
import { openSerialLink, type ByteLink, type SerialLinkOptions } from './link';
import type { PrinterModel } from './models';
import { canPrintIn, pollStatus, type StatusReport } from './status';

export interface ReceiptPrinterOptions {
  /** Budget for one status poll (all four queries). */
  statusTimeoutMs?: number;
}

/**
 * A receipt printer on a byte link: status, printing, closing. One operation
 * at a time: a status query written behind a long print job would wait for
 * the job to drain and time out, and two polls at once would steal each
 * other's answers.
 */
export class ReceiptPrinter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statusTimeoutMs: number;

  constructor(
    private readonly link: ByteLink,
    readonly model: PrinterModel,
    options: ReceiptPrinterOptions = {},
  ) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  }

  /** Opens the serial port; rejects with a `PrinterError` (`port-not-found`, `permission-denied`, `open-failed`). */
  static async openSerial(
    options: SerialLinkOptions & { model: PrinterModel } & ReceiptPrinterOptions,
  ): Promise<ReceiptPrinter> {
    const link = await openSerialLink(options);
    return new ReceiptPrinter(link, options.model, options);
  }

  get isOpen(): boolean {
    return this.link.isOpen;
  }

  /** Called when the port closes; `error` is set when it went away unasked (unplugged). Returns an unsubscribe function. */
  onClose(listener: (error: Error | undefined) => void): () => void {
    return this.link.onClose(listener);
  }

  /** Never rejects: a printer that cannot be asked is reported `offline` with the reason. */
  status(timeoutMs = this.statusTimeoutMs): Promise<StatusReport> {
    if (!this.model.realTimeStatus) {
      return Promise.resolve({
        answered: false,
        state: 'offline',
        failure: 'no-answer',
        detail: `${this.model.id} does not answer status queries`,
        received: [],
      });
    }
    return this.exclusive(() => pollStatus(this.link, timeoutMs));
  }

  /** Sends raw ESC/POS and waits until it has left the port. Rejects with `closed` or `write-failed`. */
  print(bytes: Uint8Array): Promise<void> {
    return this.exclusive(() => this.link.write(bytes));
  }

  /**
   * Checks the printer can print, then prints the receipt. Rejects with
   * `not-ready` (carrying the status) rather than sending a job into a
   * printer without paper, which would print it whenever the paper is
   * changed, perhaps for the next citizen to take.
   */
  async printReceipt(receipt: Receipt): Promise<void> {
    const bytes = renderReceipt(receipt, this.model);
    if (this.model.realTimeStatus) {
      const status = await this.status();
      if (!canPrintIn(status.state)) throw new PrinterNotReadyError(status);
    }
    await this.print(bytes);
  }

  /** What this printer will print for `receipt`, for the screen. */
  preview(receipt: Receipt): ReceiptLayout {
    return layoutForModel(receipt, this.model);
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

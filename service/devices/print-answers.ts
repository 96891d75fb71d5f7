import type { PrintJob } from '../../common/api/devices';
import type { ReceiptLayout } from '../../common/receipt/layout';
import type { Receipt } from '../../common/receipt/receipt';
import type { ReceiptPrinterConfig } from '../../kiosk-config/schema';
import { ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { DeviceManager } from './device-manager';
import { PrintQueueFullError } from './print-queue';

/**
 * What the print and template routes share: a layout as this terminal's
 * printer would print it, and a job queued; no printer, or a full queue, is
 * a 503 that says so.
 */
export interface PrintAnswers {
  /** A receipt laid out as this terminal's printer would print it (the print preview). */
  receiptLayout(receipt: Receipt): ReceiptLayout;
  /** A filled document laid out as `templatePrint` prints it: the citizen's own numbers whole. */
  documentLayout(document: Receipt): ReceiptLayout;
  /** Queues a job; a full queue is a 503 that says so. */
  queued(enqueue: () => PrintJob): PrintJob;
}

export function printAnswers(devices: DeviceManager, printer: ReceiptPrinterConfig): PrintAnswers {
  return {
    receiptLayout: (receipt) => {
      const layout = devices.preview(receipt);
      if (layout === undefined) throw new ServiceUnavailableError('This terminal has no receipt printer');
      return layout;
    },
    documentLayout: (document) => {
      const layout = devices.previewFilledDocument(document);
      if (layout === undefined) throw new ServiceUnavailableError('This terminal has no receipt printer');
      return layout;
    },
    queued: (enqueue) => {
      if (printer.mode === 'none') throw new ServiceUnavailableError('This terminal has no receipt printer');
      try {
        return enqueue();
      } catch (error) {
        if (error instanceof PrintQueueFullError) throw new ServiceUnavailableError(`Not printed: ${error.message}`);
        throw error;
      }
    },
  };
}

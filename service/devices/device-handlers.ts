import { HttpError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import type { DeviceManager } from './device-manager';
import type { PrintAnswers } from './print-answers';

/**
 * The HTTP handlers of the devices: their states, a screen asking for an ID
 * card, receipts printed, previewed and retried, and — on the demo
 * configuration only — the simulated devices changed by hand.
 */
export function deviceHandlers(
  devices: DeviceManager,
  printing: PrintAnswers,
): Pick<Handlers, 'devices' | 'idcardWatch' | 'print' | 'printPreview' | 'printJobs' | 'printRetry' | 'simulate'> {
  return {
    devices: () => ({ devices: devices.devices() }),
    idcardWatch: ({ watch }) => {
      devices.watchIdCard(watch);
      return {};
    },
    print: ({ title, receipt }) => printing.queued(() => devices.print(title, receipt)),
    printPreview: ({ receipt }) => printing.receiptLayout(receipt),
    printJobs: () => ({ jobs: devices.printJobs() }),
    printRetry: ({ id }) => {
      const job = devices.retryPrint(id);
      if (job === undefined) throw new HttpError(404, 'not-found', `No failed print job ${id}`);
      return job;
    },
    simulate: ({ idcard, printer }) => {
      const sim = devices.simulated;
      if ((idcard !== undefined && sim.reader === undefined) || (printer !== undefined && sim.printer === undefined)) {
        throw new HttpError(409, 'conflict', 'Only devices in "simulated" mode can be changed this way');
      }
      if (idcard !== undefined) devices.simulateCard(idcard);
      if (printer !== undefined)
        sim.printer!.set({
          ...(printer.paper !== undefined ? { paper: printer.paper } : {}),
          ...(printer.coverOpen !== undefined ? { coverOpen: printer.coverOpen } : {}),
        });
      return {};
    },
  };
}

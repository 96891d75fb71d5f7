import { DeviceError } from '../device-error';
import type { StatusReport } from './status';

/**
 * Everything the printer driver throws (the design is in ../device-error.ts):
 * failures a device manager can act on — retry later, tell the citizen the
 * printer is out of paper, or tell the technician to fix the port's
 * permissions.
 */
export type PrinterErrorCode =
  /** The port does not exist: unplugged, or the wrong path in the configuration. */
  | 'port-not-found'
  /** The service user may not open the port (the `dialout` group or a udev rule). */
  | 'permission-denied'
  | 'open-failed'
  /** The port was closed, by us or by the device going away. */
  | 'closed'
  | 'write-failed'
  /** The printer answered that it cannot print now; `status` says why. */
  | 'not-ready';

export abstract class PrinterError extends DeviceError<PrinterErrorCode> {
  override readonly name = 'PrinterError';
}

export class PrinterPortNotFoundError extends PrinterError {
  readonly code = 'port-not-found';
}

export class PrinterPermissionDeniedError extends PrinterError {
  readonly code = 'permission-denied';
}

export class PrinterOpenFailedError extends PrinterError {
  readonly code = 'open-failed';
}

export class PrinterClosedError extends PrinterError {
  readonly code = 'closed';
}

export class PrinterWriteFailedError extends PrinterError {
  readonly code = 'write-failed';
}

/** The printer said it cannot print now (no paper, cover open…), so the job was not sent. */
export class PrinterNotReadyError extends PrinterError {
  readonly code = 'not-ready';
  constructor(readonly status: StatusReport) {
    super(`the printer cannot print now: ${status.answered ? status.state : status.detail}`);
  }
}

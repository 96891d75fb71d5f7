/**
 * Failures a device manager can act on, each with a stable code: retry later,
 * tell the citizen the printer is out of paper, or tell the technician to fix
 * the port's permissions.
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

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import {
  PrinterClosedError,
  PrinterOpenFailedError,
  PrinterPermissionDeniedError,
  PrinterPortNotFoundError,
  PrinterWriteFailedError,
  type PrinterError,
} from './errors';

/**
 * A two-way byte pipe to a printer (or, for the simulator, to its host). The
 * driver and the simulator speak through this, so both run unchanged over a
 * real serial port, a socat pty, or an in-process stream pair.
 */
export interface ByteLink {
  readonly isOpen: boolean;
  /** Resolves once the bytes have left this side (drained). Rejects with a {@link PrinterError}, never throws synchronously. */
  write(bytes: Uint8Array): Promise<void>;
  /** Returns a function that removes the listener. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the link closes, with the error if it went away unasked (unplugged). */
  onClose(listener: (error: Error | undefined) => void): () => void;
  close(): Promise<void>;
}

class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(...args: T): void {
    for (const listener of [...this.set]) listener(...args);
  }
}

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  /** RTS/CTS hardware flow control, for printers whose DIP switches select it. */
  rtscts?: boolean;
}

/** Opens a serial port (8N1) as a {@link ByteLink}. */
export async function openSerialLink({ path, baudRate, rtscts = false }: SerialLinkOptions): Promise<ByteLink> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', rtscts, autoOpen: false });
  // The reason the port went away: serialport may report the stream's close
  // before the disconnect error, and reports both as 'close'.
  let lastError: Error | undefined;
  // Without an 'error' listener a failed write after an unplug would be an uncaught exception.
  port.on('error', (err: Error) => {
    lastError = err;
  });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(openError(path, err)) : resolve())));

  const data = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let closeReported = false;
  port.on('data', (chunk: Buffer) => data.emit(new Uint8Array(chunk)));
  port.on('close', (err: Error | null | undefined) => {
    if (closeReported) return;
    closeReported = true;
    closed.emit(err ?? lastError);
  });

  return {
    get isOpen() {
      return port.isOpen;
    },
    write(bytes) {
      return new Promise((resolve, reject) => {
        if (!port.isOpen) return reject(new PrinterClosedError(`${path} is not open`));
        const failed = (err: Error) => {
          lastError = err;
          reject(new PrinterWriteFailedError(`writing to ${path} failed: ${err.message}`, { cause: err }));
        };
        port.write(Buffer.from(bytes), (err) => {
          if (err) return failed(err);
          port.drain((drainErr) => (drainErr ? failed(drainErr) : resolve()));
        });
      });
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed.add(listener),
    close() {
      return new Promise((resolve) => {
        if (!port.isOpen) return resolve();
        // A port that fails to close is gone anyway; there is nothing to retry.
        port.close(() => resolve());
      });
    },
  };
}

function openError(path: string, err: Error): PrinterError {
  const message = err.message;
  if (/permission denied|EACCES/i.test(message)) {
    return new PrinterPermissionDeniedError(
      `no permission to open ${path}: add the service user to the "dialout" group or install a udev rule`,
      { cause: err },
    );
  }
  if (/no such file|ENOENT|cannot find/i.test(message)) {
    return new PrinterPortNotFoundError(`${path} does not exist: is the printer plugged in and the path right?`, {
      cause: err,
    });
  }
  return new PrinterOpenFailedError(`cannot open ${path}: ${message}`, { cause: err });
}

/**
 * A {@link ByteLink} over a Node stream, e.g. one end of `createDuplexPair`
 * (native/serial/duplex-pair.ts); `onClose` reports the error the stream was
 * destroyed with, which for a pulled cable says `disconnected`.
 */
export function duplexLink(stream: Duplex): ByteLink {
  const data = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let open = true;
  let closeError: Error | undefined;
  stream.on('data', (chunk: Buffer | Uint8Array) => data.emit(new Uint8Array(chunk)));
  stream.on('error', (err: Error) => {
    closeError = err;
  });
  stream.on('close', () => {
    if (!open) return;
    open = false;
    closed.emit(closeError);
  });
  return {
    get isOpen() {
      return open && !stream.destroyed;
    },
    write(bytes) {
      return new Promise((resolve, reject) => {
        if (!open || stream.destroyed) return reject(new PrinterClosedError('the link is closed'));
        stream.write(bytes, (err) =>
          err ? reject(new PrinterWriteFailedError(err.message, { cause: err })) : resolve(),
        );
      });
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed.add(listener),
    close() {
      if (!open) return Promise.resolve();
      return new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.destroy();
      });
    },
  };
}

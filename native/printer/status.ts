import type { ByteLink } from './link';

/**
 * Printer status from the real-time queries `DLE EOT 1–4`. These are
 * answered at once, even when the printer stopped for paper end; `GS r 1` is
 * queued behind buffered data and never answered then, so it cannot detect
 * paper-out.
 */

export type StatusQuery = 1 | 2 | 3 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4];

export function statusQuery(n: StatusQuery): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** One state for the UI and the fleet, most urgent first when several apply. */
export const PRINTER_STATES = [
  'cover-open',
  'paper-out',
  'cutter-error',
  'offline',
  'paper-near-end',
  'ready',
] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/** Answers to DLE EOT 1, 2, 3 and 4, one byte each. */
export interface StatusBytes {
  b1: number;
  b2: number;
  b3: number;
  b4: number;
}

export interface StatusConditions {
  /** n=1 bit 3. */
  offline: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=2 bit 5: printing stopped because the paper ran out. */
  stoppedByPaperEnd: boolean;
  /** n=2 bit 6. */
  error: boolean;
  /** n=3 bit 3. */
  cutterError: boolean;
  /** n=3 bit 5. */
  unrecoverableError: boolean;
  /** n=3 bit 6. */
  autoRecoverableError: boolean;
  /** n=4 bits 2–3. */
  paperNearEnd: boolean;
  /** n=4 bits 5–6. */
  paperOut: boolean;
}

export interface InterpretedStatus {
  state: PrinterState;
  /** Every condition, for technicians: a printer can be out of paper with its cover open. */
  conditions: StatusConditions;
  raw: StatusBytes;
  /**
   * The first answer has its fixed bits (1 and 4 set, 0 and 7 clear). When it
   * does not, the bytes are not a status answer — typically a wrong baud rate.
   */
  wellFormed: boolean;
}

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

export function interpretStatus(raw: StatusBytes): InterpretedStatus {
  const { b1, b2, b3, b4 } = raw;
  const conditions: StatusConditions = {
    offline: bit(b1, 3),
    coverOpen: bit(b2, 2),
    stoppedByPaperEnd: bit(b2, 5),
    error: bit(b2, 6),
    cutterError: bit(b3, 3),
    unrecoverableError: bit(b3, 5),
    autoRecoverableError: bit(b3, 6),
    paperNearEnd: (b4 & 0x0c) !== 0,
    paperOut: (b4 & 0x60) !== 0,
  };
  return { state: stateOf(conditions), conditions, raw, wellFormed: (b1 & 0x93) === 0x12 };
}

function stateOf(c: StatusConditions): PrinterState {
  // The open cover is the cause a person can fix; the paper sensor often reads "out" while it is open.
  if (c.coverOpen) return 'cover-open';
  if (c.paperOut || c.stoppedByPaperEnd) return 'paper-out';
  if (c.cutterError) return 'cutter-error';
  if (c.offline || c.error || c.unrecoverableError || c.autoRecoverableError) return 'offline';
  if (c.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

/** Whether a receipt can be printed now (near-end paper still prints). */
export function canPrintIn(state: PrinterState): boolean {
  return state === 'ready' || state === 'paper-near-end';
}

export type StatusFailure =
  /** Nothing came back in time: unplugged, powered off, or the wrong port. */
  | 'no-answer'
  /** Something came back that is not a status byte: usually a baud-rate mismatch. */
  | 'unexpected-answer'
  | 'not-open'
  | 'write-failed';

export type StatusReport =
  | ({ answered: true } & InterpretedStatus)
  | { answered: false; state: 'offline'; failure: StatusFailure; detail: string; received: number[] };

/**
 * Asks DLE EOT 1–4 one at a time and waits for each one-byte answer, so an
 * answer can never be taken for another's. `timeoutMs` bounds the whole poll.
 */
export async function pollStatus(link: ByteLink, timeoutMs = 1000): Promise<StatusReport> {
  const failed = (failure: StatusFailure, detail: string, received: number[] = []): StatusReport => ({
    answered: false,
    state: 'offline',
    failure,
    detail,
    received,
  });
  if (!link.isOpen) return failed('not-open', 'the port is not open');

  const received: number[] = [];
  let wake: (() => void) | undefined;
  const stopListening = link.onData((chunk) => {
    received.push(...chunk);
    wake?.();
  });
  const deadline = Date.now() + timeoutMs;
  const waitFor = (ready: () => boolean) =>
    new Promise<boolean>((resolve) => {
      if (ready()) return resolve(true);
      const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
      const done = (ok: boolean) => {
        clearTimeout(timer);
        wake = undefined;
        resolve(ok);
      };
      wake = () => {
        if (ready()) done(true);
      };
    });

  try {
    for (const n of STATUS_QUERIES) {
      let writeError: unknown;
      let written = false;
      link.write(statusQuery(n)).then(
        () => {
          written = true;
          wake?.();
        },
        (err: unknown) => {
          writeError = err;
          wake?.();
        },
      );
      // A port that never drains (flow control held off) must not hang the poll past its deadline.
      const answered = await waitFor(() => writeError !== undefined || (written && received.length >= n));
      if (writeError !== undefined) return failed('write-failed', String(writeError), received);
      if (!answered) {
        const what = written ? `no answer to DLE EOT ${n}` : `DLE EOT ${n} could not be sent`;
        return failed('no-answer', `${what} within ${timeoutMs} ms`, received);
      }
    }
  } finally {
    stopListening();
  }
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = received;
  const status = interpretStatus({ b1, b2, b3, b4 });
  if (!status.wellFormed) {
    return failed(
      'unexpected-answer',
      `DLE EOT 1 answered 0x${b1.toString(16).padStart(2, '0')}, which is not a status byte`,
      received,
    );
  }
  return { answered: true, ...status };
}

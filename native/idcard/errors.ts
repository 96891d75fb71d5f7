import { DeviceError } from '../device-error';
import type { BadFrameReason } from './frame';
import { hex, sw3Meaning, type CommandName } from './protocol';

/**
 * Everything the ID-card driver throws (the design is in ../device-error.ts).
 * The device manager sends the codes to the UI in the `idcard-error` event.
 */
export type IdCardErrorCode =
  'no-card' | 'timeout' | 'protocol' | 'corrupt-answer' | 'closed' | 'unavailable' | 'card-unreadable';

export abstract class IdCardError extends DeviceError<IdCardErrorCode> {
  override readonly name = 'IdCardError';
}

export class NoCardError extends IdCardError {
  readonly code = 'no-card';
  constructor() {
    super('no card on the reader');
  }
}

export class ReaderTimeoutError extends IdCardError {
  readonly code = 'timeout';
  constructor(
    readonly command: CommandName,
    readonly timeoutMs: number,
  ) {
    super(`the reader did not answer "${command}" within ${timeoutMs} ms`);
  }
}

/** The reader answered, with a result code other than the one the command succeeds with. */
export class ReaderProtocolError extends IdCardError {
  readonly code = 'protocol';
  readonly meaning: string;
  constructor(
    readonly command: CommandName,
    readonly sw3: number,
  ) {
    const meaning = sw3Meaning(sw3);
    super(`the reader answered "${command}" with SW3 ${hex(sw3)}: ${meaning}`);
    this.meaning = meaning;
  }
}

export type CorruptionReason = BadFrameReason | 'layout';

const REASON_TEXT: Record<CorruptionReason, string> = {
  checksum: 'bad checksum',
  length: 'impossible length',
  truncated: 'truncated frame',
  layout: 'lengths inside the answer do not add up',
};

/** The answer arrived damaged; `attempts` says how many times readCard() tried before giving up. */
export class ReaderCorruptAnswerError extends IdCardError {
  readonly code = 'corrupt-answer';
  constructor(
    readonly command: CommandName,
    readonly reason: CorruptionReason,
    readonly attempts = 1,
  ) {
    super(
      `the reader's answer to "${command}" was corrupted (${REASON_TEXT[reason]})` +
        (attempts > 1 ? ` on each of ${attempts} attempts` : ''),
    );
  }
}

/** The port closed or vanished (unplugged, socat killed, close() called). */
export class ReaderClosedError extends IdCardError {
  readonly code = 'closed';
  constructor(
    message = 'the reader connection is closed',
    readonly disconnected = false,
  ) {
    super(message);
  }
}

/** The port could not be opened. */
export class ReaderUnavailableError extends IdCardError {
  readonly code = 'unavailable';
  constructor(path: string, cause: unknown) {
    super(`cannot open the ID-card reader at ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * The text block decoded but not understood: an unknown layout mark, a date
 * that is not a date. Says which field, never what it held.
 */
export class CardDecodeError extends IdCardError {
  readonly code = 'card-unreadable';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`ID card field "${field}": ${reason}`);
  }
}

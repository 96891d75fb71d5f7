import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { IdCard } from '../../common/idcard/card';
import { isUnplugged } from '../serial/unplugged';
import { decodeLatestAddress, type DecodeOptions } from './decode';
import {
  NoCardError,
  ReaderClosedError,
  ReaderCorruptAnswerError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnavailableError,
  type CorruptionReason,
} from './errors';
import { encodeCommand, IdCardFrameParser, type BadFrame, type ParsedAnswer } from './frame';
import { COMMANDS, PHOTO_BYTES, SW3, TEXT_BYTES, type CommandName } from './protocol';
import { decodeReadAnswer } from './read-answer';

/**
 * The ID-card reader's command layer over any byte stream: a serial port, or
 * the simulator's in-process stream.
 *
 * One request at a time: the protocol has no request ids, so an answer can
 * only be matched to the one command in flight. The driver logs nothing; the
 * card goes to the caller and nowhere else, and the photo and fingerprint
 * bytes are zeroed as soon as the text block is copied out.
 */

export type CommandTimeouts = Record<CommandName, number>;

/** find/select 100–300 ms, read 2 s, fingerprint 3 s per the reference; SAM commands are ours. */
export const DEFAULT_TIMEOUTS: Readonly<CommandTimeouts> = {
  reset: 2000,
  samStatus: 500,
  samId: 500,
  find: 300,
  select: 300,
  read: 2000,
  readAddress: 1000,
  readFingerprint: 3000,
};

export interface IdCardReaderOptions {
  timeouts?: Partial<CommandTimeouts>;
  /** How many times readCard() runs find → select → read when answers arrive damaged. */
  attempts?: number;
  /**
   * After a damaged frame, the line must be quiet this long before the request
   * counts as failed: a good answer may still follow noise, and a retry sent
   * into the tail of a long answer would only collide with it.
   */
  quietMs?: number;
  /** A frame that stops mid-way for this long is truncated. */
  interByteTimeoutMs?: number;
  /** YYYY-MM-DD for the ID-number birth-date check; defaults to the current date. */
  today?: () => string;
  /** Called by close() to release the stream (openIdCardReader closes its port). */
  closeStream?: () => Promise<void>;
}

export interface FingerprintRead {
  card: IdCard;
  /** Whether the card holds fingerprints. The prints themselves are biometric data and are dropped unread. */
  hasFingerprint: boolean;
}

interface Pending {
  onAnswer(answer: ParsedAnswer): void;
  onBadFrame(reason: CorruptionReason): void;
  fail(error: Error): void;
}

/**
 * True for an answer that can only belong to another command: the late answer
 * to a request that already timed out. The protocol has no request ids, so
 * this is as far as matching can go; ambiguous codes (80, 41…) are taken as
 * they come.
 */
function belongsElsewhere(command: CommandName, answer: ParsedAnswer): boolean {
  if (answer.sw3 === SW3.cardFound) return command !== 'find';
  if (answer.sw3 === SW3.success && answer.data.length >= TEXT_BYTES + PHOTO_BYTES) {
    return command !== 'read' && command !== 'readFingerprint';
  }
  return false;
}

/** Errors worth another find → select → read: damage on the wire in either direction. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ReaderCorruptAnswerError) return true;
  return (
    error instanceof ReaderProtocolError &&
    (error.sw3 === SW3.badChecksumReceived || error.sw3 === SW3.badLengthReceived)
  );
}

export class IdCardReader extends EventEmitter<{ close: [info: { disconnected: boolean }] }> {
  private readonly parser: IdCardFrameParser;
  private readonly timeouts: CommandTimeouts;
  private readonly attempts: number;
  private readonly quietMs: number;
  private readonly today: (() => string) | undefined;
  private readonly closeStream: (() => Promise<void>) | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed: ReaderClosedError | undefined;

  private readonly onParsed = (item: ParsedAnswer | BadFrame) => {
    if (item.type === 'answer') this.pending?.onAnswer(item);
    else this.pending?.onBadFrame(item.reason);
  };
  /** The error the stream last reported: an in-memory cable says it was unplugged this way before 'close'. */
  private streamError: unknown;
  // serialport passes the reason to 'close'; a destroyed stream has emitted it as 'error' just before.
  private readonly onStreamClose = (reason?: unknown) => {
    this.markClosed(isUnplugged(reason) || isUnplugged(this.streamError));
  };
  // Failures surface through write callbacks and 'close'; an unheard 'error' would crash the service.
  private readonly onStreamError = (error: unknown) => {
    this.streamError = error;
  };

  constructor(
    private readonly stream: Duplex,
    options: IdCardReaderOptions = {},
  ) {
    super();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.quietMs = options.quietMs ?? 50;
    this.today = options.today;
    this.closeStream = options.closeStream;
    this.parser = new IdCardFrameParser({ interByteTimeoutMs: options.interByteTimeoutMs ?? 100 });
    this.parser.on('data', this.onParsed);
    stream.on('close', this.onStreamClose);
    stream.on('error', this.onStreamError);
    stream.pipe(this.parser);
    if (stream.destroyed) this.markClosed(false);
  }

  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  /** Resets the SAM module. */
  reset(): Promise<void> {
    return this.exclusive(() => this.expect('reset', SW3.success).then(() => undefined));
  }

  /** Resolves when the SAM reports itself healthy; throws ReaderProtocolError (e.g. 60, self-test failed) otherwise. */
  samStatus(): Promise<void> {
    return this.exclusive(() => this.expect('samStatus', SW3.success).then(() => undefined));
  }

  /** The SAM module's id as upper-case hex of the bytes the reader sends. */
  samId(): Promise<string> {
    return this.exclusive(async () => (await this.expect('samId', SW3.success)).data.toString('hex').toUpperCase());
  }

  /** True when a card is on the reader, false when there is none (SW3 80). */
  findCard(): Promise<boolean> {
    return this.exclusive(() => this.find());
  }

  selectCard(): Promise<void> {
    return this.exclusive(() => this.select());
  }

  /** Reads the text (and the photo, which is discarded) of a found and selected card. */
  readText(): Promise<IdCard> {
    return this.exclusive(() => this.read());
  }

  readWithFingerprint(): Promise<FingerprintRead> {
    return this.exclusive(async () => {
      const answer = await this.expect('readFingerprint', SW3.success);
      const { card, fingerprintBytes } = decodeReadAnswer('readFingerprint', answer.data, this.decodeOptions());
      return { card, hasFingerprint: fingerprintBytes > 0 };
    });
  }

  /** The address written on the card after issue (a move), or null when there is none (SW3 91). */
  readLatestAddress(): Promise<string | null> {
    return this.exclusive(async () => {
      const answer = await this.exchange('readAddress');
      if (answer.sw3 === SW3.itemEmpty) return null;
      if (answer.sw3 !== SW3.success) throw new ReaderProtocolError('readAddress', answer.sw3);
      const address = decodeLatestAddress(answer.data);
      answer.data.fill(0);
      return address === '' ? null : address;
    });
  }

  /**
   * find → select → read, as one uninterrupted sequence. Damaged answers are
   * retried up to `attempts` times in all; no card, timeouts and other result
   * codes are reported at once, as the caller will poll again anyway.
   */
  readCard(): Promise<IdCard> {
    return this.exclusive(async () => {
      let last: unknown;
      for (let attempt = 1; attempt <= this.attempts; attempt++) {
        try {
          if (!(await this.find())) throw new NoCardError();
          await this.select();
          return await this.read();
        } catch (error) {
          if (!isRetryable(error)) throw error;
          last = error;
        }
      }
      if (last instanceof ReaderCorruptAnswerError)
        throw new ReaderCorruptAnswerError(last.command, last.reason, this.attempts);
      throw last;
    });
  }

  /** Stops listening and fails any request in flight; closes the port when this reader opened it. */
  async close(): Promise<void> {
    this.markClosed(false);
    await this.closeStream?.();
  }

  private async find(): Promise<boolean> {
    const answer = await this.exchange('find');
    if (answer.sw3 === SW3.cardFound) return true;
    if (answer.sw3 === SW3.noCard) return false;
    throw new ReaderProtocolError('find', answer.sw3);
  }

  private async select(): Promise<void> {
    await this.expect('select', SW3.success);
  }

  private async read(): Promise<IdCard> {
    const answer = await this.expect('read', SW3.success);
    return decodeReadAnswer('read', answer.data, this.decodeOptions()).card;
  }

  private async expect(command: CommandName, sw3: number): Promise<ParsedAnswer> {
    const answer = await this.exchange(command);
    if (answer.sw3 !== sw3) throw new ReaderProtocolError(command, answer.sw3);
    return answer;
  }

  private decodeOptions(): DecodeOptions {
    return this.today ? { today: this.today() } : {};
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Sends one command and waits for its answer frame, whatever its SW3. */
  private exchange(command: CommandName): Promise<ParsedAnswer> {
    if (this.closed) return Promise.reject(this.closed);
    const timeoutMs = this.timeouts[command];
    // Bytes left from an earlier, abandoned answer must not prefix this one.
    this.parser.reset();
    return new Promise<ParsedAnswer>((resolve, reject) => {
      let corruption: CorruptionReason | undefined;
      let quietTimer: NodeJS.Timeout | undefined;
      const finish = (result: ParsedAnswer | Error) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        clearTimeout(timer);
        clearTimeout(quietTimer);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const waitForQuiet = () => {
        clearTimeout(quietTimer);
        const wait = this.parser.lastInputAt + this.quietMs - Date.now();
        quietTimer = setTimeout(
          () => {
            if (Date.now() - this.parser.lastInputAt >= this.quietMs)
              finish(new ReaderCorruptAnswerError(command, corruption!));
            else waitForQuiet();
          },
          Math.max(0, wait),
        );
      };
      const pending: Pending = {
        onAnswer: (answer) => {
          if (!belongsElsewhere(command, answer)) return finish(answer);
          answer.data.fill(0); // a stale read answer still holds a photo
        },
        onBadFrame: (reason) => {
          corruption ??= reason;
          waitForQuiet();
        },
        fail: finish,
      };
      const timer = setTimeout(
        () =>
          finish(
            corruption ? new ReaderCorruptAnswerError(command, corruption) : new ReaderTimeoutError(command, timeoutMs),
          ),
        timeoutMs,
      );
      this.pending = pending;
      const { cmd, para } = COMMANDS[command];
      this.stream.write(encodeCommand(cmd, para), (error) => {
        // A serial port reports an unplug (EIO) here first, before any 'close'.
        if (error) this.markClosed(true, `writing to the reader failed: ${error.message}`);
      });
    });
  }

  private markClosed(disconnected: boolean, message?: string): void {
    if (this.closed) return;
    this.closed = new ReaderClosedError(
      message ?? (disconnected ? 'the reader was disconnected' : undefined),
      disconnected,
    );
    this.pending?.fail(this.closed);
    this.stream.unpipe(this.parser);
    this.stream.off('close', this.onStreamClose);
    this.parser.off('data', this.onParsed);
    this.parser.destroy();
    // Keep swallowing stream errors: a closing serial port may still emit one.
    this.emit('close', { disconnected });
  }
}

export interface OpenIdCardReaderOptions extends Omit<IdCardReaderOptions, 'closeStream'> {
  /** 115200 by default; some models ship at 9600. */
  baudRate?: number;
}

/** Opens a serial port (or pty) and returns a reader that owns it: close() closes the port. */
export async function openIdCardReader(path: string, options: OpenIdCardReaderOptions = {}): Promise<IdCardReader> {
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: options.baudRate ?? 115200 }, (error) =>
      error ? reject(new ReaderUnavailableError(path, error)) : resolve(p),
    );
  });
  return new IdCardReader(port, {
    ...options,
    closeStream: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  });
}

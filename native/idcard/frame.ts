import { Transform, type TransformCallback } from 'node:stream';

/**
 * SAM protocol framing (reference: idcard-reader.md, "Frame"):
 *
 *   AA AA AA 96 69 | LEN_HI LEN_LO | body… | CHK
 *
 * LEN counts the body and CHK; CHK is the XOR of LEN_HI through the last body
 * byte. Kept apart from the card commands because some vendors wrap the same
 * commands in their own framing.
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
const HEADER_BYTES = PREAMBLE.length + 2;

/**
 * Longest answer we accept. The largest known one, text + photo + fingerprints,
 * has LEN 2,314; a LEN far beyond that is a corrupted length field, and
 * waiting for that many bytes would swallow the answers that follow.
 */
export const MAX_ANSWER_LEN = 4096;
/** SW1 SW2 SW3 CHK. */
export const MIN_ANSWER_LEN = 4;
/** CMD PARA CHK. */
export const MIN_COMMAND_LEN = 3;
/** Commands carry at most a few bytes of data (a baud rate); anything longer is noise. */
export const MAX_COMMAND_LEN = 64;

export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (CMD PARA data, or SW1 SW2 SW3 data) in a frame. */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`a frame body of ${body.length} bytes does not fit LEN`);
  const out = Buffer.alloc(HEADER_BYTES + len);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, PREAMBLE.length);
  out.set(body, HEADER_BYTES);
  out[out.length - 1] = xorChecksum(out, PREAMBLE.length, out.length - 1);
  return out;
}

export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([cmd, para]), data]));
}

export function encodeAnswer(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));
}

export type BadFrameReason =
  /** CHK did not match. */
  | 'checksum'
  /** LEN outside what this direction can carry. */
  | 'length'
  /** A frame began but the line went quiet (or the stream ended) before its last byte. */
  | 'truncated';

type Scanned = { type: 'body'; body: Buffer } | { type: 'bad-frame'; reason: BadFrameReason };

/**
 * The framing state machine without the stream around it: buffer, find a
 * frame, hand it out, keep the rest.
 *
 * After a bad frame it drops a single byte and searches again rather than
 * skipping LEN bytes, because a corrupted LEN would otherwise take the next
 * good frame down with it.
 */
export class FrameScanner {
  private buf = Buffer.alloc(0);

  constructor(
    private readonly minLen: number,
    private readonly maxLen: number,
  ) {}

  write(chunk: Uint8Array): Scanned[] {
    // Always a copy of our own, so discard() may zero it without touching the caller's chunk.
    this.buf = Buffer.concat([this.buf, chunk]);
    return this.scan();
  }

  /** True while the buffer holds the start of a frame that has not completed. */
  get hasPartialFrame(): boolean {
    // scan() leaves either a buffer that starts with the preamble or fewer bytes than a preamble.
    return this.buf.length >= PREAMBLE.length;
  }

  /** Gives up on a frame that will never complete, then looks for frames in what follows it. */
  abandonPartial(): Scanned[] {
    const out: Scanned[] = [];
    while (this.hasPartialFrame) {
      out.push({ type: 'bad-frame', reason: 'truncated' });
      this.discard(1);
      out.push(...this.scan());
    }
    return out;
  }

  reset(): void {
    this.discard(this.buf.length);
  }

  private scan(): Scanned[] {
    const out: Scanned[] = [];
    for (;;) {
      const start = this.buf.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the first bytes of a preamble split across chunks.
        this.discard(Math.max(0, this.buf.length - (PREAMBLE.length - 1)));
        return out;
      }
      this.discard(start);
      if (this.buf.length < HEADER_BYTES) return out;
      const len = this.buf.readUInt16BE(PREAMBLE.length);
      if (len < this.minLen || len > this.maxLen) {
        out.push({ type: 'bad-frame', reason: 'length' });
        this.discard(1);
        continue;
      }
      const total = HEADER_BYTES + len;
      if (this.buf.length < total) return out;
      if (xorChecksum(this.buf, PREAMBLE.length, total - 1) !== this.buf[total - 1]) {
        out.push({ type: 'bad-frame', reason: 'checksum' });
        this.discard(1);
        continue;
      }
      out.push({ type: 'body', body: Buffer.from(this.buf.subarray(HEADER_BYTES, total - 1)) });
      this.discard(total);
    }
  }

  // Zeroed before release: frames carry card data, which should not linger in memory we let go of.
  private discard(n: number): void {
    if (n <= 0) return;
    this.buf.fill(0, 0, n);
    this.buf = this.buf.subarray(n);
  }
}

export interface ParsedAnswer {
  type: 'answer';
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export interface ParsedCommand {
  type: 'command';
  cmd: number;
  para: number;
  data: Buffer;
}

export interface BadFrame {
  type: 'bad-frame';
  reason: BadFrameReason;
}

export interface FrameParserOptions {
  /**
   * Once a frame has started, how long the line may stay quiet before the
   * frame is declared truncated. Off when unset: a parser fed from a file or
   * a test has no line to go quiet.
   */
  interByteTimeoutMs?: number;
  maxLength?: number;
}

/**
 * Shared stream plumbing for both directions. Output is in object mode; it
 * never emits 'error' for bad input, it pushes `BadFrame` objects instead, so
 * one bad frame cannot end the stream.
 */
abstract class SamFrameTransform<T> extends Transform {
  private readonly scanner: FrameScanner;
  private readonly interByteTimeoutMs: number | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** `Date.now()` when the last byte arrived; the reader waits for a quiet line before retrying. */
  lastInputAt = 0;

  protected constructor(minLen: number, maxLen: number, options: FrameParserOptions) {
    super({ readableObjectMode: true });
    this.scanner = new FrameScanner(minLen, options.maxLength ?? maxLen);
    this.interByteTimeoutMs = options.interByteTimeoutMs;
  }

  protected abstract fromBody(body: Buffer): T;

  /** Forgets any partial frame, e.g. before a new request so a stale answer's tail cannot prefix the next. */
  reset(): void {
    this.clearIdleTimer();
    this.scanner.reset();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.lastInputAt = Date.now();
    this.emitAll(this.scanner.write(chunk));
    this.armIdleTimer();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.clearIdleTimer();
    this.emitAll(this.scanner.abandonPartial());
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdleTimer();
    this.scanner.reset();
    callback(error);
  }

  private emitAll(items: Scanned[]): void {
    for (const item of items) this.push(item.type === 'body' ? this.fromBody(item.body) : item);
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    if (this.interByteTimeoutMs === undefined || !this.scanner.hasPartialFrame) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.emitAll(this.scanner.abandonPartial());
    }, this.interByteTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** Reader → host: pushes `ParsedAnswer | BadFrame`. */
export class IdCardFrameParser extends SamFrameTransform<ParsedAnswer> {
  constructor(options: FrameParserOptions = {}) {
    super(MIN_ANSWER_LEN, MAX_ANSWER_LEN, options);
  }

  protected fromBody(body: Buffer): ParsedAnswer {
    return { type: 'answer', sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
  }
}

/** Host → reader (the simulator's side): pushes `ParsedCommand | BadFrame`. */
export class IdCardCommandParser extends SamFrameTransform<ParsedCommand> {
  constructor(options: FrameParserOptions = {}) {
    super(MIN_COMMAND_LEN, MAX_COMMAND_LEN, options);
  }

  protected fromBody(body: Buffer): ParsedCommand {
    return { type: 'command', cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
  }
}

import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { IdCard } from '../../common/idcard/card';
import { createDuplexPair } from '../serial/duplex-pair';
import { encodeCardText } from './encode';
import { encodeAnswer, IdCardCommandParser, PREAMBLE, type BadFrame, type ParsedCommand } from './frame';
import {
  ADDRESS_BYTES,
  commandName,
  FIND_DATA_BYTES,
  FINGERPRINT_BYTES,
  lineTimeMs,
  PHOTO_BYTES,
  SAM_ID_BYTES,
  SELECT_DATA_BYTES,
  SW3,
  TEXT_BYTES,
  type CommandName,
} from './protocol';

/**
 * A SAM reader that answers the protocol from a configurable card, for unit
 * tests (in-process streams), end-to-end tests and the demo kiosk (one end of
 * a socat pty pair). It paces its answers at the configured baud rate, so a
 * text + photo answer takes as long as on a real line (1295 bytes at 115200
 * 8N1 ≈ 112 ms), and can be told to misbehave.
 */

/** Which command a fault applies to; omitted means every command. */
type FaultTarget = { on?: CommandName; times?: number };

export type SimulatorFault =
  /** Answer with the checksum byte inverted. */
  | ({ kind: 'bad-checksum' } & FaultTarget)
  /** Send only the first `keepBytes` of the answer (default: half), then nothing. */
  | ({ kind: 'truncate'; keepBytes?: number } & FaultTarget)
  /** Send `bytes` of line noise (default 16) before the answer. */
  | ({ kind: 'garbage'; bytes?: number } & FaultTarget)
  /** Answer with this SW3 and no data instead of the real answer (e.g. 0x41, card read failed). */
  | ({ kind: 'sw3'; code: number } & FaultTarget)
  /** Wait `ms` longer before answering. */
  | ({ kind: 'delay'; ms: number } & FaultTarget)
  /** Do not answer at all. */
  | ({ kind: 'silent' } & FaultTarget);

export interface SimulatorOptions {
  /** The card on the reader; null or omitted for none. */
  card?: IdCard | null;
  /** Paces answers as at this baud rate (8N1); null answers at once. Default 115200. */
  baudRate?: number | null;
  /** The reader's own processing time before it starts answering. Default 0. */
  responseDelayMs?: number;
  /** Faults to apply; each applies `times` times (default 1; Infinity for always). */
  faults?: SimulatorFault[];
  /** Address added to the card after issue (answer to 30 03); null for none. */
  latestAddress?: string | null;
  /** Whether the card holds fingerprints (answer to 30 10). */
  fingerprints?: boolean;
}

interface ActiveFault {
  fault: SimulatorFault;
  remaining: number;
}

// Pacing granularity: small enough that a reader sees a long answer arrive in many pieces.
const CHUNK_MS = 4;

export class IdCardReaderSimulator {
  private card: IdCard | null;
  private readonly baudRate: number | null;
  private readonly responseDelayMs: number;
  private latestAddress: string | null;
  private fingerprints: boolean;
  private faults: ActiveFault[] = [];
  private stream: Duplex | undefined;
  private parser: IdCardCommandParser | undefined;
  private output: Promise<void> = Promise.resolve();
  private timers = new Set<NodeJS.Timeout>();
  private noiseSeed = 0x2545f491;
  /** Every command received, in order (unknown ones as 'unknown'); tests use it to see retries. */
  readonly received: (CommandName | 'unknown')[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.card = options.card ?? null;
    this.baudRate = options.baudRate === undefined ? 115200 : options.baudRate;
    this.responseDelayMs = options.responseDelayMs ?? 0;
    this.latestAddress = options.latestAddress ?? null;
    this.fingerprints = options.fingerprints ?? false;
    this.setFaults(options.faults ?? []);
  }

  insertCard(card: IdCard, extras: { latestAddress?: string | null; fingerprints?: boolean } = {}): void {
    this.card = card;
    this.latestAddress = extras.latestAddress ?? null;
    this.fingerprints = extras.fingerprints ?? false;
  }

  removeCard(): void {
    this.card = null;
    this.latestAddress = null;
  }

  /** Replaces all faults. */
  setFaults(faults: SimulatorFault[]): void {
    this.faults = faults.map((fault) => ({ fault, remaining: fault.times ?? 1 }));
  }

  /** Starts answering commands that arrive on `stream`. */
  attach(stream: Duplex): void {
    this.detach();
    const parser = new IdCardCommandParser({ interByteTimeoutMs: 100 });
    parser.on('data', (item: ParsedCommand | BadFrame) => this.onCommand(item));
    stream.on('error', () => {});
    stream.pipe(parser);
    this.stream = stream;
    this.parser = parser;
  }

  /** Stops answering; answers still being paced out are dropped. */
  detach(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.stream && this.parser) {
      this.stream.unpipe(this.parser);
      this.parser.destroy();
    }
    this.stream = undefined;
    this.parser = undefined;
    this.output = Promise.resolve();
  }

  private onCommand(item: ParsedCommand | BadFrame): void {
    if (item.type === 'bad-frame') {
      this.received.push('unknown');
      // A real reader reports what it could not read instead of staying silent.
      this.respond(
        'unknown',
        encodeAnswer(item.reason === 'checksum' ? SW3.badChecksumReceived : SW3.badLengthReceived),
      );
      return;
    }
    const name = commandName(item.cmd, item.para);
    this.received.push(name ?? 'unknown');
    this.respond(name ?? 'unknown', name ? this.answer(name) : encodeAnswer(SW3.commandError));
  }

  /** The correct answer to a command, before faults. */
  private answer(name: CommandName): Buffer {
    const card = this.card;
    switch (name) {
      case 'reset':
      case 'samStatus':
        return encodeAnswer(SW3.success);
      case 'samId':
        return encodeAnswer(SW3.success, Buffer.from(Array.from({ length: SAM_ID_BYTES }, (_, i) => i + 1)));
      case 'find':
        return card ? encodeAnswer(SW3.cardFound, Buffer.alloc(FIND_DATA_BYTES)) : encodeAnswer(SW3.noCard);
      case 'select':
        return card ? encodeAnswer(SW3.success, Buffer.alloc(SELECT_DATA_BYTES)) : encodeAnswer(SW3.selectFailed);
      case 'read':
      case 'readFingerprint': {
        if (!card) return encodeAnswer(SW3.cardReadFailed);
        const withPrints = name === 'readFingerprint';
        const printBytes = withPrints && this.fingerprints ? FINGERPRINT_BYTES : 0;
        const lengths = Buffer.alloc(withPrints ? 6 : 4);
        lengths.writeUInt16BE(TEXT_BYTES, 0);
        lengths.writeUInt16BE(PHOTO_BYTES, 2);
        if (withPrints) lengths.writeUInt16BE(printBytes, 4);
        return encodeAnswer(
          SW3.success,
          Buffer.concat([lengths, encodeCardText(card), dummyBytes(PHOTO_BYTES, 0x57), dummyBytes(printBytes, 0x46)]),
        );
      }
      case 'readAddress': {
        if (!card) return encodeAnswer(SW3.cardReadFailed);
        if (this.latestAddress === null) return encodeAnswer(SW3.itemEmpty);
        const text = Buffer.from(this.latestAddress.padEnd(ADDRESS_BYTES / 2, ' '), 'utf16le');
        if (text.length !== ADDRESS_BYTES)
          throw new RangeError(`a latest address holds ${ADDRESS_BYTES / 2} characters`);
        return encodeAnswer(SW3.success, text);
      }
    }
  }

  /** Applies faults, then paces the answer onto the line behind any answer still going out. */
  private respond(name: CommandName | 'unknown', answer: Buffer): void {
    const applied = this.takeFaults(name);
    let frame: Buffer | null = answer;
    let delay = this.responseDelayMs;
    for (const fault of applied) {
      switch (fault.kind) {
        case 'delay':
          delay += fault.ms;
          break;
        case 'silent':
          frame = null;
          break;
        case 'sw3':
          if (frame) frame = encodeAnswer(fault.code);
          break;
        default:
          break;
      }
    }
    if (frame) {
      for (const fault of applied) {
        if (fault.kind === 'bad-checksum') frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
      }
      for (const fault of applied) {
        if (fault.kind === 'truncate')
          frame = frame.subarray(0, Math.min(frame.length - 1, fault.keepBytes ?? frame.length >> 1));
      }
      for (const fault of applied) {
        if (fault.kind === 'garbage') frame = Buffer.concat([this.noise(fault.bytes ?? 16), frame]);
      }
    }
    const bytes = frame;
    const stream = this.stream;
    this.output = this.output.then(async () => {
      await this.sleep(delay);
      if (bytes && stream && this.stream === stream) await this.pace(stream, bytes);
    });
  }

  private takeFaults(name: CommandName | 'unknown'): SimulatorFault[] {
    const applied: SimulatorFault[] = [];
    for (const active of this.faults) {
      if (active.remaining <= 0) continue;
      if (active.fault.on !== undefined && active.fault.on !== name) continue;
      active.remaining -= 1;
      applied.push(active.fault);
    }
    return applied;
  }

  /** Writes in small pieces, each when its last byte would have crossed the wire. */
  private async pace(stream: Duplex, bytes: Buffer): Promise<void> {
    if (this.baudRate === null) {
      stream.write(bytes);
      return;
    }
    const chunk = Math.max(1, Math.floor((this.baudRate * CHUNK_MS) / 10_000));
    const start = performance.now();
    for (let sent = 0; sent < bytes.length;) {
      const end = Math.min(bytes.length, sent + chunk);
      await this.sleep(start + lineTimeMs(end, this.baudRate) - performance.now());
      if (this.stream !== stream) return;
      stream.write(bytes.subarray(sent, end));
      sent = end;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** Deterministic noise that never contains the preamble's first byte, so it cannot fake a frame. */
  private noise(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      this.noiseSeed ^= this.noiseSeed << 13;
      this.noiseSeed ^= this.noiseSeed >>> 17;
      this.noiseSeed ^= this.noiseSeed << 5;
      const b = this.noiseSeed & 0xff;
      out[i] = b === PREAMBLE[0] ? 0x55 : b;
    }
    return out;
  }
}

/** Stands in for the WLT photo and fingerprint data: fixed filler, never a real image. */
function dummyBytes(length: number, fill: number): Buffer {
  return Buffer.alloc(length, fill);
}

export interface InProcessReader {
  /** The host end: hand it to `new IdCardReader(stream)`. */
  stream: Duplex;
  simulator: IdCardReaderSimulator;
  close(): void;
}

/** A simulated reader joined to the driver by in-memory streams, for unit tests. */
export function createInProcessReader(options: SimulatorOptions = {}): InProcessReader {
  const [host, device] = createDuplexPair();
  const simulator = new IdCardReaderSimulator(options);
  simulator.attach(device);
  return {
    stream: host,
    simulator,
    close() {
      simulator.detach();
      host.destroy();
      device.destroy();
    },
  };
}

export interface SerialSimulator {
  simulator: IdCardReaderSimulator;
  port: SerialPort;
  close(): Promise<void>;
}

/** A simulated reader on a serial path, normally one end of a socat pty pair (see native/serial/pty.ts). */
export async function startSerialSimulator(path: string, options: SimulatorOptions = {}): Promise<SerialSimulator> {
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: options.baudRate ?? 115200 }, (error) =>
      error ? reject(error) : resolve(p),
    );
  });
  const simulator = new IdCardReaderSimulator(options);
  simulator.attach(port);
  return {
    simulator,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        simulator.detach();
        if (port.isOpen) port.close(() => resolve());
        else resolve();
      }),
  };
}

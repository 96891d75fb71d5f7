import { createDuplexPair } from '../serial/duplex-pair';
import { decodeEscPos, readEscPos, type DecodedPrint } from './escpos-parser';
import { duplexLink, openSerialLink, type ByteLink, type SerialLinkOptions } from './link';
import { findPrinterModel, type PrinterModel } from './models';
import type { StatusBytes } from './status';

/**
 * A receipt printer in software: it records every byte it receives, answers
 * DLE EOT from its state, and refuses paper it does not have. It sits on a
 * {@link ByteLink}, so the same simulator serves the unit tests (in-process
 * stream pair) and the end-to-end tests (one end of a socat pty pair, opened
 * with serialport like a real port).
 */

export type PaperState = 'ok' | 'near-end' | 'out';

export interface SimulatorConditions {
  paper: PaperState;
  coverOpen: boolean;
  /** Offline for another reason (e.g. the feed button held). */
  offline: boolean;
  cutterError: boolean;
  /** False: the printer stays silent, like one that is unplugged or powered off. */
  answersStatus: boolean;
}

const NORMAL: SimulatorConditions = {
  paper: 'ok',
  coverOpen: false,
  offline: false,
  cutterError: false,
  answersStatus: true,
};

export class PrinterSimulator {
  private conditions: SimulatorConditions = { ...NORMAL };
  private receivedChunks: Uint8Array[] = [];
  private printedChunks: Uint8Array[] = [];
  private pending: Uint8Array = new Uint8Array(0);
  private queries: number[] = [];
  private discardedBytes = 0;
  private paperLines: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly model: PrinterModel = simulatedModel()) {}

  set(conditions: Partial<SimulatorConditions>): this {
    this.conditions = { ...this.conditions, ...conditions };
    return this;
  }

  get state(): Readonly<SimulatorConditions> {
    return this.conditions;
  }

  /**
   * Loads a roll good for `lines` more lines (line feeds and `ESC d` lines),
   * after which the printer runs out mid-job; `undefined` for an endless roll.
   * The near-end sensor trips for the last 10.
   */
  loadPaper(lines: number | undefined): this {
    this.paperLines = lines;
    return this.set({ paper: lines === undefined || lines > 10 ? 'ok' : lines > 0 ? 'near-end' : 'out' });
  }

  /** Every byte received, status queries included. */
  get received(): Uint8Array {
    return concat(this.receivedChunks);
  }

  /** Print data the printer accepted, without status queries. */
  get printed(): Uint8Array {
    return concat(this.printedChunks);
  }

  /** The `n` of every DLE EOT received. */
  get statusQueries(): readonly number[] {
    return this.queries;
  }

  /** Print data thrown away because the printer could not print. */
  get discarded(): number {
    return this.discardedBytes;
  }

  clear(): this {
    this.receivedChunks = [];
    this.printedChunks = [];
    this.pending = new Uint8Array(0);
    this.queries = [];
    this.discardedBytes = 0;
    return this;
  }

  /** The four DLE EOT answers for the current state, fixed bits included. */
  statusBytes(): StatusBytes {
    const { paper, coverOpen, offline, cutterError } = this.conditions;
    const paperOut = paper === 'out';
    const stopped = paperOut || coverOpen || offline || cutterError;
    return {
      b1: 0x12 | (stopped ? 0x08 : 0),
      b2: 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (cutterError ? 0x40 : 0),
      b3: 0x12 | (cutterError ? 0x08 : 0),
      // The near-end sensor sits before the end sensor: an empty roll trips both.
      b4: 0x12 | (paper !== 'ok' ? 0x0c : 0) | (paperOut ? 0x60 : 0),
    };
  }

  /** Takes bytes from the host; returns what the printer answers. */
  receive(chunk: Uint8Array): Uint8Array {
    this.receivedChunks.push(chunk.slice());
    const buffer = concat([this.pending, chunk]);
    const answers: number[] = [];
    let offset = 0;
    for (;;) {
      const read = readEscPos(buffer, offset);
      if (read === undefined) break;
      const { item, end } = read;
      if (item.kind === 'status-query') {
        this.queries.push(item.n);
        const answer = this.answer(item.n);
        if (answer !== undefined) answers.push(answer);
      } else if (this.canPrint()) {
        this.printedChunks.push(buffer.slice(offset, end));
        if (item.kind === 'line-feed') this.usePaper(1);
        if (item.kind === 'feed') this.usePaper(item.lines);
      } else {
        this.discardedBytes += end - offset;
      }
      offset = end;
    }
    this.pending = buffer.slice(offset);
    for (const listener of [...this.listeners]) listener();
    return Uint8Array.from(answers);
  }

  /** What the accepted print data looks like on paper. */
  decode(): DecodedPrint {
    return decodeRecorded(this.printed, this.model);
  }

  /** Resolves when `predicate` holds after some received bytes; rejects after `timeoutMs`. */
  waitFor(predicate: (simulator: this) => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (predicate(this)) return resolve();
      const check = () => {
        if (!predicate(this)) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(`simulator: condition not met within ${timeoutMs} ms (received ${this.received.length} bytes)`),
        );
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  private canPrint(): boolean {
    const { paper, coverOpen, offline, cutterError } = this.conditions;
    return paper !== 'out' && !coverOpen && !offline && !cutterError;
  }

  private usePaper(lines: number): void {
    if (this.paperLines === undefined) return;
    this.loadPaper(Math.max(0, this.paperLines - lines));
  }

  private answer(n: number): number | undefined {
    if (!this.conditions.answersStatus) return undefined;
    const { b1, b2, b3, b4 } = this.statusBytes();
    return [b1, b2, b3, b4][n - 1];
  }
}

function simulatedModel(): PrinterModel {
  const model = findPrinterModel('simulated-80mm');
  if (model === undefined) throw new Error('simulated-80mm is missing from PRINTER_MODELS');
  return model;
}

/** Parses recorded print data back into lines, QR payloads and cuts, in the model's encoding. */
export function decodeRecorded(bytes: Uint8Array, model: Pick<PrinterModel, 'encoding' | 'chineseMode'>): DecodedPrint {
  return decodeEscPos(bytes, { encoding: model.encoding, chineseAlways: model.chineseMode === 'always' });
}

/** Feeds `link`'s bytes to the simulator and writes its answers back. Returns a function that disconnects it. */
export function connectSimulator(simulator: PrinterSimulator, link: ByteLink): () => void {
  return link.onData((chunk) => {
    const answer = simulator.receive(chunk);
    // The host may have gone away; a real printer does not care either.
    if (answer.length > 0) link.write(answer).catch(() => undefined);
  });
}

export interface InProcessPrinter {
  simulator: PrinterSimulator;
  /** The host's end of the cable: give it to a `ReceiptPrinter`. */
  link: ByteLink;
  /** Unplugs the cable. */
  close(): Promise<void>;
}

/** A simulator on the far end of an in-memory cable. */
export function createInProcessPrinter(simulator = new PrinterSimulator()): InProcessPrinter {
  const [hostSide, printerSide] = createDuplexPair();
  const printerLink = duplexLink(printerSide);
  connectSimulator(simulator, printerLink);
  const link = duplexLink(hostSide);
  return { simulator, link, close: () => link.close() };
}

export interface SerialSimulator {
  simulator: PrinterSimulator;
  close(): Promise<void>;
}

/** Runs the simulator on a serial port, e.g. the far end of a socat pty pair. */
export async function serveSimulatorOnSerial(
  simulator: PrinterSimulator,
  options: SerialLinkOptions,
): Promise<SerialSimulator> {
  const link = await openSerialLink(options);
  const disconnect = connectSimulator(simulator, link);
  return {
    simulator,
    async close() {
      disconnect();
      await link.close();
    },
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

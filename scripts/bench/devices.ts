import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeCardText } from '../../native/idcard/encode';
import { encodeAnswer, IdCardFrameParser } from '../../native/idcard/frame';
import { openIdCardReader } from '../../native/idcard/reader';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../common/idcard/sample-cards';
import { startSerialSimulator } from '../../native/idcard/simulator';
import { renderReceipt } from '../../native/printer/escpos-encoder';
import { findPrinterModel } from '../../native/printer/models';
import { buildTestReceipt } from '../../native/printer/test-receipt';
import { startPtyPair } from '../../native/serial/pty';

const BAUD = 115200;
/** The read-text answer: 5 preamble + 2 length + 3 status + 4 lengths + 256 text + 1024 photo + 1 checksum. */
const ANSWER_BYTES = 1295;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Card reads over a real serial path (a socat pty pair, the simulator pacing
 * its answers at 115200 baud as a reader does), against the wire time of the
 * 1,295-byte answer alone — the floor no driver can beat; receipt encoding;
 * and the frame parser's throughput on a stream of card answers.
 */
export async function devicesBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-dev-'));
  const pair = await startPtyPair({ dir });
  const sim = await startSerialSimulator(pair.b, { card: SAMPLE_MAINLAND_LONG_TERM, baudRate: BAUD });
  const reader = await openIdCardReader(pair.a, { baudRate: BAUD });
  const reads: number[] = [];
  try {
    await reader.readCard();
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await reader.readCard();
      reads.push(performance.now() - t);
    }
  } finally {
    await reader.close();
    await sim.close();
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  reads.sort((a, b) => a - b);
  const wireMs = (ANSWER_BYTES * 10 * 1000) / BAUD; // 8N1: ten bits a byte

  const model = findPrinterModel('generic-80mm-gb18030')!;
  const receipt = buildTestReceipt({ printedAt: '2026-01-01T08:00:00.000Z' });
  renderReceipt(receipt, model);
  const encodeRuns = 500;
  const t0 = performance.now();
  for (let i = 0; i < encodeRuns; i++) renderReceipt(receipt, model);
  const encodeMs = (performance.now() - t0) / encodeRuns;

  // Parser throughput: 8 MB of card answers in 4 KB chunks, as a port delivers them.
  const text = encodeCardText(SAMPLE_MAINLAND_LONG_TERM);
  const payload = Buffer.concat([Buffer.from([0x01, 0x00, 0x04, 0x00]), text, Buffer.alloc(1024, 0x5a)]);
  const frame = encodeAnswer(0x90, payload);
  const stream = Buffer.concat(Array.from({ length: Math.ceil(8e6 / frame.length) }, () => frame));
  const parser = new IdCardFrameParser();
  let frames = 0;
  parser.on('data', () => frames++);
  const t1 = performance.now();
  for (let off = 0; off < stream.length; off += 4096) parser.write(stream.subarray(off, off + 4096));
  await new Promise<void>((resolve) => parser.end(resolve));
  const parseS = (performance.now() - t1) / 1000;
  if (frames !== Math.ceil(8e6 / frame.length)) throw new Error(`parser lost frames: ${frames}`);

  return {
    idcard_read_p50_ms: round(percentile(reads, 50)),
    idcard_read_p95_ms: round(percentile(reads, 95)),
    idcard_wire_ms: round(wireMs),
    idcard_read_vs_wire: round(percentile(reads, 50) / wireMs, 2),
    receipt_encode_ms: round(encodeMs, 3),
    parser_mb_s: round(stream.length / 1e6 / parseS),
  };
}

import type { Transform } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCard } from '../../common/idcard/card';
import { encodeCardText } from './encode';
import {
  CardDecodeError,
  NoCardError,
  ReaderClosedError,
  ReaderCorruptAnswerError,
  ReaderProtocolError,
  ReaderTimeoutError,
} from './errors';
import { encodeAnswer, IdCardCommandParser, type ParsedAnswer, type ParsedCommand } from './frame';
import { IdCardReader, type IdCardReaderOptions } from './reader';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { createDuplexPair } from '../serial/duplex-pair';
import { createInProcessReader, IdCardReaderSimulator, type InProcessReader, type SimulatorOptions } from './simulator';

const TODAY = () => '2026-01-01';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setup(
  sim: SimulatorOptions,
  options: IdCardReaderOptions = {},
): { reader: IdCardReader; sim: InProcessReader } {
  const inProcess = createInProcessReader({ baudRate: null, ...sim });
  const reader = new IdCardReader(inProcess.stream, { today: TODAY, ...options });
  cleanups.push(
    () => reader.close(),
    () => inProcess.close(),
  );
  return { reader, sim: inProcess };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('IdCardReader commands', () => {
  it('resets, checks and identifies the SAM', async () => {
    const { reader, sim } = setup({});
    await reader.reset();
    await reader.samStatus();
    expect(await reader.samId()).toBe('0102030405060708090A0B0C0D0E0F10');
    expect(sim.simulator.received).toEqual(['reset', 'samStatus', 'samId']);
  });

  it('reports a failing SAM with the code and its meaning', async () => {
    const { reader } = setup({ faults: [{ kind: 'sw3', code: 0x60, on: 'samStatus' }] });
    const error = await rejection(reader.samStatus());
    expect(error).toBeInstanceOf(ReaderProtocolError);
    expect(error).toMatchObject({ code: 'protocol', sw3: 0x60, meaning: 'SAM self-test failed' });
  });

  it('finds, selects and reads step by step', async () => {
    const { reader, sim } = setup({ card: SAMPLE_CARDS.hkPermit });
    expect(await reader.findCard()).toBe(true);
    await reader.selectCard();
    expect(await reader.readText()).toEqual(SAMPLE_CARDS.hkPermit);
    sim.simulator.removeCard();
    expect(await reader.findCard()).toBe(false);
    await expect(reader.selectCard()).rejects.toMatchObject({ sw3: 0x81, meaning: 'select card failed' });
  });

  it('reads with fingerprints without handing them out', async () => {
    const { reader, sim } = setup({ card: SAMPLE_CARDS.mainlandDated });
    expect(await reader.readWithFingerprint()).toEqual({ card: SAMPLE_CARDS.mainlandDated, hasFingerprint: false });
    sim.simulator.insertCard(SAMPLE_CARDS.mainlandDated, { fingerprints: true });
    const read = await reader.readWithFingerprint();
    expect(read).toEqual({ card: SAMPLE_CARDS.mainlandDated, hasFingerprint: true });
  });

  it('reads the latest address, or null when the card has none', async () => {
    const { reader, sim } = setup({ card: SAMPLE_CARDS.mainlandDated });
    expect(await reader.readLatestAddress()).toBeNull();
    sim.simulator.insertCard(SAMPLE_CARDS.mainlandDated, { latestAddress: '北京市西城区西长安街2号' });
    expect(await reader.readLatestAddress()).toBe('北京市西城区西长安街2号');
  });
});

describe('readCard', () => {
  it.each(Object.entries(SAMPLE_CARDS))('reads %s', async (_name, card) => {
    const { reader } = setup({ card });
    const read = await reader.readCard();
    expect(read).toEqual(card);
    expect(IdCard.parse(JSON.parse(JSON.stringify(read)))).toEqual(card);
  });

  it('says so when there is no card', async () => {
    const { reader, sim } = setup({});
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(NoCardError);
    expect(sim.simulator.received).toEqual(['find']);
  });

  it('retries a corrupted answer and succeeds', async () => {
    const { reader, sim } = setup({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'bad-checksum', on: 'read' }],
    });
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(sim.simulator.received).toEqual(['find', 'select', 'read', 'find', 'select', 'read']);
  });

  it('retries a truncated answer and succeeds', async () => {
    const { reader, sim } = setup(
      { card: SAMPLE_CARDS.mainlandLongTerm, faults: [{ kind: 'truncate', on: 'read', keepBytes: 600 }] },
      { interByteTimeoutMs: 30, quietMs: 10 },
    );
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(sim.simulator.received.filter((c) => c === 'read')).toHaveLength(2);
  });

  it('skips noise before answers without a retry', async () => {
    const { reader, sim } = setup({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'garbage', bytes: 100, times: Infinity }],
    });
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(sim.simulator.received).toEqual(['find', 'select', 'read']);
  });

  it('retries when the reader says our command arrived damaged (SW3 10)', async () => {
    const { reader, sim } = setup({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'sw3', code: 0x10, on: 'select' }],
    });
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(sim.simulator.received).toEqual(['find', 'select', 'find', 'select', 'read']);
  });

  it('gives up after the attempts with a clear error when every answer is corrupt', async () => {
    const { reader, sim } = setup({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'bad-checksum', on: 'read', times: Infinity }],
    });
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(ReaderCorruptAnswerError);
    expect(error).toMatchObject({ code: 'corrupt-answer', command: 'read', reason: 'checksum', attempts: 3 });
    expect(error.message).toBe('the reader\'s answer to "read" was corrupted (bad checksum) on each of 3 attempts');
    expect(sim.simulator.received.filter((c) => c === 'read')).toHaveLength(3);
  });

  it('does not retry a card read failure (SW3 41) and names it', async () => {
    const { reader, sim } = setup({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'sw3', code: 0x41, on: 'read', times: Infinity }],
    });
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(ReaderProtocolError);
    expect(error).toMatchObject({ sw3: 0x41, meaning: 'card read failed', command: 'read' });
    expect(error.message).toContain('SW3 41');
    expect(sim.simulator.received).toEqual(['find', 'select', 'read']);
  });

  it('times out a silent reader after the find timeout', async () => {
    const { reader } = setup({ card: SAMPLE_CARDS.mainlandLongTerm, faults: [{ kind: 'silent', on: 'find' }] });
    const started = performance.now();
    const error = await rejection(reader.readCard());
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ReaderTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', command: 'find', timeoutMs: 300 });
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(600);
  });

  it('ignores the late answer to a timed-out find and reads the card next time', async () => {
    const { reader } = setup(
      { card: SAMPLE_CARDS.mainlandLongTerm, faults: [{ kind: 'delay', ms: 150, on: 'find' }] },
      { timeouts: { find: 100 } },
    );
    await expect(reader.readCard()).rejects.toBeInstanceOf(ReaderTimeoutError);
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
  });

  it('starts each request with a clean parser, so a cut-off answer cannot swallow the next one', async () => {
    const { reader } = setup(
      { card: SAMPLE_CARDS.mainlandLongTerm, faults: [{ kind: 'truncate', on: 'read', keepBytes: 600 }] },
      { interByteTimeoutMs: 5000, timeouts: { read: 100 } },
    );
    await reader.findCard();
    await reader.selectCard();
    await expect(reader.readText()).rejects.toBeInstanceOf(ReaderTimeoutError);
    const started = performance.now();
    expect(await reader.findCard()).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses an answer whose inner lengths are wrong even with a good checksum', async () => {
    const [host, device] = createDuplexPair();
    const parser = new IdCardCommandParser();
    device.pipe(parser);
    parser.on('data', (c: ParsedCommand) => {
      if (c.cmd === 0x20 && c.para === 0x01) device.write(encodeAnswer(0x9f, Buffer.alloc(4)));
      else if (c.cmd === 0x20) device.write(encodeAnswer(0x90, Buffer.alloc(8)));
      else
        device.write(
          encodeAnswer(
            0x90,
            Buffer.concat([Buffer.from([1, 0, 4, 0]), encodeCardText(SAMPLE_CARDS.mainlandDated), Buffer.alloc(1000)]),
          ),
        );
    });
    const reader = new IdCardReader(host, { today: TODAY });
    cleanups.push(() => reader.close());
    const error = await rejection(reader.readCard());
    expect(error).toMatchObject({ code: 'corrupt-answer', reason: 'layout', attempts: 3 });
  });

  it('reports a card it cannot decode', async () => {
    const [host, device] = createDuplexPair();
    const parser = new IdCardCommandParser();
    device.pipe(parser);
    const text = encodeCardText(SAMPLE_CARDS.mainlandDated);
    Buffer.from('Q', 'utf16le').copy(text, 248);
    parser.on('data', (c: ParsedCommand) => {
      if (c.para === 0x01 && c.cmd === 0x20) device.write(encodeAnswer(0x9f, Buffer.alloc(4)));
      else if (c.cmd === 0x20) device.write(encodeAnswer(0x90, Buffer.alloc(8)));
      else device.write(encodeAnswer(0x90, Buffer.concat([Buffer.from([1, 0, 4, 0]), text, Buffer.alloc(1024)])));
    });
    const reader = new IdCardReader(host);
    cleanups.push(() => reader.close());
    await expect(reader.readCard()).rejects.toBeInstanceOf(CardDecodeError);
  });

  it('runs one request at a time, keeping find → select → read together', async () => {
    const { reader, sim } = setup({ card: SAMPLE_CARDS.mainlandLongTerm });
    const results = await Promise.all([reader.readCard(), reader.samId(), reader.findCard()]);
    expect(results[0]).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(sim.simulator.received).toEqual(['find', 'select', 'read', 'samId', 'find']);
  });

  it('takes the line time of a 115200-baud answer', async () => {
    const { reader } = setup({ card: SAMPLE_CARDS.mainlandLongTerm, baudRate: 115200 });
    const started = performance.now();
    await reader.readCard();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(110);
    expect(elapsed).toBeLessThan(300);
  });
});

describe('personal data', () => {
  it('zeroes the frame holding the photo and logs nothing', async () => {
    const { reader } = setup({ card: SAMPLE_CARDS.mainlandLongTerm });
    // The parser is private; reaching it is the only way to see the frame buffer the photo arrived in.
    const parser = (reader as unknown as { parser: Transform }).parser;
    const frames: ParsedAnswer[] = [];
    parser.on('data', (f: ParsedAnswer) => frames.push(f));
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    try {
      const card = await reader.readCard();
      expect(card).toEqual(SAMPLE_CARDS.mainlandLongTerm);
      const read = frames.find((f) => f.data.length === 1284)!;
      expect(read.data.every((b) => b === 0)).toBe(true);
      expect(JSON.stringify(card)).not.toMatch(/photo/i);
      for (const spy of logs) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of logs) spy.mockRestore();
    }
  });
});

describe('closing', () => {
  it('fails a request in flight when the stream closes, and every later one', async () => {
    const { reader, sim } = setup({ card: SAMPLE_CARDS.mainlandLongTerm, faults: [{ kind: 'silent', on: 'find' }] });
    const closed = new Promise((resolve) => reader.once('close', resolve));
    const pending = reader.readCard();
    sim.stream.destroy();
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(ReaderClosedError);
    expect(await closed).toEqual({ disconnected: false });
    await expect(reader.findCard()).rejects.toBeInstanceOf(ReaderClosedError);
    expect(reader.isClosed).toBe(true);
  });

  it('says the reader was unplugged when the far end of the cable goes away', async () => {
    const [host, device] = createDuplexPair();
    const simulator = new IdCardReaderSimulator({
      baudRate: null,
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'silent', on: 'find' }],
    });
    simulator.attach(device);
    const reader = new IdCardReader(host, { today: TODAY });
    cleanups.push(
      () => reader.close(),
      () => simulator.detach(),
    );
    const closed = new Promise((resolve) => reader.once('close', resolve));
    const pending = reader.readCard();
    device.destroy();
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(ReaderClosedError);
    expect(error).toMatchObject({ code: 'closed', disconnected: true });
    expect(await closed).toEqual({ disconnected: true });
  });

  it('close() fails requests and calls the owner’s close', async () => {
    const inProcess = createInProcessReader({ baudRate: null });
    cleanups.push(() => inProcess.close());
    const closeStream = vi.fn(async () => {});
    const reader = new IdCardReader(inProcess.stream, { closeStream });
    await reader.close();
    expect(closeStream).toHaveBeenCalledOnce();
    await expect(reader.samId()).rejects.toMatchObject({ code: 'closed' });
  });
});

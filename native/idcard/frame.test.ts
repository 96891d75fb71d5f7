import { describe, expect, it } from 'vitest';
import {
  encodeAnswer,
  encodeCommand,
  FrameScanner,
  IdCardCommandParser,
  IdCardFrameParser,
  MAX_ANSWER_LEN,
  type BadFrame,
  type ParsedAnswer,
  type ParsedCommand,
} from './frame';
import { COMMANDS } from './protocol';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** Feeds chunks through a parser and collects what it pushes. */
async function parse(chunks: Buffer[], parser = new IdCardFrameParser()): Promise<(ParsedAnswer | BadFrame)[]> {
  const out: (ParsedAnswer | BadFrame)[] = [];
  parser.on('data', (item: ParsedAnswer | BadFrame) => out.push(item));
  for (const c of chunks) parser.write(c);
  await new Promise<void>((resolve) => parser.end(resolve));
  return out;
}

describe('command frames', () => {
  // Byte for byte the table in idcard-reader.md.
  it.each([
    ['reset', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['find', 'AA AA AA 96 69 00 03 20 01 22'],
    ['select', 'AA AA AA 96 69 00 03 20 02 21'],
    ['read', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
  ] as const)('%s is %s', (name, hex) => {
    const { cmd, para } = COMMANDS[name];
    expect(encodeCommand(cmd, para)).toEqual(bytes(hex));
  });
});

describe('answer frames', () => {
  it('match the reference examples', () => {
    expect(encodeAnswer(0x9f, Buffer.alloc(4))).toEqual(bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(encodeAnswer(0x80)).toEqual(bytes('AA AA AA 96 69 00 04 00 00 80 84'));
    expect(encodeAnswer(0x41)).toEqual(bytes('AA AA AA 96 69 00 04 00 00 41 45'));
  });

  it('puts a 1292-byte read body behind the reference header', () => {
    const data = Buffer.alloc(4 + 256 + 1024);
    data.writeUInt16BE(256, 0);
    data.writeUInt16BE(1024, 2);
    const frame = encodeAnswer(0x90, data);
    expect(frame).toHaveLength(1295);
    expect(frame.subarray(0, 14)).toEqual(bytes('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
  });
});

describe('IdCardFrameParser', () => {
  const find = encodeAnswer(0x9f, Buffer.alloc(4));
  const none = encodeAnswer(0x80);

  it('parses a frame in one chunk', async () => {
    expect(await parse([find])).toEqual([{ type: 'answer', sw1: 0, sw2: 0, sw3: 0x9f, data: Buffer.alloc(4) }]);
  });

  it('reassembles a frame fed one byte at a time, and two frames in one chunk', async () => {
    const oneByOne = await parse([...find].map((b) => Buffer.from([b])));
    expect(oneByOne).toHaveLength(1);
    expect((oneByOne[0] as ParsedAnswer).sw3).toBe(0x9f);
    const both = await parse([Buffer.concat([find, none])]);
    expect(both.map((f) => (f as ParsedAnswer).sw3)).toEqual([0x9f, 0x80]);
  });

  it('skips garbage before and between frames, including a preamble split across chunks', async () => {
    const garbage = bytes('00 11 AA AA 96 13 AA');
    const stream = Buffer.concat([garbage, find, garbage, none]);
    // Split inside the second preamble.
    const split = garbage.length + find.length + garbage.length + 2;
    const out = await parse([stream.subarray(0, split), stream.subarray(split)]);
    expect(out.map((f) => f.type === 'answer' && f.sw3)).toEqual([0x9f, 0x80]);
  });

  it('reports a bad checksum and still finds the next frame', async () => {
    const bad = Buffer.from(find);
    bad[bad.length - 1]! ^= 0x01;
    expect(await parse([Buffer.concat([bad, none])])).toEqual([
      { type: 'bad-frame', reason: 'checksum' },
      { type: 'answer', sw1: 0, sw2: 0, sw3: 0x80, data: Buffer.alloc(0) },
    ]);
  });

  it('does not wait for an absurd length, so the next frame is not swallowed', async () => {
    const absurd = bytes('AA AA AA 96 69 FF F0 00 00 90');
    const out = await parse([Buffer.concat([absurd, none])]);
    expect(out[0]).toEqual({ type: 'bad-frame', reason: 'length' });
    expect(out.at(-1)).toMatchObject({ type: 'answer', sw3: 0x80 });
    expect(MAX_ANSWER_LEN).toBeLessThan(0xfff0);
    expect(await parse([bytes('AA AA AA 96 69 00 03 00 00 03')])).toEqual([{ type: 'bad-frame', reason: 'length' }]);
  });

  it('finds the next frame when a damaged LEN reaches into it and the checksum then fails', async () => {
    const grown = Buffer.from(find);
    grown[6] = 0x0a; // two bytes longer: the bogus frame ends inside the next frame's preamble
    const out = await parse([Buffer.concat([grown, none])]);
    expect(out).toEqual([
      { type: 'bad-frame', reason: 'checksum' },
      { type: 'answer', sw1: 0, sw2: 0, sw3: 0x80, data: Buffer.alloc(0) },
    ]);
  });

  it('recovers a frame that a corrupted, larger LEN had started to swallow', async () => {
    const grown = Buffer.from(find);
    grown[6] = 0x40; // LEN 0x0008 → 0x0040: waits for bytes that belong to the next frame
    const out = await parse([Buffer.concat([grown, none])]);
    expect(out.filter((f) => f.type === 'answer').map((f) => (f as ParsedAnswer).sw3)).toEqual([0x80]);
    expect(out[0]).toEqual({ type: 'bad-frame', reason: 'truncated' });
  });

  it('declares a frame truncated when the line goes quiet mid-frame', async () => {
    const parser = new IdCardFrameParser({ interByteTimeoutMs: 20 });
    const out: (ParsedAnswer | BadFrame)[] = [];
    parser.on('data', (item: ParsedAnswer | BadFrame) => out.push(item));
    parser.write(find.subarray(0, 9));
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toEqual([{ type: 'bad-frame', reason: 'truncated' }]);
    parser.write(none);
    await new Promise((r) => setTimeout(r, 5));
    expect(out.at(-1)).toMatchObject({ type: 'answer', sw3: 0x80 });
    parser.destroy();
  });

  it('does not time out between frames, only inside one', async () => {
    const parser = new IdCardFrameParser({ interByteTimeoutMs: 10 });
    const out: unknown[] = [];
    parser.on('data', (item) => out.push(item));
    parser.write(Buffer.concat([find, bytes('01 02 03')]));
    await new Promise((r) => setTimeout(r, 40));
    expect(out).toHaveLength(1);
    parser.destroy();
  });

  it('reset() forgets a partial frame', async () => {
    const parser = new IdCardFrameParser();
    const out: unknown[] = [];
    parser.on('data', (item) => out.push(item));
    parser.write(find.subarray(0, 10));
    parser.reset();
    parser.write(none);
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual([{ type: 'answer', sw1: 0, sw2: 0, sw3: 0x80, data: Buffer.alloc(0) }]);
  });

  it('hands out a copy and leaves the caller’s chunk alone', () => {
    const scanner = new FrameScanner(4, 4096);
    const chunk = Buffer.from(find);
    const [item] = scanner.write(chunk);
    expect(item).toEqual({ type: 'body', body: bytes('00 00 9F 00 00 00 00') });
    // The scanner zeroes bytes it has consumed, but only in its own copy.
    expect(chunk).toEqual(find);
  });
});

describe('IdCardCommandParser', () => {
  it('parses commands and flags a corrupted one', async () => {
    const parser = new IdCardCommandParser();
    const out: (ParsedCommand | BadFrame)[] = [];
    parser.on('data', (item: ParsedCommand | BadFrame) => out.push(item));
    const bad = encodeCommand(0x20, 0x01);
    bad[8] = 0x02;
    parser.write(Buffer.concat([encodeCommand(0x30, 0x01), bad]));
    await new Promise<void>((resolve) => parser.end(resolve));
    expect(out).toEqual([
      { type: 'command', cmd: 0x30, para: 0x01, data: Buffer.alloc(0) },
      { type: 'bad-frame', reason: 'checksum' },
    ]);
  });
});

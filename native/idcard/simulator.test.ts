import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCommand, IdCardFrameParser, type BadFrame, type ParsedAnswer } from './frame';
import { COMMANDS, type CommandName } from './protocol';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { createInProcessReader, type InProcessReader, type SimulatorOptions } from './simulator';

/** Talks to the simulator at byte level, without the driver. */
function rawHost(stream: Duplex) {
  const chunks: { at: number; bytes: Buffer }[] = [];
  const frames: (ParsedAnswer | BadFrame)[] = [];
  const parser = new IdCardFrameParser();
  stream.on('data', (b: Buffer) => {
    chunks.push({ at: performance.now(), bytes: b });
    parser.write(b);
  });
  parser.on('data', (f: ParsedAnswer | BadFrame) => frames.push(f));
  return {
    chunks,
    frames,
    send(name: CommandName) {
      stream.write(encodeCommand(COMMANDS[name].cmd, COMMANDS[name].para));
    },
    raw: () => Buffer.concat(chunks.map((c) => c.bytes)),
  };
}

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

let sim: InProcessReader | undefined;
afterEach(() => sim?.close());

function start(options: SimulatorOptions) {
  sim = createInProcessReader({ baudRate: null, ...options });
  return { host: rawHost(sim.stream), simulator: sim.simulator };
}

describe('reader simulator', () => {
  it('answers find with the reference bytes, with and without a card', async () => {
    const { host, simulator } = start({ card: SAMPLE_CARDS.mainlandLongTerm });
    host.send('find');
    await settle();
    const hex = (s: string) => s.replace(/ /g, '').toLowerCase();
    expect(host.raw().toString('hex')).toBe(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    simulator.removeCard();
    host.send('find');
    await settle();
    expect(host.raw().subarray(15).toString('hex')).toBe(hex('AA AA AA 96 69 00 04 00 00 80 84'));
  });

  it('answers read with the 1295-byte frame laid out as the reference says', async () => {
    const { host } = start({ card: SAMPLE_CARDS.mainlandLongTerm });
    host.send('read');
    await settle();
    const frame = host.raw();
    expect(frame).toHaveLength(1295);
    expect(frame.subarray(0, 14).toString('hex')).toBe('aaaaaa9669050800009001000400');
    expect(frame.toString('utf16le', 14, 14 + 6)).toBe('李秀英');
    expect(frame.toString('utf16le', 14 + 248, 14 + 250)).toBe(' ');
  });

  it('paces a read answer like a 115200-baud line: many pieces over about 112 ms', async () => {
    const { host } = start({ card: SAMPLE_CARDS.mainlandLongTerm, baudRate: 115200 });
    const sent = performance.now();
    host.send('read');
    await settle(250);
    const total = host.chunks.reduce((n, c) => n + c.bytes.length, 0);
    expect(total).toBe(1295);
    expect(host.chunks.length).toBeGreaterThan(10);
    const last = host.chunks.at(-1)!.at - sent;
    expect(last).toBeGreaterThan(105);
    expect(last).toBeLessThan(200);
  });

  it('answers SAM id, latest address (or 91 without one) and fingerprints', async () => {
    const { host, simulator } = start({ card: SAMPLE_CARDS.mainlandDated });
    host.send('samId');
    host.send('readAddress');
    await settle();
    simulator.insertCard(SAMPLE_CARDS.mainlandDated, { latestAddress: '北京市西城区西长安街2号', fingerprints: true });
    host.send('readAddress');
    host.send('readFingerprint');
    await settle();
    const answers = host.frames as ParsedAnswer[];
    expect(answers.map((a) => a.sw3)).toEqual([0x90, 0x91, 0x90, 0x90]);
    expect(answers[0]!.data).toHaveLength(16);
    expect(answers[2]!.data.toString('utf16le').trimEnd()).toBe('北京市西城区西长安街2号');
    expect(answers[3]!.data.subarray(0, 6).toString('hex')).toBe('010004000400');
    expect(answers[3]!.data).toHaveLength(6 + 256 + 1024 + 1024);
  });

  it('applies a fault the configured number of times, only to its command', async () => {
    const { host, simulator } = start({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [
        { kind: 'bad-checksum', on: 'read', times: 1 },
        { kind: 'sw3', code: 0x41, on: 'read', times: 1 },
      ],
    });
    host.send('find');
    host.send('read');
    host.send('read');
    await settle();
    expect(host.frames.map((f) => (f.type === 'answer' ? f.sw3 : f.reason))).toEqual([0x9f, 'checksum', 0x90]);
    expect(simulator.received).toEqual(['find', 'read', 'read']);
  });

  it('sends noise, cuts answers short or stays silent when told to', async () => {
    const { host, simulator } = start({
      card: SAMPLE_CARDS.mainlandLongTerm,
      faults: [{ kind: 'garbage', bytes: 40 }],
    });
    host.send('find');
    await settle();
    expect(host.raw()).toHaveLength(40 + 15);
    expect(host.frames).toEqual([{ type: 'answer', sw1: 0, sw2: 0, sw3: 0x9f, data: Buffer.alloc(4) }]);
    simulator.setFaults([
      { kind: 'truncate', keepBytes: 9 },
      { kind: 'silent', on: 'select' },
    ]);
    host.send('find');
    host.send('select');
    await settle();
    expect(host.raw()).toHaveLength(40 + 15 + 9);
  });

  it('answers SW3 10 to a command with a bad checksum', async () => {
    const { host, simulator } = start({});
    const bad = encodeCommand(0x20, 0x01);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x01;
    sim!.stream.write(bad);
    await settle();
    expect((host.frames[0] as ParsedAnswer).sw3).toBe(0x10);
    expect(simulator.received).toEqual(['unknown']);
  });

  it('delays answers', async () => {
    const { host } = start({
      card: SAMPLE_CARDS.mainlandLongTerm,
      responseDelayMs: 30,
      faults: [{ kind: 'delay', ms: 50, on: 'find' }],
    });
    const sent = performance.now();
    host.send('find');
    await settle(120);
    expect(host.chunks[0]!.at - sent).toBeGreaterThanOrEqual(75);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdCard } from '../../common/idcard/card';
import {
  NoCardError,
  ReaderClosedError,
  ReaderCorruptAnswerError,
  ReaderProtocolError,
  ReaderTimeoutError,
} from '../../native/idcard/errors';
import { openIdCardReader, type IdCardReader } from '../../native/idcard/reader';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { startSerialSimulator, type SerialSimulator } from '../../native/idcard/simulator';
import { startPtyPair, type PtyPair } from '../../native/serial/pty';

// The real serial path: the simulated reader opens one end of a socat pty pair
// with serialport, the driver opens the other as it would /dev/ttyUSB0. The pty
// ignores the baud rate, so the simulator paces its answers as the line would.

const TODAY = () => '2026-01-01';

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('ID-card reader over a socat pty pair at 115200 baud', () => {
  let pty: PtyPair;
  let served: SerialSimulator;
  let reader: IdCardReader;

  beforeAll(async () => {
    pty = await startPtyPair();
    served = await startSerialSimulator(pty.a, { baudRate: 115200 });
    reader = await openIdCardReader(pty.b, { baudRate: 115200, today: TODAY });
  });

  afterAll(async () => {
    await reader?.close();
    await served?.close();
    await pty?.stop();
  });

  beforeEach(() => {
    served.simulator.setFaults([]);
    served.simulator.insertCard(SAMPLE_CARDS.mainlandLongTerm);
    served.simulator.received.length = 0;
  });

  // How fast a read is belongs to the devices bench; here only that the
  // simulator paces its answer as the line would (it cannot come sooner).
  it('returns the card as JSON, no sooner than the ~112 ms the answer needs on the wire', async () => {
    const { value: card, ms } = await timed(() => reader.readCard());
    expect(JSON.parse(JSON.stringify(card))).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(ms, `read took ${ms.toFixed(1)} ms`).toBeGreaterThan(100);
    expect(served.simulator.received).toEqual(['find', 'select', 'read']);
  });

  it.each([
    ['a mainland card with dated validity', SAMPLE_CARDS.mainlandDated],
    ["a 'J' HK/Macau/Taiwan residence permit", SAMPLE_CARDS.hkPermit],
    ["an 'I' foreign permanent residence card", SAMPLE_CARDS.foreign2017],
    ["a 'Y' foreign permanent residence card", SAMPLE_CARDS.foreign2023],
  ])('reads %s', async (_what, sample) => {
    served.simulator.insertCard(sample);
    expect(IdCard.parse(await reader.readCard())).toEqual(sample);
  });

  it('says there is no card', async () => {
    served.simulator.removeCard();
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(NoCardError);
    expect(error.message).toBe('no card on the reader');
  });

  it('retries after one corrupted answer and succeeds', async () => {
    served.simulator.setFaults([{ kind: 'bad-checksum', on: 'read' }]);
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    // The corrupted answer is asked for again from the start. On a loaded
    // machine a slow answer may time out and be asked for once more: every
    // round is whole, and the second is the retry of the first.
    const rounds = served.simulator.received;
    expect(rounds.slice(0, 6)).toEqual(['find', 'select', 'read', 'find', 'select', 'read']);
    expect(rounds.length % 3).toBe(0);
  });

  it('retries after a truncated answer and succeeds', async () => {
    served.simulator.setFaults([{ kind: 'truncate', on: 'read', keepBytes: 700 }]);
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(served.simulator.received.filter((c) => c === 'read')).toHaveLength(2);
  });

  it('reads through line noise before every answer without a retry', async () => {
    served.simulator.setFaults([{ kind: 'garbage', bytes: 64, times: Infinity }]);
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(served.simulator.received).toEqual(['find', 'select', 'read']);
  });

  it('says what went wrong when every answer is corrupted', async () => {
    served.simulator.setFaults([{ kind: 'bad-checksum', on: 'read', times: Infinity }]);
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(ReaderCorruptAnswerError);
    expect(error.message).toBe('the reader\'s answer to "read" was corrupted (bad checksum) on each of 3 attempts');
  });

  it('reports SW3 41 with its meaning', async () => {
    served.simulator.setFaults([{ kind: 'sw3', code: 0x41, on: 'read' }]);
    const error = await rejection(reader.readCard());
    expect(error).toBeInstanceOf(ReaderProtocolError);
    expect(error).toMatchObject({ sw3: 0x41, meaning: 'card read failed' });
    expect(error.message).toBe('the reader answered "read" with SW3 41: card read failed');
  });

  it('times out a slow answer, then reads normally once the late answer has been ignored', async () => {
    served.simulator.setFaults([{ kind: 'delay', ms: 450, on: 'find' }]);
    const { value: error, ms } = await timed(() => rejection(reader.readCard()));
    expect(error).toBeInstanceOf(ReaderTimeoutError);
    expect(error).toMatchObject({ command: 'find', timeoutMs: 300 });
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
  });

  it('answers the SAM and latest-address commands', async () => {
    await reader.reset();
    await reader.samStatus();
    expect(await reader.samId()).toMatch(/^[0-9A-F]{32}$/);
    served.simulator.insertCard(SAMPLE_CARDS.mainlandDated, {
      latestAddress: '北京市西城区西长安街2号',
      fingerprints: true,
    });
    expect(await reader.readLatestAddress()).toBe('北京市西城区西长安街2号');
    expect(await reader.readWithFingerprint()).toEqual({ card: SAMPLE_CARDS.mainlandDated, hasFingerprint: true });
  });
});

describe('ID-card reader at 9600 baud', () => {
  it('reads although the answer takes ~1.35 s on the wire (the read waits up to 2 s)', async () => {
    const pty = await startPtyPair();
    const served = await startSerialSimulator(pty.a, { baudRate: 9600, card: SAMPLE_CARDS.foreign2017 });
    const reader = await openIdCardReader(pty.b, { baudRate: 9600, today: TODAY });
    try {
      const { value: card, ms } = await timed(() => reader.readCard());
      expect(card).toEqual(SAMPLE_CARDS.foreign2017);
      expect(ms).toBeGreaterThan(1300);
    } finally {
      await reader.close();
      await served.close();
      await pty.stop();
    }
  });
});

describe('ID-card reader unplugged', () => {
  it('fails with ReaderClosedError once the line is gone, and works again after reopening', async () => {
    const pty = await startPtyPair();
    let served = await startSerialSimulator(pty.a, { card: SAMPLE_CARDS.mainlandLongTerm });
    let reader = await openIdCardReader(pty.b, { today: TODAY });
    try {
      expect(await reader.readCard()).toEqual(SAMPLE_CARDS.mainlandLongTerm);
      const closed = new Promise((resolve) => reader.once('close', resolve));
      await pty.restart();
      const error = await rejection(reader.readCard());
      expect(error).toBeInstanceOf(ReaderClosedError);
      expect(error).toMatchObject({ code: 'closed', disconnected: true });
      expect(await closed).toEqual({ disconnected: true });

      await reader.close();
      await served.close();
      served = await startSerialSimulator(pty.a, { card: SAMPLE_CARDS.hkPermit });
      reader = await openIdCardReader(pty.b, { today: TODAY });
      expect(await reader.readCard()).toEqual(SAMPLE_CARDS.hkPermit);
    } finally {
      await reader.close();
      await served.close();
      await pty.stop();
    }
  });
});

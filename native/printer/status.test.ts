import { describe, expect, it } from 'vitest';
import { PrinterWriteFailedError } from './errors';
import type { ByteLink } from './link';
import { createInProcessPrinter, PrinterSimulator } from './simulator';
import { interpretStatus, pollStatus, statusQuery } from './status';

const NORMAL = { b1: 0x12, b2: 0x12, b3: 0x12, b4: 0x12 };

describe('interpretStatus', () => {
  it.each([
    ['ready', NORMAL],
    ['ready', { ...NORMAL, b1: 0x16 }],
    ['paper-near-end', { ...NORMAL, b4: 0x1e }],
    ['paper-out', { b1: 0x1a, b2: 0x32, b3: 0x12, b4: 0x7e }],
    // Some printers only raise the n=2 "stopped by paper end" bit.
    ['paper-out', { b1: 0x1a, b2: 0x32, b3: 0x12, b4: 0x12 }],
    ['cover-open', { b1: 0x1a, b2: 0x16, b3: 0x12, b4: 0x12 }],
    ['cover-open', { b1: 0x1a, b2: 0x36, b3: 0x12, b4: 0x72 }],
    ['cutter-error', { b1: 0x1a, b2: 0x52, b3: 0x1a, b4: 0x12 }],
    ['offline', { ...NORMAL, b1: 0x1a }],
    ['offline', { ...NORMAL, b3: 0x32 }],
    ['offline', { ...NORMAL, b2: 0x52 }],
  ] as const)('%s from %j', (state, raw) => {
    expect(interpretStatus(raw).state).toBe(state);
  });

  it('reports every condition and the raw bytes', () => {
    const status = interpretStatus({ b1: 0x1a, b2: 0x36, b3: 0x12, b4: 0x7e });
    expect(status.conditions).toEqual({
      offline: true,
      coverOpen: true,
      stoppedByPaperEnd: true,
      error: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
      paperNearEnd: true,
      paperOut: true,
    });
    expect(status.raw).toEqual({ b1: 0x1a, b2: 0x36, b3: 0x12, b4: 0x7e });
  });

  it('recognises an answer without the fixed bits as not a status byte', () => {
    expect(interpretStatus(NORMAL).wellFormed).toBe(true);
    expect(interpretStatus({ ...NORMAL, b1: 0x00 }).wellFormed).toBe(false);
    expect(interpretStatus({ ...NORMAL, b1: 0x92 }).wellFormed).toBe(false);
  });
});

describe('pollStatus', () => {
  it('asks DLE EOT 1–4 and reads the state', async () => {
    const { simulator, link } = createInProcessPrinter();
    expect(statusQuery(3)).toEqual(Uint8Array.of(0x10, 0x04, 0x03));
    expect(await pollStatus(link, 500)).toMatchObject({ answered: true, state: 'ready' });
    expect(simulator.statusQueries).toEqual([1, 2, 3, 4]);
    expect(simulator.printed).toHaveLength(0);

    simulator.set({ paper: 'near-end' });
    expect(await pollStatus(link, 500)).toMatchObject({ state: 'paper-near-end' });
    simulator.set({ paper: 'out' });
    expect(await pollStatus(link, 500)).toMatchObject({
      state: 'paper-out',
      raw: { b1: 0x1a, b2: 0x32, b3: 0x12, b4: 0x7e },
    });
    simulator.set({ paper: 'ok', coverOpen: true });
    expect(await pollStatus(link, 500)).toMatchObject({ state: 'cover-open' });
    simulator.set({ coverOpen: false, cutterError: true });
    expect(await pollStatus(link, 500)).toMatchObject({ state: 'cutter-error' });
    simulator.set({ cutterError: false, offline: true });
    expect(await pollStatus(link, 500)).toMatchObject({ state: 'offline', answered: true });
  });

  it('reports a silent printer as offline / no-answer within the timeout', async () => {
    const { simulator, link } = createInProcessPrinter(new PrinterSimulator().set({ answersStatus: false }));
    const started = Date.now();
    const report = await pollStatus(link, 150);
    expect(report).toMatchObject({ answered: false, state: 'offline', failure: 'no-answer' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(simulator.statusQueries).toEqual([1]);
  });

  it('recognises a wrong baud rate by the garbage it answers', async () => {
    const link = fakeLink((write, emit) => {
      write.forEach(() => emit(0x00));
    });
    expect(await pollStatus(link, 200)).toMatchObject({
      answered: false,
      failure: 'unexpected-answer',
      received: [0, 0, 0, 0],
    });
  });

  it('does not hang on a port that never drains', async () => {
    const link: ByteLink = { ...fakeLink(() => {}), write: () => new Promise(() => {}) };
    expect(await pollStatus(link, 100)).toMatchObject({
      failure: 'no-answer',
      detail: expect.stringContaining('could not be sent'),
    });
  });

  it('reports a closed or failing port without throwing', async () => {
    const { link } = createInProcessPrinter();
    await link.close();
    expect(await pollStatus(link, 100)).toMatchObject({ answered: false, failure: 'not-open' });
    const failing: ByteLink = {
      ...fakeLink(() => {}),
      write: () => Promise.reject(new PrinterWriteFailedError('EIO')),
    };
    expect(await pollStatus(failing, 100)).toMatchObject({ answered: false, failure: 'write-failed' });
  });
});

/** A link whose far end is `respond(bytesWritten, emit)`. */
function fakeLink(respond: (written: number[], emit: (byte: number) => void) => void): ByteLink {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  return {
    isOpen: true,
    async write(bytes) {
      queueMicrotask(() => respond([...bytes].slice(2), (byte) => listeners.forEach((l) => l(Uint8Array.of(byte)))));
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: () => () => undefined,
    close: async () => undefined,
  };
}

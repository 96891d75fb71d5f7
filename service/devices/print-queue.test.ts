import { describe, expect, it } from 'vitest';
import type { PrinterState, PrintJob } from '../../common/api/devices';
import { PrintQueue, PrintQueueFullError } from './print-queue';

function setup(initial: PrinterState | undefined = 'ready') {
  let state: PrinterState | undefined = initial;
  const sent: string[] = [];
  const changes: PrintJob[] = [];
  let failNext = false;
  const queue = new PrintQueue({
    status: async () => state,
    send: async (bytes) => {
      if (failNext) {
        failNext = false;
        throw new Error('port closed');
      }
      sent.push(new TextDecoder().decode(bytes));
    },
    onChange: (job) => changes.push(job),
  });
  return {
    queue,
    sent,
    changes,
    setState: (s: PrinterState | undefined) => (state = s),
    failNextSend: () => (failNext = true),
  };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('print queue', () => {
  it('prints jobs in order when the printer is ready', async () => {
    const { queue, sent } = setup();
    queue.enqueue('a', bytes('A'));
    queue.enqueue('b', bytes('B'));
    await queue.kick();
    expect(sent).toEqual(['A', 'B']);
    expect(queue.jobs().map((j) => j.state)).toEqual(['printed', 'printed']);
  });

  it('keeps jobs waiting while the printer has no paper, says why, and prints them once it is back', async () => {
    const { queue, sent, changes, setState } = setup('paper-out');
    const job = queue.enqueue('receipt', bytes('R'));
    await queue.kick();
    expect(sent).toEqual([]);
    expect(queue.jobs()[0]).toMatchObject({ id: job.id, state: 'waiting', reason: 'paper-out' });
    setState('cover-open');
    await queue.kick();
    expect(queue.jobs()[0]).toMatchObject({ state: 'waiting', reason: 'cover-open' });
    setState(undefined);
    await queue.kick();
    expect(queue.jobs()[0]).toMatchObject({ state: 'waiting', reason: 'offline' });
    setState('paper-near-end');
    await queue.kick();
    expect(sent).toEqual(['R']);
    expect(queue.jobs()[0]?.state).toBe('printed');
    expect(queue.jobs()[0]?.reason).toBeUndefined();
    expect(changes.map((c) => c.state)).toEqual(['queued', 'waiting', 'waiting', 'waiting', 'printing', 'printed']);
  });

  it('never resends an interrupted job by itself; retry sends it once more', async () => {
    const { queue, sent, failNextSend } = setup();
    failNextSend();
    const job = queue.enqueue('receipt', bytes('R'));
    await queue.kick();
    await queue.kick();
    expect(sent).toEqual([]);
    expect(queue.jobs()[0]).toMatchObject({ state: 'failed', reason: 'interrupted' });
    expect(queue.retry(job.id)?.state).toBe('queued');
    await queue.kick();
    expect(sent).toEqual(['R']);
    expect(queue.retry(job.id)).toBeUndefined();
  });

  it('at the end of a session forgets finished jobs, holds unprinted submission receipts, drops the rest; none prints when paper is back', async () => {
    const { queue, sent, setState } = setup();
    queue.enqueue('done', bytes('D'));
    await queue.kick();
    setState('paper-out');
    const receipt = queue.enqueue('owed receipt', bytes('O'), { owed: true });
    const article = queue.enqueue('article', bytes('A'));
    await queue.kick();
    expect(queue.jobs().map((j) => [j.title, j.state])).toEqual([
      ['done', 'printed'],
      ['owed receipt', 'waiting'],
      ['article', 'queued'],
    ]);
    const ended = queue.endSession();
    expect(ended.held.map((j) => j.id)).toEqual([receipt.id]);
    expect(ended.dropped.map((j) => j.id)).toEqual([article.id]);
    expect(queue.jobs()).toEqual([]);
    setState('ready');
    await queue.kick();
    expect(sent).toEqual(['D']);
  });

  it('does not send a job the session ended while the printer was being asked', async () => {
    let answer: (s: PrinterState) => void = () => undefined;
    const sent: Uint8Array[] = [];
    const queue = new PrintQueue({
      status: () => new Promise<PrinterState>((resolve) => (answer = resolve)),
      send: async (b) => void sent.push(b),
      onChange: () => undefined,
    });
    queue.enqueue('article', bytes('A'));
    const pass = queue.kick();
    queue.endSession();
    answer('ready');
    await pass;
    expect(sent).toEqual([]);
  });

  it('refuses jobs past its limit, in jobs and in bytes, and lets a submission receipt use the reserve', async () => {
    const limits = { jobs: 3, bytes: 100, owedJobs: 1, owedBytes: 50 };
    let state: PrinterState = 'paper-out';
    const queue = new PrintQueue({
      status: async () => state,
      send: async () => undefined,
      onChange: () => undefined,
      limits,
    });
    for (let i = 0; i < 3; i++) queue.enqueue(`a${i}`, bytes('x'.repeat(10)));
    expect(() => queue.enqueue('one too many', bytes('x'))).toThrow(PrintQueueFullError);
    const owed = queue.enqueue('receipt', bytes('x'.repeat(10)), { owed: true });
    expect(owed.state).toBe('queued');
    expect(() => queue.enqueue('second receipt', bytes('x'), { owed: true })).toThrow(PrintQueueFullError);
    expect(queue.jobs()).toHaveLength(4);

    // Printed jobs no longer count, and their bytes are let go.
    state = 'ready';
    await queue.kick();
    const big = queue.enqueue('big', bytes('x'.repeat(100)));
    expect(big.state).toBe('queued');
    state = 'paper-out';
    expect(() => queue.enqueue('over the bytes', bytes('x'))).toThrow(PrintQueueFullError);
    expect(queue.enqueue('receipt over the bytes', bytes('x'.repeat(50)), { owed: true }).state).toBe('queued');
    expect(() => queue.enqueue('past the reserve', bytes('x'), { owed: true })).toThrow(PrintQueueFullError);
  });

  it('has a default limit', () => {
    const queue = new PrintQueue({
      status: async () => 'paper-out',
      send: async () => undefined,
      onChange: () => undefined,
    });
    let refused: unknown;
    for (let i = 0; i < 1000 && refused === undefined; i++) {
      try {
        queue.enqueue(`article ${i}`, bytes('x'.repeat(100 * 1024)));
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(PrintQueueFullError);
    expect(queue.jobs().length).toBeLessThan(100);
  });

  it('lets a job being sent when the session ends finish, then forgets it: the next person can neither see nor resend it', async () => {
    for (const outcome of ['printed', 'failed'] as const) {
      let finishSend: (ok: boolean) => void = () => undefined;
      const queue = new PrintQueue({
        status: async () => 'ready',
        send: () =>
          new Promise<void>(
            (resolve, reject) => (finishSend = (ok) => (ok ? resolve() : reject(new Error('paper jam')))),
          ),
        onChange: () => undefined,
      });
      const job = queue.enqueue('回执 A-STRANGER', bytes('R'), { owed: true });
      const pass = queue.kick();
      await new Promise((r) => setTimeout(r, 0));
      expect(queue.jobs()[0]?.state).toBe('printing');
      expect(queue.endSession()).toEqual({ held: [], dropped: [] });
      finishSend(outcome === 'printed');
      await pass;
      expect(queue.jobs(), outcome).toEqual([]);
      expect(queue.retry(job.id), outcome).toBeUndefined();
    }
  });
});

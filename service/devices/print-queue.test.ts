import { describe, expect, it } from 'vitest';
import type { PrinterState, PrintJob } from '../../common/api/devices';
import { PrintQueue } from './print-queue';

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

  it('forgets finished jobs at the end of a session but keeps jobs still owed', async () => {
    const { queue, setState } = setup();
    queue.enqueue('done', bytes('D'));
    await queue.kick();
    setState('paper-out');
    queue.enqueue('owed', bytes('O'));
    await queue.kick();
    queue.forgetFinished();
    expect(queue.jobs().map((j) => [j.title, j.state])).toEqual([['owed', 'waiting']]);
  });
});

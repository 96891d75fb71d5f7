import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestBody } from '../../common/api/contract';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

const RATING: RequestBody<'submit'> = {
  kind: 'rating',
  payload: { subject: 'overall', score: 5 },
  receipt: {
    blocks: [
      { type: 'text', text: '评价回执' },
      { type: 'pair', label: '参考编号', value: '{{reference}}' },
      { type: 'cut' },
    ],
  },
  idempotencyKey: '',
};
const ARTICLE: RequestBody<'print'> = {
  title: '法条',
  receipt: { blocks: [{ type: 'text', text: '《劳动合同法》第三十条' }, { type: 'cut' }] },
};

const printerState = (kiosk: InProcessKiosk) =>
  kiosk.service.devices.devices().find((d) => d.device === 'receiptPrinter')?.state;

describe('the end of a session', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk();
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('forgets what the session may reprint: the touchscreen is refused as for an unknown reference, a technician is not', async () => {
    await expect.poll(() => printerState(kiosk), { timeout: 15_000 }).toBe('ready');
    const { reference } = await kiosk.ok('submit', { ...RATING, idempotencyKey: randomUUID() });
    expect(await kiosk.ok('submissionReprint', { reference })).toMatchObject({ reference });

    expect(await kiosk.ok('sessionEnd', { reason: 'idle' })).toEqual({});
    const refused = await kiosk.refused('submissionReprint', { reference });
    const unknown = await kiosk.refused('submissionReprint', { reference: 'A250314-2222-W' });
    expect(refused.status).toBe(404);
    expect(refused.error.message.replaceAll(reference, 'REF')).toBe(
      unknown.error.message.replaceAll('A250314-2222-W', 'REF'),
    );
    expect(await kiosk.ok('submissionReprint', { reference }, 'technician')).toMatchObject({ reference });
    expect(
      kiosk
        .logs()
        .filter((l) => l['msg'] === 'session ended')
        .map((l) => l['reason']),
    ).toEqual(['idle']);
  });

  it('takes what has not printed out of the queue: a submission’s receipt stays owed, anything else is dropped', async () => {
    await kiosk.ok('simulate', { printer: { paper: 'out' } });
    await expect.poll(() => printerState(kiosk), { timeout: 15_000 }).toBe('paper-out');
    const article = await kiosk.ok('print', ARTICLE);
    const submitted = await kiosk.ok('submit', { ...RATING, idempotencyKey: randomUUID() });
    expect(submitted.printJob).not.toBeNull();

    await kiosk.ok('sessionEnd', { reason: 'finish' });
    const left = (await kiosk.ok('printJobs')).jobs;
    expect(left.find((j) => j.id === article.id)).toBeUndefined();
    expect(left.find((j) => j.id === submitted.printJob!.id)).toBeUndefined();
    expect((await kiosk.ok('submission', { reference: submitted.reference }, 'technician')).receiptPrinted).toBe(false);

    // Paper back: nothing of the last session prints by itself.
    await kiosk.ok('simulate', { printer: { paper: 'ok' } });
    await expect.poll(() => printerState(kiosk), { timeout: 15_000 }).toBe('ready');
    const marker = await kiosk.ok('print', { ...ARTICLE, title: 'marker' });
    await expect
      .poll(async () => (await kiosk.ok('printJobs')).jobs.find((j) => j.id === marker.id)?.state, { timeout: 15_000 })
      .toBe('printed');
    expect(JSON.stringify(kiosk.service.devices.simulated.printer!.decode().lines)).not.toContain(submitted.reference);
  });
});

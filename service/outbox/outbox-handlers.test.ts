import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestBody } from '../../common/api/contract';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

const RECEIPT = {
  blocks: [
    { type: 'text' as const, text: '评价回执' },
    { type: 'pair' as const, label: '参考编号', value: '{{reference}}' },
    { type: 'cut' as const },
  ],
};
const rating = (score: number, idempotencyKey: string, withReceipt = true): RequestBody<'submit'> => ({
  kind: 'rating',
  payload: { subject: 'overall', score },
  idempotencyKey,
  ...(withReceipt ? { receipt: RECEIPT } : {}),
});
const withoutPrinter = (demo: TerminalConfig): TerminalConfig => ({
  ...demo,
  devices: { ...demo.devices, receiptPrinter: { mode: 'none' } },
});

describe('the submission routes', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk();
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('return the first submission for a repeated idempotency key, and 409 when the key comes back with another submission', async () => {
    const key = randomUUID();
    const first = await kiosk.ok('submit', rating(5, key));
    expect(first.duplicate).toBe(false);
    expect(await kiosk.ok('submit', rating(5, key))).toMatchObject({ reference: first.reference, duplicate: true });
    const conflict = await kiosk.refused('submit', rating(1, key));
    expect(conflict.status).toBe(409);
    expect(conflict.error).toMatchObject({ code: 'conflict' });
    expect(conflict.error.message).toContain(first.reference);
  });

  it('say 404 for the status of a reference this terminal did not make', async () => {
    expect(await kiosk.refused('submission', { reference: 'A250314-2222-W' })).toMatchObject({
      status: 404,
      error: { code: 'not-found' },
    });
  });

  it('answer 409 to a reprint of a submission that has no receipt', async () => {
    const { reference } = await kiosk.ok('submit', rating(3, randomUUID(), false));
    expect(await kiosk.refused('submissionReprint', { reference }, 'technician')).toEqual({
      status: 409,
      error: { code: 'conflict', message: `submission ${reference} has no receipt to print` },
    });
  });

  it('let a technician, and only a technician, have the outbox sent again', async () => {
    const { reference } = await kiosk.ok('submit', rating(2, randomUUID(), false));
    expect(await kiosk.refused('outboxRetry', {})).toMatchObject({ status: 403, error: { code: 'forbidden' } });
    // Not enrolled: the row waits, due from the start, so there is nothing to hurry…
    expect(await kiosk.ok('outboxRetry', { reference }, 'technician')).toEqual({ due: 0 });
    expect(await kiosk.refused('outboxRetry', { reference: 'A250314-2222-W' }, 'technician')).toMatchObject({
      status: 404,
      error: { code: 'not-found' },
    });
  });
});

describe('the submission routes on a terminal without a printer', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk({ config: withoutPrinter });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('store a submission with its receipt owed, and answer a reprint 503 saying why', async () => {
    const submitted = await kiosk.ok('submit', rating(4, randomUUID()));
    expect(submitted).toMatchObject({ receiptPrinted: false, printJob: null });
    expect(await kiosk.refused('submissionReprint', { reference: submitted.reference }, 'technician')).toEqual({
      status: 503,
      error: { code: 'unavailable', message: 'The receipt cannot be printed: this terminal has no receipt printer' },
    });
  });
});

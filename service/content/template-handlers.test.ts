import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';
import { IOU_VALUES } from '../testing/sample-documents';

/** The same answers with a wrong check character: what a screen that checked an older version might send. */
const STALE_VALUES = { ...IOU_VALUES, 'borrower.idNumber': '110105194912310021' };

const withoutPrinter = (demo: TerminalConfig): TerminalConfig => ({
  ...demo,
  devices: { ...demo.devices, receiptPrinter: { mode: 'none' } },
});

describe('the template routes on the demo terminal', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk();
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('preview the filled document laid out for this printer, the parties’ numbers whole as it will print', async () => {
    const preview = await kiosk.ok('templatePreview', { id: 'iou', values: IOU_VALUES });
    if (!preview.ok) throw new Error(`expected a preview, got ${JSON.stringify(preview.errors)}`);
    expect(preview.layout.columns).toBe(48);
    expect(JSON.stringify(preview.layout.lines)).toContain('11010519491231002X');
  });

  it('print the document the service filled again from the answers, the parties’ numbers whole', async () => {
    const job = await kiosk.ok('templatePrint', { id: 'iou', values: IOU_VALUES, title: '借条' });
    expect(job).toMatchObject({ title: '借条' });
    await expect
      .poll(() => kiosk.service.devices.printJobs().find((j) => j.id === job.id)?.state, { timeout: 15_000 })
      .toBe('printed');
    const paper = JSON.stringify(kiosk.service.devices.simulated.printer!.decode().lines);
    expect(paper).toContain('11010519491231002X');
    expect(paper).toContain('13800138000');
  });

  it('refuse to print answers that no longer pass with 409, naming the field, and print nothing', async () => {
    const before = kiosk.service.devices.printJobs().length;
    const stale = await kiosk.refused('templatePrint', { id: 'iou', values: STALE_VALUES, title: '借条' });
    expect(stale.status).toBe(409);
    expect(stale.error.code).toBe('conflict');
    expect(stale.error.message).toContain('borrower.idNumber (id-number-check-character)');
    expect(kiosk.service.devices.printJobs()).toHaveLength(before);
  });

  it('say 404 for a template the release does not have, to the preview and the print alike', async () => {
    expect(await kiosk.refused('templatePreview', { id: 'no-such-template', values: {} })).toMatchObject({
      status: 404,
      error: { code: 'not-found' },
    });
    expect(
      await kiosk.refused('templatePrint', { id: 'no-such-template', values: IOU_VALUES, title: '借条' }),
    ).toMatchObject({ status: 404, error: { code: 'not-found' } });
  });
});

describe('the template routes on a terminal without a printer', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk({ config: withoutPrinter });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('answer 503 to a preview or print of good answers: there is nothing to lay it out for', async () => {
    const noPrinter = { status: 503, error: { code: 'unavailable', message: 'This terminal has no receipt printer' } };
    expect(await kiosk.refused('templatePreview', { id: 'iou', values: IOU_VALUES })).toEqual(noPrinter);
    expect(await kiosk.refused('templatePrint', { id: 'iou', values: IOU_VALUES, title: '借条' })).toEqual(noPrinter);
  });

  it('still check the answers first: field errors in the preview, 409 for the print', async () => {
    const preview = await kiosk.ok('templatePreview', { id: 'iou', values: STALE_VALUES });
    expect(preview).toEqual({ ok: false, errors: [{ field: 'borrower.idNumber', code: 'id-number-check-character' }] });
    expect((await kiosk.refused('templatePrint', { id: 'iou', values: STALE_VALUES, title: '借条' })).status).toBe(409);
  });
});

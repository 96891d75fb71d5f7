import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../common/api/errors';
import { TemplatePreviewResponse, TemplateResponse, TemplatesResponse } from '../../common/api/templates';
import { PrintJob } from '../../common/api/devices';
import { IOU_VALUES } from '../../service/testing/sample-documents';
import { useKiosk } from './fixture';

const { kiosk } = useKiosk();

async function call(path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${kiosk.origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${kiosk.secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('templates API', () => {
  it('lists the templates by category, each with the article it rests on', async () => {
    const { templates } = TemplatesResponse.parse((await call('/api/content/templates')).json);
    expect(templates.length).toBeGreaterThanOrEqual(7);
    expect(templates[0]).toMatchObject({
      id: 'iou',
      title: '借条',
      category: '借贷',
      governs: { lawShort: '民法典', article: '第六百六十八条' },
    });
    expect(new Set(templates.map((t) => t.category))).toEqual(new Set(['借贷', '婚姻家庭', '劳动', '法律援助']));
    expect(templates.every((t) => t.governs !== null)).toBe(true);
  });

  it('serves the 借条 with its fields, body, signature lines, note and governing law', async () => {
    const iou = TemplateResponse.parse((await call('/api/content/template', { id: 'iou' })).json);
    expect(iou.governs).toMatchObject({ law: '中华人民共和国民法典', article: '第六百六十八条' });
    expect(iou.fields.find((f) => f.id === 'loan.amount')).toMatchObject({ kind: 'amount', required: true });
    expect(iou.fields.find((f) => f.id === 'borrower.idNumber')).toMatchObject({
      kind: 'id-number',
      prefill: 'idNumber',
    });
    expect(iou.body).toContain('{{loan.amount}}');
    expect(iou.signatures).toEqual([{ role: '借款人', how: '签名并按手印' }]);
    expect(iou.note.check.length).toBeGreaterThan(0);
    expect((await call('/api/content/template', { id: 'no-such-template' })).status).toBe(404);
  });

  it('previews a filled 借条 laid out for this printer, with the amount in capitals and the parties whole, and prints it', async () => {
    const res = await call('/api/templates/preview', { id: 'iou', values: IOU_VALUES });
    expect(res.status).toBe(200);
    const preview = TemplatePreviewResponse.parse(res.json);
    if (!preview.ok) throw new Error(`expected a preview, got ${JSON.stringify(preview.errors)}`);
    const text = preview.layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : [])).join('');
    expect(preview.layout.columns).toBe(48);
    expect(text).toContain('壹万贰仟叁佰肆拾伍元陆角');
    expect(text).toContain('￥12,345.60');
    // A 借条 is only of use with the parties' full numbers: the document is the citizen's own.
    expect(text).toContain('13800138000');
    expect(text).toContain('11010519491231002X');
    expect(text).toContain('《中华人民共和国民法典》第六百六十八');
    const job = PrintJob.parse(
      (await call('/api/templates/print', { id: 'iou', values: IOU_VALUES, title: '借条' })).json,
    );
    expect(job.title).toBe('借条');
  });

  it('prints a document only from answers that pass, and never a client-made receipt unmasked', async () => {
    const stale = await call('/api/templates/print', {
      id: 'iou',
      values: { ...IOU_VALUES, 'borrower.idNumber': '110105194912310021' },
      title: '借条',
    });
    expect(stale.status).toBe(409);
    expect(ApiErrorBody.parse(stale.json).error.message).toContain('borrower.idNumber');
    // The same filled text sent as a receipt of the client's own making is masked like any other receipt.
    const preview = TemplatePreviewResponse.parse(
      (await call('/api/templates/preview', { id: 'iou', values: IOU_VALUES })).json,
    );
    if (!preview.ok) throw new Error('expected a preview');
    const asReceipt = (await call('/api/print/preview', { receipt: preview.receipt })).json as {
      lines: { kind: string; text?: string }[];
    };
    const text = asReceipt.lines.map((l) => l.text ?? '').join('');
    expect(text).toContain('110***********002X');
    expect(text).not.toContain('11010519491231002X');
  });

  it('answers a bad ID number with an error naming the field, and nothing to print', async () => {
    const res = await call('/api/templates/preview', {
      id: 'iou',
      values: { ...IOU_VALUES, 'borrower.idNumber': '110105194912310021', 'loan.due': '2024-01-01' },
    });
    expect(res.status).toBe(200);
    expect(TemplatePreviewResponse.parse(res.json)).toEqual({
      ok: false,
      errors: [
        { field: 'borrower.idNumber', code: 'id-number-check-character' },
        {
          field: 'loan.due',
          code: 'date-too-early',
          params: { min: '2024-03-05', minField: 'loan.date', minLabel: '收到借款的日期' },
        },
      ],
    });
  });

  it('says 404 for a template that does not exist and 400 for a request that breaks the contract', async () => {
    expect((await call('/api/templates/preview', { id: 'no-such-template', values: {} })).status).toBe(404);
    const bad = await call('/api/templates/preview', { id: 'iou', values: { 'loan.amount': 12345.6 } });
    expect(bad.status).toBe(400);
    expect(ApiErrorBody.parse(bad.json).error.problems?.[0]?.path).toBe('body.values.loan.amount');
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BODY_LIMIT,
  RECEIPT_MAX_BYTES,
  receiptBytes,
  TEMPLATE_HANDOFF_MAX_CHARS,
  TEMPLATE_MAX_FIELDS,
} from '../../common/api/body-limits';
import { api, type RouteName } from '../../common/api/contract';
import { REFERENCE_PLACEHOLDER } from '../../common/api/submissions';
import { useKiosk } from './fixture';
import { apiAnswer } from './harness';

/**
 * A request the contract calls valid is never refused as too large: for each
 * route that carries a receipt or a template's answers, build the largest
 * body its schema accepts (Chinese text, three bytes a character), check the
 * schema takes it and its route's limit holds it, and send it to the real
 * service. One step past a cap is refused with a message naming it.
 */

const HAN = '法';
const han = (n: number): string => HAN.repeat(n);

/** The largest receipt: 4,000-character text blocks up to the byte cap, with the reference placeholder. */
function largestReceipt(): { blocks: Record<string, unknown>[] } {
  const receipt = {
    blocks: [{ type: 'pair', label: '参考编号', value: REFERENCE_PLACEHOLDER, bold: false }] as Record<
      string,
      unknown
    >[],
  };
  for (;;) {
    const block = { type: 'text', text: han(4000), align: 'left', bold: false, size: 'normal' };
    if (receiptBytes({ blocks: [...receipt.blocks, block] }) > RECEIPT_MAX_BYTES) break;
    receipt.blocks.push(block);
  }
  // Fill what is left, one character at a time from a safe estimate.
  const last = { type: 'text', text: '', align: 'left', bold: false, size: 'normal' };
  receipt.blocks.push(last);
  let lo = 0;
  let hi = 4000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    last.text = han(mid);
    if (receiptBytes(receipt) <= RECEIPT_MAX_BYTES) lo = mid;
    else hi = mid - 1;
  }
  last.text = han(lo);
  return receipt;
}

/** The most answers, with the longest names, holding the most text allowed in all. */
function largestValues(perValueMax: number): Record<string, string> {
  const values: Record<string, string> = {};
  let left = TEMPLATE_HANDOFF_MAX_CHARS;
  for (let i = 0; i < TEMPLATE_MAX_FIELDS; i += 1) {
    const key = `f${String(i).padStart(99, '0')}`;
    const n = Math.min(perValueMax, left);
    values[key] = han(n);
    left -= n;
  }
  return values;
}

const LARGEST: Partial<Record<RouteName, () => unknown>> = {
  submit: () => ({
    kind: 'template-handoff',
    payload: {
      templateId: 'divorce-agreement',
      templateVersion: han(40),
      title: han(80),
      values: largestValues(2000),
      recipient: 'lawyer',
    },
    idempotencyKey: randomUUID(),
    receipt: largestReceipt(),
    title: han(80),
  }),
  print: () => ({ title: han(80), receipt: largestReceipt() }),
  printPreview: () => ({ receipt: largestReceipt() }),
  templatePreview: () => ({ id: 'iou', values: largestValues(4000) }),
  templatePrint: () => ({ id: 'iou', values: largestValues(4000), title: han(80) }),
};

const { kiosk } = useKiosk();

const post = async (path: string, body: unknown) =>
  (await apiAnswer(kiosk, path, body)) as { status: number; json: { error?: { code: string; message: string } } };

describe('request bodies and their limits agree', () => {
  it('every route with a raised limit has its largest body here', () => {
    const raised = (Object.keys(api) as RouteName[]).filter(
      (r) => (api[r] as { maxBodyBytes?: number }).maxBodyBytes !== undefined,
    );
    expect(raised.sort()).toEqual(Object.keys(LARGEST).sort());
  });

  for (const [name, build] of Object.entries(LARGEST) as [RouteName, () => unknown][]) {
    it(`${api[name].method} ${api[name].path}: the largest valid body is accepted`, async () => {
      const body = build();
      const parsed = api[name].body.safeParse(body);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      const bytes = Buffer.byteLength(JSON.stringify(body));
      const limit = (api[name] as { maxBodyBytes?: number }).maxBodyBytes ?? DEFAULT_BODY_LIMIT;
      // The body must be well past the default limit, or this would prove nothing.
      expect(bytes).toBeGreaterThan(DEFAULT_BODY_LIMIT);
      expect(bytes).toBeLessThanOrEqual(limit);
      const res = await post(api[name].path, body);
      expect(res.status, JSON.stringify(res.json).slice(0, 300)).not.toBe(413);
      expect(res.json.error?.code).not.toBe('bad-request');
      expect(res.json.error?.code).not.toBe('too-large');
    });
  }

  it('one character past the answers cap is refused, naming the cap', async () => {
    const values = largestValues(4000);
    values['extra'] = HAN;
    const res = await post('/api/templates/preview', { id: 'iou', values });
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toContain(`at most ${TEMPLATE_HANDOFF_MAX_CHARS} characters`);
  });

  it('a receipt past its cap is refused, naming the cap', async () => {
    const receipt = largestReceipt();
    receipt.blocks.push({ type: 'text', text: han(100), align: 'left', bold: false, size: 'normal' });
    const res = await post('/api/print/preview', { receipt });
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toContain(`at most ${RECEIPT_MAX_BYTES} bytes`);
  });

  it('a body nested thousands deep is a 400 naming the field, not a 500', async () => {
    const deep = `{"query":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const res = await fetch(`${kiosk.origin}/api/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kiosk.secret}`, 'content-type': 'application/json' },
      body: deep,
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('bad-request');
    expect(json.error.message).toContain('body.query');
    expect(kiosk.stdout.some((l) => l.includes('Maximum call stack'))).toBe(false);
  });
});

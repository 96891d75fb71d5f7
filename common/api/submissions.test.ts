import { describe, expect, it } from 'vitest';
import { formatReference, isKindLetter } from '../reference-number';
import { Receipt } from '../receipt/receipt';
import {
  fillReceiptTemplate,
  kindOfLetter,
  REFERENCE_PLACEHOLDER,
  ReceiptTemplate,
  SUBMISSION_KIND_LETTERS,
  SUBMISSION_KINDS,
  SUBMISSION_PAYLOADS,
  SubmissionStatusRequest,
  SubmitRequest,
} from './submissions';

const consent = { agreed: true, noticeVersion: 'pipl-2025-01', at: '2025-03-14T10:20:00+08:00' };
const SAMPLE_PAYLOADS = {
  'legal-aid-application': {
    applicant: { name: '张三', idNumber: '420111199001011234', phone: '13812345678', idSource: 'card' },
    matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
    precheck: { outcome: 'likely-eligible', reasons: ['labour-remuneration'] },
    consent,
  },
  'mediation-request': {
    applicant: { name: '李四', phone: '13912345678' },
    otherParty: { name: '王五', relation: '邻居' },
    dispute: { category: 'neighbours', summary: '楼上漏水' },
    consent,
  },
  rating: { subject: 'consultation', score: 5 },
  'template-handoff': { templateId: 'iou', title: '借条', values: { 'lender.name': '张三' }, recipient: 'lawyer' },
  'callback-request': { phone: '13812345678', topic: 'labour', reason: 'no-lawyer', consent },
} as const;

describe('kinds', () => {
  it('each has a distinct reference letter from the alphabet, and a payload schema', () => {
    const letters = SUBMISSION_KINDS.map((k) => SUBMISSION_KIND_LETTERS[k]);
    expect(new Set(letters).size).toBe(letters.length);
    for (const k of SUBMISSION_KINDS) {
      expect(isKindLetter(SUBMISSION_KIND_LETTERS[k]), k).toBe(true);
      expect(kindOfLetter(SUBMISSION_KIND_LETTERS[k])).toBe(k);
      expect(SUBMISSION_PAYLOADS[k].safeParse(SAMPLE_PAYLOADS[k]).success, k).toBe(true);
    }
  });

  it('payloads are strict: an unknown key, a missing consent or a malformed number is refused', () => {
    const base = SAMPLE_PAYLOADS['legal-aid-application'];
    const schema = SUBMISSION_PAYLOADS['legal-aid-application'];
    expect(schema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...base, consent: { ...consent, agreed: false } }).success).toBe(false);
    expect(schema.safeParse({ ...base, applicant: { ...base.applicant, phone: '12345' } }).success).toBe(false);
    expect(schema.safeParse({ ...base, applicant: { ...base.applicant, idNumber: '4201' } }).success).toBe(false);
    expect(SUBMISSION_PAYLOADS.rating.safeParse({ subject: 'overall', score: 6 }).success).toBe(false);
  });

  it('a callback request carries a number, the topic and why the call could not be made — and nothing else', () => {
    const base = SAMPLE_PAYLOADS['callback-request'];
    const schema = SUBMISSION_PAYLOADS['callback-request'];
    expect(schema.safeParse({ ...base, phone: '027-87654321' }).success).toBe(true);
    expect(schema.safeParse({ ...base, phone: '1381234567' }).success).toBe(false);
    expect(schema.safeParse({ ...base, name: '张三' }).success).toBe(false);
    expect(schema.safeParse({ ...base, topic: 'astrology' }).success).toBe(false);
    expect(schema.safeParse({ ...base, reason: 'bored' }).success).toBe(false);
    expect(schema.safeParse({ phone: base.phone, topic: base.topic, reason: base.reason }).success).toBe(false);
  });
});

describe('receipt templates', () => {
  const template = {
    blocks: [
      { type: 'text', text: '法律援助申请回执' },
      { type: 'pair', label: '参考编号', value: REFERENCE_PLACEHOLDER },
      {
        type: 'qr',
        data: `https://hub.example/r/${REFERENCE_PLACEHOLDER}`,
        caption: `扫码查询 ${REFERENCE_PLACEHOLDER}`,
      },
      { type: 'cut' },
    ],
  };

  it('fill in the reference everywhere it is asked for', () => {
    const ref = formatReference({ letter: 'A', day: '2025-03-14', serialNumber: 99 });
    const filled = fillReceiptTemplate(ReceiptTemplate.parse(template), ref);
    expect(Receipt.parse(filled)).toEqual(filled);
    expect(JSON.stringify(filled)).not.toContain(REFERENCE_PLACEHOLDER);
    expect(filled.blocks[1]).toMatchObject({ value: ref });
    expect(filled.blocks[2]).toMatchObject({ data: `https://hub.example/r/${ref}`, caption: `扫码查询 ${ref}` });
  });

  it('must show the reference, and fit once it is filled in', () => {
    expect(ReceiptTemplate.safeParse({ blocks: [{ type: 'text', text: '回执' }] }).success).toBe(false);
    const tooLong = { blocks: [{ type: 'qr', data: `${'x'.repeat(240)}${REFERENCE_PLACEHOLDER}` }] };
    expect(ReceiptTemplate.safeParse(tooLong).success).toBe(false);
  });
});

describe('requests', () => {
  it('submit: the payload is checked by its kind’s schema; the key must be a UUID', () => {
    const ok = {
      kind: 'rating',
      payload: SAMPLE_PAYLOADS.rating,
      idempotencyKey: '6f1c2b1e-3f3a-4c59-9f0e-0c7d8c8f1a2b',
    };
    expect(SubmitRequest.safeParse(ok).success).toBe(true);
    expect(SubmitRequest.safeParse({ ...ok, kind: 'mediation-request' }).success).toBe(false);
    expect(SubmitRequest.safeParse({ ...ok, idempotencyKey: 'twice' }).success).toBe(false);
    expect(SubmitRequest.safeParse({ ...ok, kind: 'lottery' }).success).toBe(false);
  });

  it('status: reads a reference tolerantly and names the problem of a bad one', () => {
    const ref = formatReference({ letter: 'M', day: '2025-03-14', serialNumber: 5 });
    expect(SubmissionStatusRequest.parse({ reference: ` ${ref.toLowerCase().replace(/-/g, '')} ` })).toEqual({
      reference: ref,
    });
    const wrong = SubmissionStatusRequest.safeParse({ reference: ref.slice(0, -1) + (ref.endsWith('2') ? '3' : '2') });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['reference'],
      message: expect.stringMatching(/check character/),
    });
    const unknownKind = formatReference({ letter: 'Q', day: '2025-03-14', serialNumber: 5 });
    expect(SubmissionStatusRequest.safeParse({ reference: unknownKind }).error?.issues[0]?.message).toMatch(
      /no kind of submission/,
    );
  });
});

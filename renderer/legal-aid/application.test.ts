import { describe, expect, it } from 'vitest';
import { LegalAidApplicationPayload, SubmitRequest } from '../../common/api/submissions';
import { checkLegalAid } from '../../common/legal-aid/check';
import type { Identity } from '../flow/id-card/identity';
import {
  applicationPayload,
  checkPhone,
  matterSummary,
  NOTICE_VERSION,
  normalisePhone,
  submitRequest,
} from './application';
import { toAnswers } from './questions';
import { newIdempotencyKey } from '../flow/idempotency-key';

const CARD: Identity = {
  name: '李秀英',
  idNumber: '420111195003080241',
  address: '湖北省武汉市洪山区珞喻路1037号',
  source: 'card',
};
const THRESHOLD = { monthlyIncomePerPersonYuan: 2210, source: 'test fixture', effectiveFrom: '2025-01-01' };

describe('phone numbers', () => {
  it('takes a mobile or a landline with its area code, as the office can call them', () => {
    for (const ok of [
      '13812345678',
      ' 138 1234 5678 ',
      '+8613812345678',
      '027-87654321',
      '02787654321',
      '0710-1234567',
    ])
      expect(checkPhone(ok), ok).toBeNull();
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
  });

  it('says what is wrong in a way the citizen can act on', () => {
    expect(checkPhone('')).toBe('empty');
    expect(checkPhone('1381234567')).toBe('mobile-length');
    expect(checkPhone('138123456789')).toBe('mobile-length');
    expect(checkPhone('87654321')).toBe('landline');
    expect(checkPhone('027-123')).toBe('landline');
    expect(checkPhone('12345678901')).toBe('format');
    expect(checkPhone('X')).toBe('format');
  });
});

describe('the application payload', () => {
  const answers = toAnswers(
    {
      group: 'work',
      matter: 'wages',
      applyingAs: 'self',
      groups: ['migrant-worker'],
      hasAgent: 'no',
      inCourt: 'no',
      urgency: 'none',
    },
    THRESHOLD,
  );
  const precheck = checkLegalAid(answers, THRESHOLD);
  const parts = {
    identity: CARD,
    address: CARD.address!,
    phone: '138 1234 5678',
    category: 'wages' as const,
    description: '工地老板欠了三个月工资',
    opposingParty: ' 某某建筑公司 ',
    precheck,
    consentAt: '2025-03-14T02:20:00.000Z',
  };

  it('is what the service accepts, with the consent to this notice and what the check said', () => {
    const payload = applicationPayload(parts);
    expect(LegalAidApplicationPayload.parse(payload)).toEqual({
      applicant: {
        name: '李秀英',
        idNumber: '420111195003080241',
        phone: '13812345678',
        address: '湖北省武汉市洪山区珞喻路1037号',
        idSource: 'card',
      },
      matter: { category: 'wages', summary: '讨要工资：工地老板欠了三个月工资', opposingParty: '某某建筑公司' },
      precheck: { outcome: 'likely-eligible', reasons: precheck.reasons },
      consent: { agreed: true, noticeVersion: NOTICE_VERSION, at: '2025-03-14T02:20:00.000Z' },
    });
  });

  it('leaves out what was not given, and still names the matter in Chinese for the office', () => {
    const payload = applicationPayload({
      ...parts,
      identity: { ...CARD, address: null, source: 'typed' },
      address: '  ',
      description: '',
      opposingParty: '',
      precheck: null,
    });
    const parsed = LegalAidApplicationPayload.parse(payload);
    expect(parsed.applicant).not.toHaveProperty('address');
    expect(parsed.applicant.idSource).toBe('typed');
    expect(parsed.matter).toEqual({ category: 'wages', summary: '讨要工资' });
    expect(parsed).not.toHaveProperty('precheck');
    expect(matterSummary('other', '  ')).toBe('其他事项');
  });

  it('is sent with its idempotency key', () => {
    const key = newIdempotencyKey();
    const request = submitRequest(
      applicationPayload(parts),
      { blocks: [{ type: 'text', text: '{{reference}}' }] },
      key,
    );
    expect(SubmitRequest.parse(request)).toMatchObject({ kind: 'legal-aid-application', idempotencyKey: key });
  });
});

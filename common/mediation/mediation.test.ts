import { describe, expect, it } from 'vitest';
import { MediationRequestPayload } from '../api/submissions';
import { mediationEn, mediationZhCN } from '../i18n/sections/mediation';
import {
  COMMITTEE_CONTACT_WORKING_DAYS,
  DISPUTE_CATEGORIES,
  DISPUTE_SITUATIONS,
  EMPTY_ANSWERS,
  MEDIATION_NOTICE_VERSION,
  type MediationAnswers,
  buildMediationPayload,
  checkApplicantName,
  checkOptionalIdNumber,
  checkPhone,
  composeSummary,
  firstIncompleteStep,
  localIsoTimestamp,
  parseAmountYuan,
  stepProblems,
  toggleSituation,
} from './mediation';

const words = {
  situation: (c: (typeof DISPUTE_CATEGORIES)[number], s: string) =>
    (mediationZhCN.situations[c] as Record<string, string>)[s]!,
  relation: (r: keyof typeof mediationZhCN.relations) => mediationZhCN.relations[r],
};

const complete: MediationAnswers = {
  ...EMPTY_ANSWERS,
  category: 'neighbour',
  situations: ['noise'],
  details: '楼上每天夜里跺脚',
  applicantName: ' 王秀英 ',
  applicantPhone: '138 1234 5678',
  otherPartyName: '楼上502住户',
  otherPartyRelation: 'neighbour',
  availability: 'weekends',
};

describe('the lists', () => {
  it('every dispute type and situation has words in both languages', () => {
    for (const c of DISPUTE_CATEGORIES) {
      expect(mediationZhCN.category.names[c]).toBeTruthy();
      expect(mediationEn.category.names[c]).toBeTruthy();
      for (const s of DISPUTE_SITUATIONS[c]) {
        expect((mediationZhCN.situations[c] as Record<string, string>)[s], `${c}/${s}`).toBeTruthy();
        expect((mediationEn.situations[c] as Record<string, string>)[s], `${c}/${s}`).toBeTruthy();
      }
    }
  });
  it('the committee’s promise is a small whole number of working days', () => {
    expect(Number.isInteger(COMMITTEE_CONTACT_WORKING_DAYS)).toBe(true);
    expect(COMMITTEE_CONTACT_WORKING_DAYS).toBeGreaterThan(0);
    expect(COMMITTEE_CONTACT_WORKING_DAYS).toBeLessThanOrEqual(15);
  });
});

describe('checks', () => {
  it('names: required, no digits, not too long', () => {
    expect(checkApplicantName('  ')).toBe('required');
    expect(checkApplicantName('13812345678')).toBe('digits');
    expect(checkApplicantName('张'.repeat(51))).toBe('too-long');
    expect(checkApplicantName('欧阳 娜娜')).toBeNull();
  });
  it('phones: mobile or landline with area code; the other side’s is optional', () => {
    expect(checkPhone('', true)).toBe('required');
    expect(checkPhone('', false)).toBeNull();
    expect(checkPhone('13812345678', true)).toBeNull();
    expect(checkPhone('138-1234-5678', true)).toBeNull();
    expect(checkPhone('02787654321', true)).toBeNull();
    expect(checkPhone('12812345678', true)).toBe('format');
    expect(checkPhone('1381234567', true)).toBe('format');
    expect(checkPhone('87654321', false)).toBe('format');
  });
  it('ID number: optional, but when given it must pass the check character', () => {
    expect(checkOptionalIdNumber('')).toBeNull();
    expect(checkOptionalIdNumber('42011119900101123')).toBe('format');
    expect(checkOptionalIdNumber('110101199003077778')).toBe('check');
    expect(checkOptionalIdNumber('11010119900307600x')).toBeNull();
  });
  it('amounts in 元 become fen; zero, too many decimals and letters are refused', () => {
    expect(parseAmountYuan('')).toEqual({ fen: null, problem: null });
    expect(parseAmountYuan('3000')).toEqual({ fen: 300000, problem: null });
    expect(parseAmountYuan('1,250.5')).toEqual({ fen: 125050, problem: null });
    expect(parseAmountYuan('0.07')).toEqual({ fen: 7, problem: null });
    expect(parseAmountYuan('12.')).toEqual({ fen: 1200, problem: null });
    expect(parseAmountYuan('0')).toEqual({ fen: null, problem: 'zero' });
    expect(parseAmountYuan('1.234')).toEqual({ fen: null, problem: 'format' });
    expect(parseAmountYuan('1.2.3')).toEqual({ fen: null, problem: 'format' });
    expect(parseAmountYuan('1000000000')).toEqual({ fen: null, problem: 'too-large' });
    expect(parseAmountYuan('999999999.99')).toEqual({ fen: 99_999_999_999, problem: null });
  });
  it('each step says what is missing', () => {
    expect(stepProblems('category', EMPTY_ANSWERS)).toEqual({ category: 'required' });
    expect(stepProblems('situation', { ...EMPTY_ANSWERS, category: 'neighbour' })).toEqual({ situation: 'required' });
    expect(stepProblems('situation', { ...EMPTY_ANSWERS, category: 'neighbour', details: '漏水' })).toEqual({});
    expect(stepProblems('applicant', EMPTY_ANSWERS)).toEqual({ applicantName: 'required', applicantPhone: 'required' });
    expect(stepProblems('other-party', { ...EMPTY_ANSWERS, otherPartyPhone: '123' })).toEqual({
      otherPartyName: 'required',
      otherPartyPhone: 'format',
    });
    expect(stepProblems('amount', EMPTY_ANSWERS)).toEqual({});
    expect(stepProblems('availability', EMPTY_ANSWERS)).toEqual({ availability: 'required' });
    expect(firstIncompleteStep(EMPTY_ANSWERS)).toBe('category');
    expect(firstIncompleteStep({ ...complete, applicantPhone: '' })).toBe('applicant');
    expect(firstIncompleteStep(complete)).toBeNull();
  });
});

describe('the request', () => {
  it('chips keep the order they are shown in; a second tap takes one off', () => {
    expect(toggleSituation('neighbour', ['pets'], 'noise')).toEqual(['noise', 'pets']);
    expect(toggleSituation('neighbour', ['noise', 'pets'], 'noise')).toEqual(['pets']);
  });
  it('the description is the chips’ words, then the citizen’s own', () => {
    const w = (s: string) => words.situation('neighbour', s);
    expect(composeSummary(['noise', 'water-leak'], '  楼上每天夜里跺脚 ', w)).toBe('噪音扰民、漏水。楼上每天夜里跺脚');
    expect(composeSummary(['noise'], '', w)).toBe('噪音扰民。');
    expect(composeSummary([], '自己写的', w)).toBe('自己写的');
  });
  it('the payload is what the outbox accepts, with only what the committee needs', () => {
    const at = '2025-03-14T10:20:00+08:00';
    const payload = buildMediationPayload(complete, at, words);
    expect(MediationRequestPayload.parse(payload)).toEqual({
      applicant: { name: '王秀英', phone: '13812345678' },
      otherParty: { name: '楼上502住户', relation: '邻居' },
      dispute: { category: 'neighbour', summary: '噪音扰民。楼上每天夜里跺脚' },
      availability: 'weekends',
      consent: { agreed: true, noticeVersion: MEDIATION_NOTICE_VERSION, at },
    });
    const more = buildMediationPayload(
      { ...complete, applicantIdNumber: '11010119900307600x', amountYuan: '3000', otherPartyPhone: '13900001111' },
      at,
      words,
    );
    expect(MediationRequestPayload.parse(more)).toMatchObject({
      applicant: { idNumber: '11010119900307600X', idSource: 'typed' },
      otherParty: { phone: '13900001111' },
      dispute: { amountFen: 300000 },
    });
  });
  it('refuses to build an incomplete request', () => {
    expect(() =>
      buildMediationPayload({ ...complete, availability: null }, '2025-03-14T10:20:00+08:00', words),
    ).toThrow(/availability/);
  });
  it('consent time carries the terminal’s own offset and is a valid ISO time', () => {
    const text = localIsoTimestamp(new Date(2025, 2, 14, 9, 5, 7));
    expect(text).toMatch(/^2025-03-14T09:05:07[+-]\d\d:\d\d$/);
    expect(MediationRequestPayload.shape.consent.shape.at.safeParse(text).success).toBe(true);
  });
});

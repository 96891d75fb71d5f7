import { describe, expect, it } from 'vitest';
import { USER_ROLES } from './accounts';
import {
  mayManage,
  mayManageKiosksIn,
  maySeeFeedbackIn,
  mayWorkCasesIn,
  maySee,
  needsTotp,
  regionPrefix,
  regionWithin,
  type AccountScope,
} from './rights';

const admin: AccountScope = { id: 1, role: 'administrator', regionCode: null };
const hubei: AccountScope = { id: 2, role: 'regional-administrator', regionCode: '420000' };
const wuhan: AccountScope = { id: 3, role: 'regional-administrator', regionCode: '420100' };
const lawyerHongshan: AccountScope = { id: 4, role: 'lawyer', regionCode: '420111' };
const officerGuangzhou: AccountScope = { id: 5, role: 'case-officer', regionCode: '440111' };
const nationalLawyer: AccountScope = { id: 6, role: 'lawyer', regionCode: null };
const otherAdmin: AccountScope = { id: 7, role: 'administrator', regionCode: null };
const officerWuhan: AccountScope = { id: 8, role: 'case-officer', regionCode: '420100' };

describe('regions', () => {
  it('a province, a city and a county each cover what lies within', () => {
    expect([regionPrefix('420000'), regionPrefix('420100'), regionPrefix('420111')]).toEqual(['42', '4201', '420111']);
    expect(regionWithin('420000', '420111')).toBe(true);
    expect(regionWithin('420100', '420111')).toBe(true);
    expect(regionWithin('420100', '420100')).toBe(true);
    expect(regionWithin('420111', '420111')).toBe(true);
    expect(regionWithin('420111', '420100')).toBe(false);
    expect(regionWithin('420100', '420200')).toBe(false);
    expect(regionWithin('420000', '440111')).toBe(false);
  });
});

describe('who manages whom', () => {
  it('an administrator manages every account but their own', () => {
    for (const target of [hubei, wuhan, lawyerHongshan, officerGuangzhou, nationalLawyer, otherAdmin])
      expect(mayManage(admin, target), String(target.id)).toBe(true);
    expect(mayManage(admin, admin)).toBe(false);
  });

  it('a regional administrator manages their region and below, regional administrators only strictly below', () => {
    expect(mayManage(hubei, lawyerHongshan)).toBe(true);
    expect(mayManage(hubei, wuhan)).toBe(true);
    expect(mayManage(wuhan, lawyerHongshan)).toBe(true);
    expect(mayManage(wuhan, officerWuhan)).toBe(true);
    expect(mayManage(wuhan, { ...wuhan, id: 99 })).toBe(false);
    expect(mayManage(wuhan, hubei)).toBe(false);
    expect(mayManage(hubei, officerGuangzhou)).toBe(false);
    expect(mayManage(hubei, nationalLawyer)).toBe(false);
    expect(mayManage(hubei, admin)).toBe(false);
    expect(mayManage(hubei, { id: 0, role: 'administrator', regionCode: null })).toBe(false);
    expect(mayManage(hubei, hubei)).toBe(false);
  });

  it('lawyers and case officers manage nobody', () => {
    for (const actor of [lawyerHongshan, officerWuhan, nationalLawyer])
      for (const role of USER_ROLES) expect(mayManage(actor, { id: 0, role, regionCode: '420111' })).toBe(false);
  });

  it('everyone sees their own account', () => {
    expect(maySee(lawyerHongshan, lawyerHongshan)).toBe(true);
    expect(maySee(wuhan, wuhan)).toBe(true);
    expect(maySee(wuhan, hubei)).toBe(false);
  });

  it('those who manage accounts need a second factor', () => {
    expect(USER_ROLES.filter(needsTotp)).toEqual(['administrator', 'regional-administrator']);
  });
});

describe('who manages which kiosks', () => {
  it('an administrator everywhere, a regional administrator their region and below, nobody else', () => {
    expect(mayManageKiosksIn(admin, '440111')).toBe(true);
    expect(mayManageKiosksIn(hubei, '420111')).toBe(true);
    expect(mayManageKiosksIn(hubei, '420000')).toBe(true);
    expect(mayManageKiosksIn(wuhan, '420111')).toBe(true);
    expect(mayManageKiosksIn(wuhan, '420200')).toBe(false);
    expect(mayManageKiosksIn(wuhan, '420000')).toBe(false);
    expect(mayManageKiosksIn(hubei, '440111')).toBe(false);
    expect(mayManageKiosksIn(lawyerHongshan, '420111')).toBe(false);
    expect(mayManageKiosksIn(officerWuhan, '420100')).toBe(false);
    expect(mayManageKiosksIn({ id: 9, role: 'regional-administrator', regionCode: null }, '420111')).toBe(false);
  });
});

describe('who works which cases, and sees which callbacks and ratings', () => {
  it('an administrator everywhere; a regional administrator or case officer their region and below; no lawyer', () => {
    expect(mayWorkCasesIn(admin, '440111')).toBe(true);
    expect(mayWorkCasesIn(officerWuhan, '420111')).toBe(true);
    expect(mayWorkCasesIn(officerWuhan, '420100')).toBe(true);
    expect(mayWorkCasesIn(officerWuhan, '420200')).toBe(false);
    expect(mayWorkCasesIn(officerWuhan, '420000')).toBe(false);
    expect(mayWorkCasesIn(wuhan, '420111')).toBe(true);
    expect(mayWorkCasesIn(lawyerHongshan, '420111')).toBe(false);
    expect(mayWorkCasesIn({ id: 9, role: 'case-officer', regionCode: null }, '420111')).toBe(false);
  });

  it('lawyers see the callbacks and ratings of their region and below besides', () => {
    expect(maySeeFeedbackIn(lawyerHongshan, '420111')).toBe(true);
    expect(maySeeFeedbackIn(lawyerHongshan, '420106')).toBe(false);
    expect(maySeeFeedbackIn(officerWuhan, '420106')).toBe(true);
    expect(maySeeFeedbackIn({ id: 9, role: 'lawyer', regionCode: null }, '420111')).toBe(false);
  });
});

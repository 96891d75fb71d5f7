import { describe, expect, it } from 'vitest';
import type { IceConfig } from '../../common/hub/api/calls';
import {
  type CallStep,
  dutyHoursLines,
  formatDutyStart,
  nextDutyStart,
  phoneProblem,
  stepAfterStatus,
  waitView,
} from './call-flow';

const ICE: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00Z' };
const CALL = '7b0a3c0e-0000-4000-8000-000000000001';
const waiting: CallStep = { kind: 'waiting', topic: 'labour', callId: CALL, queued: null };
const inCall: CallStep = { kind: 'call', topic: 'labour', callId: CALL, lawyerName: '王律师', ice: ICE };

describe('where a status of the call leads', () => {
  it('a wait follows its place in line, and becomes the call when a lawyer answers', () => {
    expect(stepAfterStatus(waiting, CALL, { state: 'queued', position: 2, estimatedWaitSeconds: 240 })).toEqual({
      ...waiting,
      queued: { position: 2, estimatedWaitSeconds: 240 },
    });
    expect(stepAfterStatus(waiting, CALL, { state: 'answered', lawyerName: '王律师', ice: ICE })).toEqual(inCall);
  });

  it('a wait that ends unanswered says why in words a citizen can act on', () => {
    expect(
      stepAfterStatus(waiting, CALL, {
        state: 'unavailable',
        reason: 'outside-hours',
        nextDutyAt: '2026-12-08T01:00:00Z',
      }),
    ).toEqual({ kind: 'unavailable', topic: 'labour', reason: 'outside-hours', nextDutyAt: '2026-12-08T01:00:00Z' });
    expect(stepAfterStatus(waiting, CALL, { state: 'ended', reason: 'missed' })).toMatchObject({
      kind: 'unavailable',
      reason: 'waited-too-long',
    });
    expect(stepAfterStatus(waiting, CALL, { state: 'ended', reason: 'dropped' })).toMatchObject({
      kind: 'unavailable',
      reason: 'hub-unreachable',
    });
  });

  it('a call that ends goes to the rating, with how it ended', () => {
    expect(stepAfterStatus(inCall, CALL, { state: 'ended', reason: 'completed' })).toEqual({
      kind: 'after',
      topic: 'labour',
      reason: 'completed',
    });
    expect(stepAfterStatus(inCall, CALL, { state: 'ended', reason: 'dropped' })).toMatchObject({ reason: 'dropped' });
    // A stale place in line arriving late does not take the citizen out of the call.
    expect(stepAfterStatus(inCall, CALL, { state: 'queued', position: 1, estimatedWaitSeconds: 0 })).toBe(inCall);
  });

  it('ignores another call’s status, and any status outside a call', () => {
    const other = '7b0a3c0e-0000-4000-8000-000000000002';
    expect(stepAfterStatus(waiting, other, { state: 'ended', reason: 'missed' })).toBe(waiting);
    const notice: CallStep = { kind: 'notice' };
    expect(stepAfterStatus(notice, CALL, { state: 'ended', reason: 'missed' })).toBe(notice);
  });
});

describe('the wait in words', () => {
  it('counts the people ahead and rounds the estimate up to whole minutes, none under a minute', () => {
    expect(waitView({ position: 1, estimatedWaitSeconds: 20 })).toEqual({ ahead: 0, minutes: null });
    expect(waitView({ position: 3, estimatedWaitSeconds: 61 })).toEqual({ ahead: 2, minutes: 2 });
    expect(waitView({ position: 5, estimatedWaitSeconds: 600 })).toEqual({ ahead: 4, minutes: 10 });
  });
});

describe('a phone number for a callback', () => {
  it('takes a mobile number or a landline with its area code, and says what is wrong otherwise', () => {
    expect(phoneProblem('13812345678')).toBeNull();
    expect(phoneProblem('+86 138 1234 5678')).toBeNull();
    expect(phoneProblem('02787654321')).toBeNull();
    expect(phoneProblem('')).toBe('empty');
    expect(phoneProblem('1381234567')).toBe('invalid');
    expect(phoneProblem('87654321')).toBe('invalid');
    expect(phoneProblem('12348')).toBe('invalid');
  });
});

describe('duty hours', () => {
  const words = {
    day: (d: string) =>
      ({ mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' })[d]!,
    dayRange: (from: string, to: string) => `${from}至${to}`,
    rangeSeparator: '、',
  };

  it('groups days in a row with the same hours, and leaves days without duty out', () => {
    const weekdays = ['09:00-12:00', '14:00-17:30'];
    expect(
      dutyHoursLines(
        { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: ['09:00-12:00'] },
        words,
      ),
    ).toEqual(['周一至周五 09:00–12:00、14:00–17:30', '周六 09:00–12:00']);
    expect(dutyHoursLines({ wed: ['10:00-11:00'] }, words)).toEqual(['周三 10:00–11:00']);
    expect(dutyHoursLines({}, words)).toEqual([]);
  });

  it('says when duty next starts, in China time, from any clock', () => {
    const hours = { mon: ['09:00-12:00', '14:00-17:30'], fri: ['09:00-12:00'] };
    // Monday 2026-12-07 12:30 in China is 04:30 UTC: the afternoon range comes next.
    expect(nextDutyStart(hours, new Date('2026-12-07T04:30:00Z'))?.toISOString()).toBe('2026-12-07T06:00:00.000Z');
    // During a range: now.
    expect(nextDutyStart(hours, new Date('2026-12-07T02:15:00Z'))?.toISOString()).toBe('2026-12-07T02:15:00.000Z');
    // Monday evening: Friday morning.
    expect(nextDutyStart(hours, new Date('2026-12-07T11:00:00Z'))?.toISOString()).toBe('2026-12-11T01:00:00.000Z');
    // Friday after noon: next Monday.
    expect(nextDutyStart(hours, new Date('2026-12-11T05:00:00Z'))?.toISOString()).toBe('2026-12-14T01:00:00.000Z');
    expect(nextDutyStart({}, new Date())).toBeNull();
  });

  it('writes a duty start in the citizen’s language, in China time', () => {
    const at = new Date('2026-12-08T01:00:00Z');
    expect(formatDutyStart(at, 'zh-CN')).toBe('12月8日（周二）09:00');
    expect(formatDutyStart(at, 'en')).toBe('Tuesday 8 Dec, 09:00');
  });
});

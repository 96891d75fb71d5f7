import { describe, expect, it } from 'vitest';
import type { FigureCall } from '../calls/call-figures';
import { tallyYear, type CaseFact, type UsageSum, type YearInputs } from './year-figures';

const usage = (
  month: string,
  kioskId: number,
  regionCode: string,
  metric: string,
  key: string,
  count: number,
): UsageSum => ({
  month,
  kioskId,
  regionCode,
  metric,
  key,
  count,
});

const fact = (over: Partial<CaseFact> & Pick<CaseFact, 'kind' | 'submittedAt'>): CaseFact => ({
  kioskId: 1,
  regionCode: '420111',
  acceptedAt: null,
  assignedAt: null,
  outcome: null,
  ...over,
});

const call = (over: Partial<FigureCall> & Pick<FigureCall, 'createdAt'>): FigureCall => ({
  kioskId: 1,
  kioskName: '洪山终端',
  kioskRegion: '420111',
  lawyerId: 7,
  lawyerName: '王芳',
  answeredAt: null,
  endedAt: null,
  endReason: 'abandoned',
  referral: undefined,
  ...over,
});

const inputs = (over: Partial<YearInputs>): YearInputs => ({
  year: 2026,
  regionCode: null,
  kioskId: null,
  usage: [],
  cases: [],
  calls: [],
  kioskNames: new Map([
    [1, '洪山终端'],
    [2, '天河终端'],
  ]),
  ...over,
});

describe('the year’s figures, tallied', () => {
  it('sums each line of the annual table from exactly the inputs it names', () => {
    const f = tallyYear(
      inputs({
        usage: [
          usage('2026-01', 1, '420111', 'consultation', 'labour-wages', 40),
          usage('2026-03', 2, '440106', 'consultation', 'marriage-family', 2),
          usage('2026-01', 1, '420111', 'dispute-screening', 'neighbour', 5),
          usage('2026-01', 1, '420111', 'legal-aid-check', 'likely-eligible', 3),
          usage('2026-01', 1, '420111', 'law-lookup', 'article', 9),
          usage('2026-02', 1, '420111', 'search', 'found', 4),
          usage('2026-02', 1, '420111', 'rating', 'consultation:5', 3),
          usage('2026-02', 1, '420111', 'rating', 'consultation:2', 1),
          // Counted by the kiosk too, but the case facts are what the annual table reads for cases.
          usage('2026-01', 1, '420111', 'legal-aid-application', 'labour', 99),
        ],
        cases: [
          fact({
            kind: 'legal-aid-application',
            submittedAt: '2026-01-10T02:00:00Z',
            acceptedAt: '2026-01-12T02:00:00Z',
            assignedAt: '2026-01-15T02:00:00Z',
          }),
          fact({ kind: 'legal-aid-application', submittedAt: '2026-01-11T02:00:00Z', outcome: 'refused' }),
          // Submitted 1 February 00:30 in China: February's, with its acceptance in March.
          fact({
            kind: 'mediation-request',
            submittedAt: '2026-01-31T16:30:00Z',
            acceptedAt: '2026-03-01T02:00:00Z',
            outcome: 'settled',
          }),
          fact({
            kind: 'mediation-request',
            submittedAt: '2026-02-03T02:00:00+08:00',
            acceptedAt: '2026-02-04T02:00:00Z',
            outcome: 'not-settled',
          }),
          fact({ kind: 'mediation-request', submittedAt: '2026-02-05T02:00:00Z' }),
        ],
        calls: [
          call({
            createdAt: '2026-01-05T02:00:00Z',
            answeredAt: '2026-01-05T02:00:30Z',
            endedAt: '2026-01-05T02:10:30Z',
            endReason: 'completed',
            referral: 'legal-aid',
          }),
          call({
            createdAt: '2026-01-06T02:00:00Z',
            answeredAt: '2026-01-06T02:01:00Z',
            endedAt: '2026-01-06T02:05:00Z',
            endReason: 'completed',
            referral: 'none',
          }),
          call({ createdAt: '2026-01-07T02:00:00Z' }),
        ],
      }),
    );
    const line = (name: string) => f.annual.find((r) => r.line === name)!;
    // Answers opened (42) + video consultations answered (2).
    expect(line('legal-consultations').total).toBe(44);
    // Applications received (2) + a call referred to legal aid (1); the kiosk's own count of applications is not read.
    expect(line('legal-aid-referrals').total).toBe(3);
    expect(line('dispute-screenings').total).toBe(5);
    // Accepted mediation requests, settled ones of them.
    expect(line('mediation-cases').total).toBe(2);
    expect(line('mediation-settled').total).toBe(1);
    expect(line('legal-aid-prechecks').total).toBe(3);
    expect(line('law-lookups').total).toBe(9);
    expect(line('searches').total).toBe(4);
    expect(line('video-consultations').total).toBe(2);
    expect(line('ratings').total).toBe(4);
    // By month: January has the consultations and calls; the settled case is February's, its month of submission.
    expect(line('legal-consultations').byMonth.slice(0, 3)).toEqual([42, 0, 2]);
    expect(line('mediation-settled').byMonth.slice(0, 3)).toEqual([0, 1, 0]);
    expect(line('mediation-cases').byMonth.slice(0, 3)).toEqual([0, 2, 0]);
    // Every line's months add up to its year.
    for (const r of f.annual)
      expect(
        r.byMonth.reduce((a, b) => a + b, 0),
        r.line,
      ).toBe(r.total);

    expect(f.total).toMatchObject({
      legalAidApplications: 2,
      legalAidAccepted: 1,
      legalAidAssigned: 1,
      mediationRequests: 3,
      mediationAccepted: 2,
      mediationSettled: 1,
      callsOffered: 3,
      callsAnswered: 2,
      callsAbandoned: 1,
      callsReferredToLegalAid: 1,
      // (3 × 5 + 2) / 4
      ratingAverage: 4.25,
    });
    expect(f.byMonth.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(f.byRegion.map((r) => [r.regionCode, r.consultations])).toEqual([
      ['420111', 40],
      ['440106', 2],
    ]);
    expect(f.byKiosk.map((k) => [k.kioskName, k.consultations, k.callsAnswered])).toEqual([
      ['洪山终端', 40, 2],
      ['天河终端', 2, 0],
    ]);
    expect(f.consultationsByTopic).toEqual([
      { topic: 'labour-wages', count: 40 },
      { topic: 'marriage-family', count: 2 },
    ]);
    expect(f.ratingsBySubject.find((r) => r.subject === 'consultation')).toEqual({
      subject: 'consultation',
      count: 4,
      average: 4.25,
      byScore: [0, 1, 0, 0, 3],
    });
  });

  it('a year with nothing has twelve empty months and an annual table of zeros', () => {
    const f = tallyYear(inputs({}));
    expect(f.byMonth).toHaveLength(12);
    expect(f.annual.every((r) => r.total === 0 && r.byMonth.every((n) => n === 0))).toBe(true);
    expect(f.total.ratingAverage).toBeNull();
    expect(f.total.callWaitSeconds).toEqual({ p50: null, p90: null });
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../common/api/submissions';
import { HttpError } from '../../server-kit/http/http-error';
import { createLogger } from '../../server-kit/logger';
import { Outbox } from '../outbox/outbox';
import { createDailyStats, localDay } from '../storage/daily-stats';
import { openRecordsDb } from '../storage/records-db';
import { countSubmission, submissionStat, usageHandler } from './usage';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function openTemp() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
  dirs.push(dir);
  return openRecordsDb(join(dir, 'records.db'));
}
function quietLogger() {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } }), lines };
}

const mediation: SubmissionPayload<'mediation-request'> = {
  applicant: { name: '王秀英', phone: '13812345678' },
  otherParty: { name: '楼上住户' },
  dispute: { category: 'neighbour', summary: '噪音扰民。' },
  availability: 'any',
  consent: { agreed: true, noticeVersion: 'mediation-notice-1', at: '2025-03-14T10:20:00+08:00' },
};

describe('submissionStat', () => {
  it('counts requests by category and ratings by subject and score, never anything about the person', () => {
    expect(submissionStat('mediation-request', mediation)).toEqual({ metric: 'mediation-request', key: 'neighbour' });
    expect(submissionStat('rating', { subject: 'mediation', score: 5 })).toEqual({
      metric: 'rating',
      key: 'mediation:5',
    });
    expect(
      submissionStat('legal-aid-application', {
        applicant: { name: '张三', idNumber: '420111199001011234', phone: '13812345678', idSource: 'card' },
        matter: { category: 'labour-wages', summary: '拖欠工资' },
        consent: mediation.consent,
      }),
    ).toEqual({ metric: 'legal-aid-application', key: 'labour-wages' });
    expect(
      submissionStat('template-handoff', { templateId: 'iou', title: '借条', values: {}, recipient: 'lawyer' }),
    ).toBeNull();
    // A callback request by why the call could not be made: never the number left for the lawyer.
    expect(
      submissionStat('callback-request', {
        phone: '13812345678',
        topic: 'labour',
        reason: 'outside-hours',
        consent: mediation.consent,
      }),
    ).toEqual({ metric: 'callback-request', key: 'outside-hours' });
  });
});

describe('the outbox counts each new submission once', () => {
  it('a repeated idempotency key is not counted again; a failing counter never fails the submission', () => {
    const db = openTemp();
    const now = () => new Date(2025, 2, 14, 10, 20);
    const stats = createDailyStats(db, now);
    const { logger } = quietLogger();
    const outbox = new Outbox({
      db,
      terminalId: 'demo-0001',
      printer: undefined,
      logger,
      now,
      onStored: countSubmission(stats),
    });
    const key = randomUUID();
    outbox.submit({ kind: 'mediation-request', payload: mediation, idempotencyKey: key });
    expect(outbox.submit({ kind: 'mediation-request', payload: mediation, idempotencyKey: key }).duplicate).toBe(true);
    outbox.submit({ kind: 'rating', payload: { subject: 'mediation', score: 4 }, idempotencyKey: randomUUID() });
    const day = localDay(now());
    expect(stats.read({ fromDay: day, toDay: day })).toEqual([
      { day, metric: 'mediation-request', key: 'neighbour', count: 1 },
      { day, metric: 'rating', key: 'mediation:4', count: 1 },
    ]);

    const { logger: log2, lines } = quietLogger();
    const broken = new Outbox({
      db,
      terminalId: 'demo-0001',
      printer: undefined,
      logger: log2,
      now,
      onStored: () => {
        throw new Error('disk full');
      },
    });
    const stored = broken.submit({
      kind: 'rating',
      payload: { subject: 'overall', score: 3 },
      idempotencyKey: randomUUID(),
    });
    expect(broken.status(stored.reference)).toMatchObject({ kind: 'rating' });
    expect(lines.join('\n')).toContain('not counted in the usage figures');
    db.close();
  });
});

describe('POST /api/usage', () => {
  it('counts a screen event for today', () => {
    const db = openTemp();
    const stats = createDailyStats(db);
    const usage = usageHandler(stats, () => 'n/a');
    expect(usage({ metric: 'consultation', key: 'labour-wages/unpaid-wages' })).toEqual({});
    usage({ metric: 'consultation', key: 'labour-wages/unpaid-wages' });
    usage({ metric: 'calculator' });
    const day = localDay(new Date());
    expect(stats.read({ fromDay: day, toDay: day })).toEqual([
      { day, metric: 'calculator', key: '', count: 1 },
      { day, metric: 'consultation', key: 'labour-wages/unpaid-wages', count: 2 },
    ]);
    db.close();
  });
  it('answers 503 without records.db', () => {
    const usage = usageHandler(undefined, () => 'the data directory is not writable');
    expect(() => usage({ metric: 'calculator', key: 'court-fee' })).toThrow(HttpError);
  });
});

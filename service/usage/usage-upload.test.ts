import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubApi } from '../../common/hub/api/contract';
import { HEALTHY_HEARTBEAT as HEARTBEAT } from '../../common/hub/sample-heartbeats';
import { openRecordsDb } from '../storage/records-db';
import { confirmUsageDays, usageConfirmedThrough, usageForHeartbeat } from './usage-upload';

describe('usage days on their way to the hub', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
    db = openRecordsDb(join(dir, 'records.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const put = (day: string, metric: string, key: string, count: number) =>
    db.prepare('INSERT INTO daily_stats (day, metric, key, count) VALUES (?, ?, ?, ?)').run(day, metric, key, count);
  const daysOf = (rows: { day: string }[] | undefined) => [...new Set((rows ?? []).map((r) => r.day))];
  const noon = (day: string) => new Date(`${day}T12:00:00`);

  it('sends nothing when nothing was counted', () => {
    expect(usageForHeartbeat(db)).toBeUndefined();
  });

  it('sends whole days, oldest first, within the bound; the rest go at the next beats', () => {
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03'])
      for (const key of ['a', 'b', 'c']) put(day, 'consultation', `labour-wages/${key}`, 2);
    // Room for seven rows: two whole days (six rows), never part of the third.
    const row =
      Buffer.byteLength(
        JSON.stringify({ day: '2026-03-01', metric: 'consultation', key: 'labour-wages/a', count: 2 }),
      ) + 1;
    const first = usageForHeartbeat(db, 7 * row);
    expect(first).toHaveLength(6);
    expect(daysOf(first)).toEqual(['2026-03-01', '2026-03-02']);
    confirmUsageDays(db, ['2026-03-01', '2026-03-02'], noon('2026-03-03'));
    expect(daysOf(usageForHeartbeat(db, 7 * row))).toEqual(['2026-03-03']);
  });

  it('a day running when it was sent goes again; a day over when the hub stored it is not sent again', () => {
    put('2026-03-01', 'consultation', 'labour-wages', 3);
    put('2026-03-02', 'legal-aid-check', 'likely-eligible', 1);
    // Built on 03-02: 03-01 is over, 03-02 is today and stays.
    confirmUsageDays(db, ['2026-03-01', '2026-03-02'], noon('2026-03-02'));
    expect(usageConfirmedThrough(db)).toBe('2026-03-01');
    expect(usageForHeartbeat(db)).toEqual([
      { day: '2026-03-02', metric: 'legal-aid-check', key: 'likely-eligible', count: 1 },
    ]);
    // An answer to an older beat arriving late does not move the confirmed day back.
    confirmUsageDays(db, ['2026-02-27'], noon('2026-02-28'));
    expect(usageConfirmedThrough(db)).toBe('2026-03-01');
    // Sent again on 03-03 and stored: now 03-02 is over and confirmed.
    confirmUsageDays(db, ['2026-03-02'], noon('2026-03-03'));
    expect(usageForHeartbeat(db)).toBeUndefined();
  });

  it('a day larger than a beat goes as its largest counts, and the days after it are not held back', () => {
    for (const key of ['a', 'b', 'c', 'd']) put('2026-03-01', 'consultation', key, key.charCodeAt(0) - 87);
    put('2026-03-02', 'consultation', 'a', 1);
    const row =
      Buffer.byteLength(JSON.stringify({ day: '2026-03-01', metric: 'consultation', key: 'a', count: 10 })) + 1;
    expect(usageForHeartbeat(db, 2 * row)?.map((r) => r.key)).toEqual(['d', 'c']);
    confirmUsageDays(db, ['2026-03-01'], noon('2026-03-03'));
    expect(daysOf(usageForHeartbeat(db, 2 * row))).toEqual(['2026-03-02']);
  });

  it('a heartbeat with the most usage it may carry is within the hub’s body limit', () => {
    for (let d = 1; d <= 28; d++)
      for (const key of ['labour-wages', 'marriage-family', 'neighbour', 'consumer', 'traffic'])
        for (const metric of ['consultation', 'law-lookup', 'search'])
          put(`2026-02-${String(d).padStart(2, '0')}`, metric, key, 123);
    const usage = usageForHeartbeat(db)!;
    expect(usage.length).toBeGreaterThan(15);
    expect(Buffer.byteLength(JSON.stringify({ ...HEARTBEAT, usage }))).toBeLessThan(
      hubApi.kioskHeartbeat.maxBodyBytes!,
    );
  });

  it('sends a figure the hub does not report yet, and leaves out a row its contract would refuse', () => {
    put('2026-03-01', 'consultation', 'labour-wages', 3);
    put('2026-03-01', 'figure-of-a-newer-build', '', 1);
    // A key no build writes (StatKey refuses long numbers): never sent, rather than the whole heartbeat refused.
    put('2026-03-01', 'consultation', '13800138000', 1);
    expect(usageForHeartbeat(db)).toEqual([
      { day: '2026-03-01', metric: 'consultation', key: 'labour-wages', count: 3 },
      { day: '2026-03-01', metric: 'figure-of-a-newer-build', key: '', count: 1 },
    ]);
  });
});

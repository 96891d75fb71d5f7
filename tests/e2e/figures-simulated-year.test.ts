import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatMetric } from '../../common/api/stats';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import {
  ANNUAL_LINES,
  type AnnualLine,
  type FiguresExportResponse,
  type YearFiguresResponse,
} from '../../common/hub/api/year-figures';
import { HEALTHY_HEARTBEAT } from '../../common/hub/sample-heartbeats';
import { localDay } from '../../common/local-date';
import { openSession } from '../../hub/storage/sessions';
import { ENGINES } from '../../hub/testing/test-storage';
import { useTestHub, type TestHub } from '../../hub/testing/test-hub';
import { createLogger } from '../../server-kit/logger';
import { HeartbeatSender } from '../../service/hub/heartbeat-sender';
import { newKioskKeyPair, saveIdentity } from '../../service/hub/hub-identity';
import { createDailyStats } from '../../service/storage/daily-stats';
import { openRecordsDb } from '../../service/storage/records-db';
import { confirmUsageDays, usageConfirmedThrough, usageForHeartbeat } from '../../service/usage/usage-upload';
import { hubctl } from './hub-processes';

/**
 * A simulated year: three kiosks count 365 days of use in their own
 * records.db (the service's DailyStats, its clock moved day by day), send
 * it to a real hub over HTTP with the kiosk's heartbeat sender, and the
 * hub's case facts hold a year of legal-aid and mediation cases. The
 * annual table — from the route, from `hubctl stats --json`, and from the
 * XLSX export read back with exceljs — is what was fed in, summed here by
 * hand, line by line and month by month.
 */

const YEAR = 2026;
const KIOSKS = [
  { region: '420111', name: '洪山区街道中心' },
  { region: '420102', name: '江岸区政务大厅' },
  { region: '440106', name: '天河区司法所' },
] as const;
/** A beat built on New Year's Day 2027: every day of 2026 is over, so confirmed once stored. */
const BUILT_AT = new Date(`${YEAR + 1}-01-01T12:00:00`).getTime();

/** A small deterministic generator: the same year every run. */
function generator(seed: number): (below: number) => number {
  let s = seed >>> 0;
  return (below) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % below;
  };
}

const noMonths = () => Array.from({ length: 12 }, () => 0);

/** What was fed: per annual line, per month. */
type Fed = Record<AnnualLine, number[]>;
const emptyFed = (): Fed => Object.fromEntries(ANNUAL_LINES.map((l) => [l, noMonths()])) as Fed;

/** The script: a kiosk's 365 days of use through the service's own counter, and what it adds to each line. */
function feedYear(db: Database, seed: number, fed: Fed): void {
  const next = generator(seed);
  let day = new Date(`${YEAR}-01-01T12:00:00`);
  const feed = db.transaction(() => {
    while (day.getFullYear() === YEAR) {
      const at = day;
      const stats = createDailyStats(db, () => at);
      const month = at.getMonth();
      const count = (metric: StatMetric, key: string, times: number, line: AnnualLine | null) => {
        for (let i = 0; i < times; i++) stats.increment(metric, key);
        if (line !== null) fed[line][month]! += times;
      };
      count('consultation', 'labour-wages', next(4), 'legal-consultations');
      count('consultation', 'marriage-family', next(3), 'legal-consultations');
      count('consultation', 'neighbour', next(2), 'legal-consultations');
      count('law-lookup', 'article', next(3), 'law-lookups');
      count('law-lookup', 'law', next(2), 'law-lookups');
      count('search', 'found', next(3), 'searches');
      count('search', 'none', next(2), 'searches');
      count('legal-aid-check', 'likely-eligible', next(2), 'legal-aid-prechecks');
      count('dispute-screening', 'neighbour', next(2), 'dispute-screenings');
      count('dispute-screening', 'labour', next(2), 'dispute-screenings');
      count('rating', `consultation:${1 + next(5)}`, next(2), 'ratings');
      // Counted at the kiosk, but the annual table reads the hub's case facts for cases.
      count('mediation-request', 'neighbour', next(2), null);
      day = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, 12);
    }
  });
  feed();
}

/** A year of cases in the hub's case facts: applications, mediation requests accepted and settled. */
async function feedCases(hub: TestHub, kioskIds: number[], fed: Fed): Promise<void> {
  const next = generator(7);
  const rows = [];
  for (let i = 0; i < 420; i++) {
    const k = i % kioskIds.length;
    const month = next(12);
    const submitted = new Date(Date.UTC(YEAR, month, 1 + next(28), 2));
    const later = (days: number) => new Date(submitted.getTime() + days * 86_400_000).toISOString();
    const legalAid = i < 155;
    const accepted = legalAid ? i % 5 !== 0 : i % 9 !== 0;
    const settled = !legalAid && accepted && i % 4 !== 0;
    if (legalAid) fed['legal-aid-referrals'][month]! += 1;
    else if (accepted) fed['mediation-cases'][month]! += 1;
    if (settled) fed['mediation-settled'][month]! += 1;
    rows.push({
      submission_id: i + 1,
      kind: legalAid ? ('legal-aid-application' as const) : ('mediation-request' as const),
      kiosk_id: kioskIds[k]!,
      region_code: KIOSKS[k]!.region,
      topic: legalAid ? 'labour' : 'neighbour',
      submitted_at: submitted.toISOString(),
      received_at: later(0),
      accepted_at: accepted ? later(3) : null,
      assigned_at: legalAid && accepted ? later(6) : null,
      closed_at: settled ? later(20) : null,
      outcome: settled ? ('settled' as const) : accepted ? null : ('refused' as const),
    });
  }
  await hub.storage.storage.db.insertInto('case_facts').values(rows).execute();
}

describe.each(ENGINES)('a simulated year of three kiosks on %s', { timeout: 180_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });
  const dirs: string[] = [];
  const opened: Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('the annual table of the route, of hubctl stats --json and of the XLSX export match the sums fed in', async () => {
    // Kiosks sign with the real clock: the hub's clock is brought to it.
    hub.advance(Date.now() - hub.now().getTime());
    const url = `http://127.0.0.1:${hub.server.port}`;
    const fed = emptyFed();
    const kiosks = [];
    for (const [i, place] of KIOSKS.entries()) {
      const added = await hub.addKiosk('approved', { regionCode: place.region, terminalId: `T-${i + 1}` });
      await hub.storage.storage.db
        .updateTable('kiosks')
        .set({ display_name: place.name })
        .where('id', '=', added.id)
        .execute();
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-year-'));
      dirs.push(dataDir);
      saveIdentity(dataDir, added.privateKey, {
        hubUrl: url,
        kioskId: added.id,
        keyFingerprint: newKioskKeyPair().fingerprint,
        enrolledAt: new Date().toISOString(),
        status: 'approved',
        checkedAt: new Date().toISOString(),
      });
      const records = openRecordsDb(join(dataDir, 'records.db'));
      opened.push(records);
      feedYear(records, 1000 + i, fed);
      // The heartbeat sender of the service, its report's usage and its confirmation as build-service.ts wires them.
      const sender = new HeartbeatSender({
        dataDir,
        logger: createLogger({ destination: { write: () => undefined } }),
        report: () => {
          const usage = usageForHeartbeat(records);
          const { clockOffsetMs: _offset, ...base } = HEALTHY_HEARTBEAT satisfies KioskHeartbeat;
          return { ...base, ...(usage === undefined ? {} : { usage }) };
        },
        taken: (_report, answer, builtAt) => confirmUsageDays(records, answer.usageDaysStored ?? [], new Date(builtAt)),
        now: () => BUILT_AT,
      });
      kiosks.push({ id: added.id, records, sender });
    }
    await feedCases(
      hub,
      kiosks.map((k) => k.id),
      fed,
    );

    // Beat until every kiosk's year is confirmed: a backlog of 365 days goes over a few beats, oldest first.
    for (const k of kiosks) {
      let beats = 0;
      while (usageConfirmedThrough(k.records) !== `${YEAR}-12-31`) {
        expect(await k.sender.beat()).toBe(true);
        expect(++beats).toBeLessThan(200);
      }
      expect(beats).toBeGreaterThan(1);
      expect(usageForHeartbeat(k.records)).toBeUndefined();
    }
    // Answers lost: a kiosk that forgot what was confirmed sends its year again, and nothing is counted twice.
    kiosks[0]!.records.prepare("DELETE FROM meta WHERE key = 'usage-confirmed-through'").run();
    while (usageConfirmedThrough(kiosks[0]!.records) !== `${YEAR}-12-31`) await kiosks[0]!.sender.beat();

    const expected = ANNUAL_LINES.map((line) => ({
      line,
      total: fed[line].reduce((a, b) => a + b, 0),
      byMonth: fed[line],
    }));
    // Something in every line the feed touched, of about the district's size.
    expect(expected.find((r) => r.line === 'legal-consultations')!.total).toBeGreaterThan(3000);
    expect(expected.find((r) => r.line === 'dispute-screenings')!.total).toBeGreaterThan(700);
    expect(localDay(new Date(BUILT_AT))).toBe(`${YEAR + 1}-01-01`);

    const user = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, user.id, 'full', hub.now());
    const res = await hub.call({ method: 'POST', path: '/api/figures/year', token, body: { year: YEAR } });
    expect(res.statusCode).toBe(200);
    const figures = res.json<YearFiguresResponse>();
    expect(figures.annual).toEqual(expected);
    expect(figures.byKiosk.map((k) => k.kioskName).sort()).toEqual(KIOSKS.map((k) => k.name).sort());

    const json = await hubctl(
      hub.storage.dataDir,
      ['stats', '--year', String(YEAR), '--json'],
      undefined,
      hub.storage.env(),
    );
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({ year: YEAR, regionCode: null, kioskId: null, annual: expected });
    const text = await hubctl(hub.storage.dataDir, ['stats', '--year', String(YEAR)], undefined, hub.storage.env());
    const consultations = text.stdout.split('\n').find((l) => l.endsWith('Legal consultations'))!;
    expect(consultations.trim().split(/\s+/).slice(0, 13).map(Number)).toEqual([
      expected[0]!.total,
      ...expected[0]!.byMonth,
    ]);

    // Usage mistakes name the option.
    const early = await hubctl(hub.storage.dataDir, ['stats', '--year', '1999'], undefined, hub.storage.env());
    expect(early).toMatchObject({ code: 64, stderr: expect.stringContaining('--year') });
    const csvWithoutTable = await hubctl(
      hub.storage.dataDir,
      ['stats', '--out', join(dirs[0]!, 'x.csv')],
      undefined,
      hub.storage.env(),
    );
    expect(csvWithoutTable).toMatchObject({ code: 64, stderr: expect.stringContaining('--table') });

    const exported = await hub.call({
      method: 'POST',
      path: '/api/figures/export',
      token,
      body: { year: YEAR, format: 'xlsx' },
    });
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(exported.json<FiguresExportResponse>().base64, 'base64') as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet('年度汇总表')!;
    const fromSheet = expected.map((_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(2));
    expect(fromSheet).toEqual(expected.map((r) => [r.total, ...r.byMonth]));
  });
});

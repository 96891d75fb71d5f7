import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { DailyUsageCount } from '../../common/hub/api/kiosks';
import type { FiguresExportResponse, YearFiguresResponse } from '../../common/hub/api/year-figures';
import { HEALTHY_HEARTBEAT } from '../../common/hub/sample-heartbeats';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
}

describe.each(ENGINES)('the year’s figures and their exports over HTTP on %s', (engine) => {
  const hub = useTestHub(engine);
  const beat = async (kiosk: TestKiosk, usage: DailyUsageCount[]) =>
    expect(
      (
        await hub.kioskCall(kiosk, {
          method: 'POST',
          path: '/api/kiosk/heartbeat',
          body: { ...HEALTHY_HEARTBEAT, usage },
        })
      ).statusCode,
    ).toBe(200);
  const figures = (token: string, body: object) => hub.call({ method: 'POST', path: '/api/figures/year', token, body });
  const exported = async (token: string, body: object) => {
    const res = await hub.call({ method: 'POST', path: '/api/figures/export', token, body });
    expect(res.statusCode, res.body).toBe(200);
    const file = res.json<FiguresExportResponse>();
    return { ...file, bytes: Buffer.from(file.base64, 'base64') };
  };

  /** Two kiosks in two provinces, a year of a little use each, and two cases. */
  async function aYear() {
    const hongshan = await hub.addKiosk('approved', { regionCode: '420111' });
    const tianhe = await hub.addKiosk('approved', { regionCode: '440106' });
    const db = hub.storage.storage.db;
    // A name with a comma, quotes and a formula's start: the CSV quotes it and no spreadsheet runs it.
    await db
      .updateTable('kiosks')
      .set({ display_name: '=洪山,"东"终端', site: null })
      .where('id', '=', hongshan.id)
      .execute();
    await beat(hongshan, [
      { day: '2026-01-05', metric: 'consultation', key: 'labour-wages', count: 30 },
      { day: '2026-06-30', metric: 'dispute-screening', key: 'neighbour', count: 4 },
      // Another year's day: not this year's figures.
      { day: '2025-12-31', metric: 'consultation', key: 'labour-wages', count: 1000 },
    ]);
    await beat(tianhe, [{ day: '2026-03-01', metric: 'consultation', key: 'marriage-family', count: 7 }]);
    let id = 1;
    const fact = (kioskId: number, regionCode: string, over: object) =>
      db
        .insertInto('case_facts')
        .values({
          submission_id: id++,
          kind: 'mediation-request',
          kiosk_id: kioskId,
          region_code: regionCode,
          topic: 'neighbour',
          submitted_at: '2026-06-30T02:00:00Z',
          received_at: '2026-06-30T02:00:01Z',
          accepted_at: null,
          assigned_at: null,
          closed_at: null,
          outcome: null,
          ...over,
        })
        .execute();
    await fact(hongshan.id, '420111', {
      accepted_at: '2026-07-01T02:00:00Z',
      closed_at: '2026-07-20T02:00:00Z',
      outcome: 'settled',
    });
    await fact(tianhe.id, '440106', { kind: 'legal-aid-application', topic: 'labour' });
    return { hongshan, tianhe };
  }

  it('administrators see every region; a regional administrator their own, and is refused others and their kiosks', async () => {
    const { tianhe } = await aYear();
    const admin = await sessionFor(hub, 'admin', 'administrator');
    const wuhan = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');

    const all = (await figures(admin, { year: 2026 })).json<YearFiguresResponse>();
    expect(all.total).toMatchObject({
      consultations: 37,
      disputeScreenings: 4,
      mediationAccepted: 1,
      mediationSettled: 1,
      legalAidApplications: 1,
    });
    expect(all.byRegion.map((r) => r.regionCode)).toEqual(['420111', '440106']);
    const line = (f: YearFiguresResponse, name: string) => f.annual.find((r) => r.line === name)!;
    expect(line(all, 'legal-aid-referrals').total).toBe(1);
    expect(line(all, 'mediation-cases').byMonth[5]).toBe(1);

    // Without a region: the regional administrator's own.
    const mine = (await figures(wuhan, { year: 2026 })).json<YearFiguresResponse>();
    expect(mine.regionCode).toBe('420100');
    expect(mine.total).toMatchObject({ consultations: 30, legalAidApplications: 0 });
    expect(mine.byKiosk.map((k) => k.kioskName)).toEqual(['=洪山,"东"终端']);
    expect((await figures(wuhan, { year: 2026, regionCode: '440000' })).statusCode).toBe(403);
    expect((await figures(wuhan, { year: 2026, kioskId: tianhe.id })).statusCode).toBe(404);
    expect(
      (await figures(admin, { year: 2026, kioskId: tianhe.id })).json<YearFiguresResponse>().total.consultations,
    ).toBe(7);
    // The same rights on the exports.
    expect(
      (
        await hub.call({
          method: 'POST',
          path: '/api/figures/export',
          token: wuhan,
          body: { year: 2026, regionCode: '440000', format: 'xlsx' },
        })
      ).statusCode,
    ).toBe(403);
    // Bad input says what was wrong and where.
    const bad = await figures(admin, { year: 1999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('year');
    const noTable = await hub.call({
      method: 'POST',
      path: '/api/figures/export',
      token: admin,
      body: { year: 2026, format: 'csv' },
    });
    expect(noTable.statusCode).toBe(400);
    expect(noTable.body).toContain('table');
  });

  it('exports a table as CSV Excel reads (BOM, quoted, no formulas) and every table as an XLSX workbook', async () => {
    await aYear();
    const admin = await sessionFor(hub, 'admin', 'administrator');

    const csv = await exported(admin, { year: 2026, format: 'csv', table: 'by-kiosk' });
    expect(csv.fileName).toBe('figures-2026-by-kiosk.csv');
    expect(csv.mediaType).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('终端,地区,咨询解答,法条查阅,搜索,')).toBe(true);
    expect(lines[1]!.startsWith(`"'=洪山,""东""终端",420111,30,0,0,`)).toBe(true);
    expect(lines.at(-1)).toBe('');

    const english = await exported(admin, { year: 2026, format: 'csv', table: 'annual', language: 'en' });
    const annual = english.bytes.toString('utf8').slice(1).split('\r\n');
    expect(annual[0]).toBe(
      'Line,Year,Month 1,Month 2,Month 3,Month 4,Month 5,Month 6,Month 7,Month 8,Month 9,Month 10,Month 11,Month 12',
    );
    expect(annual[1]).toBe('Legal consultations,37,30,0,7,0,0,0,0,0,0,0,0,0');

    const xlsx = await exported(admin, { year: 2026, format: 'xlsx' });
    expect(xlsx.fileName).toBe('figures-2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '年度汇总表',
      '按月统计',
      '按地区统计',
      '按终端统计',
      '按咨询主题统计',
      '服务评价',
    ]);
    const sheet = book.getWorksheet('年度汇总表')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '法律咨询', 37, 30, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(book.getWorksheet('按终端统计')!.getCell('A2').value).toBe(`'=洪山,"东"终端`);
  });
});

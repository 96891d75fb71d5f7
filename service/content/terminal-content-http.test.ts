import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRelease } from '../../content/build/build-release';
import { NOTICES_FILE } from '../../content/build/notices';
import { SERVICE_LINES_FILE } from '../../content/build/service-lines';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';
import { chinaDay } from './terminal-content';

/**
 * The service's health, over its HTTP routes, on a release built by the
 * real builder from a content folder holding notices and service lines:
 * the demo terminal (洪山区, 420111) shows the notices of its regions that
 * are active today and its region's hotlines and duty hours; after a
 * release with other lines is installed and switched to, health shows
 * those, without a restart.
 */

const CONTENT = join(import.meta.dirname, '..', '..', 'content');
const work = mkdtempSync(join(tmpdir(), 'kiosk-notices-service-'));
const DAY = 86_400_000;
const day = (offset: number): string => chinaDay(new Date(Date.now() + offset * DAY));

let release: string;
let kiosk: InProcessKiosk;

beforeAll(async () => {
  const dir = join(work, 'content');
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.startsWith(join(CONTENT, 'corpus')) });
  symlinkSync(join(CONTENT, 'corpus'), join(dir, 'corpus'));
  writeFileSync(
    join(dir, NOTICES_FILE),
    [
      'notices:',
      '  - id: today-in-wuhan',
      "    region_code: '420100'",
      '    title: 今日武汉通知',
      '    body: 武汉市各终端今日正常服务。',
      `    starts_on: ${day(-1)}`,
      `    ends_on: ${day(1)}`,
      '  - id: over',
      '    title: 已结束的通知',
      '    body: 正文',
      `    starts_on: ${day(-5)}`,
      `    ends_on: ${day(-1)}`,
      '  - id: not-yet',
      '    title: 尚未开始的通知',
      '    body: 正文',
      `    starts_on: ${day(1)}`,
      `    ends_on: ${day(5)}`,
      '  - id: guangzhou',
      "    region_code: '440100'",
      '    title: 广州通知',
      '    body: 正文',
      `    starts_on: ${day(-1)}`,
      `    ends_on: ${day(1)}`,
    ].join('\n'),
  );
  writeFileSync(
    join(dir, SERVICE_LINES_FILE),
    [
      'regions:',
      "  - region_code: '420100'",
      "    public_legal_service: '027-12348'",
      '    duty_hours:',
      "      sat: ['10:00-11:00']",
      "  - region_code: '420111'",
      '    local:',
      '      - name: 洪山区法律援助中心（演示数据）',
      '        number: 027-0000-0101',
    ].join('\n'),
  );
  await buildRelease({ contentDir: dir, outDir: join(work, 'release'), laws: 'shipped' });
  release = join(work, 'release', 'content.db');
  kiosk = await startInProcessKiosk({ contentPath: release, start: false });
}, 180_000);

afterAll(async () => {
  await kiosk?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('notices and service lines from the content release', () => {
  it('health shows the notices active today for this terminal, and its region’s lines over the configuration', async () => {
    const health = await kiosk.ok('health');
    expect(health.notices).toEqual([
      {
        id: 'today-in-wuhan',
        title: '今日武汉通知',
        body: '武汉市各终端今日正常服务。',
        startsOn: day(-1),
        endsOn: day(1),
      },
    ]);
    expect(health.terminal.hotlines).toEqual({
      publicLegalService: '027-12348',
      local: [{ name: '洪山区法律援助中心（演示数据）', number: '027-0000-0101' }],
    });
    expect(health.terminal.videoCall.dutyHours).toEqual({
      mon: [],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: ['10:00-11:00'],
      sun: [],
    });
  });

  it('after a switch to a release with other lines, health shows them without a restart', async () => {
    const next = join(work, 'next.db');
    cpSync(release, next);
    const db = new Database(next);
    db.prepare("UPDATE meta SET value = value || '-next' WHERE key = 'version'").run();
    db.prepare("UPDATE service_lines SET public_legal_service = '027-99999' WHERE region_code = '420100'").run();
    db.prepare('DELETE FROM notices').run();
    db.close();
    const installed = await kiosk.ok('contentInstall', { file: next, releaseNumber: 1 }, 'technician');
    expect(installed.switch).toBe('switched');
    const health = await kiosk.ok('health');
    expect(health.terminal.hotlines.publicLegalService).toBe('027-99999');
    expect(health.notices).toEqual([]);
  });
});

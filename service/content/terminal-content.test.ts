import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DDL, CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { openContentService, type ContentService } from './content-service';
import { chinaDay, terminalContent } from './terminal-content';

/**
 * Which notices and service lines a terminal takes from a release, read
 * through the service's own reader from small release files written with
 * the release schema.
 */

const work = mkdtempSync(join(tmpdir(), 'kiosk-terminal-content-'));
const opened: ContentService[] = [];
afterAll(() => {
  for (const c of opened) c.close();
  rmSync(work, { recursive: true, force: true });
});

interface Rows {
  notices?: [id: string, region: string | null, startsOn: string, endsOn: string][];
  lines?: [region: string, publicLine: string | null, local: string | null, hours: string | null][];
}

function release(name: string, rows: Rows): ContentService {
  const file = join(work, `${name}.db`);
  const db = new Database(file);
  db.exec(CONTENT_DDL);
  db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(name);
  (rows.notices ?? []).forEach(([id, region, from, to], i) =>
    db
      .prepare('INSERT INTO notices VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, region, `标题 ${id}`, `正文 ${id}`, from, to, i),
  );
  for (const l of rows.lines ?? []) db.prepare('INSERT INTO service_lines VALUES (?, ?, ?, ?)').run(...l);
  db.pragma(`user_version = ${CONTENT_SCHEMA_VERSION}`);
  db.close();
  const content = openContentService(file);
  opened.push(content);
  return content;
}

const CONFIGURED = {
  hotlines: { publicLegalService: '027-12348', local: [{ name: '配置的中心', number: '027-0000-0001' }] },
  dutyHours: { mon: ['09:00-12:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
};

describe('chinaDay', () => {
  it('turns at midnight China time, 16:00 UTC', () => {
    expect(chinaDay(new Date('2027-01-27T15:59:59.999Z'))).toBe('2027-01-27');
    expect(chinaDay(new Date('2027-01-27T16:00:00.000Z'))).toBe('2027-01-28');
  });
});

describe('the notices a terminal shows', () => {
  const content = release('notices', {
    notices: [
      ['festival', '420111', '2027-01-28', '2027-02-05'],
      ['everyone', null, '2027-01-01', '2027-12-31'],
      ['city', '420100', '2027-01-01', '2027-12-31'],
      ['province', '420000', '2027-01-01', '2027-12-31'],
      ['other-district', '420106', '2027-01-01', '2027-12-31'],
      ['other-province', '440000', '2027-01-01', '2027-12-31'],
    ],
  });
  let at = new Date('2027-01-27T15:59:59Z');
  const shown = terminalContent({ content, regionCode: '420111', configured: CONFIGURED, now: () => at });
  const ids = () => shown().notices.map((n) => n.id);

  it('are those for every kiosk and for the regions it lies in, in the release’s order', () => {
    at = new Date('2027-02-01T04:00:00Z');
    expect(ids()).toEqual(['festival', 'everyone', 'city', 'province']);
    expect(shown().notices[0]).toEqual({
      id: 'festival',
      title: '标题 festival',
      body: '正文 festival',
      startsOn: '2027-01-28',
      endsOn: '2027-02-05',
    });
  });

  it('start at 00:00 of the first day and end at 24:00 of the last, China time', () => {
    at = new Date('2027-01-27T15:59:59Z'); // 23:59:59 on the 27th in 武汉
    expect(ids()).not.toContain('festival');
    at = new Date('2027-01-27T16:00:00Z'); // 00:00 on the 28th
    expect(ids()).toContain('festival');
    at = new Date('2027-02-05T15:59:59Z'); // 23:59:59 on the 5th
    expect(ids()).toContain('festival');
    at = new Date('2027-02-05T16:00:00Z'); // 00:00 on the 6th
    expect(ids()).not.toContain('festival');
  });

  it('for a city terminal leave out its districts’ notices', () => {
    at = new Date('2027-02-01T04:00:00Z');
    const city = terminalContent({ content, regionCode: '420100', configured: CONFIGURED, now: () => at });
    expect(city().notices.map((n) => n.id)).toEqual(['everyone', 'city', 'province']);
  });
});

describe('the hotlines and duty hours a terminal shows', () => {
  const cityHours = JSON.stringify({ mon: [], tue: ['14:00-17:00'], wed: [], thu: [], fri: [], sat: [], sun: [] });
  it('take each field from the most specific region that gives it, else the configuration', () => {
    const content = release('lines', {
      lines: [
        ['420000', '12348', JSON.stringify([{ name: '省中心', number: '027-0000-0009' }]), null],
        ['420100', null, null, cityHours],
        ['420111', null, JSON.stringify([{ name: '洪山区法律援助中心', number: '027-0000-0101' }]), null],
        ['440000', '020-12348', null, null],
      ],
    });
    expect(terminalContent({ content, regionCode: '420111', configured: CONFIGURED })()).toMatchObject({
      hotlines: { publicLegalService: '12348', local: [{ name: '洪山区法律援助中心', number: '027-0000-0101' }] },
      dutyHours: JSON.parse(cityHours) as unknown,
    });
    // Another district of the city: the city's hours, the province's numbers.
    expect(terminalContent({ content, regionCode: '420106', configured: CONFIGURED })()).toMatchObject({
      hotlines: { publicLegalService: '12348', local: [{ name: '省中心', number: '027-0000-0009' }] },
      dutyHours: JSON.parse(cityHours) as unknown,
    });
    // A region the release says nothing of: the configuration.
    expect(terminalContent({ content, regionCode: '110101', configured: CONFIGURED })()).toEqual({
      ...CONFIGURED,
      notices: [],
    });
  });

  it('are the configuration’s when the release has none, or no release can be read', () => {
    const empty = release('empty', {});
    expect(terminalContent({ content: empty, regionCode: '420111', configured: CONFIGURED })()).toEqual({
      ...CONFIGURED,
      notices: [],
    });
    const missing = openContentService(join(work, 'absent.db'));
    expect(terminalContent({ content: missing, regionCode: '420111', configured: CONFIGURED })()).toEqual({
      ...CONFIGURED,
      notices: [],
    });
  });
});

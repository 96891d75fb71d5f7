import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DDL } from '../schema/content-schema';
import { insertNotices, loadNotices, NOTICES_FILE } from './notices';
import { insertServiceLines, loadServiceLines, SERVICE_LINES_FILE } from './service-lines';
import type { ContentProblem } from './source-files';

const work = mkdtempSync(join(tmpdir(), 'kiosk-notices-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;

/** A content folder holding only the given top-level files. */
function contentDir(files: Record<string, string[]>): string {
  const dir = join(work, `content-${++folders}`, 'content');
  mkdirSync(dir, { recursive: true });
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}

const report = (problems: readonly ContentProblem[]): string[] =>
  problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

const GOOD_NOTICES = [
  'notices:',
  '  - id: spring-festival-hours',
  "    region_code: '420111'",
  '    title: 春节期间服务时间调整',
  '    body: >-',
  '      春节期间，视频咨询暂停，',
  '      请拨打 12348。',
  '    starts_on: 2027-01-28',
  '    ends_on: 2027-02-05',
  '  - id: everywhere',
  '    title: 全市通知',
  '    body: 正文',
  '    starts_on: 2027-03-01',
  '    ends_on: 2027-03-01',
];

const GOOD_LINES = [
  'regions:',
  "  - region_code: '420100'",
  "    public_legal_service: '12348'",
  '    local:',
  '      - name: 武汉市法律援助中心',
  '        number: 027-0000-0000',
  '    duty_hours:',
  "      mon: ['14:00-17:30', '09:00-12:00']",
  "      sat: ['09:00-12:00']",
  '  - region_code: 420111',
  '    local: []',
  '    duty_hours: {}',
];

describe('content/notices.yaml', () => {
  it('reads each notice with its region and days; the body joined as Chinese is written', () => {
    const problems: ContentProblem[] = [];
    const dir = contentDir({ [NOTICES_FILE]: GOOD_NOTICES });
    const { notices, file } = loadNotices(dir, problems);
    expect(report(problems)).toEqual([]);
    expect(file).toBe(join(dir, NOTICES_FILE));
    expect(notices).toEqual([
      {
        id: 'spring-festival-hours',
        regionCode: '420111',
        title: '春节期间服务时间调整',
        body: '春节期间，视频咨询暂停，请拨打 12348。',
        startsOn: '2027-01-28',
        endsOn: '2027-02-05',
      },
      {
        id: 'everywhere',
        regionCode: undefined,
        title: '全市通知',
        body: '正文',
        startsOn: '2027-03-01',
        endsOn: '2027-03-01',
      },
    ]);
    const db = new Database(':memory:');
    db.exec(CONTENT_DDL);
    insertNotices(db, notices);
    expect(db.prepare('SELECT id, region_code AS r FROM notices ORDER BY sort').all()).toEqual([
      { id: 'spring-festival-hours', r: '420111' },
      { id: 'everywhere', r: null },
    ]);
    db.close();
  });

  it('is optional, and an empty file lists nothing', () => {
    const problems: ContentProblem[] = [];
    expect(loadNotices(contentDir({}), problems)).toEqual({ file: undefined, notices: [] });
    expect(loadNotices(contentDir({ [NOTICES_FILE]: ['# none yet'] }), problems).notices).toEqual([]);
    expect(report(problems)).toEqual([]);
  });

  it('names each bad notice by file and line', () => {
    const problems: ContentProblem[] = [];
    loadNotices(
      contentDir({
        [NOTICES_FILE]: [
          'notices:', // 1
          '  - id: a', // 2
          "    region_code: '4201'", // 3
          '    title: 标题', // 4
          '    body: 正文', // 5
          '    starts_on: 2027-02-05', // 6
          '    ends_on: 2027-01-28', // 7
          '  - id: a', // 8
          '    title: 标题', // 9
          '    body: 正文', // 10
          '    starts_on: 2027-02-01', // 11
          '    ends_on: 2027-02-01', // 12
        ],
      }),
      problems,
    );
    expect(report(problems)).toEqual([
      'content/notices.yaml:3: "4201" is not a region code: expected 6 digits (GB/T 2260), e.g. "420111"',
      'content/notices.yaml:7: ends_on 2027-01-28 is before starts_on 2027-02-05',
      'content/notices.yaml:8: notice id "a" is already used at line 2',
    ]);
  });

  it('refuses days that do not exist and fields it does not know, at their lines', () => {
    const problems: ContentProblem[] = [];
    loadNotices(
      contentDir({
        [NOTICES_FILE]: [
          'notices:', // 1
          '  - id: a', // 2
          '    title: 标题', // 3
          '    body: 正文', // 4
          '    starts_on: 2027-02-30', // 5
          '    ends_on: 2027/03/01', // 6
          '    colour: red', // 7
        ],
      }),
      problems,
    );
    expect(report(problems).sort()).toEqual([
      'content/notices.yaml:2: notices[0]: Unrecognized key: "colour"',
      'content/notices.yaml:5: notices[0].starts_on: not a day of the calendar',
      'content/notices.yaml:6: notices[0].ends_on: expected a date as YYYY-MM-DD, e.g. 2027-01-28',
    ]);
  });
});

describe('content/service-lines.yaml', () => {
  it('reads each region; hours sorted, and empty lists and hours read as not given', () => {
    const problems: ContentProblem[] = [];
    const { lines } = loadServiceLines(contentDir({ [SERVICE_LINES_FILE]: GOOD_LINES }), problems);
    expect(report(problems)).toEqual([]);
    expect(lines).toEqual([
      {
        regionCode: '420100',
        publicLegalService: '12348',
        local: [{ name: '武汉市法律援助中心', number: '027-0000-0000' }],
        dutyHours: {
          mon: ['09:00-12:00', '14:00-17:30'],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: ['09:00-12:00'],
          sun: [],
        },
      },
      { regionCode: '420111', publicLegalService: undefined, local: undefined, dutyHours: undefined },
    ]);
    const db = new Database(':memory:');
    db.exec(CONTENT_DDL);
    insertServiceLines(db, lines);
    expect(db.prepare('SELECT * FROM service_lines ORDER BY region_code').all()).toEqual([
      {
        region_code: '420100',
        public_legal_service: '12348',
        local: '[{"name":"武汉市法律援助中心","number":"027-0000-0000"}]',
        duty_hours: JSON.stringify(lines[0]!.dutyHours),
      },
      { region_code: '420111', public_legal_service: null, local: null, duty_hours: null },
    ]);
    db.close();
  });

  it('names each bad region by file and line', () => {
    const problems: ContentProblem[] = [];
    loadServiceLines(
      contentDir({
        [SERVICE_LINES_FILE]: [
          'regions:', // 1
          "  - region_code: '990100'", // 2
          '    public_legal_service: 12348', // 3
          "  - region_code: '420100'", // 4
          '    public_legal_service: call us', // 5
          '    local:', // 6
          '      - name: 中心', // 7
          '        number: 027-abc', // 8
          "  - region_code: '420100'", // 9
          '    duty_hours:', // 10
          "      mon: ['9-12']", // 11
          "      tue: ['12:00-09:00']", // 12
          "      wed: ['09:00-12:00', '11:00-13:00']", // 13
          "      xyz: ['09:00-12:00']", // 14
          "  - region_code: '420100'", // 15
          '    duty_hours:', // 16
          "      mon: ['9-12']", // 17
          "      tue: ['12:00-09:00']", // 18
          "      wed: ['09:00-12:00', '11:00-13:00']", // 19
        ],
      }),
      problems,
    );
    expect(report(problems)).toEqual([
      'content/service-lines.yaml:5: regions[1].public_legal_service: expected a phone number such as "12348" or "027-0000-0101"',
      'content/service-lines.yaml:8: regions[1].local[0].number: expected a phone number such as "12348" or "027-0000-0101"',
      'content/service-lines.yaml:11: regions[2].duty_hours: Unrecognized key: "xyz"',
    ]);
    // The file's shape is right once the unknown day goes: then the checks of each value speak.
    const again: ContentProblem[] = [];
    loadServiceLines(
      contentDir({
        [SERVICE_LINES_FILE]: [
          'regions:', // 1
          "  - region_code: '990100'", // 2
          '    public_legal_service: 12348', // 3
          "  - region_code: '420100'", // 4
          "  - region_code: '420100'", // 5
          '    duty_hours:', // 6
          "      mon: ['9-12']", // 7
          "      tue: ['12:00-09:00']", // 8
          "      wed: ['09:00-12:00', '11:00-13:00']", // 9
        ],
      }),
      again,
    );
    expect(report(again)).toEqual([
      'content/service-lines.yaml:2: "990100" is not a region code: no province starts with 99',
      'content/service-lines.yaml:5: region 420100 already has its service lines at line 4',
      'content/service-lines.yaml:7: duty_hours.mon: "9-12": expected a range such as "09:00-12:00"',
      'content/service-lines.yaml:8: duty_hours.tue: "12:00-09:00": the range ends before it starts',
      'content/service-lines.yaml:9: duty_hours.wed: "11:00-13:00": overlaps another range of the same day',
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContentItemFields } from '../../common/hub/api/content-edits';
import { buildRelease } from '../../content/build/build-release';
import { compareReleaseVersions } from '../../content/build/release-version';
import { ContentError } from '../../content/build/source-files';
import { applyEdits, ContentEditMismatchError } from './apply-edits';
import { buildEditedRelease, DEFAULT_CONTENT_DIR } from './build-edited-release';
import { readContentItems } from './content-items';
import { writeContentSource } from './write-content-source';

const work = mkdtempSync(join(tmpdir(), 'hub-content-source-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const notice: ContentItemFields = {
  kind: 'notice',
  fields: {
    regionCode: '420111',
    title: '春节期间服务时间调整',
    body: '正文：1月28日至2月5日暂停视频咨询。',
    startsOn: '2027-01-28',
    endsOn: '2027-02-05',
  },
};
const serviceLine: ContentItemFields = {
  kind: 'service-line',
  fields: {
    regionCode: '420100',
    publicLegalService: '12348',
    local: [{ name: '武汉市法律援助中心', number: '027-0000-0000' }],
    dutyHours: { mon: ['09:00-12:00', '14:00-17:30'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  },
};
const office = (regionCode: string, name: string): ContentItemFields => ({
  kind: 'office',
  fields: {
    kind: 'mediation-committee',
    name,
    regionCode,
    address: '武昌区示例路 1 号',
    hours: '周一至周五 9:00—17:00',
    phone: '027-8888-1234',
    services: ['人民调解'],
    mapUrl: null,
  },
});

describe('the content source the hub builds from', () => {
  const base = readContentItems(DEFAULT_CONTENT_DIR);

  it('reads the five editable kinds from content/, each with its file, in the contract’s shape', () => {
    expect(base.faq.size).toBeGreaterThanOrEqual(120);
    expect(base.slide.size).toBeGreaterThanOrEqual(5);
    expect(base.office.size).toBeGreaterThanOrEqual(10);
    // The repository has no notices or service lines yet: absent files are empty lists.
    expect(base.notice.size).toBe(0);
    expect(base['service-line'].size).toBe(0);
    expect(base.faq.get('rent-deposit-not-returned')).toMatchObject({
      file: 'faq/tenancy.yaml',
      item: {
        kind: 'faq',
        fields: {
          topic: 'tenancy',
          situation: 'deposit',
          question: '租期到了，房东不退押金怎么办？',
          nextSteps: expect.arrayContaining([
            { step: expect.stringContaining('调解'), timeLimit: '自房东应退押金之日起三年内' },
          ]),
          cites: expect.arrayContaining(['民法典 第七百一十条']),
        },
      },
    });
    // Block text is read as the builder reads it: no space where YAML folded a Chinese line.
    const answer = base.faq.get('rent-deposit-not-returned')!.item.fields as { answer: string };
    expect(answer.answer).toContain('押金是为了担保房租和房屋完好交的钱。租期到了');
    expect(base.office.get('wuhan-legal-aid-centre')).toMatchObject({
      file: 'directory/420100-wuhan.yaml',
      extra: { demo: true },
      item: { kind: 'office', fields: { regionCode: '420100', mapUrl: expect.stringMatching(/^https:\/\//) } },
    });
  });

  it('applies edits: new items go to their topic’s or region’s file, a changed topic moves one, null deletes', () => {
    const faq = base.faq.get('rent-deposit-not-returned')!.item as Extract<ContentItemFields, { kind: 'faq' }>;
    const edited = applyEdits(base, [
      {
        kind: 'faq',
        itemId: 'tenancy-new-question',
        item: { kind: 'faq', fields: { ...faq.fields, question: '新问题？' } },
      },
      {
        kind: 'faq',
        itemId: 'rent-deposit-not-returned',
        item: { kind: 'faq', fields: { ...faq.fields, topic: 'consumer', situation: null } },
      },
      { kind: 'faq', itemId: 'rent-deposit-wear-and-tear', item: null },
      { kind: 'office', itemId: 'wuchang-new-mediation', item: office('420106', '武昌区示例调解委员会') },
      { kind: 'office', itemId: 'jiangan-mediation', item: office('420102', '江岸区示例调解委员会') },
      { kind: 'notice', itemId: 'spring-festival-hours', item: notice },
      { kind: 'service-line', itemId: '420100', item: serviceLine },
    ]);
    expect(edited.faq.get('tenancy-new-question')?.file).toBe('faq/tenancy.yaml');
    expect(edited.faq.get('rent-deposit-not-returned')?.file).toBe('faq/consumer.yaml');
    expect(edited.faq.has('rent-deposit-wear-and-tear')).toBe(false);
    expect(edited.office.get('wuchang-new-mediation')).toMatchObject({
      file: 'directory/420106-wuhan-wuchang.yaml',
      extra: { demo: false },
    });
    expect(edited.office.get('jiangan-mediation')?.file).toBe('directory/420102.yaml');
    expect(edited.notice.get('spring-festival-hours')?.file).toBe('notices.yaml');
    // The items read are left as they were.
    expect(base.faq.has('rent-deposit-wear-and-tear')).toBe(true);
    expect(base.notice.size).toBe(0);
    expect(() => applyEdits(base, [{ kind: 'slide', itemId: 'slide-iou', item: notice }])).toThrow(
      ContentEditMismatchError,
    );
    expect(() => applyEdits(base, [{ kind: 'service-line', itemId: '420111', item: serviceLine }])).toThrow(
      /id is its region code/,
    );

    // Written and read again, every item comes back as it was, in the file formats the builder and kiosk read.
    const out = join(work, 'written');
    writeContentSource(DEFAULT_CONTENT_DIR, edited, out);
    const again = readContentItems(out);
    for (const kind of ['faq', 'slide', 'notice', 'office', 'service-line'] as const)
      expect(new Map([...again[kind]].map(([id, e]) => [id, e.item])), kind).toEqual(
        new Map([...edited[kind]].map(([id, e]) => [id, e.item])),
      );
    const notices = readFileSync(join(out, 'notices.yaml'), 'utf8');
    expect(notices).toContain("region_code: '420111'");
    expect(notices).toContain('starts_on: 2027-01-28');
    const lines = readFileSync(join(out, 'service-lines.yaml'), 'utf8');
    expect(lines).toContain("public_legal_service: '12348'");
    expect(lines).toMatch(/duty_hours:\n\s+mon:\n\s+- 09:00-12:00/);
    expect(lines).not.toContain('tue:');
  });

  it('builds the same release from the source written back, and an edited answer into content.db', async () => {
    const shipped = await buildRelease({
      contentDir: DEFAULT_CONTENT_DIR,
      outDir: join(work, 'shipped'),
      laws: 'shipped',
    });
    const unchanged = await buildEditedRelease({
      contentDir: DEFAULT_CONTENT_DIR,
      edits: [],
      workDir: join(work, 'same'),
    });
    expect(unchanged.manifest.counts).toEqual(shipped.counts);

    const faq = base.faq.get('rent-deposit-not-returned')!.item as Extract<ContentItemFields, { kind: 'faq' }>;
    const answer = '押金不退的，先书面催告，再申请调解或起诉。这是编辑后的新答案。';
    const lines: string[] = [];
    const edited = await buildEditedRelease({
      contentDir: DEFAULT_CONTENT_DIR,
      edits: [
        { kind: 'faq', itemId: 'rent-deposit-not-returned', item: { kind: 'faq', fields: { ...faq.fields, answer } } },
      ],
      workDir: join(work, 'edited'),
      log: (line) => lines.push(line),
      after: shipped.version,
    });
    // Built the same day as the shipped one, and still a higher version.
    expect(compareReleaseVersions(edited.manifest.version, shipped.version)).toBeGreaterThan(0);
    expect(edited.manifest.counts).toEqual(shipped.counts);
    expect(edited.buildMs).toBeGreaterThan(0);
    console.info(`an edited release builds in ${(edited.buildMs / 1000).toFixed(1)} s`);
    const db = new Database(edited.file, { readonly: true });
    try {
      expect(db.prepare("SELECT answer FROM faq WHERE id = 'rent-deposit-not-returned'").get()).toEqual({ answer });
    } finally {
      db.close();
    }
    expect(lines.join('\n')).toContain('content.db');

    // A problem names the field's line in the written source.
    const broken = buildEditedRelease({
      contentDir: DEFAULT_CONTENT_DIR,
      edits: [
        {
          kind: 'faq',
          itemId: 'rent-deposit-not-returned',
          item: { kind: 'faq', fields: { ...faq.fields, cites: ['劳动合同法 第九百条'] } },
        },
      ],
      workDir: join(work, 'broken'),
    });
    await expect(broken).rejects.toBeInstanceOf(ContentError);
    await expect(broken).rejects.toThrow(/content\/faq\/tenancy\.yaml:\d+: 劳动合同法 has no 第九百条/);
  }, 240_000);
});

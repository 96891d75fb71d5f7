import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../common/receipt/layout';
import { fillTemplate } from '../../common/templates/fill';
import { TemplateForm, type Template, type TemplateField } from '../../common/templates/template';
import { buildRelease } from './build-release';
import { ContentError, type ContentProblem } from './source-files';
import { loadTemplates, type TemplateRow } from './templates';

const CONTENT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kiosk-templates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Loads templates from `dir` with every citation resolving (article 1), as the unit under test sees them. */
function load(dir: string): { rows: TemplateRow[]; problems: string[] } {
  const problems: ContentProblem[] = [];
  const rows = loadTemplates(
    dir,
    (f) => `templates/${f.split('/').at(-1)}`,
    () => ({ articleId: 1 }),
    problems,
  );
  return { rows, problems: problems.map((p) => `${p.file}:${p.line}: ${p.message}`) };
}

function templateDir(name: string, files: Record<string, string[]>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, lines] of Object.entries(files)) writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
  return dir;
}

const GOOD = [
  'id: zz-note', //                                     1
  'title: 测试借条',
  'category: 借贷',
  'governs: 民法典 第六百六十八条',
  'note:', //                                           5
  '  when: >-',
  '    借钱时',
  '    写。',
  'fields:',
  '  - { id: a.name, label: 姓名, kind: text } #       10',
  '  - { id: a.amount, label: 金额, kind: amount }',
  'body: |',
  '  今借到{{a.name}}',
  '  人民币{{a.amount}}。',
];

/** A plausible answer for every field, so each shipped template can be filled end to end. */
function sampleValue(f: TemplateField): string {
  switch (f.kind) {
    case 'text':
      return '测'.repeat(f.max);
    case 'multiline':
      return '多行内容。\n'.repeat(Math.floor(f.max / 6));
    case 'amount':
      return '12345.60';
    case 'date':
      return f.id.endsWith('birthDate') ? '1985-06-01' : '2024-03-05';
    case 'id-number':
      return '11010519491231002X';
    case 'phone':
      return '13800138000';
    case 'choice':
      return f.options.at(-1)!;
    case 'integer':
      return String(f.min);
    case 'percent':
      return String(f.min);
  }
}

describe('template loader', () => {
  it('loads a good template: note text unfolded, body lines kept, defaults filled', () => {
    const { rows, problems } = load(templateDir('good', { 'zz-note.yaml': GOOD }));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 'zz-note',
      title: '测试借条',
      category: '借贷',
      articleId: 1,
      body: '今借到{{a.name}}\n人民币{{a.amount}}。',
    });
    expect(rows[0]!.form.note).toEqual({ when: '借钱时写。', check: [] });
    expect(rows[0]!.form.fields[0]).toMatchObject({ kind: 'text', max: 50, required: true });
  });

  it('names file and line of an unknown placeholder, a bad field kind and a field never printed', () => {
    const bad = [...GOOD];
    bad[9] = '  - { id: a.name, label: 姓名, kind: txet }';
    const { problems } = load(
      templateDir('bad', {
        'zz-note.yaml': bad,
        'zz-other.yaml': [...GOOD.slice(0, 12), '  今借到{{a.name}}，', '  收到{{a.amuont}}。'].map((l) =>
          l.replace('zz-note', 'zz-other'),
        ),
        'zz-unused.yaml': [...GOOD.slice(0, 12), '  今借到{{a.name}}。'].map((l) => l.replace('zz-note', 'zz-unused')),
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^templates\/zz-note\.yaml:10: fields\[0\]\.kind: Invalid discriminator value/),
      expect.stringMatching(/^templates\/zz-other\.yaml:14: placeholder \{\{a\.amuont\}\} names no field/),
      'templates/zz-other.yaml:11: field "a.amount" is asked for but never printed: use {{a.amount}} in the body',
      'templates/zz-unused.yaml:11: field "a.amount" is asked for but never printed: use {{a.amount}} in the body',
    ]);
  });

  it('wants the id to match the file name and the category to be a known one', () => {
    const { problems } = load(templateDir('naming', { 'zz-file.yaml': GOOD.map((l) => l.replace('借贷', '借钱')) }));
    expect(problems).toEqual([expect.stringMatching(/^templates\/zz-file\.yaml:3: category: Invalid option/)]);
    expect(load(templateDir('naming2', { 'zz-file.yaml': GOOD })).problems).toEqual([
      'templates/zz-file.yaml:1: template id "zz-note" must match its file name (zz-file.yaml)',
    ]);
  });
});

describe('the shipped templates', () => {
  const { rows, problems } = load(join(CONTENT, 'templates'));
  const asTemplate = (r: TemplateRow): Template => ({
    id: r.id,
    title: r.title,
    category: r.category,
    governs: { articleId: 1, law: '中华人民共和国民法典', lawShort: '民法典', article: '第一条' },
    ...TemplateForm.parse(r.form),
    body: r.body,
  });

  it('are all valid, and include the documents citizens ask for most', () => {
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.id).sort()).toEqual(
      [
        'complaint-labour-dispute',
        'complaint-private-lending',
        'debt-note',
        'divorce-agreement',
        'iou',
        'labour-arbitration-application',
        'legal-aid-application',
      ].sort(),
    );
  });

  it.each(rows.map((r) => [r.id, r] as const))(
    '%s fills to the limits of every field and prints within 48 columns',
    (_id, row) => {
      const t = asTemplate(row);
      const values = Object.fromEntries(t.fields.map((f) => [f.id, sampleValue(f)]));
      const receipt = fillTemplate(t, values, { today: '2026-01-01' });
      const layout = layoutReceipt(receipt, { columns: 48 });
      for (const line of layout.lines) if (line.kind === 'text') expect(line.width).toBeLessThanOrEqual(48);
      const text = receipt.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
      expect(text).not.toMatch(/\{\{|\}\}/);
      // Left empty, every optional field prints its "empty" text or a blank line to write on.
      const required = Object.fromEntries(t.fields.filter((f) => f.required).map((f) => [f.id, sampleValue(f)]));
      expect(() => fillTemplate(t, required, { today: '2026-01-01' })).not.toThrow();
    },
  );
});

describe('templates in the release', () => {
  // How the service reads them back is service/content/content-reader.test.ts.
  it('a bad one fails the build naming file and line', async () => {
    const dir = join(work, 'content');
    cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.includes(join(CONTENT, 'corpus')) });
    symlinkSync(join(CONTENT, 'corpus'), join(dir, 'corpus'));
    writeFileSync(
      join(dir, 'templates', 'zz-bad.yaml'),
      `${GOOD.map((l) => l.replace('zz-note', 'zz-bad').replace('第六百六十八条', '第九千条')).join('\n')}\n`,
    );
    let report = '';
    try {
      await buildRelease({ contentDir: dir, outDir: join(dir, 'out'), laws: 'shipped' });
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      report = error.message;
    }
    expect(report).toContain('/templates/zz-bad.yaml:4: 民法典 has no 第九千条');
  }, 120_000);
});

import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  TemplateField,
  TemplateForm,
  TemplateNote,
  TemplateSignature,
  templateProblems,
  type TemplateProblem,
} from '../../common/templates/template';
import { Id, loadYaml, Text, tidyChinese, yamlFiles, type ContentProblem, type SourceFile } from './source-files';

/**
 * Document templates (content/templates/<id>.yaml): loaded, checked against
 * the template model in common/templates — every placeholder names a field,
 * every field is printed, the filled document fits a receipt — and the
 * governing article resolved like any citation. See content/README.md.
 */

/** The order templates are listed in, by category (then `sort`); a category not listed here is a typo. */
export const TEMPLATE_CATEGORIES = ['借贷', '婚姻家庭', '劳动', '法律援助'] as const;

export const TemplateFile = z.strictObject({
  id: Id,
  title: Text.pipe(z.string().max(30)),
  category: z.enum(TEMPLATE_CATEGORIES),
  /** Place within its category: lower first; ties by id. */
  sort: z.number().int().min(0).max(999).default(100),
  /** A citation of the article the document rests on: `民法典 第六百六十八条`. */
  governs: Text,
  note: z.strictObject({
    when: Text.pipe(TemplateNote.shape.when),
    check: z.array(Text.pipe(TemplateNote.shape.check.unwrap().element)).max(12).default([]),
  }),
  fields: z.array(TemplateField).min(1),
  // Lines matter in the body (one paragraph each), so it is not folded like other text.
  body: z
    .string()
    .min(1)
    .transform((b) => b.replace(/[ \t]+$/gm, '').replace(/\n+$/, '')),
  signatures: z.array(TemplateSignature).default([]),
});
export type TemplateFile = z.output<typeof TemplateFile>;

export interface TemplateRow {
  id: string;
  title: string;
  category: string;
  articleId: number | undefined;
  form: TemplateForm;
  body: string;
}

type Resolve = (citation: string, file: string, line: number) => { articleId: number } | undefined;

/** The line a template problem is about: its field's entry, the placeholder's own line in the body, or the body. */
function lineOfProblem(p: TemplateProblem, f: SourceFile<TemplateFile>): number {
  if (p.field !== undefined) {
    const i = f.data.fields.findIndex((field) => field.id === p.field);
    if (i >= 0) return f.lineOf(['fields', i]);
  }
  const bodyLine = f.lineOf(['body']);
  if (p.placeholder !== undefined) {
    const lines = f.text.split('\n');
    const inner = p.placeholder.slice(2, -2);
    const at = lines.findIndex(
      (l, i) =>
        i + 1 >= bodyLine && new RegExp(`\\{\\{\\s*${inner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`).test(l),
    );
    if (at >= 0) return at + 1;
  }
  return bodyLine;
}

/** Every template file under `dir`, checked; problems name `templates/<file>.yaml:<line>`. */
export function loadTemplates(
  dir: string,
  displayName: (file: string) => string,
  resolve: Resolve,
  problems: ContentProblem[],
): TemplateRow[] {
  const rows: (TemplateRow & { file: string; line: number; sort: number })[] = [];
  for (const path of yamlFiles(dir)) {
    const f = loadYaml(path, TemplateFile, problems, displayName(path));
    if (f === undefined) continue;
    const t = f.data;
    const idLine = f.lineOf(['id']);
    if (t.id !== basename(path, '.yaml'))
      problems.push({
        file: f.file,
        line: idLine,
        message: `template id "${t.id}" must match its file name (${basename(path)})`,
      });
    const dup = rows.find((r) => r.id === t.id);
    if (dup !== undefined)
      problems.push({
        file: f.file,
        line: idLine,
        message: `template id "${t.id}" is already used at ${dup.file}:${dup.line}`,
      });
    const fields = t.fields.map((field) =>
      field.hint === undefined ? field : { ...field, hint: tidyChinese(field.hint) },
    );
    for (const p of templateProblems({ fields, signatures: t.signatures, body: t.body }))
      problems.push({ file: f.file, line: lineOfProblem(p, f), message: p.message });
    const cite = resolve(t.governs, f.file, f.lineOf(['governs']));
    rows.push({
      id: t.id,
      title: t.title,
      category: t.category,
      articleId: cite?.articleId,
      form: { fields, signatures: t.signatures, note: t.note },
      body: t.body,
      file: f.file,
      line: idLine,
      sort: t.sort,
    });
  }
  const rank = (c: string): number => TEMPLATE_CATEGORIES.indexOf(c as (typeof TEMPLATE_CATEGORIES)[number]);
  return rows
    .sort((a, b) => rank(a.category) - rank(b.category) || a.sort - b.sort || a.id.localeCompare(b.id))
    .map(({ file: _file, line: _line, sort: _sort, ...row }) => row);
}

/** Writes the templates; rowid order is the order the kiosk lists them in. */
export function insertTemplates(db: Database, rows: readonly TemplateRow[]): void {
  const ins = db.prepare(
    'INSERT INTO templates (id, title, category, governing_article_id, fields, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows)
    ins.run(r.id, r.title, r.category, r.articleId ?? null, JSON.stringify(TemplateForm.parse(r.form)), r.body);
}

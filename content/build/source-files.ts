import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { pathToString } from '../../common/api/format-issues';

/**
 * Our own content is written by people in YAML. Every problem is reported as
 * `file:line: what is wrong`, all at once, so an editor can fix a whole batch
 * in one pass instead of one error per build.
 */
export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  }
}

/** The `*.yaml` files directly in `dir`, sorted by name, as paths; none if `dir` does not exist. */
export function yamlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/** How problems name a file under the content folder: from `content/` on, e.g. `content/faq/labour.yaml`. */
export const rel = (contentDir: string, file: string): string => file.slice(dirname(contentDir).length + 1);

/** A parsed YAML file that can say on which line any value stands. */
export interface SourceFile<T> {
  file: string;
  data: T;
  /** The file's text as read, for locating what the parsed data cannot (e.g. a line inside a block scalar). */
  text: string;
  lineOf(path: readonly (string | number)[]): number;
}

export function loadYaml<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: ContentProblem[],
  displayName = file,
): SourceFile<z.output<S>> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file: displayName, line: 1, message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({
        file: displayName,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      });
    return undefined;
  }
  const lineOf = (path: readonly (string | number)[]): number => {
    // The nearest ancestor that exists in the document names the line.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const raw: unknown = doc.toJS();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      problems.push({ file: displayName, line: lineOf(path), message: `${pathToString(path)}: ${issue.message}` });
    }
    return undefined;
  }
  return { file: displayName, data: parsed.data, text, lineOf };
}

export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and dashes');
const WIDE = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’';
const SPACE_BETWEEN_WIDE = new RegExp(`(?<=[${WIDE}])\\s+(?=[${WIDE}])`, 'gu');

/** YAML folds a wrapped line into a space; Chinese puts no space between characters, so take it out again. */
export function tidyChinese(text: string): string {
  return text.replace(SPACE_BETWEEN_WIDE, '').trim();
}

export const Text = z.string().trim().min(1).transform(tidyChinese);
const Bilingual = z.strictObject({ 'zh-CN': Text, en: Text });
const Citations = z.array(Text);
// A bare number in YAML (12315, 110) is still a word people type.
const Keywords = z.array(z.union([Text, z.number().transform(String)])).default([]);

export const ShippedLaws = z.strictObject({
  instruments: z
    .array(
      z.strictObject({
        short: Text,
        category: Text,
        path: Text.optional(),
        parts: z.array(Text).min(1).optional(),
        effective: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      }),
    )
    .min(1),
});

export const Topics = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id: Id,
        title: Bilingual,
        icon: Id,
        situations: z.array(z.strictObject({ id: Id, title: Bilingual })).min(1),
      }),
    )
    .min(1),
});

export const FaqFile = z.strictObject({
  topic: Id,
  items: z
    .array(
      z.strictObject({
        id: Id,
        situation: Id.optional(),
        question: Text,
        answer: Text,
        next_steps: z.array(z.strictObject({ step: Text, time_limit: Text.optional() })).default([]),
        cites: Citations,
        keywords: Keywords,
        related: z.array(Id).default([]),
      }),
    )
    .min(1),
});

export const GuideFile = z.strictObject({
  id: Id,
  topic: Id,
  title: Text,
  summary: Text,
  steps: z
    .array(z.strictObject({ title: Text, body: Text, time_limit: Text.optional(), cites: Citations.default([]) }))
    .min(1),
  cites: Citations.min(1, 'a guide cites at least one article'),
  keywords: Keywords,
});

export const SlidesFile = z.strictObject({
  slides: z.array(z.strictObject({ id: Id, title: Text, body: Text, cites: Citations.default([]) })).min(1),
});

export const SynonymsFile = z.strictObject({
  groups: z.array(z.strictObject({ terms: z.array(Text).min(1), expand: z.array(Text).min(1) })),
});

/** A bare number in YAML (420111, 12348) is read as the digits it is written with. */
export const DigitsOrText = z.union([z.string().trim(), z.number().int().nonnegative().transform(String)]);

/** The phone pattern of the terminal's configuration (kiosk-config/schema.ts), so either source shows the same numbers. */
export const PhoneNumber = DigitsOrText.pipe(
  z.string().regex(/^[0-9+\-() ]{3,20}$/, 'expected a phone number such as "12348" or "027-0000-0101"'),
);

/** A day of the calendar as YYYY-MM-DD that exists (no 2027-02-30). */
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
export const CalendarDay = z
  .string()
  .regex(DAY_FORMAT, 'expected a date as YYYY-MM-DD, e.g. 2027-01-28')
  .refine((d) => {
    // A malformed date has its own problem above; this one is for well-formed dates that do not exist.
    if (!DAY_FORMAT.test(d)) return true;
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, 'not a day of the calendar');

/** An empty file reads as null: it lists nothing, so the kiosk keeps its configuration. */
const emptyAs = (value: Record<string, unknown[]>) => (raw: unknown) => raw ?? value;

export const NoticesFile = z.preprocess(
  emptyAs({ notices: [] }),
  z.strictObject({
    notices: z.array(
      z.strictObject({
        id: Id,
        region_code: DigitsOrText.optional(),
        title: Text.pipe(z.string().max(60, 'a banner title is at most 60 characters')),
        body: Text.pipe(z.string().max(4000)),
        starts_on: CalendarDay,
        ends_on: CalendarDay,
      }),
    ),
  }),
);

export const ServiceLinesFile = z.preprocess(
  emptyAs({ regions: [] }),
  z.strictObject({
    regions: z.array(
      z.strictObject({
        region_code: DigitsOrText,
        public_legal_service: PhoneNumber.optional(),
        local: z
          .array(z.strictObject({ name: Text.pipe(z.string().max(40)), number: PhoneNumber }))
          .max(8)
          .optional(),
        duty_hours: z
          .strictObject({
            mon: z.array(z.string()).optional(),
            tue: z.array(z.string()).optional(),
            wed: z.array(z.string()).optional(),
            thu: z.array(z.string()).optional(),
            fri: z.array(z.string()).optional(),
            sat: z.array(z.string()).optional(),
            sun: z.array(z.string()).optional(),
          })
          .optional(),
      }),
    ),
  }),
);

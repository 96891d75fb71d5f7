import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ContentItemFields, ContentItemKind } from '../../common/hub/api/content-edits';
import { WEEKDAYS } from '../../common/hub/opening-hours';
import { DirectoryFile } from '../../content/build/directory';
import {
  ContentError,
  FaqFile,
  Id,
  loadYaml,
  SlidesFile,
  yamlFiles,
  type ContentProblem,
} from '../../content/build/source-files';

/**
 * The items administrators edit in the console, read from the content
 * source (the YAML the release builder reads): FAQ answers, slides,
 * notices, directory offices and service lines, each in the contract's
 * field shape (common/hub/api/content-edits.ts), by kind and item id, with
 * the file it came from — so an edited item goes back where it was.
 */

export interface ContentItem {
  item: ContentItemFields;
  /** Its file, relative to the content folder: `faq/tenancy.yaml`, `directory/420100-wuhan.yaml`, `slides.yaml`. */
  file: string;
  /**
   * What the source says of it beyond the editable fields, written back as
   * it was: a FAQ's `related` answers, an office's `demo` mark.
   */
  extra: Record<string, unknown>;
}

/** Every editable item, by kind, then by id; in each map, in the order of the source. */
export type ContentItems = { [K in ContentItemKind]: Map<string, ContentItem> };

/** The source files of the kinds that are not one file per group. */
export const NOTICES_FILE = 'notices.yaml';
export const SERVICE_LINES_FILE = 'service-lines.yaml';
export const SLIDES_FILE = 'slides.yaml';

const Text = z.string().trim().min(1);
const Digits = z.union([z.string().trim(), z.number().int().nonnegative().transform(String)]);
const IsoDate = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  // A YAML 1.1 reader would make a date; ours keeps the text, but a file written by another tool may hold one.
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

/** content/notices.yaml: banners on the kiosk's home screen between two dates. */
export const NoticesFile = z.strictObject({
  notices: z
    .array(
      z.strictObject({
        id: Id,
        region_code: Digits.optional(),
        title: Text,
        body: Text,
        starts_on: IsoDate,
        ends_on: IsoDate,
      }),
    )
    .default([]),
});

/** content/service-lines.yaml: a region's hotlines and when lawyers answer video calls. */
export const ServiceLinesFile = z.strictObject({
  regions: z
    .array(
      z.strictObject({
        region_code: Digits,
        public_legal_service: Digits,
        local: z.array(z.strictObject({ name: Text, number: Digits })).default([]),
        duty_hours: z.partialRecord(z.enum(WEEKDAYS), z.array(z.string())).default({}),
      }),
    )
    .default([]),
});

/**
 * Each entry's citations as written (`民法典 第七百一十条`): the builder's
 * reading takes the space between the law and the article out, as it
 * does in prose, but the console edits them in the form people write.
 */
function rawCites(text: string, list: string): (string[] | undefined)[] {
  const entries = (parse(text) as Record<string, { cites?: unknown }[] | undefined>)[list] ?? [];
  return entries.map((e) =>
    Array.isArray(e.cites) && e.cites.every((c) => typeof c === 'string')
      ? e.cites.map((c: string) => c.trim())
      : undefined,
  );
}

const emptyItems = (): ContentItems => ({
  faq: new Map(),
  slide: new Map(),
  notice: new Map(),
  office: new Map(),
  'service-line': new Map(),
});

/** A copy whose maps can be changed without changing `items`. */
export const copyItems = (items: ContentItems): ContentItems => ({
  faq: new Map(items.faq),
  slide: new Map(items.slide),
  notice: new Map(items.notice),
  office: new Map(items.office),
  'service-line': new Map(items['service-line']),
});

/**
 * Reads the five editable kinds from a content folder. A file the builder
 * would refuse is refused here too (ContentError, `file:line: what`); the
 * notices and service-lines files may be absent (none of either).
 */
export function readContentItems(contentDir: string): ContentItems {
  const problems: ContentProblem[] = [];
  const items = emptyItems();
  const name = (file: string) => relative(contentDir, file).split('\\').join('/');
  const add = (kind: ContentItemKind, id: string, entry: ContentItem, where: string) => {
    const map = items[kind];
    if (map.has(id)) problems.push({ file: where, line: 1, message: `${kind} "${id}" appears twice` });
    else map.set(id, entry);
  };

  for (const path of yamlFiles(join(contentDir, 'faq'))) {
    const source = loadYaml(path, FaqFile, problems, name(path));
    const raw = source === undefined ? [] : rawCites(source.text, 'items');
    for (const [i, f] of (source?.data.items ?? []).entries()) {
      const item: ContentItemFields = {
        kind: 'faq',
        fields: {
          topic: source!.data.topic,
          situation: f.situation ?? null,
          question: f.question,
          answer: f.answer,
          nextSteps: f.next_steps.map((s) => ({ step: s.step, timeLimit: s.time_limit ?? null })),
          cites: raw[i] ?? f.cites,
          keywords: f.keywords,
        },
      };
      add(
        'faq',
        f.id,
        { item, file: name(path), extra: f.related.length > 0 ? { related: f.related } : {} },
        name(path),
      );
    }
  }

  const slidesPath = join(contentDir, SLIDES_FILE);
  if (existsSync(slidesPath)) {
    const source = loadYaml(slidesPath, SlidesFile, problems, SLIDES_FILE);
    const raw = source === undefined ? [] : rawCites(source.text, 'slides');
    for (const [i, s] of (source?.data.slides ?? []).entries())
      add(
        'slide',
        s.id,
        {
          item: { kind: 'slide', fields: { title: s.title, body: s.body, cites: raw[i] ?? s.cites } },
          file: SLIDES_FILE,
          extra: {},
        },
        SLIDES_FILE,
      );
  }

  const noticesPath = join(contentDir, NOTICES_FILE);
  if (existsSync(noticesPath)) {
    const source = loadYaml(noticesPath, NoticesFile, problems, NOTICES_FILE);
    for (const n of source?.data.notices ?? [])
      add(
        'notice',
        n.id,
        {
          item: {
            kind: 'notice',
            fields: {
              regionCode: n.region_code ?? null,
              title: n.title,
              body: n.body,
              startsOn: n.starts_on,
              endsOn: n.ends_on,
            },
          },
          file: NOTICES_FILE,
          extra: {},
        },
        NOTICES_FILE,
      );
  }

  for (const path of yamlFiles(join(contentDir, 'directory'))) {
    const source = loadYaml(path, DirectoryFile, problems, name(path));
    for (const e of source?.data.entries ?? [])
      add(
        'office',
        e.id,
        {
          item: {
            kind: 'office',
            fields: {
              kind: e.kind,
              name: e.name,
              regionCode: e.region_code,
              address: e.address,
              hours: e.hours,
              phone: e.phone,
              services: e.services,
              mapUrl: e.map_url ?? null,
            },
          },
          file: name(path),
          extra: { demo: e.demo },
        },
        name(path),
      );
  }

  const linesPath = join(contentDir, SERVICE_LINES_FILE);
  if (existsSync(linesPath)) {
    const source = loadYaml(linesPath, ServiceLinesFile, problems, SERVICE_LINES_FILE);
    for (const r of source?.data.regions ?? [])
      add(
        'service-line',
        r.region_code,
        {
          item: {
            kind: 'service-line',
            fields: {
              regionCode: r.region_code,
              publicLegalService: r.public_legal_service,
              local: r.local,
              // The contract lists every weekday; a day the file leaves out has no duty hours.
              dutyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, r.duty_hours[d] ?? []])) as Record<
                (typeof WEEKDAYS)[number],
                string[]
              >,
            },
          },
          file: SERVICE_LINES_FILE,
          extra: {},
        },
        SERVICE_LINES_FILE,
      );
  }

  if (problems.length > 0) throw new ContentError(problems);
  return items;
}

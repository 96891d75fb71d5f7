import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { ContentItemFields } from '../../common/hub/api/content-edits';
import { NOTICES_FILE, SERVICE_LINES_FILE, SLIDES_FILE, type ContentItem, type ContentItems } from './content-items';

/**
 * A content folder the release builder reads: the base folder with the
 * editable files written again from `items` — faq/, directory/,
 * slides.yaml, notices.yaml, service-lines.yaml — and every other entry
 * (the law corpus, guides, templates, topics, search dictionaries) linked
 * to the base, unchanged and not copied (the corpus alone is tens of MB).
 * `outDir` must not exist or be empty.
 */

/** The entries of the base folder this writes anew; everything else is linked. */
const REWRITTEN = new Set(['faq', 'directory', SLIDES_FILE, NOTICES_FILE, SERVICE_LINES_FILE]);

export function writeContentSource(baseDir: string, items: ContentItems, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const entry of readdirSync(baseDir)) {
    if (REWRITTEN.has(entry)) continue;
    symlinkSync(resolve(baseDir, entry), join(outDir, entry));
  }
  mkdirSync(join(outDir, 'faq'));
  mkdirSync(join(outDir, 'directory'));

  for (const [file, group] of byFile(items.faq)) {
    const topic = group[0]![1].item.kind === 'faq' ? group[0]![1].item.fields.topic : '';
    write(outDir, file, { topic, items: group.map(([id, e]) => faqYaml(id, e)) });
  }
  for (const [file, group] of byFile(items.office))
    write(outDir, file, { entries: group.map(([id, e]) => officeYaml(id, e)) });
  // The builder requires slides; with every one deleted it says so, rather than this leaving the file out.
  write(outDir, SLIDES_FILE, {
    slides: [...items.slide].map(([id, e]) => ({ id, ...fieldsOf(e.item, 'slide') })),
  });
  if (items.notice.size > 0)
    write(outDir, NOTICES_FILE, { notices: [...items.notice].map(([id, e]) => noticeYaml(id, e)) });
  if (items['service-line'].size > 0)
    write(outDir, SERVICE_LINES_FILE, { regions: [...items['service-line'].values()].map(serviceLineYaml) });
}

function write(outDir: string, file: string, data: unknown): void {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  // No folding: a folded line becomes a space, which Chinese text does not have.
  // Single quotes, as people write the files (region_code: '420111').
  writeFileSync(path, stringify(data, { lineWidth: 0, singleQuote: true }));
}

/** The items of a kind grouped by file, files and items in the order met. */
function byFile(map: Map<string, ContentItem>): Map<string, [string, ContentItem][]> {
  const groups = new Map<string, [string, ContentItem][]>();
  for (const entry of map) {
    const group = groups.get(entry[1].file) ?? [];
    group.push(entry);
    groups.set(entry[1].file, group);
  }
  return groups;
}

type FieldsOf<K extends ContentItemFields['kind']> = Extract<ContentItemFields, { kind: K }>['fields'];

function fieldsOf<K extends ContentItemFields['kind']>(item: ContentItemFields, kind: K): FieldsOf<K> {
  if (item.kind !== kind) throw new Error(`a ${item.kind} item filed as a ${kind}`);
  return item.fields as FieldsOf<K>;
}

function faqYaml(id: string, entry: ContentItem): Record<string, unknown> {
  const f = fieldsOf(entry.item, 'faq');
  return {
    id,
    ...(f.situation === null ? {} : { situation: f.situation }),
    question: f.question,
    answer: f.answer,
    next_steps: f.nextSteps.map((s) => ({
      step: s.step,
      ...(s.timeLimit === null ? {} : { time_limit: s.timeLimit }),
    })),
    cites: f.cites,
    keywords: f.keywords,
    ...entry.extra,
  };
}

function officeYaml(id: string, entry: ContentItem): Record<string, unknown> {
  const f = fieldsOf(entry.item, 'office');
  return {
    id,
    kind: f.kind,
    name: f.name,
    region_code: f.regionCode,
    address: f.address,
    hours: f.hours,
    phone: f.phone,
    services: f.services,
    ...(f.mapUrl === null ? {} : { map_url: f.mapUrl }),
    demo: entry.extra['demo'] === true,
  };
}

function noticeYaml(id: string, entry: ContentItem): Record<string, unknown> {
  const f = fieldsOf(entry.item, 'notice');
  return {
    id,
    ...(f.regionCode === null ? {} : { region_code: f.regionCode }),
    title: f.title,
    body: f.body,
    starts_on: f.startsOn,
    ends_on: f.endsOn,
  };
}

function serviceLineYaml(entry: ContentItem): Record<string, unknown> {
  const f = fieldsOf(entry.item, 'service-line');
  return {
    region_code: f.regionCode,
    public_legal_service: f.publicLegalService,
    local: f.local,
    // Days without hours are left out, as people write the file.
    duty_hours: Object.fromEntries(Object.entries(f.dutyHours).filter(([, spans]) => spans.length > 0)),
  };
}

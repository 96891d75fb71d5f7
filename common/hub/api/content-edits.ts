import { z } from 'zod';
import { WEEKDAYS } from '../opening-hours';

/**
 * Content edited in the hub's console: FAQ answers (with their cited
 * articles), attract-loop slides, notices (a banner on the kiosk's home
 * screen between two dates), directory offices, and service lines (the
 * hotlines and the lawyers' duty hours of a region).
 *
 * An edit is a change to one item, made as a draft, sent for review, and
 * approved by a second administrator (never its author: four eyes); the
 * approval publishes it — the hub builds a new content release from its
 * content source with every published change applied, with the same
 * builder `npm run content:build` uses, and signs it with its delegated
 * online key. The release then goes to kiosks through its rollout
 * (releases.ts). A release uploaded with `hubctl release upload` waits in
 * the same review before it is published.
 *
 * Every save is checked by the builder's own rules (a citation must name a
 * shipped law's existing article, fields complete); a problem names the
 * field it is in, as a path into the item's fields (`cites.0`,
 * `nextSteps.2.step`), and a code the console translates.
 */

export const CONTENT_ITEM_KINDS = ['faq', 'slide', 'notice', 'office', 'service-line'] as const;
export const ContentItemKindSchema = z.enum(CONTENT_ITEM_KINDS);
export type ContentItemKind = z.infer<typeof ContentItemKindSchema>;

/** Item ids as the content source writes them: lowercase letters, digits and dashes (a service line's id is its region code). */
export const ContentItemId = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and dashes');
/** GB/T 2260 region code: 420000 province, 420100 city, 420111 district. */
export const RegionCode = z.string().regex(/^\d{6}$/, 'expected a six-digit region code');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** Field text: the checks (complete, not blank) are the builder's and come back as problems, so a draft may be saved half done. */
const Field = z.string().max(4000);
const ShortField = z.string().max(200);
const PhoneNumber = z.string().max(20);

export const OFFICE_KINDS = [
  'legal-aid-centre',
  'mediation-committee',
  'notary-office',
  'arbitration-commission',
  'legal-service-centre',
  'law-firm',
] as const;

export const FaqFields = z.strictObject({
  /** A topic id of content/topics.yaml, and optionally one of its situations. */
  topic: ContentItemId,
  situation: ContentItemId.nullable(),
  question: Field,
  answer: Field,
  nextSteps: z.array(z.strictObject({ step: Field, timeLimit: ShortField.nullable() })).max(20),
  /** `<law short name> 第X条`, e.g. `劳动合同法 第三十条`. */
  cites: z.array(ShortField).max(20),
  keywords: z.array(ShortField).max(40),
});
export const SlideFields = z.strictObject({ title: ShortField, body: Field, cites: z.array(ShortField).max(10) });
export const NoticeFields = z.strictObject({
  /** Null: every kiosk; else the kiosks of this region and the regions under it. */
  regionCode: RegionCode.nullable(),
  /** A banner's title: the release builder's limit (content/build/source-files.ts), so a longer one is refused here, at the field. */
  title: z.string().max(60, 'a banner title is at most 60 characters'),
  body: Field,
  /** Shown from the start of startsOn to the end of endsOn, China time. */
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export const OfficeFields = z.strictObject({
  kind: z.enum(OFFICE_KINDS),
  name: ShortField,
  regionCode: RegionCode,
  address: ShortField,
  hours: ShortField,
  phone: PhoneNumber,
  services: z.array(ShortField).max(20),
  /** https:// only (the builder's rule); null for none. */
  mapUrl: z.string().max(500).nullable(),
});
export const ServiceLineFields = z.strictObject({
  regionCode: RegionCode,
  /** The public legal-service hotline (12348 unless the region says otherwise). */
  publicLegalService: PhoneNumber,
  local: z.array(z.strictObject({ name: ShortField, number: PhoneNumber })).max(8),
  /** When lawyers answer video calls, China time, per weekday `HH:MM-HH:MM`. */
  dutyHours: z.record(z.enum(WEEKDAYS), z.array(z.string().max(20)).max(8)),
});

/** An item's fields, by kind. */
export const ContentItemFields = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('faq'), fields: FaqFields }),
  z.strictObject({ kind: z.literal('slide'), fields: SlideFields }),
  z.strictObject({ kind: z.literal('notice'), fields: NoticeFields }),
  z.strictObject({ kind: z.literal('office'), fields: OfficeFields }),
  z.strictObject({ kind: z.literal('service-line'), fields: ServiceLineFields }),
]);
export type ContentItemFields = z.infer<typeof ContentItemFields>;

/** The line an item is listed by, in the console and at the hub: the question, the title, the office's name, the region. */
export function itemLabel(item: ContentItemFields): string {
  switch (item.kind) {
    case 'faq':
      return item.fields.question;
    case 'slide':
    case 'notice':
      return item.fields.title;
    case 'office':
      return item.fields.name;
    case 'service-line':
      return item.fields.regionCode;
  }
}

/** What a check found wrong with a field; `code` is translated by the console (hub-content section), `params` fill it in. */
export const FIELD_PROBLEM_CODES = [
  'required', // empty where the builder needs text
  'not-a-citation', // not "<law> 第X条"
  'law-not-shipped', // the law is not among content/laws/shipped.yaml
  'article-missing', // the law has no such article (劳动合同法 第九百条)
  'no-citation', // an answer must rest on at least one article
  'unknown-topic',
  'unknown-situation',
  'id-taken', // a new item with an id another item has
  'bad-date', // not a real date, or endsOn before startsOn
  'bad-url', // a map link that is not https://
  'bad-phone',
  'bad-hours', // not HH:MM-HH:MM
] as const;
export const FieldProblem = z.object({
  /** Path into the item's fields: `answer`, `cites.0`, `nextSteps.2.step`, `local.1.number`. */
  field: z.string(),
  code: z.enum(FIELD_PROBLEM_CODES),
  params: z.record(z.string(), z.string()).default({}),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

export const CHANGE_STATES = ['draft', 'in-review', 'rejected', 'published', 'withdrawn', 'failed'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

const Person = z.object({ id: z.number().int(), name: z.string() });

/**
 * One change: an item's new fields (or its deletion), where it stands,
 * who wrote and who reviewed it. `failed`: approved, but the release
 * could not be built (problem in `failure`); it goes back to its author.
 */
export const ContentChangeSchema = z.object({
  changeId: z.number().int().positive(),
  kind: ContentItemKindSchema,
  itemId: ContentItemId,
  /** The item as the change leaves it; null when the change deletes it. */
  item: ContentItemFields.nullable(),
  /** The item as it is now in the content source with every published change applied; null for a new item. */
  current: ContentItemFields.nullable(),
  state: z.enum(CHANGE_STATES),
  problems: z.array(FieldProblem),
  author: Person,
  reviewer: Person.nullable(),
  reviewNote: z.string().nullable(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The release it went out in, once published. */
  releaseNumber: z.number().int().nullable(),
});
export type ContentChange = z.infer<typeof ContentChangeSchema>;

/** The items of a kind as the content source has them now (published changes applied), for the console to pick one to edit. */
export const ContentItemsRequest = z.strictObject({ kind: ContentItemKindSchema });
export const ContentItemsResponse = z.object({
  items: z.array(
    z.object({
      itemId: ContentItemId,
      /** A line to list it by: the question, the slide's or notice's title, the office's name, the region. */
      label: z.string(),
      item: ContentItemFields,
      /** An open change (draft or in review) to this item, if any: one at a time per item. */
      openChangeId: z.number().int().nullable(),
    }),
  ),
});

/**
 * Save a draft: a new one (changeId null) or the caller's own draft again.
 * itemId null makes a new item (the hub gives it an id); else it names the
 * item changed. One open change (draft or in review) per item: 409 naming it.
 */
export const ContentDraftSaveRequest = z.strictObject({
  changeId: z.number().int().positive().nullable(),
  itemId: ContentItemId.nullable(),
  edit: z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('save'), item: ContentItemFields }),
    z.strictObject({ action: z.literal('delete'), kind: ContentItemKindSchema }),
  ]),
});
export const ContentChangeResponse = z.object({ change: ContentChangeSchema });

/** The changes a console lists: open ones (draft, in review) first, then the latest closed, newest first. */
export const ContentChangesRequest = z.strictObject({ state: z.enum(CHANGE_STATES).optional() });
export const ContentChangesResponse = z.object({ changes: z.array(ContentChangeSchema) });

export const ContentChangeByIdRequest = z.strictObject({ changeId: z.number().int().positive() });
/**
 * Approve (not one's own; 403) or reject with a note; 409 when the change is not in review, still has problems,
 * or is no longer the one the reviewer read: `updatedAt` is the change's as the console showed it, so that a change
 * rejected, edited and sent again meanwhile is not approved unseen.
 */
export const ContentReviewRequest = z.strictObject({
  changeId: z.number().int().positive(),
  updatedAt: z.string().max(40),
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(500).nullable(),
});

/**
 * How the kiosk would show an item: the answer screen's blocks, as the
 * kiosk's renderer takes them, with each citation's article text — the
 * console draws it in a kiosk-sized frame.
 */
export const ContentPreviewRequest = z.strictObject({ item: ContentItemFields });
export const ContentPreviewResponse = z.object({
  item: ContentItemFields,
  problems: z.array(FieldProblem),
  /** Each cited article that exists: its citation and text. */
  articles: z.array(z.object({ citation: z.string(), text: z.string() })),
});

/** An uploaded release waiting for review (hubctl release upload), approved or rejected by a second administrator. */
export const ReleaseUploadsResponse = z.object({
  uploads: z.array(
    z.object({
      uploadId: z.number().int().positive(),
      version: z.string(),
      sha256: z.string(),
      length: z.number().int(),
      uploadedAt: z.string(),
      uploadedBy: z.string(),
      state: z.enum(['in-review', 'rejected', 'published']),
      releaseNumber: z.number().int().nullable(),
    }),
  ),
});
export const ReleaseUploadReviewRequest = z.strictObject({
  uploadId: z.number().int().positive(),
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(500).nullable(),
});

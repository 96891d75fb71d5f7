import { join } from 'node:path';
import type { ContentItemFields, ContentItemKind } from '../../common/hub/api/content-edits';
import type { TopicLookup } from '../../content/build/item-checks';
import { ContentError, loadYaml, Topics, type ContentProblem } from '../../content/build/source-files';

/**
 * What content editing needs of the content source the hub builds from: its
 * items as the base folder has them, the shipped laws' articles (citations
 * are checked against them and shown beside a draft), its topics, and a
 * build with edits applied. The base folder does not change while the hub
 * runs, so each is read once.
 */

/** One item's new fields, or its deletion (null). */
export interface ItemEdit {
  kind: ContentItemKind;
  itemId: string;
  item: ContentItemFields | null;
}

export interface SourceItem {
  kind: ContentItemKind;
  itemId: string;
  item: ContentItemFields;
}

/** Each shipped law's short name → article label → text. */
export type ShippedArticles = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface BuiltRelease {
  /** The content.db file's bytes. */
  bytes: Buffer;
  /** How refusals name it. */
  where: string;
}

export interface EditsSource {
  baseItems(): Promise<readonly SourceItem[]>;
  articles(): Promise<ShippedArticles>;
  topics(): Promise<TopicLookup>;
  /**
   * A release built from the base folder with `edits` applied in order,
   * its version above `after` (the last published release's); throws with
   * the builder's report when it cannot be built.
   */
  build(edits: readonly ItemEdit[], after: string | undefined): Promise<BuiltRelease>;
}

/** Reads once, on first use, and keeps the answer (a failure is not kept: the next call tries again). */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    kept ??= read().catch((error: unknown) => {
      kept = undefined;
      throw error;
    });
    return kept;
  };
}

/** topics.yaml's topics and their situations; ContentError with the file's problems when it cannot be read. */
export function readTopics(contentDir: string): TopicLookup {
  const problems: ContentProblem[] = [];
  const file = loadYaml(join(contentDir, 'topics.yaml'), Topics, problems, 'content/topics.yaml');
  if (file === undefined) throw new ContentError(problems);
  return new Map(file.data.topics.map((t) => [t.id, new Set(t.situations.map((s) => s.id))]));
}

/** The shipped laws' articles of a content folder, parsed once per folder (a second or two). */
export const shippedArticlesOf = (contentDir: string): (() => Promise<ShippedArticles>) =>
  once(async () => (await import('../../content/build/build-release')).readShippedArticles(contentDir));

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_ITEM_KINDS } from '../../common/hub/api/content-edits';
import { buildEditedRelease } from '../content-source/build-edited-release';
import { readContentItems } from '../content-source/content-items';
import { once, readTopics, shippedArticlesOf, type EditsSource, type SourceItem } from './edits-source';

/** The repository's content/ folder, beside the hub's code: what the hub builds from unless configured otherwise. */
export const DEFAULT_CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'content');

/** Parsed once per folder for the whole process: a second or two of the corpus each time otherwise. */
const articlesByDir = new Map<string, ReturnType<typeof shippedArticlesOf>>();

/**
 * The content source of a folder (hub/content-source/): its items read
 * once, builds made under `workDir` with the edits applied.
 */
export function contentDirSource(opts: {
  contentDir: string;
  workDir: string;
  log?: (line: string) => void;
}): EditsSource {
  let articles = articlesByDir.get(opts.contentDir);
  if (articles === undefined) articlesByDir.set(opts.contentDir, (articles = shippedArticlesOf(opts.contentDir)));
  return {
    baseItems: once(async () => {
      const items = readContentItems(opts.contentDir);
      return CONTENT_ITEM_KINDS.flatMap((kind) =>
        [...items[kind]].map(([itemId, entry]): SourceItem => ({ kind, itemId, item: entry.item })),
      );
    }),
    articles,
    topics: once(() => Promise.resolve(readTopics(opts.contentDir))),
    async build(edits) {
      const built = await buildEditedRelease({
        contentDir: opts.contentDir,
        edits,
        workDir: opts.workDir,
        log: opts.log ?? (() => undefined),
      });
      return { bytes: readFileSync(built.file), where: built.file };
    },
  };
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_ITEM_KINDS } from '../../common/hub/api/content-edits';
import { buildEditedRelease } from '../content-source/build-edited-release';
import { readContentItems } from '../content-source/content-items';
import { once, readTopics, shippedArticlesOf, type EditsSource, type SourceItem } from './edits-source';

/** Parsed once per folder for the whole process: a second or two of the corpus each time otherwise. */
const articlesByDir = new Map<string, ReturnType<typeof shippedArticlesOf>>();

/**
 * The content source of a folder (hub/content-source/): its items read
 * once, each build made in a folder of its own under `workDir`, removed
 * once its file is read.
 */
export function contentDirSource(opts: {
  contentDir: string;
  workDir: string;
  log?: (line: string) => void;
}): EditsSource {
  let articles = articlesByDir.get(opts.contentDir);
  if (articles === undefined) articlesByDir.set(opts.contentDir, (articles = shippedArticlesOf(opts.contentDir)));
  return {
    baseItems: once(() => {
      const items = readContentItems(opts.contentDir);
      return Promise.resolve(
        CONTENT_ITEM_KINDS.flatMap((kind) =>
          [...items[kind]].map(([itemId, entry]): SourceItem => ({ kind, itemId, item: entry.item })),
        ),
      );
    }),
    articles,
    topics: once(() => Promise.resolve(readTopics(opts.contentDir))),
    async build(edits, after) {
      const workDir = mkdtempSync(join(opts.workDir, 'build-'));
      try {
        const built = await buildEditedRelease({
          contentDir: opts.contentDir,
          edits,
          workDir,
          after,
          ...(opts.log === undefined ? {} : { log: opts.log }),
        });
        opts.log?.(`content release ${built.manifest.version} built in ${built.buildMs} ms`);
        return { bytes: readFileSync(built.file), where: `the release built from ${edits.length} published changes` };
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

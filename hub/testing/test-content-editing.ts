import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { contentDirSource } from '../content-edits/content-dir-source';
import { DEFAULT_CONTENT_DIR } from '../content-source/build-edited-release';
import type { ContentEditing } from '../http/content-edit-handlers';
import { publishReleaseOnline } from '../releases/content-releases';
import type { TufSigner } from '../releases/tuf-keys';

/**
 * Content editing as a real hub has it, over the checkout's content/ folder:
 * builds in a folder of `scratch`, published with `keys` (the online
 * snapshot, timestamp and releases keys), or no publisher when none.
 */
export function testContentEditing(
  scratch: string,
  keys?: { snapshot: TufSigner; timestamp: TufSigner; releases: TufSigner },
): ContentEditing {
  return {
    source: contentDirSource({ contentDir: DEFAULT_CONTENT_DIR, workDir: mkdtempSync(join(scratch, 'builds-')) }),
    publish:
      keys === undefined
        ? undefined
        : (db, uploadId, opts) => publishReleaseOnline(db, uploadId, { online: keys, ...opts }),
  };
}

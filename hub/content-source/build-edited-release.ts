import { join } from 'node:path';
import type { Manifest } from '../../content/build/build-release';
import { applyEdits, type ItemEdit } from './apply-edits';
import { readContentItems } from './content-items';
import { writeContentSource } from './write-content-source';

/**
 * A content release built from the hub's content source: the base content
 * folder with every published edit applied, written out under `workDir`
 * and built by the same builder as `npm run content:build` (shipped laws).
 * Problems in the edited items come back as the builder's ContentError,
 * naming `content/<file>:<line>` of the written source. The caller uploads
 * the file (uploadRelease) and publishes it (publishReleaseOnline), then
 * removes `workDir`.
 */
export interface EditedRelease {
  /** The built content.db. */
  file: string;
  manifest: Manifest;
  /** How long the build took, for the log and the console. */
  buildMs: number;
}

export async function buildEditedRelease(opts: {
  /** The base content folder (the repository's content/ by default). */
  contentDir: string;
  edits: readonly ItemEdit[];
  /** An empty or missing folder, owned by this build. */
  workDir: string;
  log?: (line: string) => void;
  /** The version of the last release published: this build's version compares higher (content/build/release-version.ts). */
  after?: string | undefined;
}): Promise<EditedRelease> {
  const started = performance.now();
  const items = applyEdits(readContentItems(opts.contentDir), opts.edits);
  // Named `content` so that the builder's problems read `content/faq/….yaml:12`, as they do for the repository.
  const source = join(opts.workDir, 'content');
  writeContentSource(opts.contentDir, items, source);
  const outDir = join(opts.workDir, 'out');
  // The builder (its segmenter and pinyin tables) is loaded for a build, not at every start of the hub and hubctl.
  const { buildRelease } = await import('../../content/build/build-release');
  const manifest = await buildRelease({
    contentDir: source,
    outDir,
    laws: 'shipped',
    ...(opts.log === undefined ? {} : { log: opts.log }),
    after: opts.after,
  });
  return { file: join(outDir, 'content.db'), manifest, buildMs: Math.round(performance.now() - started) };
}

/** Where the hub's content source lives unless configured: the repository's content/ beside the hub's code. */
export const DEFAULT_CONTENT_DIR = join(import.meta.dirname, '..', '..', 'content');

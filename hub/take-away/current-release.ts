import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { openPageRelease, type PageRelease } from './page-release';

/** Where `npm run content:build` puts the release (scripts/lib/paths.ts), from this file's place in the checkout. */
export const DEFAULT_CONTENT_RELEASE = join(import.meta.dirname, '..', '..', 'dist', 'content', 'content.db');

/**
 * Which content release the public pages read, as a file; undefined when
 * there is none. For now the one the configuration names (default: the
 * checkout's build, when present). Publishing replaces this with the newest
 * published release: the pages ask it again on every request.
 */
export type CurrentRelease = () => string | undefined;

export function configuredRelease(file: string | undefined): CurrentRelease {
  const chosen = file ?? DEFAULT_CONTENT_RELEASE;
  return () => (existsSync(chosen) ? chosen : undefined);
}

/**
 * Which file a path names now, and in what state: a release replaced at the
 * same path (the builder renames a new file into place) or rewritten in
 * place is another release, though its name is the same.
 */
function identityOf(file: string): string | undefined {
  const stat = statSync(file, { throwIfNoEntry: false, bigint: true });
  return stat === undefined ? undefined : `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

/**
 * The release the pages read, opened once and kept while it stays the
 * current one — the same file, not only the same name; the one before is
 * closed when another takes its place. A file that cannot be read is
 * logged once and answered as no release, and tried again on a later
 * request.
 */
export class ReleaseShelf {
  private open: { identity: string; release: PageRelease } | undefined;
  private failed: string | undefined;

  constructor(
    private readonly current: CurrentRelease,
    private readonly logger: Logger,
  ) {}

  release(): PageRelease | undefined {
    const file = this.current();
    const identity = file === undefined ? undefined : identityOf(file);
    if (file === undefined || identity === undefined) return undefined;
    if (this.open?.identity === identity) return this.open.release;
    try {
      const release = openPageRelease(file);
      this.open?.release.close();
      this.open = { identity, release };
      this.failed = undefined;
      return release;
    } catch (error) {
      if (this.failed !== identity)
        this.logger.error({ err: error }, 'the take-away pages cannot read the content release');
      this.failed = identity;
      return undefined;
    }
  }

  close(): void {
    this.open?.release.close();
    this.open = undefined;
  }
}

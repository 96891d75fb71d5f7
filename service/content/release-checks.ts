import { CONTENT_DDL } from '../../content/schema/content-schema';
import { ContentReleaseError, openContentDb } from './content-db';
import { ContentUnavailableError, openContentService, type ContentService } from './content-service';

/** Why a release is not taken: a stable code (records.db keeps it, the hub will be told it) beside a technician's text. */
export const RELEASE_REFUSALS = [
  'not-newer',
  'version-mismatch',
  'not-a-finished-file',
  'copy-failed',
  'unreadable',
  'damaged',
  'wrong-schema',
  'missing-tables',
  'search-unloadable',
  'search-self-test',
  'first-reads',
  'missing-file',
] as const;
export type ReleaseRefusal = (typeof RELEASE_REFUSALS)[number];

export class ReleaseRefusedError extends Error {
  constructor(
    readonly reason: ReleaseRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

/** Every table the release schema creates: the service reads them all (content, search, keyboard). */
export const RELEASE_TABLES: readonly string[] = [...CONTENT_DDL.matchAll(/CREATE (?:VIRTUAL )?TABLE (\w+)/g)].map(
  (m) => m[1]!,
);

/**
 * Queries every release of our laws and answers must find something for: the
 * commonest matters at the kiosk (divorce, unpaid wages, labour contracts).
 * A release whose index answers none of them was built wrong, whatever its
 * pages say.
 */
export const SELF_TEST_QUERIES: readonly string[] = ['离婚', '工资', '劳动合同'];

/**
 * Opens `file` as a content release and proves it usable: read-only,
 * quick_check, the schema version, every table the service reads, the
 * version its publisher named (when one is given), the search loaded and
 * answering the self-test queries, and the first reads the screens make.
 * Returns the opened service (the caller serves it or closes it); refuses
 * with a ReleaseRefusedError naming the reason.
 */
export function verifyRelease(file: string, expectedVersion?: string): ContentService {
  let opened: ReturnType<typeof openContentDb>;
  try {
    opened = openContentDb(file);
  } catch (error) {
    if (error instanceof ContentReleaseError) throw new ReleaseRefusedError(error.fault, error.message);
    throw error;
  }
  const content = openContentService(file, opened);
  try {
    const present = new Set(
      (opened.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = RELEASE_TABLES.filter((t) => !present.has(t));
    if (missing.length > 0)
      throw new ReleaseRefusedError('missing-tables', `${file}: the release lacks the tables ${missing.join(', ')}`);
    if (expectedVersion !== undefined && opened.version !== expectedVersion)
      throw new ReleaseRefusedError(
        'version-mismatch',
        `${file}: the release says it is version ${opened.version}, but it was published as ${expectedVersion}`,
      );
    const warmed = content.warm();
    if (warmed.state !== 'ok') throw new ReleaseRefusedError('search-unloadable', warmed.detail ?? file);
    for (const query of SELF_TEST_QUERIES) {
      const hits = content.guard(() => content.search().search(query, 1).hits.length);
      if (hits === 0)
        throw new ReleaseRefusedError('search-self-test', `${file}: the search finds nothing for “${query}”`);
    }
    try {
      content.guard(() => {
        const reader = content.reader();
        if (reader.topics().topics.length === 0) throw new Error('no topics');
        if (reader.laws().categories.length === 0) throw new Error('no laws');
        reader.slides();
        reader.templates();
      });
    } catch (error) {
      throw new ReleaseRefusedError(
        'first-reads',
        `${file}: the screens' first reads fail (${(error as Error).message})`,
      );
    }
    return content;
  } catch (error) {
    content.close();
    if (error instanceof ContentUnavailableError) throw new ReleaseRefusedError('damaged', error.message);
    throw error;
  }
}

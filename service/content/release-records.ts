import type { Database as Db } from 'better-sqlite3';

/**
 * What records.db holds about content releases (migration 4): the active and
 * previous release of the store, the highest release number ever accepted
 * (rollback protection), the shipped release and the one being served (for
 * kioskctl, which reads records.db even while the service is down), and what
 * went wrong with releases.
 */

export interface StoredRelease {
  releaseNumber: number;
  version: string;
  /** The file's name inside the store folder. */
  file: string;
  installedAt: string;
}

/** The release the service answers from: one of the store's, or the shipped one (number 0, `file` its full path). */
export interface ServedRelease {
  releaseNumber: number;
  version: string;
  file: string;
  since: string;
}

export const RELEASE_EVENT_KINDS = ['refused', 'fallback', 'rolled-back'] as const;
export type ReleaseEventKind = (typeof RELEASE_EVENT_KINDS)[number];

export interface ReleaseEvent {
  at: string;
  kind: ReleaseEventKind;
  releaseNumber: number;
  version: string | null;
  reason: string;
  detail: string;
}

export interface ReleaseSlots {
  active: StoredRelease | undefined;
  previous: StoredRelease | undefined;
}

const HIGHEST_KEY = 'content.highest_release';
const SHIPPED_KEY = 'content.shipped';
const SERVING_KEY = 'content.serving';

interface SlotRow {
  slot: 'active' | 'previous';
  release_number: number;
  version: string;
  file: string;
  installed_at: string;
}

const fromRow = (r: SlotRow): StoredRelease => ({
  releaseNumber: r.release_number,
  version: r.version,
  file: r.file,
  installedAt: r.installed_at,
});

export function readSlots(db: Db): ReleaseSlots {
  const rows = db.prepare('SELECT * FROM content_releases').all() as SlotRow[];
  const of = (slot: SlotRow['slot']) => {
    const row = rows.find((r) => r.slot === slot);
    return row === undefined ? undefined : fromRow(row);
  };
  return { active: of('active'), previous: of('previous') };
}

/** Both slots at once, in one transaction: a power cut leaves the old pair or the new one. */
export function writeSlots(db: Db, slots: ReleaseSlots): void {
  db.transaction(() => {
    db.prepare('DELETE FROM content_releases').run();
    const insert = db.prepare(
      'INSERT INTO content_releases (slot, release_number, version, file, installed_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const slot of ['active', 'previous'] as const) {
      const r = slots[slot];
      if (r !== undefined) insert.run(slot, r.releaseNumber, r.version, r.file, r.installedAt);
    }
  })();
}

function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** The highest release number this kiosk ever accepted (0: none); no release at or below it is accepted again. */
export function highestAccepted(db: Db): number {
  const slots = readSlots(db);
  return Math.max(Number(readMeta(db, HIGHEST_KEY) ?? 0), slots.active?.releaseNumber ?? 0);
}

/** Makes `release` the active one and the active one previous, and raises the highest number, in one transaction. */
export function activate(db: Db, release: StoredRelease): void {
  db.transaction(() => {
    const { active } = readSlots(db);
    writeSlots(db, { active: release, previous: active });
    writeMeta(db, HIGHEST_KEY, String(Math.max(highestAccepted(db), release.releaseNumber)));
  })();
}

/** Events kept: enough history for a technician; an updater retrying a refused release cannot grow the table without end. */
export const RELEASE_EVENTS_KEPT = 200;

export function recordEvent(db: Db, event: ReleaseEvent): void {
  db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        'INSERT INTO content_release_events (at, kind, release_number, version, reason, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(event.at, event.kind, event.releaseNumber, event.version, event.reason, event.detail);
    db.prepare('DELETE FROM content_release_events WHERE id <= ?').run(Number(lastInsertRowid) - RELEASE_EVENTS_KEPT);
  })();
}

export function lastEvent(db: Db): ReleaseEvent | undefined {
  const row = db
    .prepare(
      'SELECT at, kind, release_number, version, reason, detail FROM content_release_events ORDER BY id DESC LIMIT 1',
    )
    .get() as
    | {
        at: string;
        kind: ReleaseEventKind;
        release_number: number;
        version: string | null;
        reason: string;
        detail: string;
      }
    | undefined;
  return row === undefined
    ? undefined
    : {
        at: row.at,
        kind: row.kind,
        releaseNumber: row.release_number,
        version: row.version,
        reason: row.reason,
        detail: row.detail,
      };
}

/** The shipped release's version and path, and the one served now: written by the service, read by kioskctl. */
export function writeServing(db: Db, shipped: { version: string | null; file: string }, serving: ServedRelease): void {
  db.transaction(() => {
    writeMeta(db, SHIPPED_KEY, JSON.stringify(shipped));
    writeMeta(db, SERVING_KEY, JSON.stringify(serving));
  })();
}

export function readServing(db: Db): {
  shipped: { version: string | null; file: string } | undefined;
  serving: ServedRelease | undefined;
} {
  const parse = <T>(key: string): T | undefined => {
    const text = readMeta(db, key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  return { shipped: parse(SHIPPED_KEY), serving: parse(SERVING_KEY) };
}

/** Everything kioskctl content info shows: what is served, the store's slots, the shipped release and the last problem. */
export interface ReleaseOverview extends ReleaseSlots {
  serving: ServedRelease | undefined;
  shipped: { version: string | null; file: string } | undefined;
  /** The active release when it is not the one served: installed, waiting for an idle moment. */
  pending: StoredRelease | undefined;
  highestAccepted: number;
  lastProblem: ReleaseEvent | undefined;
}

export function releaseOverview(db: Db): ReleaseOverview {
  const slots = readSlots(db);
  const { shipped, serving } = readServing(db);
  return {
    ...slots,
    serving,
    shipped,
    pending:
      slots.active !== undefined && slots.active.releaseNumber !== serving?.releaseNumber ? slots.active : undefined,
    highestAccepted: highestAccepted(db),
    lastProblem: lastEvent(db),
  };
}

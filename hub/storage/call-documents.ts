import type { CallDocument, CallDocumentNotice } from '../../common/hub/api/calls';
import type { CallDocumentsTable, HubDb } from './schema';
import type { Insertable, Selectable } from 'kysely';

/**
 * Documents lawyers pushed to the kiosks of their calls (a filled
 * template, a note, a PDF): kept until the kiosk has had time to fetch and
 * print them, then deleted (secure_delete on SQLite overwrites them).
 */

type DocumentRow = Selectable<CallDocumentsTable>;

export function noticeOf(row: Pick<DocumentRow, 'id' | 'title' | 'kind' | 'bytes' | 'sha256'>): CallDocumentNotice {
  return { documentId: row.id, title: row.title, kind: row.kind, bytes: row.bytes, sha256: row.sha256 };
}

export function documentOf(row: DocumentRow): CallDocument {
  const base = { documentId: row.id, title: row.title };
  switch (row.kind) {
    case 'template': {
      const { templateId, values } = JSON.parse(row.content) as { templateId: string; values: Record<string, string> };
      return { ...base, kind: 'template', templateId, values };
    }
    case 'note':
      return { ...base, kind: 'note', text: row.content };
    case 'pdf':
      return { ...base, kind: 'pdf', base64: row.content };
  }
}

export async function insertDocument(db: HubDb, row: Insertable<CallDocumentsTable>): Promise<void> {
  await db.insertInto('call_documents').values(row).execute();
}

/** The document, if it was pushed to a call of this kiosk; its fetch is noted. */
export async function fetchDocument(
  db: HubDb,
  documentId: string,
  kioskId: number,
  now: Date,
): Promise<DocumentRow | undefined> {
  const row = await db
    .selectFrom('call_documents')
    .innerJoin('calls', 'calls.id', 'call_documents.call_id')
    .selectAll('call_documents')
    .where('call_documents.id', '=', documentId)
    .where('calls.kiosk_id', '=', kioskId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.fetched_at === null)
    await db
      .updateTable('call_documents')
      .set({ fetched_at: now.toISOString() })
      .where('id', '=', documentId)
      .where('fetched_at', 'is', null)
      .execute();
  return row;
}

/** Documents of the kiosk's call under way it has not fetched: told again when its socket opens again. */
export async function unfetchedNotices(
  db: HubDb,
  kioskId: number,
): Promise<{ callId: string; notice: CallDocumentNotice }[]> {
  const rows = await db
    .selectFrom('call_documents')
    .innerJoin('calls', 'calls.id', 'call_documents.call_id')
    .select([
      'call_documents.id',
      'call_documents.call_id',
      'call_documents.title',
      'call_documents.kind',
      'call_documents.bytes',
      'call_documents.sha256',
    ])
    .where('calls.kiosk_id', '=', kioskId)
    .where('calls.state', '=', 'in-call')
    .where('call_documents.fetched_at', 'is', null)
    .orderBy('call_documents.created_at')
    .execute();
  return rows.map((r) => ({ callId: r.call_id, notice: noticeOf(r) }));
}

export async function noticeById(db: HubDb, documentId: string): Promise<CallDocumentNotice | undefined> {
  const row = await db
    .selectFrom('call_documents')
    .select(['id', 'title', 'kind', 'bytes', 'sha256'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row === undefined ? undefined : noticeOf(row);
}

/** Deletes documents pushed before `before`; answers how many. */
export async function deleteDocumentsBefore(db: HubDb, before: Date): Promise<number> {
  const done = await db.deleteFrom('call_documents').where('created_at', '<', before.toISOString()).executeTakeFirst();
  return Number(done.numDeletedRows);
}

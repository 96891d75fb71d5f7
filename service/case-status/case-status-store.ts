import type { Database } from 'better-sqlite3';
import type { SubmissionKind, SubmissionPayload } from '../../common/api/submissions';
import { isCaseKind } from '../../common/api/case-status';
import { type CaseKind, KioskCaseStatus } from '../../common/hub/cases';
import { hashPhoneSuffix, phoneLast4, type PhoneSuffixHash } from './phone-suffix';

/**
 * The SQL of 查询进度 in records.db (schema version 3): the phone-suffix
 * hashes written with the outbox rows, and the case statuses learned from
 * the hub. Nothing here holds personal data in clear.
 */

/**
 * Keeps the hash of the last digits of the phone given with a legal-aid
 * application or mediation request; other kinds have nothing to look up.
 * Call inside the transaction that inserts the outbox row, so neither is
 * kept without the other.
 */
export function storePhoneSuffix(db: Database, reference: string, kind: SubmissionKind, phone: string): void {
  if (!isCaseKind(kind)) return;
  const last4 = phoneLast4(phone);
  if (last4 === undefined) return;
  const { scheme, salt, hash } = hashPhoneSuffix(last4);
  db.prepare('INSERT INTO phone_suffix_hashes (reference, scheme, salt, hash) VALUES (?, ?, ?, ?)').run(
    reference,
    scheme,
    salt,
    hash,
  );
}

/** The phone 查询进度 asks the last digits of: the applicant's, in the payloads of the kinds that are cases. */
export function casePhone(kind: SubmissionKind, payload: SubmissionPayload): string | undefined {
  return isCaseKind(kind) ? (payload as SubmissionPayload<CaseKind>).applicant.phone : undefined;
}

/** The hash to check a reference's digits against: the one kept with its submission here, else one from an earlier lookup. */
export function phoneSuffixOf(db: Database, reference: string): PhoneSuffixHash | undefined {
  const own = db.prepare('SELECT scheme, salt, hash FROM phone_suffix_hashes WHERE reference = ?').get(reference) as
    PhoneSuffixHash | undefined;
  if (own !== undefined) return own;
  const learned = db
    .prepare(
      'SELECT phone_scheme AS scheme, phone_salt AS salt, phone_hash AS hash FROM case_status_cache WHERE reference = ? AND phone_hash IS NOT NULL',
    )
    .get(reference) as PhoneSuffixHash | undefined;
  return learned;
}

/** The submission this kiosk took under `reference`, if it is a case still waiting in the outbox. */
export function undeliveredCase(
  db: Database,
  reference: string,
): { reference: string; kind: CaseKind; createdAt: string } | undefined {
  const row = db
    .prepare('SELECT reference, kind, created_at AS createdAt FROM outbox WHERE reference = ? AND delivered_at IS NULL')
    .get(reference) as { reference: string; kind: string; createdAt: string } | undefined;
  return row !== undefined && isCaseKind(row.kind) ? { ...row, kind: row.kind } : undefined;
}

/**
 * Keeps a status learned from the hub, unless one that changed later is
 * already kept (a push and a lookup can cross). `phone`: the digits of the
 * online lookup that found it, hashed, so this kiosk can check them offline.
 */
export function rememberCaseStatus(
  db: Database,
  status: KioskCaseStatus,
  learnedAt: string,
  phone?: PhoneSuffixHash,
): void {
  db.prepare(
    `INSERT INTO case_status_cache (reference, kind, status, changed_at, learned_at, phone_scheme, phone_salt, phone_hash)
     VALUES (@reference, @kind, @status, @changedAt, @learnedAt, @scheme, @salt, @hash)
     ON CONFLICT (reference) DO UPDATE SET
       kind = excluded.kind, status = excluded.status, changed_at = excluded.changed_at, learned_at = excluded.learned_at,
       phone_scheme = coalesce(excluded.phone_scheme, phone_scheme),
       phone_salt = coalesce(excluded.phone_salt, phone_salt),
       phone_hash = coalesce(excluded.phone_hash, phone_hash)
     WHERE excluded.changed_at >= case_status_cache.changed_at`,
  ).run({
    reference: status.reference,
    kind: status.kind,
    status: JSON.stringify(status),
    changedAt: status.changedAt,
    learnedAt,
    scheme: phone?.scheme ?? null,
    salt: phone?.salt ?? null,
    hash: phone?.hash ?? null,
  });
}

/** The last status learned of a case, and when; undefined when none was, or what was kept no longer reads. */
export function cachedCaseStatus(
  db: Database,
  reference: string,
): { status: KioskCaseStatus; learnedAt: string } | undefined {
  const row = db.prepare('SELECT status, learned_at FROM case_status_cache WHERE reference = ?').get(reference) as
    { status: string; learned_at: string } | undefined;
  if (row === undefined) return undefined;
  const parsed = KioskCaseStatus.safeParse(JSON.parse(row.status));
  return parsed.success ? { status: parsed.data, learnedAt: row.learned_at } : undefined;
}

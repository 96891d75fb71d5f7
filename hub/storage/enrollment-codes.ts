import { enrollCodeHash, newEnrollCode, normaliseEnrollCode } from '../kiosks/enrollment-code';
import { actorText, appendAudit, type AuditActor } from './audit-log';
import type { HubDb } from './schema';

/**
 * Enrollment codes: made by an administrator (console) or an operator
 * (hubctl) for a region and site, each with its audit row; spent by a
 * kiosk's registration (storage/kiosks.ts). The code is answered once and
 * stored only as its hash.
 */

export interface NewEnrollCode {
  regionCode: string;
  site: string | null;
  preApproved: boolean;
  expiresAt: Date;
}

export interface MadeEnrollCode {
  /** Shown once, to give to the installer; not kept. */
  code: string;
  regionCode: string;
  site: string | null;
  preApproved: boolean;
  expiresAt: string;
}

export const enrollCodeTarget = (id: number): string => `enroll-code:${id}`;

export async function createEnrollCode(
  db: HubDb,
  fields: NewEnrollCode,
  actor: AuditActor,
  now: Date,
): Promise<MadeEnrollCode> {
  const code = newEnrollCode();
  const expiresAt = fields.expiresAt.toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('enrollment_codes')
      .values({
        code_hash: enrollCodeHash(normaliseEnrollCode(code)!),
        region_code: fields.regionCode,
        site: fields.site,
        pre_approved: fields.preApproved ? 1 : 0,
        created_by: actorText(actor),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        kiosk_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        actor,
        action: 'enroll-code.create',
        target: enrollCodeTarget(row.id),
        details: { regionCode: fields.regionCode, site: fields.site, preApproved: fields.preApproved, expiresAt },
      },
      now,
    );
  });
  return { code, regionCode: fields.regionCode, site: fields.site, preApproved: fields.preApproved, expiresAt };
}

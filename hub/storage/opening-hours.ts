import { DEFAULT_OPENING_HOURS, type OpeningHours } from '../../common/hub/opening-hours';
import { appendAudit, kioskTarget, type AuditActor } from './audit-log';
import type { HubDb } from './schema';

/** A kiosk's opening hours as stored (JSON, or null for the default), and whether they are the default. */
export function openingHoursOf(row: { opening_hours: string | null }): { hours: OpeningHours; isDefault: boolean } {
  return row.opening_hours === null
    ? { hours: DEFAULT_OPENING_HOURS, isDefault: true }
    : { hours: JSON.parse(row.opening_hours) as OpeningHours, isDefault: false };
}

export type SetHoursOutcome = 'set' | 'revoked' | 'no-such-kiosk';

/**
 * Sets a kiosk's opening hours (checked already, see checkOpeningHours),
 * or back to the default with null, audited with the hours before and
 * after: when the hub raises an offline alarm is a setting someone chose.
 * A revoked kiosk's hours no longer matter and stay as they were.
 */
export async function setOpeningHours(
  db: HubDb,
  kioskId: number,
  hours: OpeningHours | null,
  actor: AuditActor,
  now: Date,
): Promise<SetHoursOutcome> {
  return db.transaction().execute(async (trx) => {
    const kiosk = await trx
      .selectFrom('kiosks')
      .select(['status', 'opening_hours'])
      .where('id', '=', kioskId)
      .executeTakeFirst();
    if (kiosk === undefined) return 'no-such-kiosk';
    const done = await trx
      .updateTable('kiosks')
      .set({ opening_hours: hours === null ? null : JSON.stringify(hours) })
      .where('id', '=', kioskId)
      .where('status', '<>', 'revoked')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return 'revoked';
    await appendAudit(
      trx,
      {
        actor,
        action: 'kiosk.opening-hours',
        target: kioskTarget(kioskId),
        details: { from: openingHoursOf(kiosk).hours, to: hours ?? DEFAULT_OPENING_HOURS, default: hours === null },
      },
      now,
    );
    return 'set';
  });
}

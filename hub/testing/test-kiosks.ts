import { randomUUID } from 'node:crypto';
import type { HubDb } from '../storage/schema';

/** An approved kiosk row, straight into the table: for storage tests that need a kiosk to refer to, not one that speaks. */
export async function insertApprovedKiosk(db: HubDb, regionCode = '420111', at = new Date()): Promise<number> {
  const row = await db
    .insertInto('kiosks')
    .values({
      terminal_id: `T-${randomUUID().slice(0, 8)}`,
      display_name: '测试终端',
      region_code: regionCode,
      site: null,
      public_key: randomUUID(),
      status: 'approved',
      enrolled_at: at.toISOString(),
      approved_at: at.toISOString(),
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { appendAudit, AuditSecretError, listAudit } from './audit-log';
import { HUB_SCHEMA_VERSION } from './migrate';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute));

describe.each(ENGINES)('the audit log on %s', (engine) => {
  const t = useTestStorage(engine);

  it('keeps rows with their actor, action, target and details, and lists the newest first', async () => {
    const { db } = t.storage;
    await appendAudit(db, { actor: { userId: 3 }, action: 'user.sign-in', target: 'user:3' }, at(1));
    await appendAudit(
      db,
      { actor: 'hubctl', action: 'user.add', target: 'user:4', details: { role: 'lawyer' } },
      at(2),
    );
    await appendAudit(db, { actor: 'system', action: 'user.sign-in-refused', details: { reason: 'x' } }, at(3));

    const rows = await listAudit(db, { limit: 2 });
    expect(rows.map((r) => [r.at, r.actor, r.action, r.target, r.details])).toEqual([
      ['2026-03-01T08:03:00.000Z', 'system', 'user.sign-in-refused', null, { reason: 'x' }],
      ['2026-03-01T08:02:00.000Z', 'hubctl', 'user.add', 'user:4', { role: 'lawyer' }],
    ]);
    const [newest] = rows;
    expect((await listAudit(db, { limit: 2, beforeId: newest!.id })).map((r) => r.action)).toEqual([
      'user.add',
      'user.sign-in',
    ]);
    // The migrations' own rows are the oldest.
    expect((await listAudit(db, { limit: 3 + HUB_SCHEMA_VERSION + 1 })).map((r) => r.action)).toEqual([
      'user.sign-in-refused',
      'user.add',
      'user.sign-in',
      ...Array<string>(HUB_SCHEMA_VERSION).fill('schema.migrate'),
    ]);
  });

  it('refuses details that name a secret, at any depth, and stores nothing then', async () => {
    const { db } = t.storage;
    for (const details of [
      { password: 'x' },
      { passwordHash: 'x' },
      { user: { totp_secret: 'x' } },
      { list: [{ token: 'x' }] },
    ]) {
      await expect(appendAudit(db, { actor: 'hubctl', action: 'user.add', details }, at(1))).rejects.toThrow(
        AuditSecretError,
      );
    }
    expect(await listAudit(db, { limit: HUB_SCHEMA_VERSION + 1 })).toHaveLength(HUB_SCHEMA_VERSION);
  });

  it('cannot be changed or emptied: the database refuses UPDATE and DELETE', async () => {
    const { db } = t.storage;
    await appendAudit(db, { actor: 'hubctl', action: 'user.disable', target: 'user:1' }, at(1));
    const before = await listAudit(db, { limit: 10 });

    await expect(db.updateTable('audit_log').set({ actor: 'someone-else' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('action', '=', 'user.disable').execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    // Even a statement typed by hand in a database shell.
    await expect(sql`DELETE FROM audit_log WHERE id > 0`.execute(db)).rejects.toThrow(/append-only/);
    if (engine === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);

    expect(await listAudit(db, { limit: 10 })).toEqual(before);
  });
});

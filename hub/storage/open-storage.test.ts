import { describe, expect, it } from 'vitest';
import { describePostgresUrl, StorageConfigError, storageTarget } from './open-storage';

describe('storageTarget', () => {
  it('is hub.db in the data directory unless HUB_DATABASE_URL names a PostgreSQL server', () => {
    expect(storageTarget('/srv/hub', {})).toEqual({
      engine: 'sqlite',
      file: '/srv/hub/hub.db',
      where: '/srv/hub/hub.db',
    });
    expect(storageTarget('/srv/hub', { HUB_DATABASE_URL: '' })).toMatchObject({ engine: 'sqlite' });
    expect(storageTarget('/srv/hub', { HUB_DATABASE_URL: 'postgresql://hub:pw@db.example:5432/hub' })).toEqual({
      engine: 'postgres',
      url: 'postgresql://hub:pw@db.example:5432/hub',
      where: 'PostgreSQL at postgresql://hub:***@db.example:5432/hub',
    });
  });

  it('refuses another kind of URL without repeating it (it may hold a password)', () => {
    const target = () => storageTarget('/srv/hub', { HUB_DATABASE_URL: 'mysql://root:pw@db/hub' });
    expect(target).toThrow(StorageConfigError);
    expect(target).toThrow('HUB_DATABASE_URL must be a postgres:// or postgresql:// URL (it has mysql:)');
    expect(target).not.toThrow(/pw/);
  });
});

describe('describePostgresUrl', () => {
  it('hides a password in the user part or in the query', () => {
    expect(describePostgresUrl('postgres://hub:s3cret@db:5432/hub')).toBe('postgres://hub:***@db:5432/hub');
    expect(describePostgresUrl('postgres://hub:s3cret@/hub?host=/run/pg')).toBe('postgres://hub:***@/hub?host=/run/pg');
    expect(describePostgresUrl('postgres://db/hub?user=hub&password=s3cret&sslmode=require')).toBe(
      'postgres://db/hub?user=hub&password=***&sslmode=require',
    );
    expect(describePostgresUrl('postgres://hub@db/hub')).toBe('postgres://hub@db/hub');
  });
});

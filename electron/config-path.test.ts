import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigPath, serviceArgs } from './config-path';

const base = {
  env: {},
  isPackaged: false,
  resourcesPath: path.join('/opt', 'kiosk', 'resources'),
  appPath: path.join('/home', 'dev', 'kiosk'),
  cwd: path.join('/home', 'dev'),
};

describe('resolveConfigPath', () => {
  it('uses the demo configuration in a development checkout', () => {
    expect(resolveConfigPath(base)).toBe(path.join('/home', 'dev', 'kiosk', 'kiosk-config', 'demo.json'));
  });

  it('uses the shipped terminal configuration when packaged', () => {
    expect(resolveConfigPath({ ...base, isPackaged: true })).toBe(
      path.join('/opt', 'kiosk', 'resources', 'kiosk-config', 'terminal.json'),
    );
  });

  it('prefers KIOSK_CONFIG, packaged or not', () => {
    const env = { KIOSK_CONFIG: '/etc/kiosk/terminal.json' };
    expect(resolveConfigPath({ ...base, env })).toBe(path.resolve('/etc/kiosk/terminal.json'));
    expect(resolveConfigPath({ ...base, env, isPackaged: true })).toBe(path.resolve('/etc/kiosk/terminal.json'));
  });

  it('resolves a relative KIOSK_CONFIG against the working directory', () => {
    expect(resolveConfigPath({ ...base, env: { KIOSK_CONFIG: 'cfg/a.json' } })).toBe(
      path.join('/home', 'dev', 'cfg', 'a.json'),
    );
  });

  it('ignores an empty or blank KIOSK_CONFIG', () => {
    expect(resolveConfigPath({ ...base, env: { KIOSK_CONFIG: '' } })).toBe(resolveConfigPath(base));
    expect(resolveConfigPath({ ...base, env: { KIOSK_CONFIG: '  ' } })).toBe(resolveConfigPath(base));
  });
});

describe('serviceArgs', () => {
  it('passes the configuration file', () => {
    expect(serviceArgs({ configPath: '/c.json', env: {} })).toEqual(['--config', '/c.json']);
  });

  it('passes a data directory only when one is configured', () => {
    expect(serviceArgs({ configPath: '/c.json', env: { KIOSK_DATA_DIR: '/var/lib/kiosk' } })).toEqual([
      '--config',
      '/c.json',
      '--data-dir',
      '/var/lib/kiosk',
    ]);
    expect(serviceArgs({ configPath: '/c.json', env: { KIOSK_DATA_DIR: ' ' } })).toEqual(['--config', '/c.json']);
  });

  it('keeps a path with spaces as one argument', () => {
    expect(serviceArgs({ configPath: '/my kiosk/c.json', env: {} })).toEqual(['--config', '/my kiosk/c.json']);
  });

  it('points an installed kiosk at the content release shipped outside the archive, unless KIOSK_CONTENT says otherwise', () => {
    expect(
      serviceArgs({ configPath: '/c.json', env: {}, contentPath: '/opt/kiosk/resources/content/content.db' }),
    ).toEqual(['--config', '/c.json', '--content', '/opt/kiosk/resources/content/content.db']);
    expect(
      serviceArgs({ configPath: '/c.json', env: { KIOSK_CONTENT: '/srv/content.db' }, contentPath: '/x/content.db' }),
    ).toEqual(['--config', '/c.json']);
  });

  it('tells the service that this shell takes screenshots, when it does', () => {
    expect(serviceArgs({ configPath: '/c.json', env: {}, shellCaptures: true })).toEqual([
      '--config',
      '/c.json',
      '--shell-captures',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { effectiveUid, rootWarning, userName } from './process-user';

const status = (real: number, effective: number) =>
  `Name:\tnode\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t4242\nUid:\t${real}\t${effective}\t${effective}\t${effective}\nGid:\t0\t0\t0\t0\n`;

describe('which user a process runs as', () => {
  it('reads the effective uid from /proc/<pid>/status', () => {
    expect(effectiveUid(status(0, 0))).toBe(0);
    expect(effectiveUid(status(1000, 1001))).toBe(1001);
    expect(effectiveUid('Name:\tnode\n')).toBeUndefined();
  });

  it('names the uid from /etc/passwd', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\nkiosk:x:1001:1001::/home/kiosk:/usr/sbin/nologin\n';
    expect(userName(passwd, 0)).toBe('root');
    expect(userName(passwd, 1001)).toBe('kiosk');
    expect(userName(passwd, 5)).toBeUndefined();
  });
});

describe('the service started as root', () => {
  it('has one line to log, only for uid 0', () => {
    expect(rootWarning(0)).toMatch(/^running as root: /);
    expect(rootWarning(0)).not.toContain('\n');
    expect(rootWarning(1000)).toBeUndefined();
    expect(rootWarning(undefined)).toBeUndefined();
  });
});

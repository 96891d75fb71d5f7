import { readFileSync } from 'node:fs';

/**
 * The effective uid of a process, from the `Uid:` line of Linux's
 * `/proc/<pid>/status` (real, effective, saved, filesystem uid). Undefined
 * when the text has no such line.
 */
export function effectiveUid(procStatus: string): number | undefined {
  const fields = /^Uid:\s+(\d+)\s+(\d+)/m.exec(procStatus);
  return fields === null ? undefined : Number(fields[2]);
}

/** A uid's login name from the text of /etc/passwd, for a technician who thinks in names. */
export function userName(passwd: string, uid: number): string | undefined {
  for (const line of passwd.split('\n')) {
    const [name, , id] = line.split(':');
    if (name !== undefined && id !== undefined && Number(id) === uid && id !== '') return name;
  }
  return undefined;
}

/** Reads `/proc/<pid>/status`; undefined when the process is gone or this is not Linux. */
export function readProcStatus(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

export function readPasswd(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}

/**
 * The one log line a service started as root writes, so the journal says it:
 * a bug in anything the service parses (ID cards, serial replies, requests)
 * would then run with every right on the machine. `uid` is
 * `process.getuid?.()`.
 */
export function rootWarning(uid: number | undefined): string | undefined {
  if (uid !== 0) return undefined;
  return 'running as root: run the kiosk service as an unprivileged user (with access to the serial ports through the dialout group); kioskctl doctor reports this as a failure';
}

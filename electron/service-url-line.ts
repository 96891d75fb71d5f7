/**
 * The service announces itself with one stdout line
 * `KIOSK_URL=http://127.0.0.1:<port>/#secret=<secret>`; every other line is a
 * JSON log. Pipes deliver arbitrary chunks, so lines are reassembled here
 * before anything is parsed.
 */

export const KIOSK_URL_PREFIX = 'KIOSK_URL=';

/**
 * A service that never ends a line must not grow our memory without bound;
 * past this length the pending text is flushed as if it were a line. No
 * KIOSK_URL line comes anywhere near it.
 */
export const MAX_PENDING_LINE_CHARS = 64 * 1024;

export interface SplitLines {
  /** Complete lines, without their line ending. */
  lines: string[];
  /** The unterminated tail, to be passed back in with the next chunk. */
  pending: string;
}

/** Appends `chunk` to `pending` and returns the complete lines (LF or CRLF). */
export function takeLines(pending: string, chunk: string): SplitLines {
  const parts = (pending + chunk).split('\n');
  let rest = parts.pop() ?? '';
  const lines = parts.map(stripCarriageReturn);
  if (rest.length > MAX_PENDING_LINE_CHARS) {
    lines.push(rest);
    rest = '';
  }
  return { lines, pending: rest };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export interface ServiceEndpoint {
  /** The full URL as announced, fragment (with the boot secret) included. */
  url: string;
  /** `http://127.0.0.1:<port>`: navigation and camera permission are pinned to it. */
  origin: string;
  /** The boot secret, which the shells hand to the page without a URL (common/shell-handover.ts). */
  secret: string;
}

// The shell locks navigation to this origin and may grant it the camera, so a
// line that points anywhere but a loopback port is refused rather than trusted.
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]']);

/** Parses a KIOSK_URL line; null for any other line or a malformed announcement. */
export function parseKioskUrlLine(line: string): ServiceEndpoint | null {
  if (!line.startsWith(KIOSK_URL_PREFIX)) return null;
  let url: URL;
  try {
    url = new URL(line.slice(KIOSK_URL_PREFIX.length).trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.port === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const secret = new URLSearchParams(url.hash.slice(1)).get('secret');
  if (secret === null || secret === '') return null;
  return { url: url.href, origin: url.origin, secret };
}

/**
 * The local service tells the shell that started it when a video call
 * begins and ends, on its stdout like the KIOSK_URL line: the Electron shell
 * grants the page the camera and microphone only while a call waits or runs
 * (electron/permissions.ts). Every other stdout line is a JSON log, which
 * starts with `{`; nothing the page sends can become one of these lines.
 */
export const KIOSK_CALL_PREFIX = 'KIOSK_CALL=';

export function callLine(active: boolean): string {
  return `${KIOSK_CALL_PREFIX}${active ? 'active' : 'idle'}`;
}

/** Whether a call is active by this line; null for any other line, or one that says neither. */
export function parseCallLine(line: string): boolean | null {
  if (!line.startsWith(KIOSK_CALL_PREFIX)) return null;
  const word = line.slice(KIOSK_CALL_PREFIX.length).trim();
  return word === 'active' ? true : word === 'idle' ? false : null;
}

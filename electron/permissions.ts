/**
 * Electron grants every permission unless told otherwise. The kiosk needs
 * exactly one: camera and microphone, for our own page, while a video call
 * with a lawyer is running. Everything else — notifications, geolocation,
 * screen capture, clipboard, serial/USB/HID (the service owns the devices),
 * file system access — is denied.
 */

export interface PermissionQuestion {
  /** Electron's permission name, e.g. 'media', 'display-capture', 'notifications'. */
  permission: string;
  /** Origin or URL of the frame asking. */
  requestingOrigin: string | undefined;
  /** The service's origin; null while the service is down. */
  ourOrigin: string | null;
  callActive: boolean;
  /** For 'media': what is asked for. Camera is 'video', microphone is 'audio'. */
  mediaTypes: readonly string[];
}

const CALL_MEDIA: ReadonlySet<string> = new Set(['video', 'audio']);

export function decidePermission(q: PermissionQuestion): boolean {
  if (q.permission !== 'media' || !q.callActive || q.ourOrigin === null) return false;
  if (originOf(q.requestingOrigin) !== q.ourOrigin) return false;
  // An empty or 'unknown' media type could be anything; only grant what is named.
  return q.mediaTypes.length > 0 && q.mediaTypes.every((t) => CALL_MEDIA.has(t));
}

function originOf(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

// Set by the service's KIOSK_CALL lines (common/call-line.ts): off until a call is requested, off again when it ends.
let callActive = false;

export function setCallActive(active: boolean): void {
  callActive = active;
}

export function isCallActive(): boolean {
  return callActive;
}

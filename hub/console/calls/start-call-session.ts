import { createCallSession } from '../../../ui/call/call-session';
import type { CallSession, CallSessionOptions } from '../../../ui/call/call-types';

/**
 * Where the console's call view gets its call session (ui/call/call-types.ts):
 * the one place that names the media path — today the peer connection of
 * ui/call/call-session.ts; a media server (an SFU) would be wired here and
 * nowhere else.
 */
export function startCallSession(options: CallSessionOptions): CallSession {
  return createCallSession(options);
}

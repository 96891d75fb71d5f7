import { createCallSession as createPeerCallSession } from '../../ui/call/call-session';
import type { CallSession, CallSessionOptions } from '../../ui/call/call-types';

/**
 * Where the kiosk's call screen gets a call's media session from. The media
 * path itself (WebRTC peer to peer, perfect negotiation, ICE restart) is
 * ui/call's, shared with the lawyer's console; the screen uses only the
 * CallSession interface (ui/call/call-types.ts), so a media server could
 * take the peer connection's place here alone. A build without a media
 * path (null) makes the screen say the camera cannot be used and offer
 * 12348 and a callback, as for a broken camera.
 */
export type CreateCallSession = (options: CallSessionOptions) => CallSession;

export const createCallSession: CreateCallSession | null = createPeerCallSession;

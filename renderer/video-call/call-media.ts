import type { CallSession, CallSessionOptions } from '../../ui/call/call-types';

/**
 * Where the kiosk's call screen gets a call's media session from. The media
 * path itself (WebRTC peer to peer, perfect negotiation, ICE restart) is
 * ui/call's, shared with the lawyer's console; the screen uses only the
 * CallSession interface (ui/call/call-types.ts). Until this build carries
 * ui/call's session (ui/call/call-session.ts) there is none, and the screen
 * says the camera cannot be used and offers 12348 and a callback, as for a
 * broken camera. Wiring it is the one line below:
 * `= createCallSession` imported from '../../ui/call/call-session'.
 */
export type CreateCallSession = (options: CallSessionOptions) => CallSession;

export const createCallSession: CreateCallSession | null = null;

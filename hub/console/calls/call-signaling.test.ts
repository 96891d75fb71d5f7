import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../../common/hub/api/calls';
import type { LiveServerMessage } from '../../../common/hub/api/live';
import { createLiveChannel } from '../data/live-channel';
import type { LiveRequest, LiveSocket } from '../data/live-socket';
import { callSignaling } from './call-signaling';

const CALL = '5a0d6f1e-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const OTHER = '5a0d6f1e-2b3c-4d5e-8f90-a1b2c3d4e5f7';
const offer: CallSignal = { description: { type: 'offer', sdp: 'v=0 offer' } };
const candidate: CallSignal = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' } };

/** A channel over a socket that is open or not, as the test says; what it sent is kept. */
function setUp() {
  const channel = createLiveChannel();
  const sent: LiveRequest[] = [];
  let open = true;
  const socket: LiveSocket = {
    state: () => (open ? 'live' : 'reconnecting'),
    request: () => Promise.reject(new Error('not used')),
    send: (message) => {
      if (!open) return false;
      sent.push(message);
      return true;
    },
    close: () => undefined,
  };
  channel.attach(socket);
  return {
    channel,
    sent,
    drop: () => {
      open = false;
      channel.hearState('reconnecting');
    },
    back: () => {
      open = true;
      channel.hearState('live');
    },
  };
}

describe('a call’s signaling over the console’s socket', () => {
  it('sends the session’s signals as call-signal for its call, and hears only its own call’s', () => {
    const t = setUp();
    const signaling = callSignaling(t.channel, CALL);
    const heard: CallSignal[] = [];
    signaling.onSignal((s) => heard.push(s));
    signaling.send(offer);
    expect(t.sent).toEqual([{ type: 'call-signal', callId: CALL, signal: offer }]);
    const from = (callId: string, signal: CallSignal): LiveServerMessage => ({ type: 'call-signal', callId, signal });
    t.channel.hearMessage(from(OTHER, candidate));
    t.channel.hearMessage(from(CALL, candidate));
    expect(heard).toEqual([candidate]);
  });

  it('keeps what is sent while the socket is down and sends it in order once it carries again', () => {
    const t = setUp();
    const signaling = callSignaling(t.channel, CALL);
    t.drop();
    signaling.send(offer);
    signaling.send(candidate);
    expect(t.sent).toEqual([]);
    t.back();
    expect(t.sent.map((m) => m.type === 'call-signal' && m.signal)).toEqual([offer, candidate]);
  });

  it('closed, sends nothing more, drops what waited and hears nothing', () => {
    const t = setUp();
    const signaling = callSignaling(t.channel, CALL);
    const heard: CallSignal[] = [];
    signaling.onSignal((s) => heard.push(s));
    t.drop();
    signaling.send(offer);
    signaling.close();
    t.back();
    signaling.send(candidate);
    t.channel.hearMessage({ type: 'call-signal', callId: CALL, signal: candidate });
    expect(t.sent).toEqual([]);
    expect(heard).toEqual([]);
  });
});

import WebSocket from 'ws';
import type { LiveServerMessage } from '../../../common/hub/api/live';
import type { LiveClient } from '../../../hub/testing/live-clients';
import type { CallRig } from './call-rig';

/**
 * Stands where the kiosk's service does between its screen and the hub:
 * the rig page's signals (the polite end, in a room named by the call) go
 * out on the kiosk's live socket, the lawyer's come back to the page.
 */
export async function kioskSignaling(
  rig: Pick<CallRig, 'origin'>,
  caller: { socket: LiveClient; callId: string },
): Promise<{ close(): void }> {
  const relay = new WebSocket(`${rig.origin.replace(/^http/, 'ws')}/signal?room=${caller.callId}&role=impolite`);
  await new Promise((resolve, reject) => relay.once('open', resolve).once('error', reject));
  let sent = 0;
  relay.on('message', (data: Buffer) =>
    caller.socket.send({
      type: 'call-signal',
      id: `s${++sent}`,
      callId: caller.callId,
      signal: JSON.parse(String(data)),
    }),
  );
  const fromHub = (data: Buffer): void => {
    const message = JSON.parse(String(data)) as LiveServerMessage;
    if (message.type === 'call-signal' && message.callId === caller.callId) relay.send(JSON.stringify(message.signal));
  };
  caller.socket.ws.on('message', fromHub);
  return {
    close() {
      caller.socket.ws.off('message', fromHub);
      relay.close();
    },
  };
}

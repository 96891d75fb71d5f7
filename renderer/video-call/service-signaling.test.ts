import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../common/hub/api/calls';
import { serviceSignaling } from './service-signaling';
import { signalInbox } from './signal-inbox';

const candidate = (n: number): CallSignal => ({ candidate: { candidate: `candidate:${n}` } });
const OFFER: CallSignal = { description: { type: 'offer', sdp: 'v=0' } };

/** A service whose answers the test decides, one call at a time. */
function fakeService() {
  const sent: CallSignal[] = [];
  const pending: { signal: CallSignal; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let hear: (s: CallSignal) => void = () => undefined;
  return {
    sent,
    pending,
    deps: {
      send: (signal: CallSignal) =>
        new Promise<void>((resolve, reject) => {
          pending.push({ signal, resolve: () => (sent.push(signal), resolve()), reject });
        }),
      subscribe: (l: (s: CallSignal) => void) => {
        hear = l;
        return () => (hear = () => undefined);
      },
      isFinal: (e: unknown) => e === 'over',
      wait: () => Promise.resolve(),
    },
    hear: (s: CallSignal) => hear(s),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('signaling through the local service', () => {
  it('sends one signal at a time, in order: the next goes only once the service took the last', async () => {
    const service = fakeService();
    const channel = serviceSignaling(service.deps);
    channel.send(OFFER);
    channel.send(candidate(1));
    channel.send(candidate(2));
    await settle();
    expect(service.pending.map((p) => p.signal)).toEqual([OFFER]);
    service.pending.shift()!.resolve();
    await settle();
    service.pending.shift()!.resolve();
    await settle();
    service.pending.shift()!.resolve();
    await settle();
    expect(service.sent).toEqual([OFFER, candidate(1), candidate(2)]);
  });

  it('tries a signal again when the service did not take it (restarting), keeping the order', async () => {
    const service = fakeService();
    const channel = serviceSignaling(service.deps);
    channel.send(OFFER);
    channel.send(candidate(1));
    await settle();
    service.pending.shift()!.reject(new Error('network'));
    await settle();
    expect(service.pending.map((p) => p.signal)).toEqual([OFFER]);
    service.pending.shift()!.resolve();
    await settle();
    service.pending.shift()!.resolve();
    await settle();
    expect(service.sent).toEqual([OFFER, candidate(1)]);
  });

  it('drops what is left once the service says the call is over', async () => {
    const service = fakeService();
    const channel = serviceSignaling(service.deps);
    channel.send(OFFER);
    channel.send(candidate(1));
    await settle();
    service.pending.shift()!.reject('over');
    await settle();
    expect(service.pending).toEqual([]);
    expect(service.sent).toEqual([]);
  });

  it('hears the lawyer’s signals until closed', () => {
    const service = fakeService();
    const channel = serviceSignaling(service.deps);
    const heard: CallSignal[] = [];
    channel.onSignal((s) => heard.push(s));
    service.hear(OFFER);
    channel.close();
    service.hear(candidate(1));
    channel.send(candidate(2));
    expect(heard).toEqual([OFFER]);
    expect(service.pending).toEqual([]);
  });

  it('listens to the service only once the session does, so what came before waits in the inbox for it', () => {
    const inbox = signalInbox();
    let subscribed = 0;
    const channel = serviceSignaling({
      ...fakeService().deps,
      subscribe: (l) => {
        subscribed++;
        return inbox.subscribe(l);
      },
    });
    inbox.push(OFFER);
    expect(subscribed).toBe(0);
    const heard: CallSignal[] = [];
    channel.onSignal((s) => heard.push(s));
    channel.onSignal(() => undefined);
    inbox.push(candidate(1));
    expect(heard).toEqual([OFFER, candidate(1)]);
    expect(subscribed).toBe(1);
  });
});

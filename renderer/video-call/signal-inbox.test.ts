import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../common/hub/api/calls';
import { MAX_KEPT_SIGNALS, signalInbox } from './signal-inbox';

const candidate = (n: number): CallSignal => ({ candidate: { candidate: `candidate:${n}` } });
const OFFER: CallSignal = { description: { type: 'offer', sdp: 'v=0' } };

describe('the lawyer’s signals for a call, before its media session listens', () => {
  it('keeps what arrives before anyone listens and hands it over, in order, before what follows', () => {
    const inbox = signalInbox();
    inbox.push(OFFER);
    inbox.push(candidate(1));
    const heard: CallSignal[] = [];
    inbox.subscribe((s) => heard.push(s));
    inbox.push(candidate(2));
    expect(heard).toEqual([OFFER, candidate(1), candidate(2)]);
  });

  it('hands what was kept over once: a second listener hears only what follows', () => {
    const inbox = signalInbox();
    inbox.push(OFFER);
    const first: CallSignal[] = [];
    const second: CallSignal[] = [];
    const off = inbox.subscribe((s) => first.push(s));
    inbox.subscribe((s) => second.push(s));
    off();
    inbox.push(candidate(1));
    expect(first).toEqual([OFFER]);
    expect(second).toEqual([candidate(1)]);
  });

  it('keeps again once no one listens, and only the newest when too many arrive', () => {
    const inbox = signalInbox();
    inbox.subscribe(() => undefined)();
    for (let n = 0; n < MAX_KEPT_SIGNALS + 3; n++) inbox.push(candidate(n));
    const heard: CallSignal[] = [];
    inbox.subscribe((s) => heard.push(s));
    expect(heard).toHaveLength(MAX_KEPT_SIGNALS);
    expect(heard[0]).toEqual(candidate(3));
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpPipe, type CdpEvent } from './cdp-pipe';

/** A pipe whose far end is played by the test: what we send arrives in `sent`, and `reply` writes raw bytes back. */
function pipe(): { cdp: CdpPipe; sent: () => string[]; reply: (raw: string | Buffer) => void; close: () => void } {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  let written = '';
  toBrowser.on('data', (d: Buffer) => (written += d.toString()));
  return {
    cdp: new CdpPipe(toBrowser, fromBrowser),
    sent: () => written.split('\0').filter((m) => m !== ''),
    reply: (raw) => fromBrowser.write(raw),
    close: () => fromBrowser.end(),
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('the DevTools protocol over a pipe', () => {
  it('sends NUL-terminated JSON and matches answers by id, however the bytes are cut', async () => {
    const p = pipe();
    const a = p.cdp.send('Browser.getVersion');
    const b = p.cdp.send('Page.navigate', { url: 'http://127.0.0.1:1/' }, 'S1');
    await tick();
    expect(p.sent().map((m) => JSON.parse(m) as unknown)).toEqual([
      { id: 1, method: 'Browser.getVersion', params: {} },
      { id: 2, method: 'Page.navigate', params: { url: 'http://127.0.0.1:1/' }, sessionId: 'S1' },
    ]);
    const answers = Buffer.from(
      `${JSON.stringify({ id: 2, result: { frameId: 'F' } })}\0${JSON.stringify({ id: 1, result: { product: '中文/156' } })}\0`,
    );
    // Cut inside a multi-byte character and inside a message.
    const inCharacter = answers.indexOf(Buffer.from('中')) + 1;
    for (const part of [answers.subarray(0, 7), answers.subarray(7, inCharacter), answers.subarray(inCharacter)])
      p.reply(part);
    expect(await b).toEqual({ frameId: 'F' });
    expect(await a).toEqual({ product: '中文/156' });
  });

  it('passes events on with their session, and errors to the caller', async () => {
    const p = pipe();
    const events: CdpEvent[] = [];
    p.cdp.onEvent((e) => events.push(e));
    const failing = p.cdp.send('Target.closeTarget', { targetId: 'x' });
    p.reply(
      `${JSON.stringify({ method: 'Target.targetDestroyed', params: { targetId: 'x' }, sessionId: 'S' })}\0${JSON.stringify({ id: 1, error: { message: 'No target with given id found' } })}\0`,
    );
    await expect(failing).rejects.toThrow('Target.closeTarget: No target with given id found');
    expect(events).toEqual([{ method: 'Target.targetDestroyed', params: { targetId: 'x' }, sessionId: 'S' }]);
  });

  it('fails what is pending, and what comes after, once the browser is gone', async () => {
    const p = pipe();
    const pending = p.cdp.send('Browser.getVersion');
    p.close();
    await expect(pending).rejects.toThrow(/closed its DevTools pipe/);
    await expect(p.cdp.send('Browser.getVersion')).rejects.toThrow(/closed its DevTools pipe/);
    expect(p.cdp.closed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { RequestFacts } from '../../server-kit/http/guard';
import { clientAddress, requestIsSecure, TrustedProxies } from './forwarded';

const request = (remoteAddress: string, headers: Record<string, string> = {}, encrypted = false): RequestFacts => ({
  header: (name) => headers[name],
  socket: { encrypted, remoteAddress },
});

describe('trusted proxies', () => {
  const proxies = new TrustedProxies(['10.0.0.0/24', '192.0.2.7', 'fd00::/8']);

  it('trust the addresses and networks listed, IPv4 seen through a dual-stack socket too, and nobody else', () => {
    for (const a of ['10.0.0.1', '10.0.0.254', '::ffff:10.0.0.9', '192.0.2.7', 'fd00::1', 'fdff::2'])
      expect(proxies.trusts(a), a).toBe(true);
    for (const a of ['10.0.1.1', '192.0.2.8', 'fe80::1', '127.0.0.1', 'not an address'])
      expect(proxies.trusts(a), a).toBe(false);
    expect(proxies.trusts(undefined)).toBe(false);
    expect(new TrustedProxies([]).trusts('127.0.0.1')).toBe(false);
  });

  it('are believed about TLS and the client, taking the value the nearest proxy added', () => {
    const forwarded = { 'x-forwarded-proto': 'http, https', 'x-forwarded-for': '198.51.100.1, 203.0.113.9' };
    expect(requestIsSecure(request('10.0.0.7', forwarded), proxies)).toBe(true);
    expect(clientAddress(request('10.0.0.7', forwarded), proxies)).toBe('203.0.113.9');
    expect(requestIsSecure(request('10.0.0.7', { 'x-forwarded-proto': 'https, http' }), proxies)).toBe(false);
    expect(clientAddress(request('::ffff:10.0.0.7'), proxies)).toBe('10.0.0.7');
  });

  it('are the only ones believed: anyone else’s headers are ignored, and a TLS socket is TLS whoever connects', () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    expect(requestIsSecure(request('198.51.100.1', forwarded), proxies)).toBe(false);
    expect(clientAddress(request('198.51.100.1', forwarded), proxies)).toBe('198.51.100.1');
    expect(requestIsSecure(request('198.51.100.1', {}, true), proxies)).toBe(true);
  });
});

import { BlockList, isIP } from 'node:net';
import type { RequestFacts } from '../../server-kit/http/guard';

/**
 * What the hub believes about a request's client and TLS. A reverse proxy
 * in front (nginx ending TLS) says both in X-Forwarded-For and
 * X-Forwarded-Proto; anyone can write those headers, so they count only
 * on a connection from a proxy the configuration trusts. Of a list, the
 * last value is the one the nearest proxy — ours — added.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /** Addresses ("10.0.0.5") and networks ("10.0.0.0/24"), as the configuration's schema checked them. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
    this.empty = entries.length === 0;
  }

  trusts(address: string | undefined): boolean {
    if (this.empty || address === undefined) return false;
    const plain = unmapped(address);
    return this.list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  }
}

/** An IPv4 address as a dual-stack socket reports it (::ffff:10.0.0.5) in its plain form. */
function unmapped(address: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

function lastListed(header: string | undefined): string | undefined {
  const last = header?.split(',').at(-1)?.trim();
  return last === undefined || last === '' ? undefined : last;
}

/** The request reached us over TLS: on our own socket, or at a trusted proxy that says so. */
export function requestIsSecure(request: RequestFacts, proxies: TrustedProxies): boolean {
  if (request.socket.encrypted) return true;
  return (
    proxies.trusts(request.socket.remoteAddress) &&
    lastListed(request.header('x-forwarded-proto'))?.toLowerCase() === 'https'
  );
}

/** The client's address for the audit log: the peer's, or the one a trusted proxy names. */
export function clientAddress(request: RequestFacts, proxies: TrustedProxies): string | undefined {
  const peer = request.socket.remoteAddress;
  const forwarded = proxies.trusts(peer) ? lastListed(request.header('x-forwarded-for')) : undefined;
  const address = forwarded ?? peer;
  return address === undefined ? undefined : unmapped(address);
}

/** One year: browsers then refuse plain HTTP to the hub's name for that long. */
export const HSTS = 'max-age=31536000';

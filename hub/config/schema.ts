import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The hub's configuration file. Operators edit it by hand, so every
 * object is strict (a misspelt key is an error, not silently ignored) and
 * every setting says what it is for. Secrets never go here: the database
 * URL with its password comes from HUB_DATABASE_URL, the TOTP key from its
 * own owner-only file.
 */

/** The loopback names a plain-HTTP public origin may have: anywhere else, cookies and passwords need TLS. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const PublicOrigin = z.string().transform((text, ctx) => {
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('expected an origin such as "https://hub.example.gov.cn"');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('expected an https:// origin');
  if (url.origin !== text.replace(/\/$/, ''))
    return refuse(`expected only scheme, host and port, such as "${url.origin}" (no path, query or user)`);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return refuse('must be https:// (plain http:// only on 127.0.0.1 or localhost): passwords and cookies cross it');
  return url.origin;
});

/** An IP address, or a network as address/prefix length ("10.0.0.0/8", "fd00::/8"). */
export const ProxyAddress = z.string().refine(
  (text) => {
    const [address, prefix, ...rest] = text.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  },
  { message: 'expected an IP address such as "10.0.0.5" or a network such as "10.0.0.0/24"' },
);

/** A TURN server as clients reach it: turn:host:port or turns:host:port (TLS), optionally ?transport=udp|tcp. */
const TurnUrl = z
  .string()
  .regex(
    /^turns?:[A-Za-z0-9.-]+(:\d{1,5})?(\?transport=(udp|tcp))?$/,
    'expected a TURN URL such as "turn:turn.example.gov.cn:3478?transport=udp" or "turns:turn.example.gov.cn:443?transport=tcp"',
  );

/** How long submissions are kept by default, in days (see `retention`). */
export const RETENTION_DEFAULTS = { closedCaseDays: 365, callbackDays: 90, ratingDays: 730, handoffDays: 90 };

export const HubConfig = z.strictObject({
  /** For editors: the JSON Schema this file follows. */
  $schema: z.string().optional(),
  listen: z
    .strictObject({
      /** The address to bind: loopback behind a reverse proxy on the same machine; 0.0.0.0 or :: to take connections from others. */
      host: z
        .string()
        .refine((h) => isIP(h) !== 0, { message: 'expected an IP address such as "127.0.0.1" or "0.0.0.0"' })
        .default('127.0.0.1'),
      /** 0 picks a free port (tests). */
      port: z.number().int().min(0).max(65535).default(8740),
    })
    .default({ host: '127.0.0.1', port: 8740 }),
  /**
   * The origin people reach the hub at, as their browser shows it (scheme,
   * host, port): every state-changing request must come from it. Left out,
   * it is http://HOST:PORT of the address listened on (loopback only).
   */
  publicOrigin: PublicOrigin.optional(),
  /**
   * The reverse proxies in front of the hub (addresses or networks). Only a
   * request from one of them is believed about the client's address
   * (X-Forwarded-For) and about TLS (X-Forwarded-Proto); from anyone else
   * those headers are ignored.
   */
  trustedProxies: z.array(ProxyAddress).max(64).default([]),
  /** Where hub.db and the keys live; relative to this file. Overridden by --data-dir and HUB_DATA_DIR. */
  dataDir: z.string().min(1).optional(),
  /** Serve HTTPS itself, with these PEM files (relative to this file), instead of behind a proxy that does. */
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  /** The key that seals TOTP secrets (made at the first start); every hub on one database needs the same file. Default: keys/totp.key in the data directory. */
  totpKeyFile: z.string().min(1).optional(),
  /** The directory of the keys that encrypt submissions' personal data at rest (made at the first start); every hub on one database needs the same one. Default: keys/payloads in the data directory. */
  payloadKeysDir: z.string().min(1).optional(),
  /** The private key kiosks seal waiting submissions to (made at the first start); every hub on one database needs the same file. Default: keys/sealing-key.pem in the data directory. */
  sealingKeyFile: z.string().min(1).optional(),
  /**
   * The content release (a content.db from `npm run content:build`) the
   * public take-away pages read, which kiosks' QR codes link to; relative
   * to this file. Default: dist/content/content.db of the hub's checkout,
   * when present; without one those pages say content is unavailable.
   */
  contentRelease: z.string().min(1).optional(),
  /**
   * The content folder (laid out as the repository's content/) that releases
   * are built from when administrators' edits are approved in the console;
   * relative to this file. Default: content/ of the hub's checkout.
   */
  contentDir: z.string().min(1).optional(),
  /** The name authenticator apps show beside the account's code. */
  totpIssuer: z.string().min(1).max(40).default('无人律所'),
  /**
   * The TURN server (coturn with `use-auth-secret`) video calls relay
   * through where peer to peer does not get through; left out, calls are
   * peer to peer only (one local network). Credentials are made per call
   * from the shared secret, never stored.
   */
  turn: z
    .strictObject({
      /** As kiosks and consoles reach it; add a turns: URL on 443 for halls that let only HTTPS out. */
      urls: z.array(TurnUrl).min(1).max(8),
      /** The file holding coturn's static-auth-secret (owner-only, like the TOTP key); relative to this file. */
      secretFile: z.string().min(1),
      /** How long a credential lives; a call asks again before an ICE restart. */
      ttlSeconds: z.number().int().min(60).max(86_400).default(600),
      /** Relay every call through TURN (iceTransportPolicy `relay`): for networks where only the relay gets through. */
      relayOnly: z.boolean().default(false),
    })
    .optional(),
  /**
   * How long submissions are kept at the hub, in days, before the purge
   * (hourly, and `hubctl purge`) deletes them with their personal data. A
   * case counts from when it became final (refused, closed, settled, not
   * settled); its anonymous case facts stay for the figures.
   */
  retention: z
    .strictObject({
      closedCaseDays: z.number().int().min(1).max(3650).default(RETENTION_DEFAULTS.closedCaseDays),
      /** Callback requests, from their receipt (done or not: a number left long ago is no use to call). */
      callbackDays: z.number().int().min(1).max(3650).default(RETENTION_DEFAULTS.callbackDays),
      /** Ratings, from their receipt (no personal data, but free text a citizen may have typed). */
      ratingDays: z.number().int().min(1).max(3650).default(RETENTION_DEFAULTS.ratingDays),
      /** Filled document templates handed on, from their receipt. */
      handoffDays: z.number().int().min(1).max(3650).default(RETENTION_DEFAULTS.handoffDays),
    })
    .default(RETENTION_DEFAULTS),
});
export type HubConfig = z.infer<typeof HubConfig>;

/** The JSON Schema editors check hub-config.schema.json files with (`npm run hubctl -- config schema`). */
export function hubConfigJsonSchema(): unknown {
  return z.toJSONSchema(HubConfig, { io: 'input' });
}

import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SealingKey } from '../../common/hub/api/kiosks';
import { keyFingerprint } from '../../server-kit/kiosk-identity/kiosk-key';
import { writeOwnerOnlyFile } from '../../server-kit/owner-only-file';

/**
 * The kiosk's identity at the hub, in its data directory: its Ed25519
 * private key (`hub/kiosk-key.pem`, owner-only, never sent anywhere; the
 * hub has the public key) and what enrolling gave it (`hub/enrollment.json`:
 * the hub's URL, its kiosk id there, where it stood when last asked).
 */

const HUB_DIR = 'hub';
const KEY_FILE = 'kiosk-key.pem';
const ENROLLMENT_FILE = 'enrollment.json';

export const Enrollment = z.object({
  hubUrl: z.string(),
  kioskId: z.number().int().positive(),
  keyFingerprint: z.string(),
  enrolledAt: z.string(),
  status: z.enum(['pending', 'approved', 'revoked']),
  checkedAt: z.string(),
  /** The hub's sealing key, as it gave it at enrollment or the last status check: waiting payloads are sealed to it. */
  sealingKey: SealingKey.optional(),
});
export type Enrollment = z.infer<typeof Enrollment>;

export interface KioskIdentity {
  enrollment: Enrollment;
  privateKey: KeyObject;
}

/**
 * Why a hub URL is refused, or undefined when it may be used: the kiosk
 * sends personal data there, so only HTTPS — plain HTTP only to a hub on
 * this machine (a demo, a test), where nothing crosses a network.
 */
export function hubUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a URL: ${text}`;
  }
  if (url.username !== '' || url.password !== '') return 'a hub URL carries no user name or password';
  if (url.search !== '' || url.hash !== '') return 'a hub URL has no query or fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return `expected an https:// URL, got ${url.protocol}`;
  return isLoopback(url.hostname)
    ? undefined
    : 'expected an https:// URL: plain http:// is allowed only for a hub on this machine (localhost, 127.0.0.1, [::1])';
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The hub's base URL as stored: no trailing slash. */
export function normaliseHubUrl(text: string): string {
  return new URL(text).toString().replace(/\/+$/, '');
}

export function newKioskKeyPair(): { privateKey: KeyObject; publicKey: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return { privateKey, publicKey: der, fingerprint: keyFingerprint(der) };
}

const hubDir = (dataDir: string) => join(dataDir, HUB_DIR);

/** Keeps a new identity: the key first, then the enrollment naming it, each owner-only. */
export function saveIdentity(dataDir: string, privateKey: KeyObject, enrollment: Enrollment): void {
  const dir = hubDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  writeOwnerOnlyFile(join(dir, KEY_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  saveEnrollment(dataDir, enrollment);
}

export function saveEnrollment(dataDir: string, enrollment: Enrollment): void {
  writeOwnerOnlyFile(join(hubDir(dataDir), ENROLLMENT_FILE), `${JSON.stringify(enrollment, null, 2)}\n`);
}

export const keyFile = (dataDir: string): string => join(hubDir(dataDir), KEY_FILE);

/** The kiosk's enrollment, if it has one; a damaged file is an error naming it. */
export function readEnrollment(dataDir: string): Enrollment | undefined {
  const file = join(hubDir(dataDir), ENROLLMENT_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = Enrollment.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is damaged: enroll again with \`kioskctl hub enroll --again\``);
  return parsed.data;
}

export function readIdentity(dataDir: string): KioskIdentity | undefined {
  const enrollment = readEnrollment(dataDir);
  if (enrollment === undefined) return undefined;
  return { enrollment, privateKey: createPrivateKey(readFileSync(keyFile(dataDir), 'utf8')) };
}

import { registerWithHub } from './hub-client';
import { newKioskKeyPair, saveIdentity, type Enrollment } from './hub-identity';

/** Why the hub refused an enrollment, as it answers (common/hub/api/kiosks.ts). */
export type EnrollRefusal = 'code-not-valid' | 'terminal-enrolled' | 'key-not-valid' | 'too-many-attempts';

export type EnrollOutcome =
  { outcome: 'enrolled'; enrollment: Enrollment } | { outcome: 'refused'; reason: EnrollRefusal };

/**
 * Enrolls this kiosk with a hub: makes its own key pair, registers the
 * public key with the one-time code, and keeps the private key and the
 * enrollment in the data directory — only once the hub took them, so a
 * refused code leaves the kiosk as it was. `kioskctl hub enroll` and the
 * demo's `npm start` both enroll through here. A hub that cannot be
 * reached or answers an error throws (HubUnreachableError, HubRefusedError).
 */
export async function enrollKiosk(opts: {
  dataDir: string;
  /** Checked and normalised by the caller (hubUrlProblem, normaliseHubUrl). */
  hubUrl: string;
  code: string;
  terminal: { id: string; displayName: string };
  now?: () => Date;
}): Promise<EnrollOutcome> {
  const keys = newKioskKeyPair();
  const answer = await registerWithHub(opts.hubUrl, {
    code: opts.code,
    publicKey: keys.publicKey,
    terminalId: opts.terminal.id,
    displayName: opts.terminal.displayName,
  });
  if (answer.outcome === 'refused') return answer;
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const enrollment: Enrollment = {
    hubUrl: opts.hubUrl,
    kioskId: answer.kioskId,
    keyFingerprint: keys.fingerprint,
    enrolledAt: at,
    status: answer.status,
    checkedAt: at,
    ...(answer.sealingKey === undefined ? {} : { sealingKey: answer.sealingKey }),
  };
  saveIdentity(opts.dataDir, keys.privateKey, enrollment);
  return { outcome: 'enrolled', enrollment };
}

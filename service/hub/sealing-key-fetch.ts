import type { Logger } from 'pino';
import type { KioskStatusResponse } from '../../common/hub/api/kiosks';
import { HubRefusedError, HubUnreachableError, kioskStatusAtHub } from './hub-client';
import { readIdentity, saveEnrollment, type KioskIdentity } from './hub-identity';

/**
 * A kiosk enrolled before its hub handed out a sealing key has none in
 * hub/enrollment.json, so what waits in its outbox would stay unsealed
 * until a technician ran `kioskctl hub status`. The running service asks
 * the hub's kioskStatus itself instead — at start and whenever the socket
 * to the hub opens — and keeps the key the hub gives, with the standing
 * the hub answered. A kiosk that has a key, is not enrolled, or is revoked
 * is not asked about; a hub out of reach is asked again at the next
 * opening, not in a loop.
 */

export type SealingKeyFetchOutcome =
  /** The hub gave a key, now in enrollment.json. */
  | 'learned'
  /** Nothing to ask: not enrolled, revoked, or the key is there already. */
  | 'not-needed'
  /** The hub answered without a key (one that seals nothing): asked again at the next opening. */
  | 'not-given'
  /** The hub could not be reached or refused: asked again at the next opening. */
  | 'failed';

export interface SealingKeyFetchOptions {
  dataDir: string;
  logger: Logger;
  /** The hub's kioskStatus; a unit test passes its own. */
  ask?: (identity: KioskIdentity) => Promise<KioskStatusResponse>;
  now?: () => Date;
}

export class SealingKeyFetch {
  private inFlight: Promise<SealingKeyFetchOutcome> | undefined;

  constructor(private readonly opts: SealingKeyFetchOptions) {}

  /** Asks the hub once if the kiosk lacks its sealing key; a second call while one is under way joins it. */
  check(): Promise<SealingKeyFetchOutcome> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetch(): Promise<SealingKeyFetchOutcome> {
    const { dataDir, logger } = this.opts;
    let identity: KioskIdentity | undefined;
    try {
      identity = readIdentity(dataDir);
    } catch {
      // A damaged enrollment: the heartbeat sender says so in the log.
      return 'not-needed';
    }
    if (identity === undefined) return 'not-needed';
    const { enrollment } = identity;
    if (enrollment.sealingKey !== undefined || enrollment.status === 'revoked') return 'not-needed';
    let answer: KioskStatusResponse;
    try {
      answer = await (this.opts.ask ?? kioskStatusAtHub)(identity);
    } catch (error) {
      if (!(error instanceof HubRefusedError || error instanceof HubUnreachableError)) throw error;
      logger.warn({ kioskId: enrollment.kioskId, detail: error.message }, 'could not ask the hub for its sealing key');
      return 'failed';
    }
    if (answer.sealingKey === undefined) {
      logger.warn({ kioskId: enrollment.kioskId }, 'the hub gave no sealing key; waiting submissions stay unsealed');
      return 'not-given';
    }
    // Read again: `kioskctl hub enroll --again` may have replaced the enrollment while the hub answered.
    const current = readIdentity(dataDir)?.enrollment;
    if (current === undefined || current.kioskId !== enrollment.kioskId || current.hubUrl !== enrollment.hubUrl)
      return 'not-needed';
    saveEnrollment(dataDir, {
      ...current,
      status: answer.status,
      checkedAt: (this.opts.now ?? (() => new Date()))().toISOString(),
      sealingKey: answer.sealingKey,
    });
    logger.info(
      { kioskId: enrollment.kioskId, keyId: answer.sealingKey.keyId, status: answer.status },
      'learned the hub’s sealing key; submissions stored from now on are sealed to it',
    );
    return 'learned';
  }
}

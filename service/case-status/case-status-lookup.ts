import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { CaseStatusAnswer, CaseStatusRequest } from '../../common/api/case-status';
import type { KioskCaseStatus, KioskCaseStatusRequest, KioskCaseStatusResponse } from '../../common/hub/cases';
import { askCaseStatus, HubRefusedError, HubUnreachableError } from '../hub/hub-client';
import type { KioskIdentity } from '../hub/hub-identity';
import { cachedCaseStatus, phoneSuffixOf, rememberCaseStatus, undeliveredCase } from './case-status-store';
import { hashPhoneSuffix, phoneSuffixMatches } from './phone-suffix';
import { WrongTries } from './wrong-tries';

/**
 * How long a citizen at the screen waits for the hub before the kiosk
 * answers from what it knows: long enough for a slow mobile link, short
 * enough that nobody walks away thinking the kiosk hung.
 */
export const HUB_LOOKUP_TIMEOUT_MS = 5000;

export interface CaseStatusLookupOptions {
  db: Database;
  /** The kiosk's enrollment; undefined while it has none (then only what it knows itself). */
  identity: () => KioskIdentity | undefined;
  logger: Logger;
  /** The hub's route; the signed client by default. */
  ask?: (
    identity: KioskIdentity,
    request: KioskCaseStatusRequest,
    timeoutMs: number,
  ) => Promise<KioskCaseStatusResponse>;
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * 查询进度: a case's status by its reference and the phone's last four
 * digits. A submission still in this kiosk's outbox is answered here (the
 * hub has not got it); otherwise the hub is asked, and what it finds is
 * kept; when it cannot be asked, the last status kept is shown, if the
 * digits match the hash kept with it. Wrong digits are counted here too, so
 * an offline kiosk is no easier to guess at than the hub. The digits are
 * never logged.
 */
export class CaseStatusLookup {
  private readonly now: () => Date;
  private readonly ask: NonNullable<CaseStatusLookupOptions['ask']>;
  private readonly wrongTries: WrongTries;

  constructor(private readonly opts: CaseStatusLookupOptions) {
    this.now = opts.now ?? (() => new Date());
    this.ask = opts.ask ?? askCaseStatus;
    this.wrongTries = new WrongTries(() => this.now().getTime());
  }

  async lookup(request: CaseStatusRequest): Promise<CaseStatusAnswer> {
    const answer = await this.answer(request);
    this.opts.logger.info({ reference: request.reference, outcome: answer.outcome }, 'case status looked up');
    return answer;
  }

  /** A status the hub pushed (or an online lookup found): kept for offline lookups. */
  learn(status: KioskCaseStatus): void {
    try {
      rememberCaseStatus(this.opts.db, status, this.now().toISOString());
    } catch (error) {
      this.opts.logger.error({ reference: status.reference, err: error }, 'case status pushed but not kept');
    }
  }

  private async answer({ reference, phoneLast4 }: CaseStatusRequest): Promise<CaseStatusAnswer> {
    const { db } = this.opts;
    const refusedFor = this.wrongTries.refusedFor();
    if (refusedFor !== undefined) return { outcome: 'too-many-tries', retryAfterSeconds: refusedFor };

    const matches = (): boolean | undefined => {
      const stored = phoneSuffixOf(db, reference);
      return stored === undefined ? undefined : phoneSuffixMatches(phoneLast4, stored);
    };

    // Still waiting here: the office has not received it, whatever the hub says.
    const waiting = undeliveredCase(db, reference);
    if (waiting !== undefined) {
      if (matches() === true) return { outcome: 'not-delivered', ...waiting };
      this.wrongTries.wrong();
      return { outcome: 'not-found' };
    }

    const identity = this.opts.identity();
    if (identity !== undefined) {
      try {
        const answer = await this.ask(
          identity,
          { reference, phoneLast4 },
          this.opts.timeoutMs ?? HUB_LOOKUP_TIMEOUT_MS,
        );
        if (answer.outcome === 'found') {
          // The digits were right: kept hashed, so this kiosk can check them when the hub is out of reach.
          rememberCaseStatus(db, answer.status, this.now().toISOString(), hashPhoneSuffix(phoneLast4));
          return answer;
        }
        if (answer.outcome === 'not-found') this.wrongTries.wrong();
        return answer;
      } catch (error) {
        if (!(error instanceof HubUnreachableError || error instanceof HubRefusedError)) throw error;
        this.opts.logger.warn(
          { reference, detail: error.message },
          'case status: the hub gave no answer; answering offline',
        );
      }
    }

    // Offline: only for the right digits, and the same answer for wrong digits as for a case unknown here.
    const right = matches();
    if (right === false) this.wrongTries.wrong();
    const cached = right === true ? cachedCaseStatus(db, reference) : undefined;
    return cached === undefined
      ? { outcome: 'offline-unknown' }
      : { outcome: 'offline-last-known', status: cached.status, learnedAt: cached.learnedAt };
  }
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../common/api/submissions';
import type { KioskCaseStatus, KioskCaseStatusResponse } from '../../common/hub/cases';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { enrolledWithFakeHub, type FakeCallHub } from '../testing/fake-call-hub';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

/**
 * 查询进度 through the service's route: the whole service built in-process
 * (real records.db, its real outbox sender), enrolled with the fake hub of
 * service/testing, whose `caseStatusRoute` stands in for the hub's
 * kioskCaseStatus route (built with the case desk): what the hub answers is
 * the test's, what the kiosk does with it is real.
 */

const PHONE = '13812344826';
const RIGHT = '4826';
const WRONG = '4827';
const CONSENT = { agreed: true, noticeVersion: 'legal-aid-notice-1', at: '2026-03-14T10:20:00+08:00' } as const;

const application: SubmissionPayload<'legal-aid-application'> = {
  applicant: { name: '张三', idNumber: '420111199001011234', phone: PHONE, idSource: 'typed' },
  matter: { category: 'labour-wages', summary: '拖欠工资三个月。' },
  consent: CONSENT,
};

/** References of cases taken at another kiosk. */
const ELSEWHERE_A = formatReference({
  letter: 'A',
  day: '2026-03-14',
  serialNumber: serialNumberFor(7, 'other-0002', '2026-03-14'),
});
const ELSEWHERE_M = formatReference({
  letter: 'M',
  day: '2026-03-14',
  serialNumber: serialNumberFor(8, 'other-0002', '2026-03-14'),
});

const waitFor = async (what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 20));
  }
};

let hub: FakeCallHub;
let kiosk: InProcessKiosk;
let dataDir: string;
/** What the stub of the hub's route was asked, in order. */
let asked: unknown[];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-case-status-'));
  ({ hub } = await enrolledWithFakeHub(dataDir));
  asked = [];
  kiosk = await startInProcessKiosk({ dataDir });
});

afterEach(async () => {
  await kiosk.stop();
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function apply(): Promise<string> {
  const { reference } = await kiosk.ok('submit', {
    kind: 'legal-aid-application',
    payload: application,
    idempotencyKey: randomUUID(),
  });
  return reference;
}

/** A legal-aid application made at this kiosk and delivered to the hub by the kiosk's own sender. */
async function deliveredApplication(): Promise<string> {
  hub.acceptSubmissions = true;
  const reference = await apply();
  await waitFor(async () => (await kiosk.ok('submission', { reference })).delivered);
  return reference;
}

const lookup = (reference: string, phoneLast4 = RIGHT) => kiosk.ok('caseStatus', { reference, phoneLast4 });

function statusOf(reference: string, over: Partial<KioskCaseStatus> = {}): KioskCaseStatus {
  return {
    reference,
    kind: 'legal-aid-application',
    receivedAt: '2026-03-14T02:21:00.000Z',
    changedAt: '2026-03-16T01:00:00.000Z',
    current: {
      status: 'needs-materials',
      details: { missing: '收入证明', deadline: '2026-12-20', where: '区法律援助中心一号窗口' },
    },
    ...over,
  };
}

/** The hub's route as the case desk will answer it: found for the right digits, else not found. */
function hubKnows(status: KioskCaseStatus, last4 = RIGHT): void {
  hub.caseStatusRoute = (body) => {
    asked.push(body);
    const { reference, phoneLast4 } = body as { reference: string; phoneLast4: string };
    const answer: KioskCaseStatusResponse =
      reference === status.reference && phoneLast4 === last4 ? { outcome: 'found', status } : { outcome: 'not-found' };
    return { status: 200, body: answer };
  };
}

/** The hub up but unable to answer (as its placeholder does until the case desk is merged). */
function hubDown(): void {
  hub.caseStatusRoute = (body) => {
    asked.push(body);
    return { status: 503, body: { error: { code: 'unavailable', message: 'the case desk is not ready' } } };
  };
}

describe('查询进度 at the kiosk', () => {
  it('a case still in this kiosk’s outbox is answered here, by the digits kept hashed with it', async () => {
    hubKnows(statusOf(ELSEWHERE_A));
    const reference = await apply();
    const answer = await lookup(reference);
    expect(answer).toMatchObject({ outcome: 'not-delivered', reference, kind: 'legal-aid-application' });
    expect(await lookup(reference, WRONG)).toEqual({ outcome: 'not-found' });
    // The hub has not got it: it was not asked.
    expect(asked).toEqual([]);

    // Kept as a salted hash only: no digit of the phone in the row, and another submission's salt differs.
    const raw = new Database(join(dataDir, 'records.db'), { readonly: true });
    try {
      const rows = raw.prepare('SELECT reference, scheme, salt, hash FROM phone_suffix_hashes').all() as {
        reference: string;
        salt: Buffer;
        hash: Buffer;
      }[];
      expect(rows.map((r) => r.reference)).toEqual([reference]);
      expect(rows[0]!.hash.length).toBe(32);
      expect(rows[0]!.hash.toString('latin1')).not.toContain(RIGHT);
    } finally {
      raw.close();
    }
  });

  it('online: the hub’s answer; then, with the hub unable to answer, the last one known for the right digits only', async () => {
    const reference = await deliveredApplication();
    const status = statusOf(reference);
    hubKnows(status);

    expect(await lookup(reference)).toEqual({ outcome: 'found', status });
    expect(await lookup(reference, WRONG)).toEqual({ outcome: 'not-found' });
    expect(asked).toEqual([
      { reference, phoneLast4: RIGHT },
      { reference, phoneLast4: WRONG },
    ]);

    hubDown();
    const offline = await lookup(reference);
    expect(offline).toMatchObject({ outcome: 'offline-last-known', status });
    expect(offline.outcome === 'offline-last-known' && Date.parse(offline.learnedAt)).toBeGreaterThan(0);
    // Wrong digits learn nothing: the same answer as for a case this kiosk knows nothing of.
    expect(await lookup(reference, WRONG)).toEqual({ outcome: 'offline-unknown' });
    expect(await lookup(ELSEWHERE_A)).toEqual({
      outcome: 'offline-unknown',
    });
  });

  it('a case looked up online from another kiosk can be shown offline here, for the digits that found it', async () => {
    const elsewhere = statusOf(ELSEWHERE_A, { current: { status: 'accepted', details: {} } });
    hubKnows(elsewhere);
    expect(await lookup(elsewhere.reference)).toMatchObject({
      outcome: 'found',
    });
    hubDown();
    expect(await lookup(elsewhere.reference)).toMatchObject({
      outcome: 'offline-last-known',
      status: elsewhere,
    });
  });

  it('a status the hub pushes is kept and shown offline; an older one pushed late does not replace it', async () => {
    const reference = await deliveredApplication();
    await hub.until(() => hub.connected);
    hubDown();
    expect(await lookup(reference)).toEqual({ outcome: 'offline-unknown' });

    const assigned = statusOf(reference, {
      changedAt: '2026-03-20T01:00:00.000Z',
      current: {
        status: 'lawyer-assigned',
        details: { lawyer: '李明（楚天律师事务所）', contactPhone: '027-87654321' },
      },
    });
    expect(hub.send({ type: 'case-status', status: assigned })).toBe(true);
    await waitFor(async () => (await lookup(reference)).outcome !== 'offline-unknown');
    expect(await lookup(reference)).toMatchObject({
      outcome: 'offline-last-known',
      status: assigned,
    });

    // Pushed late, after a newer one: kept out. Messages are heard in order, so once a push sent after it is kept, it was heard.
    const older = statusOf(reference, { changedAt: '2026-03-16T01:00:00.000Z' });
    hub.send({ type: 'case-status', status: older });
    hub.send({ type: 'case-status', status: statusOf(ELSEWHERE_A) });
    const raw = new Database(join(dataDir, 'records.db'), { readonly: true });
    try {
      await waitFor(
        () => raw.prepare('SELECT 1 FROM case_status_cache WHERE reference = ?').get(ELSEWHERE_A) !== undefined,
      );
    } finally {
      raw.close();
    }
    expect(await lookup(reference)).toMatchObject({
      outcome: 'offline-last-known',
      status: assigned,
    });
  });

  it('the fifth wrong try within a minute is refused, even with the hub unable to answer; the right digits too, then', async () => {
    const reference = await deliveredApplication();
    hubKnows(statusOf(reference));
    await lookup(reference);
    hubDown();
    for (let i = 0; i < 4; i++)
      expect(await lookup(reference, `000${i}`)).toEqual({
        outcome: 'offline-unknown',
      });
    const refused = await lookup(reference, '0009');
    expect(refused.outcome).toBe('too-many-tries');
    expect(refused.outcome === 'too-many-tries' && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await lookup(reference)).outcome).toBe('too-many-tries');
    // Counted for the kiosk too: another reference is refused as well.
    expect((await lookup(ELSEWHERE_M)).outcome).toBe('too-many-tries');
  });

  it('the hub’s own refusal for too many tries is passed on', async () => {
    hub.caseStatusRoute = () => ({ status: 200, body: { outcome: 'too-many-tries', retryAfterSeconds: 42 } });
    expect(await lookup(ELSEWHERE_A)).toEqual({
      outcome: 'too-many-tries',
      retryAfterSeconds: 42,
    });
  });

  it('never logs the digits; logs each lookup by reference and outcome', async () => {
    const reference = await deliveredApplication();
    hubKnows(statusOf(reference));
    await lookup(reference);
    hubDown();
    await lookup(reference, WRONG);
    const lookups = kiosk.logs().filter((l) => l.msg === 'case status looked up');
    expect(lookups.map((l) => [l.reference, l.outcome])).toEqual([
      [reference, 'found'],
      [reference, 'offline-unknown'],
    ]);
    const all = JSON.stringify(kiosk.logs());
    expect(all).not.toContain(RIGHT);
    expect(all).not.toContain(WRONG);
  });

  it('refuses a malformed request with what was wrong', async () => {
    const refusal = await kiosk.refused('caseStatus', { reference: ELSEWHERE_A, phoneLast4: '12a4' });
    expect(refusal.status).toBe(400);
    expect(refusal.error.message).toContain('phoneLast4');
  });
});

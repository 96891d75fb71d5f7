import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KioskStatusResponse, RegisterKioskResponse } from '../../common/hub/api/kiosks';
import { sealedPayloadAad } from '../../common/hub/api/submissions';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { newSealingKeyPair, seal, type SealingPublicKey } from '../../server-kit/sealed-box';
import { createEnrollCode } from '../storage/enrollment-codes';
import { defaultPayloadKeysDir, PayloadKeyring, payloadKeyIdOf } from '../storage/payload-keyring';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

/**
 * A kiosk enrolled with this hub is given its sealing key, at registration
 * and at every status check, and delivers payloads sealed to it: the hub
 * opens them, checks them like a clear payload, recognises a repeat by
 * what it opens to, and stores them encrypted at rest. A sealed payload
 * that does not open, or opens to a bad payload, is refused saying so.
 */

const PATH = '/api/kiosk/submissions';
const ID_NUMBER = '420111199001011234';
const PHONE = '13812345678';

const reference = (n: number) =>
  formatReference({ letter: 'A', day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });

function application(n = 1) {
  return {
    idempotencyKey: randomUUID(),
    kind: 'legal-aid-application' as const,
    reference: reference(n),
    createdAt: '2026-03-02T09:15:00.000Z',
    payload: {
      applicant: { name: '张三丰', idNumber: ID_NUMBER, phone: PHONE, idSource: 'card' },
      matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
    },
  };
}

/** The delivery as `kiosk` sends it with the hub's key: the payload sealed for this submission of this kiosk. */
function sealed(
  key: SealingPublicKey,
  kiosk: TestKiosk,
  body: ReturnType<typeof application>,
  payload: unknown = body.payload,
) {
  const { payload: _clear, ...about } = body;
  const aad = sealedPayloadAad({ ...body, kioskId: kiosk.id });
  return { ...about, sealedPayload: seal(key, JSON.stringify(payload), aad) };
}

async function hubKey(hub: TestHub, kiosk: TestKiosk): Promise<SealingPublicKey> {
  const res = await hub.kioskCall(kiosk, { method: 'GET', path: '/api/kiosk/status' });
  expect(res.statusCode, res.body).toBe(200);
  const key = KioskStatusResponse.parse(res.json()).sealingKey;
  if (key === undefined) throw new Error('no sealing key in the status answer');
  return key;
}

const rows = (hub: TestHub) => hub.storage.storage.db.selectFrom('submissions').selectAll().orderBy('id').execute();
const errorOf = (res: { json: <T>() => T }) => res.json<{ error: { message: string } }>().error.message;

describe.each(ENGINES)('payloads sealed at the kiosk, on %s', (engine) => {
  const hub = useTestHub(engine, { keys: true });

  it('gives its sealing key at registration and at a status check, the same one', async () => {
    const code = await createEnrollCode(
      hub.storage.storage.db,
      { regionCode: '420111', site: null, preApproved: true, expiresAt: new Date(hub.now().getTime() + 3_600_000) },
      'hubctl',
      hub.now(),
    );
    const res = await hub.call({
      method: 'POST',
      path: '/api/kiosk/register',
      origin: null,
      body: {
        code: code.code,
        publicKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        terminalId: 'HB-SEAL',
        displayName: '终端',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const registered = RegisterKioskResponse.parse(res.json());
    if (registered.outcome !== 'registered') throw new Error(registered.reason);
    expect(registered.sealingKey?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(await hubKey(hub, await hub.addKiosk('pending'))).toEqual(registered.sealingKey);
  });

  it('opens a sealed payload, stores it encrypted at rest, and knows a repeat sealed afresh', async () => {
    const kiosk = await hub.addKiosk('approved');
    const key = await hubKey(hub, kiosk);
    const body = application();
    const first = await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body: sealed(key, kiosk, body) });
    expect(first.statusCode, first.body).toBe(200);

    const [stored] = await rows(hub);
    expect(payloadKeyIdOf(stored!.payload)).toBeDefined();
    for (const secret of [ID_NUMBER, PHONE, '张三丰']) expect(stored!.payload).not.toContain(secret);
    const ring = PayloadKeyring.open(defaultPayloadKeysDir(hub.storage.dataDir));
    const opened = ring.open(stored!.payload, { kioskId: kiosk.id, idempotencyKey: body.idempotencyKey });
    expect(JSON.parse(opened)).toEqual(body.payload);

    // Sent again after a lost answer, sealed again (another ephemeral key): the first answer, nothing new.
    hub.advance(60_000);
    const again = await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body: sealed(key, kiosk, body) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    // The same key in clear is the same submission too.
    expect((await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body })).json()).toEqual(first.json());
    // Another payload under the key is not.
    const other = { ...body.payload, matter: { category: 'labour-wages', summary: '另一件事' } };
    const conflict = await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body: sealed(key, kiosk, body, other) });
    expect(conflict.statusCode).toBe(409);
    expect(await rows(hub)).toHaveLength(1);
    for (const line of hub.logs)
      for (const secret of [ID_NUMBER, PHONE, '另一件事']) expect(line).not.toContain(secret);
  });

  it('refuses, saying why, a sealed payload that does not open here or opens to a bad payload; nothing is stored', async () => {
    const kiosk = await hub.addKiosk('approved');
    const key = await hubKey(hub, kiosk);

    const bad = application(1);
    const badPayload = { ...bad.payload, applicant: { ...bad.payload.applicant, idNumber: '4201-bad' } };
    const invalid = await hub.kioskCall(kiosk, {
      method: 'POST',
      path: PATH,
      body: sealed(key, kiosk, bad, badPayload),
    });
    expect(invalid.statusCode).toBe(400);
    expect(errorOf(invalid)).toMatch(
      /sealed payload opened, but is not a valid legal-aid-application: .*payload\.applicant\.idNumber/,
    );
    // What it opened to is not said back: the answer is stored at the kiosk and shown to technicians.
    expect(errorOf(invalid)).not.toContain('4201-bad');
    const longName = `${'欧阳'.repeat(30)}娜`;
    const named = application(8);
    const namedPayload = { ...named.payload, applicant: { ...named.payload.applicant, name: longName } };
    const badName = await hub.kioskCall(kiosk, {
      method: 'POST',
      path: PATH,
      body: sealed(key, kiosk, named, namedPayload),
    });
    expect(badName.statusCode).toBe(400);
    expect(errorOf(badName)).toContain('payload.applicant.name');
    expect(errorOf(badName)).not.toContain('欧阳');

    // Sealed for another submission (its reference), then moved onto this one.
    const moved = application(2);
    const forOther = sealed(key, kiosk, { ...moved, reference: reference(3) });
    const res = await hub.kioskCall(kiosk, {
      method: 'POST',
      path: PATH,
      body: { ...forOther, reference: moved.reference },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toContain('body.sealedPayload: the sealed payload does not open');

    // Sealed to a key that is not this hub's.
    const stranger = newSealingKeyPair().publicKey;
    const toStranger = await hub.kioskCall(kiosk, {
      method: 'POST',
      path: PATH,
      body: sealed(stranger, kiosk, application(4)),
    });
    expect(toStranger.statusCode).toBe(400);
    expect(errorOf(toStranger)).toContain(`sealed to key ${stranger.keyId}`);

    // A body with both, or a malformed box, is refused by its shape.
    const both = { ...sealed(key, kiosk, application(5)), payload: application(5).payload };
    const shaped = await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body: both });
    expect(shaped.statusCode).toBe(400);
    expect(errorOf(shaped)).toContain('"payload"');
    const malformed = { ...sealed(key, kiosk, application(6)), sealedPayload: { keyId: key.keyId } };
    const badBox = await hub.kioskCall(kiosk, { method: 'POST', path: PATH, body: malformed });
    expect(badBox.statusCode).toBe(400);
    expect(errorOf(badBox)).toContain('sealedPayload.ephemeralKey');
    expect(await rows(hub)).toHaveLength(0);
  });

  it('refuses a sealed payload delivered by another kiosk than the one that sealed it', async () => {
    const taker = await hub.addKiosk('approved', { regionCode: '420111' });
    const other = await hub.addKiosk('approved', { regionCode: '420106' });
    const key = await hubKey(hub, taker);
    // Copied from the taker's outbox (a disk carried away) and sent, word for word, with another kiosk's key.
    const body = sealed(key, taker, application(7));
    const replayed = await hub.kioskCall(other, { method: 'POST', path: PATH, body });
    expect(replayed.statusCode).toBe(400);
    expect(errorOf(replayed)).toContain('body.sealedPayload: the sealed payload does not open');
    expect(await rows(hub)).toHaveLength(0);
    // From the kiosk that sealed it, it opens.
    expect((await hub.kioskCall(taker, { method: 'POST', path: PATH, body })).statusCode).toBe(200);
  });

  it('opens what a terminal sealed before it was revoked and enrolled again, from that terminal only', async () => {
    const before = await hub.addKiosk('revoked', { terminalId: 'HB-AGAIN' });
    const again = await hub.addKiosk('approved', { terminalId: 'HB-AGAIN' });
    const stranger = await hub.addKiosk('approved', { terminalId: 'HB-OTHER' });
    const key = await hubKey(hub, again);
    const body = sealed(key, before, application(9));
    const fromStranger = await hub.kioskCall(stranger, { method: 'POST', path: PATH, body });
    expect(fromStranger.statusCode).toBe(400);
    const res = await hub.kioskCall(again, { method: 'POST', path: PATH, body });
    expect(res.statusCode, res.body).toBe(200);
    expect((await rows(hub)).map((r) => r.kiosk_id)).toEqual([again.id]);
  });
});

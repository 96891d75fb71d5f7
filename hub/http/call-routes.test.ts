import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALL_DOCUMENT_KEEP_MS } from '../../common/hub/api/call-desk';
import { CALL_DOCUMENT_MAX_BYTES } from '../../common/hub/api/calls';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { addCaller, addLawyer, answeredCall, ask, requestCall, setDuty } from '../testing/call-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function session(
  hub: TestHub,
  login: string,
  role: 'administrator' | 'regional-administrator',
  region: string | null,
) {
  const user = await hub.addAccount(login, role, region);
  return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
}

describe.each(ENGINES)('the call desk’s routes, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('lawyers’ queues: the default until set, set by their administrators, within a regional one’s region only', async () => {
    const admin = await session(hub, 'admin', 'administrator', null);
    const hubei = await session(hub, 'hubei', 'regional-administrator', '420000');
    const guangdong = await session(hub, 'guangdong', 'regional-administrator', '440000');
    const lawyer = await addLawyer(hub, { regionCode: '420100' });
    const login = lawyer.user.login;
    const post = (token: string, path: string, body: object) => hub.call({ method: 'POST', path, token, body });

    expect((await post(hubei, '/api/lawyers/queues', { login })).json()).toEqual({
      login,
      queues: [{ regionCode: '420100', topic: null }],
      queuesAreDefault: true,
    });
    // Another province's administrator: no such lawyer, as for none.
    expect((await post(guangdong, '/api/lawyers/queues', { login })).statusCode).toBe(404);
    expect((await post(hubei, '/api/lawyers/queues', { login: 'hubei' })).statusCode).toBe(404);

    const queues = [
      { regionCode: '420111', topic: 'labour' },
      { regionCode: '420111', topic: 'family' },
      { regionCode: '420111', topic: 'labour' },
    ];
    expect((await post(hubei, '/api/lawyers/queues/set', { login, queues })).json()).toEqual({
      login,
      queues: [
        { regionCode: '420111', topic: 'family' },
        { regionCode: '420111', topic: 'labour' },
      ],
      queuesAreDefault: false,
    });
    // Everywhere, or another province: not a regional administrator's to give.
    for (const q of [
      { regionCode: null, topic: null },
      { regionCode: '440100', topic: null },
    ])
      expect((await post(hubei, '/api/lawyers/queues/set', { login, queues: [q] })).statusCode).toBe(403);
    expect(
      (await post(admin, '/api/lawyers/queues/set', { login, queues: [{ regionCode: null, topic: 'debts' }] })).json(),
    ).toMatchObject({ queues: [{ regionCode: null, topic: 'debts' }] });
    const audit = await listAudit(hub.storage.storage.db, { limit: 5 });
    expect(audit.filter((a) => a.action === 'lawyer.queues')).toHaveLength(2);

    // What the lawyer is rung for follows: a labour call from Wuhan is not theirs now.
    await setDuty(lawyer.console, 'available');
    const caller = await addCaller(hub, { regionCode: '420111' });
    expect((await requestCall(caller.socket, { topic: 'labour' })).status).toMatchObject({ reason: 'no-lawyer' });
    expect((await requestCall(caller.socket, { topic: 'debts' })).status).toMatchObject({ state: 'queued' });
    // Back to the default.
    expect((await post(admin, '/api/lawyers/queues/set', { login, queues: [] })).json()).toMatchObject({
      queuesAreDefault: true,
    });
  });

  it('duty rosters: per region, replaced whole, each wrong entry named, lawyers only those the caller manages', async () => {
    const hubei = await session(hub, 'hubei', 'regional-administrator', '420000');
    const mine = await addLawyer(hub, { regionCode: '420100', name: '李明' });
    const theirs = await addLawyer(hub, { regionCode: '440100' });
    const post = (path: string, body: object) => hub.call({ method: 'POST', path, token: hubei, body });

    expect((await post('/api/duty-roster', { regionCode: '420111' })).json()).toEqual({
      regionCode: '420111',
      entries: [],
    });
    expect((await post('/api/duty-roster', { regionCode: '440100' })).statusCode).toBe(403);
    const refused = await post('/api/duty-roster/set', {
      regionCode: '420100',
      entries: [
        { weekday: 'mon', hours: '09:00-12:00', lawyerId: mine.user.id },
        { weekday: 'tue', hours: '14:00-12:00', lawyerId: null },
        { weekday: 'wed', hours: '9-17', lawyerId: null },
        { weekday: 'thu', hours: '09:00-17:00', lawyerId: theirs.user.id },
      ],
    });
    expect(refused.json()).toEqual({
      outcome: 'refused',
      problems: [
        { index: 1, problem: 'closes-before-opens' },
        { index: 2, problem: 'range-invalid' },
        { index: 3, problem: 'lawyer-unknown' },
      ],
    });
    expect((await post('/api/duty-roster', { regionCode: '420100' })).json()).toMatchObject({ entries: [] });
    const set = await post('/api/duty-roster/set', {
      regionCode: '420100',
      entries: [
        { weekday: 'tue', hours: ' 14:00-17:30 ', lawyerId: null },
        { weekday: 'mon', hours: '09:00-12:00', lawyerId: mine.user.id },
      ],
    });
    const entries = [
      { weekday: 'mon', hours: '09:00-12:00', lawyerId: mine.user.id, lawyerName: '李明' },
      { weekday: 'tue', hours: '14:00-17:30', lawyerId: null, lawyerName: null },
    ];
    expect(set.json()).toEqual({ outcome: 'set', regionCode: '420100', entries });
    expect((await post('/api/duty-roster', { regionCode: '420100' })).json()).toEqual({
      regionCode: '420100',
      entries,
    });
    expect((await post('/api/duty-roster/set', { regionCode: '420100', entries: [] })).json()).toMatchObject({
      outcome: 'set',
      entries: [],
    });
  });

  it('a lawyer’s history: the calls they answered, and their queues’ missed and abandoned ones for callbacks', async () => {
    const lawyer = await addLawyer(hub, { regionCode: '420100' });
    const other = await addLawyer(hub, { regionCode: '440100' });
    await setDuty(lawyer.console, 'available');
    await setDuty(other.console, 'available');
    const wuhan = await addCaller(hub, { regionCode: '420111' });
    const guangzhou = await addCaller(hub, { regionCode: '440111' });
    const answered = randomUUID();
    await requestCall(wuhan.socket, { callId: answered, callerName: '张三' });
    await ask(lawyer.console, { type: 'call-accept', callId: answered });
    await ask(lawyer.console, { type: 'call-end', callId: answered });
    hub.advance(1000);
    const abandoned = randomUUID();
    await requestCall(wuhan.socket, { callId: abandoned, topic: 'family' });
    await ask(wuhan.socket, { type: 'call-cancel', callId: abandoned });
    hub.advance(1000);
    // Guangzhou's: not this lawyer's queues.
    const elsewhere = randomUUID();
    await requestCall(guangzhou.socket, { callId: elsewhere });
    await ask(guangzhou.socket, { type: 'call-cancel', callId: elsewhere });

    const mine = await hub.call({ method: 'GET', path: '/api/calls/mine', token: lawyer.token });
    expect(mine.json()).toEqual({
      calls: [
        expect.objectContaining({ callId: abandoned, endReason: 'abandoned', answeredByMe: false, topic: 'family' }),
        expect.objectContaining({
          callId: answered,
          endReason: 'completed',
          answeredByMe: true,
          callerName: '张*',
          kioskName: '测试终端',
        }),
      ],
    });
  });

  it('a document pushed in a call: stored with its hash, announced to the kiosk, fetched by that kiosk only, deleted a day later', async () => {
    const lawyer = await addLawyer(hub);
    const stranger = await addLawyer(hub);
    await setDuty(lawyer.console, 'available');
    const caller = await addCaller(hub);
    const intruder = await addCaller(hub);
    const callId = randomUUID();
    const push = (token: string, body: object) =>
      hub.call({ method: 'POST', path: '/api/calls/documents', token, body: { callId, ...body } });
    const fetchAs = (kiosk: typeof caller, documentId: string) =>
      hub.kioskCall(kiosk.kiosk, { method: 'POST', path: '/api/kiosk/call-document', body: { documentId } });

    await requestCall(caller.socket, { callId });
    const note = { kind: 'note', title: '注意事项', text: '请携带身份证原件。' };
    // Not in the call yet: as for no call.
    expect((await push(lawyer.token, note)).statusCode).toBe(404);
    await ask(lawyer.console, { type: 'call-accept', callId });
    expect((await push(stranger.token, note)).statusCode).toBe(404);

    const pushed = await push(lawyer.token, note);
    expect(pushed.statusCode).toBe(200);
    const notice = pushed.json<{ documentId: string }>();
    expect(notice).toEqual({
      documentId: expect.any(String),
      title: '注意事项',
      kind: 'note',
      bytes: Buffer.byteLength(note.text),
      sha256: sha256(note.text),
    });
    expect(await caller.socket.next((m) => m.type === 'call-document')).toEqual({
      type: 'call-document',
      callId,
      document: notice,
    });
    expect((await fetchAs(intruder, notice.documentId)).statusCode).toBe(404);
    expect((await fetchAs(caller, notice.documentId)).json()).toEqual({
      documentId: notice.documentId,
      kind: 'note',
      title: '注意事项',
      text: note.text,
    });

    const values = { lender: '李四', amount: '5000', borrower: '张三' };
    const template = await push(lawyer.token, { kind: 'template', title: '借条', templateId: 'iou', values });
    expect(template.json()).toMatchObject({ sha256: sha256(JSON.stringify({ templateId: 'iou', values })) });
    const fetched = await fetchAs(caller, template.json<{ documentId: string }>().documentId);
    const doc = fetched.json<{ templateId: string; values: Record<string, string> }>();
    // The kiosk checks the hash over what it fetched.
    expect(sha256(JSON.stringify({ templateId: doc.templateId, values: doc.values }))).toBe(
      template.json<{ sha256: string }>().sha256,
    );

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 7)]);
    const pdfPush = await push(lawyer.token, { kind: 'pdf', title: '起诉状', base64: pdf.toString('base64') });
    expect(pdfPush.json()).toMatchObject({ kind: 'pdf', bytes: pdf.length, sha256: sha256(pdf) });
    const notPdf = await push(lawyer.token, {
      kind: 'pdf',
      title: 'x',
      base64: Buffer.from('hello').toString('base64'),
    });
    expect(notPdf.json()).toEqual({ error: { code: 'bad-request', message: 'base64: not a PDF (no %PDF- header)' } });
    const tooBig = await push(lawyer.token, {
      kind: 'pdf',
      title: 'x',
      base64: Buffer.concat([pdf, Buffer.alloc(CALL_DOCUMENT_MAX_BYTES)]).toString('base64'),
    });
    expect(tooBig.statusCode).toBe(400);

    // Nothing of the content or title in the audit log, nor in the hub's logs.
    const audit = JSON.stringify(await listAudit(hub.storage.storage.db, { limit: 20 }));
    expect(audit).toContain('call.document-push');
    for (const secret of ['注意事项', '身份证原件', '张三', '借条']) {
      expect(audit).not.toContain(secret);
      expect(hub.logs.join('\n')).not.toContain(secret);
    }

    // A day later the documents are gone.
    hub.advance(CALL_DOCUMENT_KEEP_MS + 1000);
    await hub.server.calls.tick();
    expect((await fetchAs(caller, notice.documentId)).statusCode).toBe(404);
    expect(await hub.storage.storage.db.selectFrom('call_documents').select('id').execute()).toEqual([]);
  });

  it('a document pushed while the kiosk’s socket was away is announced when it comes back', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub);
    caller.socket.ws.close();
    await caller.socket.closed;
    const pushed = await hub.call({
      method: 'POST',
      path: '/api/calls/documents',
      token: lawyer.token,
      body: { callId, kind: 'note', title: '提示', text: '明天上午九点再来。' },
    });
    const back = await caller.reconnect();
    expect(await back.next((m) => m.type === 'call-document')).toEqual({
      type: 'call-document',
      callId,
      document: pushed.json(),
    });
  });
});

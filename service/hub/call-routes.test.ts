import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallDocument, CallDocumentNotice, IceConfig } from '../../common/hub/api/calls';
import { enrolledWithFakeHub, type FakeCallHub } from '../testing/fake-call-hub';
import { IOU_VALUES, noticeOf } from '../testing/sample-documents';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

/**
 * The call routes of the whole service built in-process (real records.db,
 * the built content release, the simulated printer), enrolled with a small
 * fake hub socket (service/testing/fake-call-hub.ts): a call placed from the
 * touchscreen's routes reaches the hub, and a document the lawyer pushes is
 * fetched with the kiosk's signature, checked, shown and printed once.
 */

const ICE: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00Z' };

const waitFor = async (what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

let hub: FakeCallHub;
let kiosk: InProcessKiosk;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-call-routes-'));
  ({ hub } = await enrolledWithFakeHub(dataDir));
  kiosk = await startInProcessKiosk({ dataDir });
  await waitFor(async () => (await kiosk.ok('health')).subsystems.hub.state === 'ok');
  hub.queueEveryCallAt(1);
});

afterEach(async () => {
  await kiosk.stop();
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function answeredCall(): Promise<string> {
  const callId = randomUUID();
  const { status } = await kiosk.ok('callRequest', { callId, topic: 'debts', callerName: null });
  expect(status).toEqual({ state: 'queued', position: 1, estimatedWaitSeconds: 60 });
  hub.send({ type: 'call-status', callId, status: { state: 'answered', lawyerName: '王律师', ice: ICE } });
  await waitFor(async () => (await kiosk.ok('callCurrent')).call?.status.state === 'answered');
  return callId;
}

async function documentOf(callId: string, doc: CallDocument, notice = noticeOf(doc)) {
  hub.documents.set(doc.documentId, doc);
  hub.send({ type: 'call-document', callId, document: notice });
  await waitFor(async () => (await kiosk.ok('callCurrent')).documents.some((d) => d.documentId === doc.documentId));
  return (await kiosk.ok('callCurrent')).documents.find((d) => d.documentId === doc.documentId)!;
}

describe('a call through the service’s routes', () => {
  it('places, signals and hangs up; the health says the hub is up and the tile is on', async () => {
    const health = await kiosk.ok('health');
    expect(health.subsystems.hub).toEqual({ state: 'ok', reason: 'connected' });
    expect(health.features.find((f) => f.id === 'videoCall')).toEqual({ id: 'videoCall', available: true });
    expect(health.terminal.videoCall).toMatchObject({ maxWaitSeconds: 600, recording: false });

    const callId = await answeredCall();
    await kiosk.ok('callSignal', { callId, signal: { description: { type: 'answer', sdp: 'v=0' } } });
    await hub.until(() => hub.messages('call-signal').length === 1);
    await kiosk.ok('callEnd', { callId });
    await hub.until(() => hub.messages('call-end').length === 1);
    expect((await kiosk.ok('callCurrent')).call).toBeNull();
    expect(hub.malformed).toEqual([]);
  });

  it('only the touchscreen places or signals a call; a signal for another call is a conflict', async () => {
    const callId = await answeredCall();
    expect(
      (await kiosk.refused('callRequest', { callId: randomUUID(), topic: 'other', callerName: null }, 'technician'))
        .status,
    ).toBe(403);
    expect((await kiosk.refused('callSignal', { callId, signal: { candidate: null } }, 'technician')).status).toBe(403);
    expect((await kiosk.refused('callSignal', { callId: randomUUID(), signal: { candidate: null } })).status).toBe(409);
    expect(
      (await kiosk.refused('callRequest', { callId: 'not-a-uuid', topic: 'other', callerName: null })).status,
    ).toBe(400);
  });

  it('the end of the session cancels a waiting call at the hub', async () => {
    const callId = randomUUID();
    await kiosk.ok('callRequest', { callId, topic: 'family', callerName: '李四' });
    await kiosk.ok('sessionEnd', { reason: 'idle' });
    await hub.until(() => hub.messages('call-cancel').length === 1);
    expect(hub.messages('call-cancel')[0]?.callId).toBe(callId);
    expect((await kiosk.ok('callCurrent')).call).toBeNull();
    expect(JSON.stringify(kiosk.logs())).not.toContain('李四');
  });
});

describe('律师发来文书', () => {
  it('a filled 借条: fetched with the kiosk’s signature, laid out with the parties whole, printed once however often 打印 is tapped', async () => {
    const callId = await answeredCall();
    const doc: CallDocument = {
      documentId: randomUUID(),
      kind: 'template',
      title: '借条',
      templateId: 'iou',
      values: IOU_VALUES,
    };
    const view = await documentOf(callId, doc);
    expect(hub.documentRequests).toEqual([{ documentId: doc.documentId }]);
    if (view.state !== 'ready' || view.layout === null) throw new Error(`not ready: ${JSON.stringify(view)}`);
    expect(view.printable).toBe(true);
    const text = view.layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : [])).join('');
    expect(text).toContain('壹万贰仟叁佰肆拾伍元陆角');
    expect(text).toContain('11010519491231002X');

    const first = await kiosk.ok('callDocumentPrint', { documentId: doc.documentId });
    const again = await kiosk.ok('callDocumentPrint', { documentId: doc.documentId });
    expect(again.id).toBe(first.id);
    await waitFor(async () => (await kiosk.ok('printJobs')).jobs.find((j) => j.id === first.id)?.state === 'printed');
    const jobs = (await kiosk.ok('printJobs')).jobs.filter((j) => j.title === '借条');
    expect(jobs).toHaveLength(1);
    expect((await kiosk.ok('callDocumentPrint', { documentId: doc.documentId })).state).toBe('printed');
  });

  it('a note prints as a text receipt; a PDF is shown but not printed', async () => {
    const callId = await answeredCall();
    const note: CallDocument = {
      documentId: randomUUID(),
      kind: 'note',
      title: '咨询意见',
      text: '请保留工资条和考勤记录。',
    };
    const noteView = await documentOf(callId, note);
    expect(noteView).toMatchObject({ state: 'ready', kind: 'note', printable: true });
    const job = await kiosk.ok('callDocumentPrint', { documentId: note.documentId });
    expect(job.title).toBe('咨询意见');

    const pdf: CallDocument = {
      documentId: randomUUID(),
      kind: 'pdf',
      title: '起诉状范本',
      base64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    };
    expect(await documentOf(callId, pdf)).toMatchObject({
      state: 'ready',
      kind: 'pdf',
      layout: null,
      printable: false,
    });
    const refused = await kiosk.refused('callDocumentPrint', { documentId: pdf.documentId });
    expect(refused.status).toBe(409);
    expect(refused.error.message).toContain('receipt printer');
  });

  it('refuses what is not what was announced, and a template this terminal does not have; keeps nothing past the session', async () => {
    const callId = await answeredCall();
    const note: CallDocument = { documentId: randomUUID(), kind: 'note', title: '留言', text: '原文' };
    const altered = { ...noticeOf(note), sha256: sha256('别的') };
    expect(await documentOf(callId, note, altered)).toMatchObject({ state: 'failed', problem: 'damaged' });
    expect((await kiosk.refused('callDocumentPrint', { documentId: note.documentId })).status).toBe(409);

    const unknown: CallDocument = {
      documentId: randomUUID(),
      kind: 'template',
      title: '未知',
      templateId: 'no-such-template',
      values: {},
    };
    expect(await documentOf(callId, unknown)).toMatchObject({ state: 'failed', problem: 'unusable' });

    const missing: CallDocumentNotice = { ...noticeOf(note), documentId: randomUUID() };
    hub.send({ type: 'call-document', callId, document: missing });
    await waitFor(async () =>
      (await kiosk.ok('callCurrent')).documents.some((d) => d.documentId === missing.documentId),
    );
    expect((await kiosk.ok('callCurrent')).documents.find((d) => d.documentId === missing.documentId)).toMatchObject({
      state: 'failed',
      problem: 'unreachable',
    });

    await kiosk.ok('sessionEnd', { reason: 'finish' });
    expect((await kiosk.ok('callCurrent')).documents).toEqual([]);
    expect((await kiosk.refused('callDocumentPrint', { documentId: note.documentId })).status).toBe(404);
  });
});

import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { CallDocumentView } from '../../common/api/calls';
import type { PrintJob } from '../../common/api/devices';
import type { ServiceEvent } from '../../common/api/events';
import { CALL_DOCUMENT_MAX_BYTES, type CallDocument, type CallDocumentNotice } from '../../common/hub/api/calls';
import type { Receipt } from '../../common/receipt/receipt';
import type { Template } from '../../common/templates/template';
import { previewTemplate } from '../content/template-preview';
import type { DeviceManager } from '../devices/device-manager';
import type { PrintAnswers } from '../devices/print-answers';

/**
 * Documents a lawyer pushes to the kiosk during a call (律师发来文书). The hub
 * says one is there (`call-document`, with its SHA-256); the service fetches
 * it over signed HTTP, checks it is what was announced, lays it out as this
 * terminal's printer would print it, and tells the screen. It is kept in
 * memory for the citizen's session only and printed at most once: 打印
 * tapped again, or by a second screen, returns the same job.
 *
 * What prints: a template is filled here from the lawyer's answers with the
 * content release's own template and printed as a citizen's filled document
 * is (the parties' numbers whole); a note is a text receipt (masked like
 * every receipt); a PDF cannot go on a receipt printer — it is announced,
 * with its title and size, and not printed.
 */

export interface CallDocumentsOptions {
  /** Fetches a document from the hub (hub-client.ts fetchCallDocument with the kiosk's identity). */
  fetch: (documentId: string) => Promise<CallDocument>;
  /** The content release's template; throws for one it does not have. */
  template: (id: string) => Template;
  printing: PrintAnswers;
  printer: Pick<DeviceManager, 'print' | 'printFilledDocument' | 'printJobs'>;
  publish: (event: ServiceEvent) => void;
  logger: Logger;
}

/** The document is not one of this session, or cannot be printed (a PDF, one not received). */
export class CallDocumentNotFoundError extends Error {}
export class CallDocumentNotPrintableError extends Error {}

interface Kept {
  callId: string;
  view: CallDocumentView;
  /** What prints, made once when the document arrived: the preview is the paper. */
  print: { kind: 'document' | 'receipt'; receipt: Receipt } | null;
  jobId: string | undefined;
}

/** The SHA-256 the hub announces (common/hub/api/calls.ts CallDocument): over the bytes each kind is made of. */
export function callDocumentHash(doc: CallDocument): string {
  const bytes =
    doc.kind === 'template'
      ? Buffer.from(JSON.stringify({ templateId: doc.templateId, values: doc.values }), 'utf8')
      : doc.kind === 'note'
        ? Buffer.from(doc.text, 'utf8')
        : Buffer.from(doc.base64, 'base64');
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a fetched document is not the one announced, or null when it is. */
export function documentProblem(notice: CallDocumentNotice, doc: CallDocument): string | null {
  if (doc.documentId !== notice.documentId) return 'another document came';
  if (doc.kind !== notice.kind) return `a ${doc.kind} came for a ${notice.kind}`;
  if (doc.kind === 'pdf') {
    // Only canonical base64 decodes to exactly the bytes it says; anything else would hash differently anyway.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(doc.base64) || doc.base64.length % 4 !== 0) return 'not base64';
    const pdf = Buffer.from(doc.base64, 'base64');
    if (pdf.length !== notice.bytes || pdf.length > CALL_DOCUMENT_MAX_BYTES) return 'not the size announced';
    if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) return 'not a PDF';
  }
  if (callDocumentHash(doc) !== notice.sha256) return 'its SHA-256 is not the one announced';
  return null;
}

/** A note as it prints: its title, a line, its text. Nothing else is on it, so the preview is exactly the paper. */
export function noteReceipt(title: string, text: string): Receipt {
  return {
    blocks: [
      { type: 'text', text: title, align: 'center', bold: true, size: 'tall' },
      { type: 'rule', style: 'solid' },
      { type: 'text', text, align: 'left', bold: false, size: 'normal' },
      { type: 'feed', lines: 2 },
      { type: 'cut' },
    ],
  };
}

export class CallDocuments {
  private readonly kept = new Map<string, Kept>();
  /** Bumped by `forget`: a fetch that finishes after the session ended is dropped. */
  private generation = 0;

  constructor(private readonly opts: CallDocumentsOptions) {}

  /** The documents of this session, as the screen shows them. */
  list(): CallDocumentView[] {
    return [...this.kept.values()].map((k) => k.view);
  }

  /** The hub says the lawyer pushed `notice`: fetch it, check it, keep it, tell the screen. */
  async receive(callId: string, notice: CallDocumentNotice): Promise<void> {
    if (this.kept.has(notice.documentId)) return;
    const generation = this.generation;
    const base = { documentId: notice.documentId, title: notice.title, kind: notice.kind };
    let kept: Kept;
    try {
      const doc = await this.opts.fetch(notice.documentId);
      const problem = documentProblem(notice, doc);
      if (problem !== null) {
        this.opts.logger.warn({ documentId: notice.documentId, problem }, 'a document from the lawyer was refused');
        kept = { callId, view: { ...base, state: 'failed', problem: 'damaged' }, print: null, jobId: undefined };
      } else kept = this.prepare(callId, notice, doc);
    } catch (error) {
      this.opts.logger.warn(
        { documentId: notice.documentId, detail: (error as Error).message },
        'a document from the lawyer could not be fetched',
      );
      kept = { callId, view: { ...base, state: 'failed', problem: 'unreachable' }, print: null, jobId: undefined };
    }
    if (generation !== this.generation || this.kept.has(notice.documentId)) return;
    this.kept.set(notice.documentId, kept);
    this.opts.logger.info(
      { documentId: notice.documentId, kind: notice.kind, state: kept.view.state },
      'document from the lawyer',
    );
    this.opts.publish({ type: 'call-document', callId, document: kept.view });
  }

  private prepare(callId: string, notice: CallDocumentNotice, doc: CallDocument): Kept {
    const ready = (print: Kept['print'], layout: Extract<CallDocumentView, { state: 'ready' }>['layout']): Kept => ({
      callId,
      view: {
        state: 'ready',
        documentId: notice.documentId,
        title: notice.title,
        kind: notice.kind,
        bytes: notice.bytes,
        layout,
        printable: print !== null,
      },
      print,
      jobId: undefined,
    });
    const unusable = (why: string): Kept => {
      this.opts.logger.warn({ documentId: notice.documentId, why }, 'a document from the lawyer cannot be shown');
      return {
        callId,
        view: {
          state: 'failed',
          documentId: notice.documentId,
          title: notice.title,
          kind: notice.kind,
          problem: 'unusable',
        },
        print: null,
        jobId: undefined,
      };
    };
    switch (doc.kind) {
      case 'pdf':
        return ready(null, null);
      case 'note': {
        const receipt = noteReceipt(notice.title, doc.text);
        return ready({ kind: 'receipt', receipt }, this.opts.printing.receiptLayout(receipt));
      }
      case 'template': {
        let template: Template;
        try {
          template = this.opts.template(doc.templateId);
        } catch {
          return unusable(`this terminal's content has no template "${doc.templateId}"`);
        }
        const preview = previewTemplate(template, doc.values, this.opts.printing.documentLayout);
        if (!preview.ok) return unusable(`the answers do not pass: ${preview.errors.map((e) => e.field).join(', ')}`);
        return ready({ kind: 'document', receipt: preview.receipt }, preview.layout);
      }
    }
  }

  /** 打印: queued once; asked again, the same job (as it stands now). */
  print(documentId: string): PrintJob {
    const kept = this.kept.get(documentId);
    if (kept === undefined) throw new CallDocumentNotFoundError(`no document ${documentId} in this session`);
    if (kept.print === null)
      throw new CallDocumentNotPrintableError(
        kept.view.state === 'ready' ? 'a PDF cannot be printed on the receipt printer' : 'this document did not arrive',
      );
    if (kept.jobId !== undefined) {
      const job = this.opts.printer.printJobs().find((j) => j.id === kept.jobId);
      if (job === undefined) throw new CallDocumentNotPrintableError('this document was printed already');
      return job;
    }
    const { print } = kept;
    const title = kept.view.title;
    const job = this.opts.printing.queued(() =>
      print.kind === 'document'
        ? this.opts.printer.printFilledDocument(title, print.receipt)
        : this.opts.printer.print(title, print.receipt),
    );
    kept.jobId = job.id;
    return job;
  }

  /** The session ended: every document goes, and none fetched later is kept. */
  forget(): void {
    this.generation += 1;
    this.kept.clear();
  }
}

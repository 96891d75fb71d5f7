import type { Logger } from 'pino';
import type { DeviceName, DeviceStatus, PrinterState, PrintJob } from '../../common/api/devices';
import type { SubsystemState } from '../../common/api/health';
import type { ServiceEvent } from '../../common/api/events';
import { describeCardForLog, type IdCard } from '../../common/idcard/card';
import type { ReceiptLayout } from '../../common/receipt/layout';
import { maskReceipt } from '../../common/receipt/mask-receipt';
import type { Receipt } from '../../common/receipt/receipt';
import { IdCardError, NoCardError, ReaderClosedError } from '../../native/idcard/errors';
import { IdCardReader, openIdCardReader } from '../../native/idcard/reader';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { createInProcessReader, type IdCardReaderSimulator } from '../../native/idcard/simulator';
import { layoutForModel, renderReceipt } from '../../native/printer/escpos-encoder';
import { findPrinterModel, resolvePrinterModel, type PrinterModel } from '../../native/printer/models';
import { ReceiptPrinter } from '../../native/printer/printer';
import { createInProcessPrinter, PrinterSimulator } from '../../native/printer/simulator';
import type { IdCardReaderConfig, ReceiptPrinterConfig } from '../../kiosk-config/schema';
import { DeviceConnection, type ConnectionState } from './device-connection';
import { PrintQueue, type EnqueueOptions, type SessionEndResult } from './print-queue';

/**
 * The kiosk's hardware, owned by the service: opens the configured ports (or
 * in-process simulators on the demo configuration), keeps them connected,
 * polls the printer's status and — only while a screen asks for one — the
 * card reader, and runs print jobs through a queue. Every state change is
 * published to the UI; no device error ever reaches the process as an
 * exception.
 */
export interface DeviceManagerOptions {
  reader: IdCardReaderConfig;
  printer: ReceiptPrinterConfig;
  logger: Logger;
  publish(event: ServiceEvent): void;
  /** How often the printer's status and the reader's presence are checked. */
  pollMs?: number;
  /**
   * Phone numbers (digits only) printed whole: the offices the kiosk lists.
   * Every other ID or phone number on a receipt is masked.
   */
  publicPhones?: () => ReadonlySet<string>;
}

/** A screen's request for a card lapses after this long, so a forgotten screen cannot keep the reader busy. */
const WATCH_LIMIT_MS = 3 * 60_000;

export class DeviceManager {
  private readonly pollMs: number;
  private readonly readerConn: DeviceConnection<IdCardReader> | undefined;
  private readonly printerConn: DeviceConnection<ReceiptPrinter> | undefined;
  private readonly printerModel: PrinterModel | undefined;
  private readonly queue: PrintQueue;
  private readonly statuses = new Map<DeviceName, DeviceStatus>();
  private printerState: PrinterState | undefined;
  private watchUntil = 0;
  /** Counts ended watches, so a read that outlives its watch is known for what it is. */
  private watchEpoch = 0;
  private cardPresent = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly jobListeners = new Set<(job: PrintJob) => void>();
  /** Present in simulated mode: what the demo and tests can change. */
  readonly simulated: { reader?: IdCardReaderSimulator; printer?: PrinterSimulator } = {};

  constructor(private readonly opts: DeviceManagerOptions) {
    this.pollMs = opts.pollMs ?? 1000;
    const { reader, printer, logger } = opts;

    this.setStatus('idCardReader', {
      mode: reader.mode,
      connection: reader.mode === 'none' ? 'off' : 'connecting',
      port: reader.mode === 'serial' ? reader.port : undefined,
    });
    if (reader.mode !== 'none') {
      this.readerConn = new DeviceConnection<IdCardReader>({
        open: async () => {
          if (reader.mode === 'serial') return openIdCardReader(reader.port, { baudRate: reader.baudRate });
          const sim = createInProcessReader({ card: null });
          this.simulated.reader = sim.simulator;
          return new IdCardReader(sim.stream, { closeStream: async () => sim.close() });
        },
        onLost: (driver, listener) => driver.once('close', () => listener('the reader’s port closed (unplugged?)')),
        onState: (state, detail) => this.onConnection('idCardReader', state, detail),
      });
    }

    this.setStatus('receiptPrinter', {
      mode: printer.mode,
      connection: printer.mode === 'none' ? 'off' : 'connecting',
      port: printer.mode === 'serial' ? printer.port : undefined,
    });
    if (printer.mode !== 'none') {
      const resolved =
        printer.mode === 'serial'
          ? resolvePrinterModel({
              model: printer.model,
              encoding: printer.encoding,
              paperWidthMm: printer.paperWidthMm,
            })
          : { model: findPrinterModel('simulated-80mm')!, known: true };
      if (!resolved.known)
        logger.warn(
          { model: printer.mode === 'serial' ? printer.model : '' },
          `unknown printer model; using ${resolved.model.id}`,
        );
      const model = resolved.model;
      this.printerModel = model;
      this.printerConn = new DeviceConnection<ReceiptPrinter>({
        open: async () => {
          if (printer.mode === 'serial')
            return ReceiptPrinter.openSerial({ path: printer.port, baudRate: printer.baudRate, model });
          const sim = createInProcessPrinter(new PrinterSimulator(model));
          this.simulated.printer = sim.simulator;
          return new ReceiptPrinter(sim.link, model);
        },
        onLost: (driver, listener) => {
          driver.onClose(() => listener('the printer’s port closed (unplugged?)'));
        },
        onState: (state, detail) => this.onConnection('receiptPrinter', state, detail),
      });
    }

    this.queue = new PrintQueue({
      status: async () => (this.printerConn?.current === undefined ? undefined : this.printerState),
      send: async (bytes) => {
        const driver = this.printerConn?.current;
        if (driver === undefined) throw new Error('printer not connected');
        await driver.print(bytes);
      },
      onChange: (job) => {
        this.opts.publish({ type: 'print-job', job });
        for (const listener of [...this.jobListeners]) {
          try {
            listener(job);
          } catch (error) {
            logger.error({ err: error, jobId: job.id }, 'print-job listener failed');
          }
        }
        if (job.state === 'failed') logger.warn({ jobId: job.id, reason: job.reason }, 'print job failed');
      },
    });
  }

  start(): void {
    this.readerConn?.start();
    this.printerConn?.start();
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.readerConn?.stop(), this.printerConn?.stop()]);
  }

  devices(): DeviceStatus[] {
    return [...this.statuses.values()];
  }

  /** A screen wants a card (legal-aid form, templates): poll the reader until it gets one or stops asking. */
  watchIdCard(watch: boolean): void {
    this.watchUntil = watch ? Date.now() + WATCH_LIMIT_MS : 0;
    if (!watch) {
      this.cardPresent = false;
      // A read already under way belongs to the watch that just ended.
      this.watchEpoch += 1;
    } else void this.tick();
  }

  /**
   * Queues a receipt, its ID and phone numbers masked whatever the client
   * sent; throws `PrintQueueFullError` when the queue has no room. `owed`
   * marks a stored submission's receipt.
   */
  print(title: string, receipt: Receipt, opts: EnqueueOptions = {}): PrintJob {
    if (this.printerModel === undefined) throw new Error('no printer configured');
    return this.queue.enqueue(title, renderReceipt(this.masked(receipt), this.printerModel), opts);
  }

  /**
   * Queues a legal document the service itself filled from a template with
   * the citizen's own answers, as it is: a 借条 or 起诉状 must carry the
   * parties' full ID numbers to be of any use. Only the template route may
   * call this; a receipt a client sends always goes through `print`.
   */
  printFilledDocument(title: string, document: Receipt): PrintJob {
    if (this.printerModel === undefined) throw new Error('no printer configured');
    return this.queue.enqueue(title, renderReceipt(document, this.printerModel));
  }

  /** The receipt laid out as it would print: masked the same way, so the preview is the paper. */
  preview(receipt: Receipt): ReceiptLayout | undefined {
    return this.printerModel === undefined ? undefined : layoutForModel(this.masked(receipt), this.printerModel);
  }

  /** A filled document laid out as `printFilledDocument` prints it. */
  previewFilledDocument(document: Receipt): ReceiptLayout | undefined {
    return this.printerModel === undefined ? undefined : layoutForModel(document, this.printerModel);
  }

  /** The one mask every printed or previewed receipt passes. */
  private masked(receipt: Receipt): Receipt {
    let keepPhones: ReadonlySet<string> | undefined;
    try {
      keepPhones = this.opts.publicPhones?.();
    } catch (error) {
      // Without the list every number is masked: a safe paper, if a less useful one.
      this.opts.logger.warn({ err: error }, 'public phone numbers unavailable; masking every number on the receipt');
    }
    return maskReceipt(receipt, keepPhones === undefined ? {} : { keepPhones });
  }

  /**
   * The end of a citizen's session: stop waiting for their card, forget their
   * receipts, and take out what has not printed so it never prints for the
   * next person (see PrintQueue.endSession).
   */
  endSession(): SessionEndResult {
    this.watchIdCard(false);
    const ended = this.queue.endSession();
    // Job ids and counts only: titles can name a person or a document.
    if (ended.held.length > 0) {
      this.opts.logger.info(
        { jobIds: ended.held.map((j) => j.id), count: ended.held.length },
        'session ended with receipts unprinted; held for reprint on request',
      );
    }
    if (ended.dropped.length > 0) {
      this.opts.logger.info(
        { jobIds: ended.dropped.map((j) => j.id), count: ended.dropped.length },
        'session ended with print jobs unprinted; dropped',
      );
    }
    return ended;
  }

  printJobs(): PrintJob[] {
    return this.queue.jobs();
  }

  retryPrint(id: string): PrintJob | undefined {
    return this.queue.retry(id);
  }

  /** Calls `listener` with every change of a print job (the outbox records when a receipt printed). Returns the unsubscribe. */
  onPrintJob(listener: (job: PrintJob) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** For the demo configuration: put a sample card on the simulated reader, or take it off. */
  simulateCard(sample: keyof typeof SAMPLE_CARDS | null): boolean {
    const sim = this.simulated.reader;
    if (sim === undefined) return false;
    if (sample === null) sim.removeCard();
    else sim.insertCard(SAMPLE_CARDS[sample]);
    return true;
  }

  /** The health view of a device, in the reason codes the UI translates. */
  subsystem(device: DeviceName): SubsystemState {
    const s = this.statuses.get(device)!;
    if (s.mode === 'none') return { state: 'off', reason: 'not-configured' };
    const detail = [s.mode === 'simulated' ? 'simulated' : s.port, s.detail].filter(Boolean).join(': ');
    if (s.connection !== 'connected') return { state: 'unavailable', reason: 'disconnected', detail };
    if (device === 'idCardReader')
      return s.state === 'not-responding'
        ? { state: 'unavailable', reason: 'not-responding', detail }
        : { state: 'ok', detail };
    if (s.state === undefined || s.state === 'ready') return { state: 'ok', detail };
    if (s.state === 'paper-near-end') return { state: 'degraded', reason: 'paper-near-end', detail };
    return { state: 'unavailable', reason: s.state, detail };
  }

  private setStatus(device: DeviceName, patch: Partial<DeviceStatus>): void {
    const prev = this.statuses.get(device);
    const next: DeviceStatus = {
      device,
      mode: 'none',
      connection: 'off',
      ...prev,
      ...patch,
      since: new Date().toISOString(),
    } as DeviceStatus;
    for (const key of Object.keys(next) as (keyof DeviceStatus)[]) if (next[key] === undefined) delete next[key];
    const changed =
      prev === undefined ||
      (['mode', 'connection', 'state', 'port', 'detail'] as const).some((k) => prev[k] !== next[k]);
    if (!changed) return;
    this.statuses.set(device, next);
    if (prev !== undefined) {
      this.opts.logger.info(
        { device, connection: next.connection, state: next.state, detail: next.detail },
        'device status',
      );
      this.opts.publish({ type: 'device', status: next });
    }
  }

  private onConnection(device: DeviceName, state: ConnectionState, detail: string | undefined): void {
    this.setStatus(device, {
      connection: state,
      detail,
      state: state === 'connected' ? this.statuses.get(device)?.state : undefined,
    });
    if (state === 'connected') void this.tick();
    else if (device === 'receiptPrinter') this.printerState = undefined;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await Promise.all([this.pollPrinter(), this.pollReader()]);
    } catch (error) {
      this.opts.logger.error({ err: error }, 'device poll failed');
    } finally {
      this.ticking = false;
    }
  }

  private async pollPrinter(): Promise<void> {
    const driver = this.printerConn?.current;
    if (driver === undefined) return;
    const report = await driver.status();
    if (!report.answered && (report.failure === 'not-open' || report.failure === 'write-failed')) {
      this.printerConn!.lost(report.detail);
      return;
    }
    const before = this.printerState;
    this.printerState = report.state;
    this.setStatus('receiptPrinter', { state: report.state, detail: report.answered ? undefined : report.detail });
    if (before !== report.state) void this.queue.kick();
  }

  private async pollReader(): Promise<void> {
    const driver = this.readerConn?.current;
    if (driver === undefined) return;
    const watching = Date.now() < this.watchUntil;
    const epoch = this.watchEpoch;
    try {
      if (!watching) {
        // Not asked for a card: only check the reader still answers.
        await driver.samStatus();
      } else {
        const present = await driver.findCard();
        if (!present) this.cardPresent = false;
        else if (!this.cardPresent) {
          const card: IdCard = await driver.readCard();
          if (epoch !== this.watchEpoch || Date.now() >= this.watchUntil) {
            // The screen stopped asking, or the session ended, while the card was
            // being read: it may be the next person's screen now. Dropped unseen;
            // a screen that asks again reads it afresh.
            this.opts.logger.info('ID card read after the screen stopped asking; dropped');
          } else {
            this.cardPresent = true;
            this.opts.logger.info(describeCardForLog(card), 'ID card read');
            // Once per insertion, to the screen that asked; the service keeps no copy.
            this.opts.publish({ type: 'idcard', card });
          }
        }
      }
      this.setResponding(true);
    } catch (error) {
      if (error instanceof NoCardError) {
        this.cardPresent = false;
        this.setResponding(true);
      } else if (error instanceof ReaderClosedError) {
        this.readerConn!.lost(error.message);
      } else if (error instanceof IdCardError) {
        this.setResponding(error.code !== 'timeout', error.message);
        if (watching && error.code !== 'timeout') this.opts.publish({ type: 'idcard-error', code: error.code });
      } else {
        throw error;
      }
    }
  }

  private setResponding(ok: boolean, detail?: string): void {
    this.setStatus('idCardReader', { state: ok ? undefined : 'not-responding', detail: ok ? undefined : detail });
  }
}

import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, SECRET_FRAGMENT_KEY } from '../common/api/contract';
import type { ServiceEvent } from '../common/api/events';
import type { ReceiptLayout } from '../common/receipt/layout';
import type { Receipt } from '../common/receipt/receipt';
import type { PrintJob } from '../common/api/devices';
import { parseServiceArgs, UsageError } from './args';
import { formatConfigReport, loadConfig } from './config/load-config';
import { prepareDataDir, resolveDataDir, restrictNewFileModes } from './data-dir';
import { ContentNotFoundError } from './content/content-reader';
import { openContentService, ContentUnavailableError } from './content/content-service';
import { fillTemplateForPrint, previewTemplate, TemplateAnswersRejectedError } from './content/template-preview';
import { createHealthReporter } from './health';
import { DeviceManager } from './devices/device-manager';
import { PrintQueueFullError } from './devices/print-queue';
import { publicPhones } from './devices/public-phones';
import { HttpError, ServiceUnavailableError, startServer } from './http/server';
import { createLogger } from './logger';
import { rootWarning } from './lockdown/process-user';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { openRecords } from './storage/open-records';
import { Outbox } from './outbox/outbox';
import { outboxHandlers } from './outbox/outbox-handlers';
import { SessionReferences } from './outbox/session-references';
import { createDailyStats } from './storage/daily-stats';
import { countSubmission, usageHandler } from './usage/usage';
import { VERSION } from './version';

/** Exit codes the shells act on: 2 means "fix the configuration", so do not restart. */
export const EXIT_BAD_CONFIG = 2;
export const EXIT_USAGE = 64;

const HEALTH_PUSH_MS = 5000;
const SEARCH_WARM_DELAY_MS = 1500;

async function main(): Promise<void> {
  const startedAt = new Date();
  restrictNewFileModes();
  let args;
  try {
    args = parseServiceArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_USAGE);
    }
    throw error;
  }

  const loaded = loadConfig(args.configPath);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigReport(loaded)}\nThe kiosk service will not start until the configuration is fixed.\n`);
    process.exit(EXIT_BAD_CONFIG);
  }

  const logger = createLogger();
  // Said once at start so the journal shows it; kioskctl doctor reports it as a failure.
  const asRoot = rootWarning(process.getuid?.());
  if (asRoot !== undefined) logger.warn(asRoot);
  const dataDir = resolveDataDir(args.dataDir);
  const dirCheck = prepareDataDir(dataDir);
  if (!dirCheck.ok) logger.error({ detail: dirCheck.detail }, 'data directory is not writable; storage is unavailable');

  // records.db: the kiosk's own records. Without it the kiosk still answers
  // questions; submissions are off and the UI says so.
  const { db: records, state: recordsState } = dirCheck.ok ? openRecords(join(dataDir, 'records.db'), logger) : { db: undefined, state: undefined };

  // The built renderer and content release sit next to the service bundle: dist/service/main.js → dist/renderer, dist/content.
  const here = dirname(fileURLToPath(import.meta.url));
  const contentPath = args.contentPath !== undefined ? resolve(args.contentPath) : join(here, '..', 'content', 'content.db');
  const content = openContentService(contentPath);
  const contentState = content.state();
  if (contentState.state !== 'ok') logger.error({ detail: contentState.detail }, 'no usable content release; search and answers are unavailable');
  const withContent = <T>(use: () => T): T => {
    try {
      return content.guard(use);
    } catch (error) {
      if (error instanceof ContentUnavailableError) throw new ServiceUnavailableError(`Legal content is unavailable: ${error.message}`);
      if (error instanceof ContentNotFoundError) throw new HttpError(404, 'not-found', error.message);
      throw error;
    }
  };
  /** Why submissions and usage figures answer 503, when records.db is not open. */
  const recordsUnavailable = (): string => recordsState?.detail ?? (dirCheck.ok ? 'the records database is not open' : 'the data directory is not writable');
  // Events go to connected UIs once the server is up; until then there is no one to tell.
  let broadcast: (event: ServiceEvent) => void = () => undefined;
  const devices = new DeviceManager({
    reader: loaded.config.devices.idCardReader,
    printer: loaded.config.devices.receiptPrinter,
    logger,
    publish: (event) => broadcast(event),
    publicPhones: () =>
      publicPhones([loaded.config.hotlines.publicLegalService, ...loaded.config.hotlines.local.map((h) => h.number)], () =>
        content.reader().directory(loaded.config.location.regionCode).entries.map((e) => e.phone),
      ),
  });
  /** A receipt laid out as this terminal's printer would print it (the print preview). */
  const receiptLayout = (receipt: Receipt): ReceiptLayout => {
    const layout = devices.preview(receipt);
    if (layout === undefined) throw new ServiceUnavailableError('This terminal has no receipt printer');
    return layout;
  };
  /** A filled document laid out as `templatePrint` prints it: the citizen's own numbers whole. */
  const documentLayout = (document: Receipt): ReceiptLayout => {
    const layout = devices.previewFilledDocument(document);
    if (layout === undefined) throw new ServiceUnavailableError('This terminal has no receipt printer');
    return layout;
  };
  /** Queues a job; a full queue is a 503 that says so. */
  const queued = (enqueue: () => PrintJob): PrintJob => {
    if (loaded.config.devices.receiptPrinter.mode === 'none') throw new ServiceUnavailableError('This terminal has no receipt printer');
    try {
      return enqueue();
    } catch (error) {
      if (error instanceof PrintQueueFullError) throw new ServiceUnavailableError(`Not printed: ${error.message}`);
      throw error;
    }
  };
  // Usage figures (kioskctl stats): submissions are counted when stored, screen events through /api/usage.
  const stats = records === undefined ? undefined : createDailyStats(records);
  // Submissions and their receipts; without records.db the routes answer 503.
  const outbox =
    records === undefined || stats === undefined
      ? undefined
      : new Outbox({
          db: records,
          terminalId: loaded.config.id,
          logger,
          onStored: countSubmission(stats),
          printer:
            loaded.config.devices.receiptPrinter.mode === 'none'
              ? undefined
              : { print: (t, r, o) => devices.print(t, r, o), retry: (id) => devices.retryPrint(id), jobs: () => devices.printJobs(), onJob: (l) => devices.onPrintJob(l) },
        });
  // What the touchscreen may reprint: the references of the session under way.
  const sessionReferences = new SessionReferences();
  const health = createHealthReporter({
    version: VERSION,
    startedAt,
    configName: loaded.name,
    config: loaded.config,
    dataDir,
    content: () => content.state(),
    records: () => recordsState,
    device: (name) => devices.subsystem(name),
  });
  const rendererDir = args.rendererDir !== undefined ? resolve(args.rendererDir) : join(here, '..', 'renderer');
  const secret = randomBytes(32).toString('base64url');
  const technicianToken = randomBytes(32).toString('base64url');
  // Lets the UI notice that the service restarted (and its secret changed).
  const bootId = randomBytes(8).toString('hex');

  const server = await startServer({
    logger,
    port: args.port,
    secret,
    technicianToken,
    rendererDir,
    onEventsConnect: (send) => {
      send({ type: 'hello', bootId });
      send({ type: 'health', health: health() });
    },
    handlers: {
      health: () => health(),
      search: ({ query, limit }) => withContent(() => content.search().search(query, limit)),
      suggest: ({ prefix, limit }) => withContent(() => content.search().suggest(prefix, limit)),
      sessionEnd: ({ reason }) => {
        devices.endSession();
        sessionReferences.forget();
        logger.info({ reason }, 'session ended');
        return {};
      },
      ime: ({ input, page, pageSize }) => withContent(() => content.ime().candidates(input, page, pageSize)),
      slides: () => withContent(() => content.reader().slides()),
      topics: () => withContent(() => content.reader().topics()),
      faqList: ({ topicId }) => withContent(() => content.reader().faqList(topicId)),
      faq: ({ id }) => withContent(() => content.reader().faq(id)),
      guide: ({ id }) => withContent(() => content.reader().guide(id)),
      laws: () => withContent(() => content.reader().laws()),
      law: ({ id }) => withContent(() => content.reader().law(id)),
      article: ({ articleId }) => withContent(() => content.reader().article(articleId)),
      articlesByCitation: ({ citations }) => withContent(() => content.reader().articlesByCitation(citations)),
      directory: ({ kind }) => withContent(() => content.reader().directory(loaded.config.location.regionCode, kind)),
      templates: () => withContent(() => content.reader().templates()),
      template: ({ id }) => withContent(() => content.reader().template(id)),
      templatePreview: ({ id, values }) => previewTemplate(withContent(() => content.reader().template(id)), values, documentLayout),
      templatePrint: ({ id, values, title }) => {
        const template = withContent(() => content.reader().template(id));
        try {
          const document = fillTemplateForPrint(template, values);
          return queued(() => devices.printFilledDocument(title, document));
        } catch (error) {
          if (error instanceof TemplateAnswersRejectedError) throw new HttpError(409, 'conflict', error.message);
          throw error;
        }
      },
      devices: () => ({ devices: devices.devices() }),
      idcardWatch: ({ watch }) => {
        devices.watchIdCard(watch);
        return {};
      },
      print: ({ title, receipt }) => queued(() => devices.print(title, receipt)),
      printPreview: ({ receipt }) => receiptLayout(receipt),
      printJobs: () => ({ jobs: devices.printJobs() }),
      printRetry: ({ id }) => {
        const job = devices.retryPrint(id);
        if (job === undefined) throw new HttpError(404, 'not-found', `No failed print job ${id}`);
        return job;
      },
      simulate: ({ idcard, printer }) => {
        const sim = devices.simulated;
        if ((idcard !== undefined && sim.reader === undefined) || (printer !== undefined && sim.printer === undefined)) {
          throw new HttpError(409, 'conflict', 'Only devices in "simulated" mode can be changed this way');
        }
        if (idcard !== undefined) devices.simulateCard(idcard);
        if (printer !== undefined) sim.printer!.set({ ...(printer.paper !== undefined ? { paper: printer.paper } : {}), ...(printer.coverOpen !== undefined ? { coverOpen: printer.coverOpen } : {}) });
        return {};
      },
      ...outboxHandlers(outbox, recordsUnavailable, sessionReferences),
      usage: usageHandler(stats, recordsUnavailable),
      clientLog: (entry) => {
        logger[entry.level]({ source: 'renderer', screen: entry.screen }, entry.message);
        return {};
      },
    },
  });
  broadcast = (event) => server.broadcast(event);
  devices.start();
  if (dirCheck.ok) {
    writeRuntimeFile(dataDir, {
      pid: process.pid,
      port: server.port,
      secret,
      technicianToken,
      version: VERSION,
      configPath: resolve(args.configPath),
      startedAt: startedAt.toISOString(),
    });
  }

  let lastPushed = '';
  const push = (): void => {
    const h = health();
    const key = JSON.stringify({ ...h, uptimeSeconds: 0 });
    if (key === lastPushed) return;
    lastPushed = key;
    server.broadcast({ type: 'health', health: h });
  };
  const timer = setInterval(push, HEALTH_PUSH_MS);
  timer.unref();

  // Handlers first: a shell may send SIGTERM as soon as it has read the URL line.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(timer);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server
      .close()
      .catch((error: unknown) => logger.error({ err: error }, 'error while closing'))
      .then(() => devices.stop())
      .finally(() => {
        content.close();
        outbox?.close();
        records?.close();
        removeRuntimeFile(dataDir, process.pid);
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    stop('uncaughtException');
  });

  logger.info({ port: server.port, version: VERSION, configName: loaded.name, dataDir, bootId, routes: Object.keys(api) }, 'service ready');
  // The shells wait for exactly this line; the secret travels in the fragment, never to a server.
  process.stdout.write(`KIOSK_URL=http://127.0.0.1:${server.port}/#${SECRET_FRAGMENT_KEY}=${secret}\n`);

  // Load the search dictionaries soon after start — not at once, so the
  // shell's first requests are answered first — and before any citizen can
  // have typed a query.
  setTimeout(() => {
    const t0 = Date.now();
    const warmed = content.warm();
    if (warmed.state === 'ok') logger.info({ ms: Date.now() - t0 }, 'search ready');
    else if (contentState.state === 'ok') logger.error({ detail: warmed.detail }, 'content release is damaged; search and answers are unavailable');
  }, SEARCH_WARM_DELAY_MS).unref();

}

void main();

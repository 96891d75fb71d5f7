import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServiceEvent } from '../common/api/events';
import type { Health } from '../common/api/health';
import type { TerminalConfig } from '../kiosk-config/schema';
import { CaseStatusLookup } from './case-status/case-status-lookup';
import { caseStatusHandlers } from './case-status/case-status-handlers';
import { contentHandlers } from './content/content-handlers';
import type { ContentService } from './content/content-service';
import { openContentReleases, type ContentReleases } from './content/content-releases';
import type { StepHook } from './content/release-store';
import { templateHandlers } from './content/template-handlers';
import { terminalContent } from './content/terminal-content';
import { ContentUpdater } from './content/updater/content-updater';
import { markReleaseEventsReported, releaseReport } from './content/updater/release-report';
import { highestAccepted } from './content/release-records';
import { prepareDataDir } from './data-dir';
import { deviceHandlers } from './devices/device-handlers';
import { DeviceManager } from './devices/device-manager';
import { printAnswers } from './devices/print-answers';
import { cachedPublicPhones } from './devices/public-phones';
import { createHealthReporter } from './health';
import { HeartbeatSender } from './hub/heartbeat-sender';
import { heartbeatReport } from './hub/heartbeat-report';
import { confirmUsageDays } from './usage/usage-upload';
import { HubLink } from './hub/hub-link';
import { HubCommands } from './hub/hub-commands';
import { CallDocuments } from './hub/call-documents';
import { callHandlers } from './hub/call-handlers';
import { CallRelay } from './hub/call-relay';
import { fetchCallDocument, HubUnreachableError } from './hub/hub-client';
import { readIdentity } from './hub/hub-identity';
import { SealingKeyFetch } from './hub/sealing-key-fetch';
import { startKioskServer, type KioskServer } from './http/server';
import { Outbox } from './outbox/outbox';
import { outboxHandlers } from './outbox/outbox-handlers';
import { OutboxSender } from './outbox/outbox-sender';
import { SessionReferences } from './outbox/session-references';
import { KioskActivity } from './session/kiosk-activity';
import { ShellCapture, type ScreenCapturer } from './shell/shell-capture';
import { sessionHandlers } from './session/session-handlers';
import { createDailyStats } from './storage/daily-stats';
import { openRecords } from './storage/open-records';
import { countSubmission, usageHandler } from './usage/usage';
import { VERSION } from './version';

const HEALTH_PUSH_MS = 5000;
const SEARCH_WARM_DELAY_MS = 1500;

/** What `main` decided before the service is built: from the arguments, the configuration and the environment. */
export interface ServiceDeps {
  config: TerminalConfig;
  /** The configuration's name, as health reports it. */
  configName: string;
  dataDir: string;
  /** The content release shipped with the software (content.db): served until one is installed, and the last fallback. */
  contentPath: string;
  /** The built renderer served at `/`; none in route tests. */
  rendererDir: string | undefined;
  logger: Logger;
  /** 0 picks a free port. */
  port: number;
  /** The UI's per-boot secret and the technician's token (see request-guard.ts). */
  secret: string;
  technicianToken: string;
  startedAt: Date;
  /** false: bind no port and answer `server.app.inject` only; `port` is then the one the guard checks Host against. */
  listen?: boolean; /** The heartbeat's interval; default the fleet's (tests shorten it, see hub/test-heartbeat-interval.ts). */
  heartbeatIntervalMs?: number | undefined;
  /** The outbox's retry waits; default the fleet's (tests shorten them, see outbox/test-outbox-retry.ts). */
  outboxRetry?: { baseMs: number; capMs: number } | undefined;
  /** Told when a video call begins (requested) and ends: the Electron shell grants the camera only in between. */
  onCallActiveChange?: (active: boolean) => void;
  /** Called at each step of a content release's install and switch: only the kill -9 test passes one (see content/test-release-pause.ts). */
  releaseStep?: StepHook | undefined;
  /** How often the content updater asks the hub when not nudged; default DEFAULT_CHECK_INTERVAL_MS. */
  contentCheckIntervalMs?: number | undefined;
  /** The service's latest log lines as written (what a `collect-logs` command sends); default none. */
  recentLog?: (() => string) | undefined;
  /**
   * The shell that started the service takes screenshots (`--shell-captures`):
   * it connects to the shell socket, and a `screenshot` command waits for it.
   * Otherwise such a command is answered unsupported unless a shell connected.
   */
  shellCaptures?: boolean | undefined;
  /** Stops the service so that its supervisor starts it again (a `restart-service` command); none: unsupported. */
  restart?: (() => void) | undefined;
}

/** The service's running pieces. */
export interface KioskService {
  server: KioskServer;
  devices: DeviceManager;
  /** Undefined without records.db: submissions answer 503. */
  outbox: Outbox | undefined;
  content: ContentService;
  /** The content release store: what is served, and the install the updater calls. */
  releases: ContentReleases;
  /** Fetches signed releases from the hub; undefined when nothing can be installed (no records.db). */
  updater: ContentUpdater | undefined;
  health: () => Health;
  /** The shell's end of a screenshot (its socket): what a `screenshot` command asks. */
  screen: ScreenCapturer;
  /** Lets the UI notice that the service restarted (and its secret changed). */
  bootId: string;
  /** Whether the data directory could be made ready; without it there is no records.db and no runtime file. */
  dataDirReady: boolean;
  /** Opens the devices, starts pushing health changes and, a little later, loads the search. */
  start(): void;
  /** Closes the server, then the devices, then the databases. */
  stop(): Promise<void>;
}

/** The updater's interval: the test's, else the configuration's, else the updater's default. */
function contentCheckInterval(deps: ServiceDeps): { intervalMs?: number } {
  if (deps.contentCheckIntervalMs !== undefined) return { intervalMs: deps.contentCheckIntervalMs };
  const minutes = deps.config.hub?.contentCheckMinutes;
  return minutes === undefined ? {} : { intervalMs: minutes * 60_000 };
}

/**
 * Opens storage, the content release and the devices, and serves the
 * contract's routes over them. Nothing here reads arguments, the environment
 * or the process: `main` decides those, and a test passes its own.
 */
export async function buildService(deps: ServiceDeps): Promise<KioskService> {
  const { config, dataDir, logger } = deps;
  const dirCheck = prepareDataDir(dataDir);
  if (!dirCheck.ok)
    logger.error({ detail: dirCheck.error.detail }, 'data directory is not writable; storage is unavailable');

  // records.db: the kiosk's own records. Without it the kiosk still answers
  // questions; submissions are off and the UI says so.
  const { db: records, state: recordsState } = dirCheck.ok
    ? openRecords(join(dataDir, 'records.db'), logger)
    : { db: undefined, state: undefined };

  // Whether a citizen uses the kiosk: a content release is switched only between sessions.
  const activity = new KioskActivity({
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    countdownSeconds: config.countdownSeconds,
    // Asked only once the service runs, when the devices exist.
    printing: () =>
      devices.printJobs().some((j) => j.state === 'queued' || j.state === 'waiting' || j.state === 'printing'),
  });
  const releases = openContentReleases({
    dataDir,
    records,
    recordsUnavailable: () => recordsUnavailable(),
    shippedPath: deps.contentPath,
    activity,
    logger,
    step: deps.releaseStep,
  });
  const content = releases.content;
  const contentState = content.state();
  if (contentState.state !== 'ok')
    logger.error({ detail: contentState.detail }, 'no usable content release; search and answers are unavailable');
  // The hotlines, duty hours and notices of this terminal: the served release's, over the configuration's.
  const forTerminal = terminalContent({
    content,
    regionCode: config.location.regionCode,
    configured: { hotlines: config.hotlines, dutyHours: config.videoCall.dutyHours ?? null },
    onReadFailure: (error) =>
      logger.error(
        { err: error },
        "the release's notices and service lines cannot be read; showing the configuration's",
      ),
  });
  /** Why submissions and usage figures answer 503, when records.db is not open. */
  const recordsUnavailable = (): string =>
    recordsState?.detail ?? (dirCheck.ok ? 'the records database is not open' : 'the data directory is not writable');
  // Events go to connected UIs once the server is up; until then there is no one to tell.
  let broadcast: (event: ServiceEvent) => void = () => undefined;
  const devices = new DeviceManager({
    reader: config.devices.idCardReader,
    printer: config.devices.receiptPrinter,
    logger,
    publish: (event) => broadcast(event),
    publicPhones: cachedPublicPhones(
      [config.hotlines.publicLegalService, ...config.hotlines.local.map((h) => h.number)],
      () => [
        ...content
          .reader()
          .directory(config.location.regionCode)
          .entries.map((e) => e.phone),
        // The release's hotlines for this terminal are printed whole too.
        forTerminal().hotlines.publicLegalService,
        ...forTerminal().hotlines.local.map((h) => h.number),
      ],
      () => content.releaseVersion(),
    ),
  });
  const printing = printAnswers(devices, config.devices.receiptPrinter);
  devices.onPrintJob(() => activity.printChanged());
  // Usage figures (kioskctl stats): submissions are counted when stored, screen events through /api/usage.
  const stats = records === undefined ? undefined : createDailyStats(records);
  const enrolledIdentity = () => {
    try {
      return dirCheck.ok ? readIdentity(dataDir) : undefined;
    } catch {
      // A damaged enrollment: the heartbeat sender says so in the log; no calls or deliveries meanwhile.
      return undefined;
    }
  };
  // Delivers the outbox to the hub once the kiosk is enrolled; whether it is approved is the hub's to say.
  const sender =
    records === undefined
      ? undefined
      : new OutboxSender({ db: records, identity: enrolledIdentity, logger, ...deps.outboxRetry });
  const count = stats === undefined ? () => undefined : countSubmission(stats);
  // Submissions and their receipts; without records.db the routes answer 503.
  const outbox =
    records === undefined || stats === undefined
      ? undefined
      : new Outbox({
          db: records,
          terminalId: config.id,
          logger,
          sealing: () => {
            const enrollment = enrolledIdentity()?.enrollment;
            return enrollment?.sealingKey === undefined
              ? undefined
              : { key: enrollment.sealingKey, kioskId: enrollment.kioskId };
          },
          onStored: (kind, payload) => {
            sender?.nudge();
            count(kind, payload);
          },
          printer:
            config.devices.receiptPrinter.mode === 'none'
              ? undefined
              : {
                  print: (t, r, o) => devices.print(t, r, o),
                  retry: (id) => devices.retryPrint(id),
                  jobs: () => devices.printJobs(),
                  onJob: (l) => devices.onPrintJob(l),
                },
        });
  // What the touchscreen may reprint: the references of the session under way.
  const sessionReferences = new SessionReferences();
  // The kiosk's one socket to its hub: heartbeats, and the video calls.
  const link = new HubLink({ logger });
  // 查询进度: asks the hub, and keeps what it learns (answers and pushes) for when the hub is out of reach.
  const caseStatus =
    records === undefined ? undefined : new CaseStatusLookup({ db: records, identity: enrolledIdentity, logger });
  // The highest release the hub's rollouts let this kiosk install: unknown (nothing newer) until the hub says.
  let allowedRelease: number | undefined;
  // Content releases from the hub's TUF repository, installed through the same store as kioskctl's.
  const updater =
    records === undefined || releases.switcher === undefined
      ? undefined
      : new ContentUpdater({
          dataDir,
          hubUrl: () => enrolledIdentity()?.enrollment.hubUrl,
          highestAccepted: () => highestAccepted(records),
          // A heartbeat first: its acknowledgement says what the rollouts allow now (the last word kept while the hub is away).
          allowedRelease: async () => {
            await heartbeat
              ?.beat()
              .catch((error: unknown) => logger.warn({ err: error }, 'heartbeat before a content check failed'));
            return allowedRelease;
          },
          install: (file, release) => releases.install(file, release),
          // The hub hears of every step but the check itself at once, not at the next interval.
          onStatus: (status) => {
            if (status.step !== 'checking') heartbeat?.reportSoon();
          },
          logger,
          ...contentCheckInterval(deps),
        });
  // The shell's end of a screenshot: asked only in the attract loop (hub-commands.ts decides when).
  const shellCapture = new ShellCapture({ expected: deps.shellCaptures ?? false, logger });
  // Commands from the hub's administrators: pushed over the socket, and in each heartbeat's answer until reported.
  const commands =
    records === undefined
      ? undefined
      : new HubCommands({
          db: records,
          activity,
          identity: enrolledIdentity,
          logger,
          recentLog: deps.recentLog ?? (() => ''),
          reloadUi: () => broadcast({ type: 'reload' }),
          maintenanceChanged: () => push(),
          screenshot: shellCapture,
          restart: deps.restart,
        });
  link.onMessage((message) => {
    if (message.type === 'case-status') caseStatus?.learn(message.status);
    else if (message.type === 'content-published') {
      if (message.allowedRelease !== undefined) allowedRelease = message.allowedRelease;
      updater?.nudge();
    } else if (message.type === 'command') commands?.receive([message.command]);
  });
  // A kiosk enrolled before its hub gave out a sealing key learns it from the hub, so its outbox is sealed from then on.
  const sealingKey = dirCheck.ok ? new SealingKeyFetch({ dataDir, logger }) : undefined;
  const learnSealingKey = (): void => {
    sealingKey
      ?.check()
      .catch((error: unknown) => logger.error({ err: error }, 'asking the hub for its sealing key failed'));
  };
  // The socket opening again means the hub is back: what waits in the outbox goes now, not after its backoff.
  link.onOpenChange((open) => {
    if (!open) return;
    sender?.hubBack();
    learnSealingKey();
    commands?.reportSoon();
    // What the hub published while it was out of reach is fetched now, not at the next interval.
    updater?.nudge();
  });
  // The hub hears from the kiosk once it is enrolled (kioskctl hub enroll), over its socket or HTTP; before that the sender only looks.
  const heartbeat = dirCheck.ok
    ? new HeartbeatSender({
        dataDir,
        logger,
        report: () => ({
          ...heartbeatReport(health(), content.releaseVersion(), dataDir, records),
          ...(records === undefined || releases.switcher === undefined
            ? {}
            : { contentRelease: releaseReport(records, releases.switcher.served().releaseNumber, updater?.status()) }),
        }),
        // The usage days the hub stored and that were over when sent are not sent again; nor the release events it stored.
        taken: (_report, answer, builtAt) => {
          if (records !== undefined && answer.usageDaysStored !== undefined)
            confirmUsageDays(records, answer.usageDaysStored, new Date(builtAt));
          if (records !== undefined && answer.releaseEventsStored !== undefined)
            markReleaseEventsReported(records, answer.releaseEventsStored, new Date());
          // What the hub's rollouts let this kiosk install now (the updater asks by a heartbeat before each check).
          if (answer.allowedRelease !== undefined) allowedRelease = answer.allowedRelease;
          if (answer.commands !== undefined) commands?.receive(answer.commands);
        },
        link,
        ...(deps.heartbeatIntervalMs === undefined ? {} : { intervalMs: deps.heartbeatIntervalMs }),
      })
    : undefined;
  // 视频咨询: documents the lawyer pushes, and the call itself, relayed over the link.
  const callDocuments = new CallDocuments({
    fetch: (documentId) => {
      const identity = enrolledIdentity();
      if (identity === undefined) return Promise.reject(new HubUnreachableError('this kiosk is not enrolled'));
      return fetchCallDocument(identity, documentId);
    },
    template: (id) => content.reader().template(id),
    printing,
    printer: devices,
    publish: (event) => broadcast(event),
    logger,
  });
  const calls = new CallRelay({
    link,
    enrolled: () => enrolledIdentity() !== undefined,
    maxWaitSeconds: config.videoCall.maxWaitMinutes * 60,
    publish: (event) => broadcast(event),
    logger,
    onDocument: (callId, notice) => void callDocuments.receive(callId, notice),
    onActiveChange: (active) => {
      activity.callActiveChanged(active);
      deps.onCallActiveChange?.(active);
    },
  });
  const health = createHealthReporter({
    version: VERSION,
    startedAt: deps.startedAt,
    configName: deps.configName,
    config,
    dataDir,
    content: () => content.state(),
    records: () => recordsState,
    device: (name) => devices.subsystem(name),
    ...(heartbeat === undefined ? {} : { hub: () => heartbeat.health() }),
    maintenance: () => commands?.maintenance(),
    terminalContent: forTerminal,
  });
  const bootId = randomBytes(8).toString('hex');

  const server = await startKioskServer({
    logger,
    port: deps.port,
    ...(deps.listen === undefined ? {} : { listen: deps.listen }),
    secret: deps.secret,
    technicianToken: deps.technicianToken,
    rendererDir: deps.rendererDir,
    sockets: [shellCapture.socket()],
    onEventsConnect: (send) => {
      send({ type: 'hello', bootId });
      send({ type: 'health', health: health() });
    },
    handlers: activity.watching({
      health: () => health(),
      ...contentHandlers(content, config.location.regionCode),
      ...templateHandlers(content, devices, printing),
      ...sessionHandlers(devices, sessionReferences, logger, () => {
        calls.endSession();
        callDocuments.forget();
        activity.sessionEnded();
      }),
      ...releases.handlers,
      ...callHandlers(calls, callDocuments),
      ...deviceHandlers(devices, printing),
      ...outboxHandlers(outbox, recordsUnavailable, sessionReferences, sender),
      ...caseStatusHandlers(caseStatus, recordsUnavailable),
      usage: usageHandler(stats, recordsUnavailable),
      clientLog: (entry) => {
        logger[entry.level]({ source: 'renderer', screen: entry.screen }, entry.message);
        return {};
      },
    }),
  });
  broadcast = (event) => server.broadcast(event);

  let pushTimer: NodeJS.Timeout | undefined;
  let warmTimer: NodeJS.Timeout | undefined;
  let lastPushed = '';
  /** Tells the UIs the health when it changed (the uptime alone is no change). */
  const push = (): void => {
    const h = health();
    const key = JSON.stringify({ ...h, uptimeSeconds: 0 });
    if (key === lastPushed) return;
    lastPushed = key;
    server.broadcast({ type: 'health', health: h });
  };

  return {
    server,
    devices,
    outbox,
    content,
    releases,
    updater,
    health,
    screen: shellCapture,
    bootId,
    dataDirReady: dirCheck.ok,
    start() {
      devices.start();
      heartbeat?.start();
      sender?.start();
      releases.start();
      updater?.start();
      commands?.start();
      learnSealingKey();
      pushTimer = setInterval(push, HEALTH_PUSH_MS);
      pushTimer.unref();
      // Load the search dictionaries soon after start — not at once, so the
      // shell's first requests are answered first — and before any citizen can
      // have typed a query.
      warmTimer = setTimeout(() => {
        const t0 = Date.now();
        const warmed = content.warm();
        if (warmed.state === 'ok') logger.info({ ms: Date.now() - t0 }, 'search ready');
        else if (contentState.state === 'ok')
          logger.error({ detail: warmed.detail }, 'content release is damaged; search and answers are unavailable');
      }, SEARCH_WARM_DELAY_MS);
      warmTimer.unref();
    },
    async stop() {
      calls.stop();
      releases.stop();
      updater?.stop();
      commands?.stop();
      heartbeat?.stop();
      link.stop();
      // Before records.db closes: a delivery under way finishes its row.
      const senderStopped = sender?.stop();
      clearInterval(pushTimer);
      clearTimeout(warmTimer);
      try {
        await server.close().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
        await devices.stop();
        await senderStopped;
      } finally {
        content.close();
        outbox?.close();
        records?.close();
      }
    },
  };
}

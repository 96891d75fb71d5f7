import type { Database as Db } from 'better-sqlite3';
import type { Logger } from 'pino';
import {
  COMMAND_LOGS_MAX_BYTES,
  COMMAND_SCREENSHOT_MAX_BYTES,
  type CommandPayload,
  type CommandResultStatus,
  type FleetCommandKind,
  type KioskCommand,
  type KioskCommandResultRequest,
} from '../../common/hub/api/fleet-commands';
import type { ScreenCapturer } from '../shell/shell-capture';
import { HubRefusedError, reportCommandResult } from './hub-client';
import type { KioskIdentity } from './hub-identity';
import { lastLines } from './recent-log';

/**
 * Runs the commands an administrator sends this kiosk through the hub
 * (common/hub/api/fleet-commands.ts), each id once: records.db's
 * `hub_commands` remembers every id received, so a command the hub offers
 * again (its push and each heartbeat's answer carry it until the result
 * arrives) is not run again. Results are kept there until the hub has
 * them, and sent again after a wait, after a restart too.
 *
 * Reloading the screen, restarting the service and taking a screenshot
 * wait for the attract loop: none of them may cut a citizen's session
 * short, and a screenshot must never show a citizen's data. A command
 * still waiting when it expires is reported failed, never run late (its
 * expiry is kept in records.db, so across a restart too). A screenshot
 * is asked of the shell (service/shell/shell-capture.ts) and dropped if a
 * citizen touched the screen while it was being taken. Maintenance
 * mode is kept in records.db across restarts; the screens read it from
 * the health.
 */

/** How long before results the hub did not take are sent again. */
export const REPORT_RETRY_MS = 30_000;

/**
 * How long a screenshot waits once the kiosk is idle: the screen tells the
 * service its session ended as it starts to wipe itself, and draws the
 * attract loop a moment later.
 */
export const ATTRACT_SETTLE_MS = 2_000;

/** What waits until nobody uses the kiosk. */
const WAITS_FOR_ATTRACT_LOOP: ReadonlySet<FleetCommandKind> = new Set(['reload-ui', 'restart-service', 'screenshot']);

/** A command waiting for the attract loop. */
interface Waiting {
  kind: FleetCommandKind;
  /** Epoch ms; undefined for a command kept before expiries were (records.db version 5). */
  expiresAt: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

interface Outcome {
  status: CommandResultStatus;
  detail: string;
  payload?: CommandPayload;
}

export interface HubCommandsOptions {
  db: Db;
  /** Whether a citizen uses the kiosk (service/session/kiosk-activity.ts). */
  activity: { idle(): boolean; onIdle(listener: () => void): () => void };
  identity: () => KioskIdentity | undefined;
  logger: Logger;
  /** The service's latest log lines, as written (redacted). */
  recentLog: () => string;
  /** Tells the touchscreen to load again. */
  reloadUi: () => void;
  /** Maintenance mode changed: the screens are told (a health push). */
  maintenanceChanged: () => void;
  /** Takes the screen (the shell, over its socket); none, or one that says unsupported: answered unsupported. */
  screenshot?: ScreenCapturer | undefined;
  /** Stops the service so that its supervisor starts it again; none where nothing would. */
  restart?: (() => void) | undefined;
  report?: (identity: KioskIdentity, result: KioskCommandResultRequest) => Promise<unknown>;
  now?: () => Date;
  retryMs?: number;
  /** ATTRACT_SETTLE_MS unless a test says otherwise. */
  settleMs?: number;
}

export class HubCommands {
  private readonly waiting = new Map<string, Waiting>();
  private readonly now: () => Date;
  private stopIdle: (() => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private reporting = false;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: HubCommandsOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Finishes what the last run left: a restart is done by now; anything else still open runs (again). */
  start(): void {
    this.stopped = false;
    this.stopIdle = this.opts.activity.onIdle(() => this.runWaiting());
    const open = this.opts.db
      .prepare('SELECT id, kind, expires_at FROM hub_commands WHERE status IS NULL ORDER BY received_at')
      .all() as {
      id: string;
      kind: FleetCommandKind;
      expires_at: string | null;
    }[];
    for (const c of open) {
      if (c.kind === 'restart-service') this.finish(c.id, { status: 'done', detail: 'the service started again' });
      else this.begin(c.id, c.kind, expiryOf(c.expires_at));
    }
    this.reportSoon();
  }

  stop(): void {
    this.stopped = true;
    this.stopIdle?.();
    clearTimeout(this.retryTimer);
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
  }

  /** Commands from the hub (pushed, or in a heartbeat's answer): each new id runs; a known one is left alone. */
  receive(commands: readonly KioskCommand[]): void {
    const insert = this.opts.db.prepare(
      'INSERT INTO hub_commands (id, kind, received_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
    for (const c of commands) {
      const expiresAt = expiryOf(c.expiresAt);
      const kept = expiresAt === undefined ? null : new Date(expiresAt).toISOString();
      if (insert.run(c.id, c.kind, this.now().toISOString(), kept).changes !== 1) continue;
      this.opts.logger.info({ commandId: c.id, kind: c.kind }, 'command from the hub');
      this.begin(c.id, c.kind, expiresAt);
    }
    // A screen that died mid-session ends no session: the kiosk turns idle without a word, so look at every offer.
    this.runWaiting();
    // Offered again: its result may not have reached the hub yet.
    this.reportSoon();
  }

  /** Since when the kiosk is in maintenance mode; undefined when it is not. */
  maintenance(): { since: string } | undefined {
    const row = this.opts.db.prepare('SELECT since FROM maintenance_mode WHERE id = 1').get() as
      { since: string } | undefined;
    return row === undefined ? undefined : { since: row.since };
  }

  /** Sends what the hub does not have yet, now (the socket came back). */
  reportSoon(): void {
    this.reportPending().catch((error: unknown) =>
      this.opts.logger.error({ err: error }, 'command results not reported; sent again later'),
    );
  }

  private begin(id: string, kind: FleetCommandKind, expiresAt: number | undefined): void {
    if (kind === 'screenshot' && this.opts.screenshot?.supported() !== true)
      return this.finish(id, { status: 'unsupported', detail: 'this kiosk’s shell cannot take a screenshot' });
    if (kind === 'restart-service' && this.opts.restart === undefined)
      return this.finish(id, {
        status: 'unsupported',
        detail: 'this service runs without a supervisor to start it again',
      });
    // Left waiting by the last run (a power cut) until past its expiry: not run late.
    if (this.expired(expiresAt)) return this.finish(id, expiredOutcome(kind, expiresAt!, 'not-run'));
    if (WAITS_FOR_ATTRACT_LOOP.has(kind) && !this.opts.activity.idle()) return this.wait(id, kind, expiresAt);
    void this.run(id, kind, expiresAt);
  }

  /** Keeps a command until the attract loop; at its expiry it is reported failed, if still here. */
  private wait(id: string, kind: FleetCommandKind, expiresAt: number | undefined): void {
    this.opts.logger.info({ commandId: id, kind }, 'command waits for the attract loop');
    clearTimeout(this.waiting.get(id)?.timer);
    const timer =
      expiresAt === undefined
        ? undefined
        : setTimeout(
            () => {
              if (this.stopped || !this.waiting.has(id)) return;
              this.waiting.delete(id);
              this.finish(id, expiredOutcome(kind, expiresAt, 'in-use'));
            },
            // setTimeout holds at most ~24.8 days; a command lives at most a week.
            Math.max(0, expiresAt - this.now().getTime()),
          );
    timer?.unref();
    this.waiting.set(id, { kind, expiresAt, timer });
  }

  private expired(expiresAt: number | undefined): boolean {
    return expiresAt !== undefined && this.now().getTime() >= expiresAt;
  }

  private runWaiting(): void {
    if (this.stopped || !this.opts.activity.idle()) return;
    for (const [id, w] of [...this.waiting]) {
      this.waiting.delete(id);
      clearTimeout(w.timer);
      if (this.expired(w.expiresAt)) this.finish(id, expiredOutcome(w.kind, w.expiresAt!, 'in-use'));
      else void this.run(id, w.kind, w.expiresAt);
    }
  }

  private async run(id: string, kind: FleetCommandKind, expiresAt: number | undefined): Promise<void> {
    try {
      const outcome = await this.execute(id, kind, expiresAt);
      if (outcome !== undefined) this.finish(id, outcome);
    } catch (error) {
      this.opts.logger.error({ err: error, commandId: id, kind }, 'command failed');
      this.finish(id, { status: 'failed', detail: (error as Error).message.slice(0, 500) });
    }
  }

  /** Runs one command; undefined when its result comes later (a restart, reported after it). */
  private async execute(
    id: string,
    kind: FleetCommandKind,
    expiresAt: number | undefined,
  ): Promise<Outcome | undefined> {
    const { db } = this.opts;
    switch (kind) {
      case 'maintenance-on': {
        const on = db
          .prepare('INSERT INTO maintenance_mode (id, since, command_id) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING')
          .run(this.now().toISOString(), id);
        this.opts.maintenanceChanged();
        return { status: 'done', detail: on.changes === 1 ? 'maintenance mode on' : 'maintenance mode was on already' };
      }
      case 'maintenance-off': {
        const off = db.prepare('DELETE FROM maintenance_mode WHERE id = 1').run();
        this.opts.maintenanceChanged();
        return {
          status: 'done',
          detail: off.changes === 1 ? 'maintenance mode off' : 'maintenance mode was off already',
        };
      }
      case 'reload-ui':
        this.opts.reloadUi();
        return { status: 'done', detail: 'the touchscreen was told to load again' };
      case 'collect-logs': {
        const text = lastLines(this.opts.recentLog(), COMMAND_LOGS_MAX_BYTES);
        const lines = text.length === 0 ? 0 : text.split('\n').length - 1;
        return { status: 'done', detail: `${lines} log lines`, payload: { kind: 'logs', text } };
      }
      case 'screenshot': {
        // The attract loop drawn, then asked again right before: a citizen may have touched the screen since.
        await new Promise((resolve) => setTimeout(resolve, this.opts.settleMs ?? ATTRACT_SETTLE_MS));
        if (this.stopped) return undefined;
        if (!this.opts.activity.idle()) {
          this.wait(id, kind, expiresAt);
          return undefined;
        }
        const png = await this.opts.screenshot!.capture();
        if (this.stopped) return undefined;
        // A touch while the shell took it: the picture may show the citizen's first screen. Dropped; taken again later.
        if (!this.opts.activity.idle()) {
          this.opts.logger.info({ commandId: id }, 'screenshot dropped: a session began while it was taken');
          this.wait(id, kind, expiresAt);
          return undefined;
        }
        // The shell took long (it was away): a picture from after the expiry is not sent.
        if (this.expired(expiresAt)) return expiredOutcome(kind, expiresAt!, 'shell-late');
        if (png.length > COMMAND_SCREENSHOT_MAX_BYTES)
          return {
            status: 'failed',
            detail: `the screenshot has ${png.length} bytes, more than ${COMMAND_SCREENSHOT_MAX_BYTES}`,
          };
        return {
          status: 'done',
          detail: 'taken in the attract loop',
          payload: { kind: 'png', base64: png.toString('base64') },
        };
      }
      case 'restart-service':
        this.opts.logger.warn({ commandId: id }, 'restarting at the hub’s command');
        this.opts.restart!();
        return undefined;
    }
  }

  private finish(id: string, outcome: Outcome): void {
    // Stopped (records.db may be closed): what is still open is run or judged again at the next start.
    if (this.stopped) return;
    this.opts.db
      .prepare(
        'UPDATE hub_commands SET status = ?, detail = ?, payload = ?, finished_at = ? WHERE id = ? AND status IS NULL',
      )
      .run(
        outcome.status,
        outcome.detail,
        outcome.payload === undefined ? null : JSON.stringify(outcome.payload),
        this.now().toISOString(),
        id,
      );
    this.opts.logger.info({ commandId: id, status: outcome.status, detail: outcome.detail }, 'command finished');
    this.reportSoon();
  }

  /** Sends every result the hub does not have yet, oldest first; one that fails waits REPORT_RETRY_MS with the rest. */
  private async reportPending(): Promise<void> {
    if (this.stopped) return;
    if (this.reporting) {
      this.again = true;
      return;
    }
    this.reporting = true;
    try {
      do {
        this.again = false;
        const identity = this.opts.identity();
        if (identity === undefined) return;
        const rows = this.opts.db
          .prepare(
            'SELECT id, status, detail, payload FROM hub_commands WHERE status IS NOT NULL AND reported_at IS NULL ORDER BY finished_at',
          )
          .all() as { id: string; status: CommandResultStatus; detail: string; payload: string | null }[];
        for (const row of rows) {
          if (this.stopped) return;
          try {
            await (this.opts.report ?? reportCommandResult)(identity, {
              commandId: row.id,
              status: row.status,
              detail: row.detail,
              ...(row.payload === null ? {} : { payload: JSON.parse(row.payload) as CommandPayload }),
            });
          } catch (error) {
            // A hub that knows no such command (it expired, or another hub) will never take it: not sent again.
            if (!(error instanceof HubRefusedError && error.status === 404)) {
              this.opts.logger.warn({ err: error, commandId: row.id }, 'command result not reported; sent again later');
              clearTimeout(this.retryTimer);
              this.retryTimer = setTimeout(() => this.reportSoon(), this.opts.retryMs ?? REPORT_RETRY_MS);
              this.retryTimer.unref();
              return;
            }
            this.opts.logger.warn({ commandId: row.id }, 'the hub knows no such command; its result is dropped');
          }
          // The service may have stopped (and closed records.db) while the report was on its way: the
          // result stays unreported there, and is sent again after the next start.
          if (this.stopped) return;
          // The hub has it: the payload (logs, a screenshot) need not stay on the kiosk.
          this.opts.db
            .prepare('UPDATE hub_commands SET reported_at = ?, payload = NULL WHERE id = ?')
            .run(this.now().toISOString(), row.id);
        }
      } while (this.again);
    } finally {
      this.reporting = false;
    }
  }
}

/** Epoch ms of an expiry as the hub or records.db gives it; undefined for none, or one that is no time. */
function expiryOf(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A command past its expiry: `in-use` while it waited for the attract loop,
 * `not-run` when it was found expired before it could run (the service was
 * off), `shell-late` when the shell's picture came after it.
 */
function expiredOutcome(kind: FleetCommandKind, expiresAt: number, why: 'in-use' | 'not-run' | 'shell-late'): Outcome {
  const at = `expired at ${new Date(expiresAt).toISOString()}`;
  const what = kind === 'screenshot' ? 'no screenshot was taken' : 'not run';
  return {
    status: 'failed',
    detail:
      why === 'in-use'
        ? `${at} while a citizen used the kiosk; ${what}`
        : why === 'not-run'
          ? `${at} before the kiosk could run it; ${what}`
          : `${at} before the shell answered; the screenshot was not sent`,
  };
}

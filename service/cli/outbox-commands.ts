import { sealedPayloadOf } from '../outbox/sealed-payloads';
import type { Command } from 'commander';
import { callService, errorMessage, EXIT_REFERENCE_OR_SERVICE, openForReading } from './local-service';
import { api } from '../../common/api/contract';
import { STAT_METRICS, type DailyStat } from '../../common/api/stats';
import { maskPersonalData, redactText } from '../../common/redact';
import { InvalidReferenceError, parseReference } from '../../common/reference-number';
import { resolveDataDir } from '../data-dir';
import { countOutbox, deliveryState, listOutbox, type OutboxRow } from '../outbox/outbox-store';
import { localDateTime, localDay } from '../../common/local-date';
import { readDailyStats } from '../storage/daily-stats';
import { positiveInt } from '../../server-kit/cli/args';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';

/**
 * Outbox, receipts and usage figures for technicians. The read-only commands
 * read records.db directly (read-only; WAL lets them look while the service
 * writes, and after it died); `receipt reprint` asks the running service, the
 * only one allowed to print. Personal data is always masked — there is no
 * option to show it.
 */

/** One outbox row as a technician sees it: masked, without the idempotency key or the receipt's text. */
export function describeOutboxRow(row: OutboxRow) {
  let payload: unknown;
  try {
    payload =
      sealedPayloadOf(row.payload) === undefined ? maskPersonalData(JSON.parse(row.payload)) : '[sealed to the hub]';
  } catch {
    payload = '[unreadable]';
  }
  return {
    reference: row.reference,
    kind: row.kind,
    createdAt: row.created_at,
    delivered: row.delivered_at !== null,
    /** Delivered (its personal data deleted), waiting for its next attempt, or failing: refused by the hub for good. */
    delivery: deliveryState(row),
    deliveredAt: row.delivered_at,
    receipt:
      row.receipt === null
        ? ('none' as const)
        : row.receipt_printed_at === null
          ? ('not printed' as const)
          : ('printed' as const),
    receiptPrintedAt: row.receipt_printed_at,
    receiptPrints: row.receipt_prints,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error === null ? null : redactText(row.last_error),
    payload,
  };
}

function localTime(iso: string | null): string {
  if (iso === null) return '';
  return localDateTime(new Date(iso));
}

export function addOutboxCommands(program: Command): void {
  const outbox = program
    .command('outbox')
    .description('submissions kept on this terminal: reference, kind, delivery, receipt (personal data masked)')
    .option('--data-dir <dir>', 'data directory of the service (default: KIOSK_DATA_DIR, else the user data folder)')
    .option('--limit <n>', 'newest N submissions', '50')
    .option('--json', 'print JSON')
    .action((opts: { dataDir?: string; limit: string; json?: boolean }) => {
      const limit = positiveInt(opts.limit, '--limit', 100_000);
      const db = openForReading(resolveDataDir(opts.dataDir));
      const rows = listOutbox(db, limit).map(describeOutboxRow);
      const counts = countOutbox(db);
      db.close();
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no submissions\n');
        return;
      }
      for (const r of rows) {
        const receipt = r.receipt === 'printed' && r.receiptPrints > 1 ? `printed ×${r.receiptPrints}` : r.receipt;
        process.stdout.write(
          `${r.reference}  ${r.kind.padEnd(21)}  ${localTime(r.createdAt)}  ${r.delivery.padEnd(9)}  receipt: ${receipt.padEnd(11)}  attempts: ${r.attempts}\n`,
        );
        if (r.delivery === 'waiting' && r.attempts > 0)
          process.stdout.write(`    next attempt: ${localTime(r.nextAttemptAt)}\n`);
        if (r.delivery !== 'delivered' && r.lastError !== null)
          process.stdout.write(`    last error: ${r.lastError}\n`);
      }
      const waiting = counts.undelivered - counts.failing;
      process.stdout.write(
        `${counts.total} submission(s): ${counts.total - counts.undelivered} delivered, ${waiting} waiting, ${counts.failing} failing; ${counts.unprinted} receipt(s) not printed${rows.length < counts.total ? ` (newest ${rows.length} shown)` : ''}\n`,
      );
    });

  outbox
    .command('retry')
    .argument('[reference]', 'only this submission (default: every one not delivered)')
    .description(
      'ask the running service to send undelivered submissions to the hub now: waiting ones and failing ones',
    )
    .option('--data-dir <dir>', 'data directory of the service')
    .action(async (text: string | undefined, _opts: unknown, command: Command) => {
      // `outbox` itself takes --data-dir too, and commander gives it to the parent: read both.
      const { dataDir } = command.optsWithGlobals<{ dataDir?: string }>();
      let reference: string | undefined;
      if (text !== undefined) {
        try {
          reference = parseReference(text).reference;
        } catch (error) {
          if (error instanceof InvalidReferenceError) fail(`"${text}": ${error.message}`, EXIT_REFERENCE_OR_SERVICE);
          throw error;
        }
      }
      const answer = await callService(
        resolveDataDir(dataDir),
        api.outboxRetry,
        reference === undefined ? {} : { reference },
      );
      if (answer.status === 404 || answer.status === 400) fail(errorMessage(answer.json), EXIT_REFERENCE_OR_SERVICE);
      if (answer.status !== 200) fail(`not retried: ${errorMessage(answer.json)}`);
      const { due } = api.outboxRetry.response.parse(answer.json);
      process.stdout.write(
        due === 0
          ? `nothing to hurry: ${reference ?? 'no submission'} ${reference === undefined ? 'is' : 'is not'} waiting out a backoff or failing (due already, or delivered; see kioskctl outbox)\n`
          : `${due} submission(s) sent to the hub now; see kioskctl outbox for how it went\n`,
      );
    });

  const receipt = program.command('receipt').description('submission receipts');
  receipt
    .command('reprint')
    .argument(
      '<reference>',
      'the reference number on the receipt, e.g. A250314-7K3Q-X (case, spaces and hyphens do not matter)',
    )
    .description('ask the running service to print a submission’s receipt again (marked 补打)')
    .option('--data-dir <dir>', 'data directory of the service')
    .option('--wait <seconds>', 'how long to wait for the printer to finish (0: do not wait)', '20')
    .action(async (text: string, opts: { dataDir?: string; wait: string }) => {
      let reference: string;
      try {
        reference = parseReference(text).reference;
      } catch (error) {
        if (error instanceof InvalidReferenceError) fail(`"${text}": ${error.message}`, EXIT_REFERENCE_OR_SERVICE);
        throw error;
      }
      const wait = Number(opts.wait);
      if (!Number.isFinite(wait) || wait < 0 || wait > 600)
        fail(`--wait: expected seconds 0–600, got "${opts.wait}"`, EXIT_USAGE);
      const dataDir = resolveDataDir(opts.dataDir);
      const answer = await callService(dataDir, api.submissionReprint, { reference });
      if (answer.status === 404 || answer.status === 400) fail(errorMessage(answer.json), EXIT_REFERENCE_OR_SERVICE);
      if (answer.status !== 200) fail(`not reprinted: ${errorMessage(answer.json)}`);
      let job = api.submissionReprint.response.parse(answer.json).printJob;
      let gone = false;
      const deadline = Date.now() + wait * 1000;
      while ((job.state === 'queued' || job.state === 'waiting' || job.state === 'printing') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        const jobs = await callService(dataDir, api.printJobs);
        // An error answer ends the wait; a job list is held to the contract.
        if (jobs.status !== 200) break;
        const found = api.printJobs.response.parse(jobs.json).jobs.find((j) => j.id === job.id);
        if (found === undefined) {
          gone = true;
          break;
        }
        job = found;
      }
      // A session ending takes unprinted jobs out of the queue: the receipt stays owed, and never prints by itself.
      if (gone && job.state !== 'printing')
        fail(
          `${reference}: not printed — a session ended and took the job out of the queue before it printed; run this command again`,
        );
      if (job.state === 'printed') process.stdout.write(`${reference}: receipt printed\n`);
      else if (job.state === 'failed')
        fail(`${reference}: the receipt did not print (${job.reason ?? 'failed'}); run this command again to retry`);
      else if (wait === 0) process.stdout.write(`${reference}: receipt queued (job ${job.id})\n`);
      else
        fail(
          `${reference}: not printed yet — the job is ${job.state}${job.reason !== undefined ? ` (${job.reason})` : ''}; it prints once the printer is ready, unless a session ends first (then run this command again)`,
        );
    });

  program
    .command('stats')
    .description(
      'usage figures per day: consultations by topic, legal-aid checks and applications, templates printed, mediation requests, ratings, calculator uses',
    )
    .option('--data-dir <dir>', 'data directory of the service')
    .option('--days <n>', 'the last N days, today included', '7')
    .option('--json', 'print JSON')
    .action((opts: { dataDir?: string; days: string; json?: boolean }) => {
      const days = positiveInt(opts.days, '--days', 3660);
      const today = new Date();
      const toDay = localDay(today);
      const fromDay = localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1)));
      const db = openForReading(resolveDataDir(opts.dataDir));
      const rows = readDailyStats(db, { fromDay, toDay });
      db.close();
      const totals: Record<string, number> = {};
      for (const m of STAT_METRICS) totals[m] = 0;
      for (const r of rows) totals[r.metric] = (totals[r.metric] ?? 0) + r.count;
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify({ fromDay, toDay, rows, totals }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`usage ${fromDay} … ${toDay} (${days} day${days === 1 ? '' : 's'})\n`);
      const line = (r: DailyStat) =>
        `${r.day}  ${r.metric.padEnd(21)}  ${(r.key === '' ? '—' : r.key).padEnd(24)}  ${r.count}\n`;
      for (const r of rows) process.stdout.write(line(r));
      process.stdout.write('totals\n');
      for (const m of STAT_METRICS) process.stdout.write(`  ${m.padEnd(21)}  ${totals[m]}\n`);
    });
}

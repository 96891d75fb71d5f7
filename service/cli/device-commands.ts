import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DeviceStatus } from '../../common/api/devices';
import { SIMULATED_CARDS, type SimulatedCard } from '../../common/api/devices';
import { IdCardError, NoCardError } from '../../native/idcard/errors';
import { openIdCardReader } from '../../native/idcard/reader';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { startSerialSimulator } from '../../native/idcard/simulator';
import { findPrinterModel, PRINTER_MODELS } from '../../native/printer/models';
import { ReceiptPrinter } from '../../native/printer/printer';
import { PrinterSimulator, serveSimulatorOnSerial } from '../../native/printer/simulator';
import { buildTestReceipt } from '../../native/printer/test-receipt';
import { startPtyPair } from '../../native/serial/pty';
import { loadConfig } from '../config/load-config';
import { resolveDataDir } from '../data-dir';
import { readRuntimeFile } from '../runtime-file';
import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';

/** Exit code when there is no card on the reader (the others are in ./exit). */
const EXIT_NO_CARD = 2;

function baudOf(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`--baud: expected a baud rate such as 115200, got "${text}"`, EXIT_USAGE);
  return n;
}

function modelOf(id: string) {
  const model = findPrinterModel(id);
  if (model === undefined)
    fail(`--model: unknown printer model "${id}"; known: ${PRINTER_MODELS.map((m) => m.id).join(', ')}`, EXIT_USAGE);
  return model;
}

export function addDeviceCommands(program: Command): void {
  program
    .command('devices')
    .description('configured devices and their status (from the running service when there is one)')
    .option('--data-dir <dir>', 'data directory of the service')
    .option('--config <file>', 'configuration to list when the service is not running')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; config?: string; json?: boolean }) => {
      const runtime = readRuntimeFile(resolveDataDir(opts.dataDir));
      if (runtime !== undefined) {
        try {
          const res = await fetch(`http://127.0.0.1:${runtime.port}/api/devices`, {
            headers: { authorization: `Bearer ${runtime.technicianToken}` },
            signal: AbortSignal.timeout(3000),
          });
          const { devices } = (await res.json()) as { devices: unknown[] };
          const list = devices.map((d) => DeviceStatus.parse(d));
          if (opts.json === true) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          else
            for (const d of list)
              process.stdout.write(
                `${d.device.padEnd(15)} ${d.mode.padEnd(9)} ${d.connection.padEnd(12)} ${d.state ?? ''} ${d.port ?? ''} ${d.detail ?? ''}\n`,
              );
          return;
        } catch (error) {
          process.stderr.write(`the service (port ${runtime.port}) does not answer: ${(error as Error).message}\n`);
        }
      }
      const configPath = opts.config ?? (process.env['KIOSK_CONFIG'] || undefined);
      if (configPath === undefined) fail('no running service and no configuration (--config FILE or KIOSK_CONFIG)');
      const loaded = loadConfig(configPath);
      if (!loaded.ok) fail(`${configPath} is invalid; run kioskctl config check ${configPath}`);
      const { idCardReader, receiptPrinter } = loaded.value.config.devices;
      const describe = (d: typeof idCardReader | typeof receiptPrinter) =>
        d.mode === 'serial' ? `serial ${d.port} @ ${d.baudRate}` : d.mode;
      process.stdout.write(
        `idCardReader    ${describe(idCardReader)} (service not running: status unknown)\nreceiptPrinter  ${describe(receiptPrinter)} (service not running: status unknown)\n`,
      );
    });

  const idcard = program.command('idcard').description('the resident ID-card reader');
  idcard
    .command('read')
    .description('read the card on a reader and print it')
    .requiredOption('--port <path>', 'serial port, e.g. /dev/ttyUSB0')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--json', 'print JSON')
    .action(async (opts: { port: string; baud: string; json?: boolean }) => {
      let reader;
      try {
        reader = await openIdCardReader(opts.port, { baudRate: baudOf(opts.baud) });
      } catch (error) {
        fail(`cannot open ${opts.port}: ${(error as Error).message}`);
      }
      try {
        const card = await reader.readCard();
        // The technician asked to see the card: it goes to this terminal only, never to a log.
        const out = { ...card };
        if (opts.json === true) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        else
          for (const [k, v] of Object.entries(out))
            process.stdout.write(`${k.padEnd(16)} ${Array.isArray(v) ? v.join(', ') : String(v)}\n`);
        if (!card.idNumberValid)
          process.stderr.write(
            `warning: the ID number fails its check (${card.idNumberProblems.join(', ')}); do not trust it\n`,
          );
      } catch (error) {
        if (error instanceof NoCardError) fail('no card on the reader', EXIT_NO_CARD);
        if (error instanceof IdCardError) fail(`could not read the card: ${error.message}`);
        throw error;
      } finally {
        await reader.close();
      }
    });

  const printer = program.command('printer').description('the receipt printer');
  printer
    .command('status')
    .description('ask the printer for its state: ready, paper-near-end, paper-out, cover-open, offline or cutter-error')
    .requiredOption('--port <path>', 'serial port')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--model <id>', 'printer model', 'generic-80mm-gb18030')
    .option('--json', 'print JSON')
    .action(async (opts: { port: string; baud: string; model: string; json?: boolean }) => {
      let p: ReceiptPrinter;
      try {
        p = await ReceiptPrinter.openSerial({
          path: opts.port,
          baudRate: baudOf(opts.baud),
          model: modelOf(opts.model),
        });
      } catch (error) {
        fail(`cannot open ${opts.port}: ${(error as Error).message}`);
      }
      const report = await p.status();
      await p.close();
      if (opts.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${report.state}${report.answered ? '' : ` (${report.failure}: ${report.detail})`}\n`);
      if (report.state !== 'ready' && report.state !== 'paper-near-end') process.exitCode = EXIT_FAILED;
    });

  printer
    .command('test')
    .description('print a test receipt: Chinese text, a QR code and a cut')
    .requiredOption('--port <path>', 'serial port')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--model <id>', 'printer model', 'generic-80mm-gb18030')
    .action(async (opts: { port: string; baud: string; model: string }) => {
      let p: ReceiptPrinter;
      try {
        p = await ReceiptPrinter.openSerial({
          path: opts.port,
          baudRate: baudOf(opts.baud),
          model: modelOf(opts.model),
        });
      } catch (error) {
        fail(`cannot open ${opts.port}: ${(error as Error).message}`);
      }
      try {
        await p.printReceipt(buildTestReceipt({ printedAt: new Date().toISOString() }));
        process.stdout.write(`test receipt sent to ${opts.port} (${p.model.id})\n`);
      } catch (error) {
        fail(`not printed: ${(error as Error).message}`);
      } finally {
        await p.close();
      }
    });

  program
    .command('simulate')
    .argument('<device>', 'idcard or printer')
    .description('run a simulated device on a new pty pair and print the port to use; Ctrl+C stops it')
    .option(
      '--card <sample>',
      `card on the simulated reader (${SIMULATED_CARDS.join(', ')}, or none)`,
      'mainlandLongTerm',
    )
    .option('--paper <state>', 'simulated printer paper: ok, near-end or out', 'ok')
    .action(async (device: string, opts: { card: string; paper: string }) => {
      if (device !== 'idcard' && device !== 'printer')
        fail(`unknown device "${device}": use idcard or printer`, EXIT_USAGE);
      const pair = await startPtyPair({ dir: mkdtempSync(join(tmpdir(), `kiosk-sim-${device}-`)) });
      let stop: () => Promise<void>;
      if (device === 'idcard') {
        if (opts.card !== 'none' && !(SIMULATED_CARDS as readonly string[]).includes(opts.card))
          fail(`--card: expected one of ${SIMULATED_CARDS.join(', ')} or none`, EXIT_USAGE);
        const sim = await startSerialSimulator(pair.b, {
          card: opts.card === 'none' ? null : SAMPLE_CARDS[opts.card as SimulatedCard],
        });
        stop = sim.close;
      } else {
        if (!['ok', 'near-end', 'out'].includes(opts.paper)) fail('--paper: expected ok, near-end or out', EXIT_USAGE);
        const sim = new PrinterSimulator().set({ paper: opts.paper as 'ok' | 'near-end' | 'out' });
        const served = await serveSimulatorOnSerial(sim, { path: pair.b, baudRate: 9600 });
        stop = served.close;
      }
      process.stdout.write(`simulated ${device} ready; use --port ${pair.a}\n`);
      const shutdown = async () => {
        await stop();
        await pair.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown());
      process.on('SIGTERM', () => void shutdown());
    });
}

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEARTBEAT_INTERVAL_MS } from '../../common/hub/fleet-timing';
import { migrateHub } from '../../hub/storage/migrate';
import { openHubStorage, storageTarget, type StorageTarget } from '../../hub/storage/open-storage';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../hub/testing/throwaway-postgres';
import { ROOT } from '../lib/paths';

/**
 * `npm run bench -- hub`: how many kiosks one hub instance holds on this
 * machine, each on its own WebSocket and beating every half minute, with
 * the heartbeat's round trip (sent → committed → acknowledged) under 50 ms
 * at the 99th percentile; on the embedded storage and on PostgreSQL; and
 * the hub's memory per connected kiosk.
 *
 * The hub runs as `npm run hub` does, in its own process; the simulated
 * fleet in another (scripts/bench/hub-fleet.ts), both on this machine's two
 * cores. The fleet grows in steps; each step beats for a while and is
 * measured; the bench stops at the first step over the line. Memory per
 * kiosk is the growth of the hub's resident memory from the first step to
 * the last one held, divided by the kiosks added (so at least two steps). The baseline,
 * measured in the same run on the same hub, is one kiosk beating alone:
 * each step's p99 is also given as a ratio to it.
 *
 *   --kiosks 1000,2500,5000,10000   the steps
 *   --step-seconds 60               how long each step beats (≥ 2 intervals)
 *   --interval 30000                heartbeat interval, ms
 *   --engines sqlite,postgres
 */

const P99_LIMIT_MS = 50;

interface FleetAnswer {
  ready?: number;
  connected?: { connected: number; failed: number; ms: number };
  beat?: Record<string, number>;
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

/** Seeds `n` approved kiosks with keys of their own; answers the key file for the fleet. */
async function seedKiosks(target: StorageTarget, dir: string, n: number): Promise<string> {
  const storage = await openHubStorage(target, { create: true });
  const lines: string[] = [];
  try {
    await migrateHub(storage, { actor: 'system' });
    const at = new Date().toISOString();
    for (let start = 0; start < n; start += 500) {
      const batch = Array.from({ length: Math.min(500, n - start) }, (_, i) => {
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        return {
          row: {
            terminal_id: `BENCH-${start + i + 1}`,
            display_name: `压测终端 ${start + i + 1}`,
            region_code: '420111',
            site: null,
            public_key: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
            status: 'approved' as const,
            enrolled_at: at,
            approved_at: at,
            revoked_at: null,
          },
          key: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        };
      });
      const ids = await storage.db
        .insertInto('kiosks')
        .values(batch.map((b) => b.row))
        .returning('id')
        .execute();
      ids.forEach((r, i) => lines.push(`${r.id} ${batch[i]!.key}`));
    }
  } finally {
    await storage.close();
  }
  const file = join(dir, 'fleet-keys.txt');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

function startHubProcess(dir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const config = join(dir, 'hub.json');
  writeFileSync(config, JSON.stringify({ listen: { port: 0 } }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'hub', 'main.ts'), '--config', config, '--data-dir', dir],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: ROOT,
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('HUB_URL='));
      if (line !== undefined) resolve({ child, url: line.slice('HUB_URL='.length) });
      // Keep only the tail: the hub logs as it runs.
      if (out.length > 100_000) out = out.slice(-10_000);
    });
    child.on('exit', (code) => reject(new Error(`the hub exited (${code}) before it was ready`)));
  });
}

function startFleet(
  url: string,
  keysFile: string,
): Promise<{ ask(c: object): Promise<FleetAnswer>; child: ChildProcess }> {
  const child = fork(join(import.meta.dirname, 'hub-fleet.ts'), [url, keysFile], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: ((a: FleetAnswer) => void) | undefined;
  child.on('message', (m: FleetAnswer) => {
    const w = waiting;
    waiting = undefined;
    w?.(m);
  });
  const next = () => new Promise<FleetAnswer>((resolve) => (waiting = resolve));
  const ready = next();
  return ready.then(() => ({
    child,
    ask(c: object) {
      const answer = next();
      child.send(c);
      return answer;
    },
  }));
}

async function benchEngine(
  engine: 'sqlite' | 'postgres',
  steps: number[],
  intervalMs: number,
  stepMs: number,
  pg: () => Promise<ThrowawayPostgres>,
): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), `hub-bench-${engine}-`));
  const say = (s: string) => process.stderr.write(`[bench hub ${engine}] ${s}\n`);
  let hub: ChildProcess | undefined;
  let fleet: ChildProcess | undefined;
  try {
    const env: NodeJS.ProcessEnv = {
      HUB_DATABASE_URL: engine === 'postgres' ? await (await pg()).createDatabase(`bench_${Date.now()}`) : '',
    };
    const target = storageTarget(dir, env);
    const most = Math.max(...steps);
    say(`seeding ${most} kiosks`);
    const keys = await seedKiosks(target, dir, most);
    const started = await startHubProcess(dir, env);
    hub = started.child;
    const idleRss = rssBytes(hub.pid!);
    const sim = await startFleet(started.url, keys);
    fleet = sim.child;

    say('baseline: one kiosk beating alone');
    await sim.ask({ connect: 1 });
    const baseline = (await sim.ask({ beat: { intervalMs: 50, ms: 10_000 } })).beat!;

    const results: Record<string, unknown>[] = [];
    let held = 0;
    // Memory per kiosk is the slope between the first step and the last one held: what one more kiosk costs, without the warm-up every server has.
    let first: { n: number; rss: number } | undefined;
    let memoryPerKioskBytes: number | undefined;
    for (const n of steps) {
      const connected = (await sim.ask({ connect: n })).connected!;
      say(
        `${connected.connected} connected in ${connected.ms} ms (${connected.failed} refused); beating ${stepMs / 1000} s`,
      );
      const beat = (await sim.ask({ beat: { intervalMs, ms: stepMs } })).beat!;
      const rss = rssBytes(hub.pid!);
      const perKiosk = Math.round((rss - idleRss) / connected.connected);
      const ok =
        connected.connected === n && beat['p99Ms']! < P99_LIMIT_MS && beat['errors'] === 0 && beat['unanswered'] === 0;
      results.push({
        kiosks: connected.connected,
        connectMs: connected.ms,
        ...beat,
        p99VsBaseline: Math.round((beat['p99Ms']! / baseline['p99Ms']!) * 10) / 10,
        hubRssMB: Math.round(rss / 2 ** 20),
        hubBytesPerKioskSinceIdle: perKiosk,
        held: ok,
      });
      say(JSON.stringify(results.at(-1)));
      if (!ok) break;
      held = n;
      if (first === undefined) first = { n: connected.connected, rss };
      else memoryPerKioskBytes = (rss - first.rss) / (connected.connected - first.n);
    }
    return {
      held,
      p99LimitMs: P99_LIMIT_MS,
      baselineP50Ms: baseline['p50Ms'],
      baselineP99Ms: baseline['p99Ms'],
      hubIdleRssMB: Math.round(idleRss / 2 ** 20),
      hubKBPerKiosk: memoryPerKioskBytes === undefined ? null : Math.round(memoryPerKioskBytes / 102.4) / 10,
      steps: results,
    };
  } finally {
    fleet?.kill('SIGKILL');
    hub?.kill('SIGTERM');
    if (hub !== undefined && hub.exitCode === null) await new Promise((r) => hub!.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function hubBench(): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      kiosks: { type: 'string', default: '1000,2500,5000,10000' },
      'step-seconds': { type: 'string', default: '60' },
      interval: { type: 'string', default: String(HEARTBEAT_INTERVAL_MS) },
      engines: { type: 'string', default: 'sqlite,postgres' },
    },
    strict: true,
  });
  const steps = values.kiosks.split(',').map(Number);
  if (steps.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--kiosks: expected numbers like 1000,5000`);
  const engines = values.engines.split(',');
  let postgres: ThrowawayPostgres | undefined;
  const pg = async () => (postgres ??= await startThrowawayPostgres());
  const figures: Record<string, unknown> = {
    goal: 10_000,
    intervalMs: Number(values.interval),
    stepSeconds: Number(values['step-seconds']),
  };
  try {
    for (const engine of engines) {
      if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engines: unknown engine ${engine}`);
      figures[engine] = await benchEngine(
        engine,
        steps,
        Number(values.interval),
        Number(values['step-seconds']) * 1000,
        pg,
      );
    }
  } finally {
    await postgres?.stop();
  }
  return figures;
}

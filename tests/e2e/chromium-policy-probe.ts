import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './harness';

/**
 * Run by chromium-policy.test.ts inside a private mount namespace whose
 * /etc/chromium holds the policy under test; prints one JSON object.
 *
 * `pages`: what chrome://policy says of each policy, and which URLs load.
 * `cdp`: whether a DevTools-protocol client on --remote-debugging-pipe may
 * attach to a page (DeveloperToolsAvailability covers such clients too).
 */

async function serve(text: string, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>${text}</title><h1>${text}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return server;
}
const portOf = (s: Server) => (s.address() as { port: number }).port;

/** Page script: [policy name, status] of every row of chrome://policy (rows live in shadow roots). */
const POLICY_ROWS = `function () {
  var rows = [];
  var walk = function (root) {
    root.querySelectorAll('*').forEach(function (el) {
      if (el.tagName === 'POLICY-ROW') rows.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  };
  walk(document);
  return rows.map(function (row) {
    var root = row.shadowRoot || row;
    var name = root.querySelector('#name');
    var status = root.querySelector('.policy.row .messages');
    return [name ? name.textContent.trim() : '', status ? status.textContent.trim() : ''];
  });
}`;

async function pages(): Promise<unknown> {
  const own = await serve('kiosk');
  const other = await serve('other');
  const elsewhere = await serve('elsewhere', '127.0.0.2');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('chrome://policy');
    // Passed as text: tsx would wrap named inner functions in a helper the page does not have.
    await page.waitForFunction(`(${POLICY_ROWS})().length > 0`);
    const statuses = (await page.evaluate(`(${POLICY_ROWS})()`)) as [string, string][];
    // Each page's title when it shows its own document, else "blocked" (an error page, whether or not goto threw).
    const loads: Record<string, string> = {};
    const targets: Record<string, [string, string]> = {
      own: [`http://127.0.0.1:${portOf(own)}/`, 'kiosk'],
      otherPort: [`http://127.0.0.1:${portOf(other)}/`, 'other'],
      localhost: [`http://localhost:${portOf(own)}/`, 'kiosk'],
      otherAddress: [`http://127.0.0.2:${portOf(elsewhere)}/`, 'elsewhere'],
      data: ['data:text/html,<title>data</title><h1>data</h1>', 'data'],
    };
    for (const [key, [url, title]] of Object.entries(targets)) {
      const p = await context.newPage();
      await p.goto(url, { timeout: 10_000 }).catch(() => undefined);
      loads[key] = (await p.title()) === title ? title : 'blocked';
      await p.close();
    }
    return { statuses: Object.fromEntries(statuses), loads };
  } finally {
    await browser.close();
    own.close();
    other.close();
    elsewhere.close();
  }
}

async function cdp(): Promise<unknown> {
  const own = await serve('kiosk');
  const profile = mkdtempSync(join(tmpdir(), 'policy-cdp-probe-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      '--no-sandbox',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      `http://127.0.0.1:${portOf(own)}/`,
    ],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const toBrowser = child.stdio[3] as NodeJS.WritableStream;
  const fromBrowser = child.stdio[4] as NodeJS.ReadableStream;
  let buffer = '';
  let nextId = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  fromBrowser.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) waiting.get(message.id)?.(message);
    }
  });
  const send = (method: string, params: object = {}) =>
    new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      toBrowser.write(`${JSON.stringify({ id, method, params })}\0`);
    });
  try {
    // The page target appears once the browser has opened its window.
    let page: { targetId: string; url: string } | undefined;
    while (page === undefined) {
      const { result } = await send('Target.getTargets');
      page = (result as { targetInfos: { targetId: string; type: string; url: string }[] }).targetInfos.find(
        (t) => t.type === 'page' && t.url.startsWith('http://127.0.0.1'),
      );
      if (page === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    const attach = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    const close = await send('Target.closeTarget', { targetId: page.targetId });
    return { attach: attach.error?.message ?? 'attached', closeTarget: close.error?.message ?? 'closed' };
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
    rmSync(profile, { recursive: true, force: true });
    own.close();
  }
}

const mode = process.argv[2];
const result = mode === 'pages' ? await pages() : mode === 'cdp' ? await cdp() : { error: `unknown mode ${mode}` };
process.stdout.write(`${JSON.stringify(result)}\n`);

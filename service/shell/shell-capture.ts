import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { SHELL_PROTOCOL, SHELL_SOCKET_PATH, ShellAnswer, type ShellRequest } from '../../common/api/shell-socket';
import type { MessageSocket } from '../../server-kit/http/server';
import type { RequestContext } from '../http/request-guard';

/** What takes a picture of the kiosk's screen for a `screenshot` command (service/hub/hub-commands.ts). */
export interface ScreenCapturer {
  /** Whether a shell able to take the screen runs this kiosk: the one that started the service said so, or one connected. */
  supported(): boolean;
  /** A PNG of the screen now; rejects, saying why, when no shell answers with one. */
  capture(): Promise<Buffer>;
}

/** How long a capture waits for the shell to connect: after a restart of the service, the shell reconnects within a second or two. */
export const CONNECT_WAIT_MS = 15_000;
/** How long the shell may take to answer: capturePage takes well under a second. */
export const ANSWER_WAIT_MS = 15_000;

export interface ShellCaptureOptions {
  /** The shell that started the service takes the screen (`--shell-captures`): it will connect. */
  expected: boolean;
  logger: Logger;
  connectWaitMs?: number;
  answerWaitMs?: number;
}

interface Pending {
  /** The connection asked: its closing ends the wait. */
  socket: WebSocket;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The service's end of the shell's socket (common/api/shell-socket.ts):
 * the shell connected now, if any (a newer one replaces it), and the
 * captures asked of it. Whether a capture is allowed at all — the attract
 * loop, the command's expiry, the size — is decided by its caller; this
 * only carries the question and the answer.
 */
export class ShellCapture implements ScreenCapturer {
  private shell: WebSocket | undefined;
  private everConnected = false;
  private readonly pending = new Map<string, Pending>();
  private readonly connectWaiters = new Set<() => void>();

  constructor(private readonly opts: ShellCaptureOptions) {}

  /** The socket route for the service's server; its guard lets only the shell in (request-guard.ts). */
  socket(): MessageSocket<RequestContext> {
    return { name: 'shell', path: SHELL_SOCKET_PATH, protocol: SHELL_PROTOCOL, onOpen: (socket) => this.open(socket) };
  }

  supported(): boolean {
    return this.opts.expected || this.everConnected;
  }

  async capture(): Promise<Buffer> {
    const shell = this.shell ?? (await this.waitForShell());
    const requestId = randomUUID();
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`the shell did not answer within ${(this.opts.answerWaitMs ?? ANSWER_WAIT_MS) / 1000} s`));
      }, this.opts.answerWaitMs ?? ANSWER_WAIT_MS);
      timer.unref();
      this.pending.set(requestId, { socket: shell, resolve, reject, timer });
      shell.send(JSON.stringify({ type: 'capture', requestId } satisfies ShellRequest));
    });
  }

  private waitForShell(): Promise<WebSocket> {
    const waitMs = this.opts.connectWaitMs ?? CONNECT_WAIT_MS;
    return new Promise<WebSocket>((resolve, reject) => {
      const connected = (): void => {
        clearTimeout(timer);
        this.connectWaiters.delete(connected);
        resolve(this.shell!);
      };
      const timer = setTimeout(() => {
        this.connectWaiters.delete(connected);
        reject(new Error(`no shell connected to take the screen within ${waitMs / 1000} s`));
      }, waitMs);
      timer.unref();
      this.connectWaiters.add(connected);
    });
  }

  private open(socket: WebSocket): void {
    const earlier = this.shell;
    this.shell = socket;
    this.everConnected = true;
    this.opts.logger.info('the shell connected to take screenshots');
    // One shell runs the screen: a newer connection is the shell started again.
    earlier?.close(4000, 'replaced by a newer connection');
    socket.on('message', (data: RawData, isBinary: boolean) => this.answer(socket, data, isBinary));
    socket.on('close', (code: number) => this.closed(socket, code));
    for (const w of [...this.connectWaiters]) w();
  }

  private answer(socket: WebSocket, data: RawData, isBinary: boolean): void {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(rawText(data));
    } catch {
      json = undefined;
    }
    const parsed = ShellAnswer.safeParse(json);
    if (!parsed.success) {
      this.opts.logger.warn(
        { problem: parsed.error.issues[0]?.message },
        'the shell sent a message that is no answer to a capture',
      );
      return;
    }
    const answer = parsed.data;
    const pending = this.pending.get(answer.requestId);
    // Only the connection that was asked answers; anything else is a late answer to a request given up.
    if (pending === undefined || pending.socket !== socket) return;
    this.pending.delete(answer.requestId);
    clearTimeout(pending.timer);
    if (answer.type === 'captured') pending.resolve(Buffer.from(answer.base64, 'base64'));
    else pending.reject(new Error(`the shell took no screenshot: ${answer.reason}`));
  }

  private closed(socket: WebSocket, code: number): void {
    if (this.shell === socket) {
      this.shell = undefined;
      this.opts.logger.info({ code }, 'the shell’s screenshot socket closed');
    }
    // ws closes with 1009 a message past the server's limit (SHELL_MESSAGE_MAX_BYTES).
    const why =
      code === 1009
        ? 'the shell’s screenshot was larger than the service takes'
        : 'the shell went away before it answered';
    for (const [id, p] of this.pending) {
      if (p.socket !== socket) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new Error(why));
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

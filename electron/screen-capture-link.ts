import { bearerProtocol } from '../common/api/events';
import { SHELL_PROTOCOL, SHELL_SOCKET_PATH, ShellRequest, type ShellAnswer } from '../common/api/shell-socket';

/**
 * The shell's end of its socket to the service (common/api/shell-socket.ts):
 * connects with the boot's secret, answers each capture the service asks for
 * with what `capture` gives, and connects again after the socket drops while
 * the service runs. Nothing here imports Electron: main.ts passes the
 * window's capture, and a test may pass another.
 */

/** What the shell gives for one capture: the PNG, or why it took none. */
export type CaptureResult = { png: Buffer } | { refused: string };

export interface CaptureLinkOptions {
  /** The service's origin (`http://127.0.0.1:<port>`) and this boot's secret, from its KIOSK_URL line. */
  origin: string;
  secret: string;
  capture: () => Promise<CaptureResult>;
  log: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;
  /** How long after a drop to connect again. */
  reconnectMs?: number;
}

export interface CaptureLink {
  /** Stops for good (the service this link spoke to has exited). */
  close(): void;
}

export const RECONNECT_MS = 2_000;

export function connectCaptureLink(opts: CaptureLinkOptions): CaptureLink {
  const url = `${opts.origin.replace(/^http/, 'ws')}${SHELL_SOCKET_PATH}`;
  let closed = false;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;

  const answer = async (ws: WebSocket, requestId: string): Promise<void> => {
    let reply: ShellAnswer;
    try {
      const result = await opts.capture();
      reply =
        'png' in result
          ? { type: 'captured', requestId, base64: result.png.toString('base64') }
          : { type: 'not-captured', requestId, reason: result.refused.slice(0, 300) };
    } catch (error) {
      reply = { type: 'not-captured', requestId, reason: `capture failed: ${String(error)}`.slice(0, 300) };
    }
    if (reply.type === 'not-captured') opts.log('warn', 'screenshot not taken', { reason: reply.reason });
    else opts.log('info', 'screenshot taken for the service');
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
  };

  const connect = (): void => {
    timer = undefined;
    if (closed) return;
    const ws = new WebSocket(url, [SHELL_PROTOCOL, bearerProtocol(opts.secret)]);
    socket = ws;
    ws.addEventListener('message', (event: MessageEvent) => {
      const parsed = typeof event.data === 'string' ? ShellRequest.safeParse(safeJson(event.data)) : undefined;
      if (parsed?.success !== true) return;
      void answer(ws, parsed.data.requestId);
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket === ws) socket = undefined;
      if (closed) return;
      // 4000: a newer connection of this shell took over; it needs no second one.
      if (event.code === 4000) return;
      timer = setTimeout(connect, opts.reconnectMs ?? RECONNECT_MS);
    });
    // An error is followed by close, which connects again.
    ws.addEventListener('error', () => undefined);
  };

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close(1000, 'the shell is done with this service');
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

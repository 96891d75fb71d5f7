import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { describeZodError, problemsToText } from '../../common/api/format-issues';
import {
  LIVE_CLOSE,
  LIVE_MAX_MESSAGE_BYTES,
  LIVE_MAX_STRIKES,
  LiveClientMessage,
  liveClientMessages,
  maySendLive,
  type LiveClientMessageType,
  type LiveErrorCode,
  type LiveServerMessage,
} from '../../common/hub/api/live';
import type { UserRole } from '../../common/hub/accounts';

/**
 * Reads what a client sends on a live socket, one message at a time, in
 * order: each is checked for size, JSON, a known type, its fields and —
 * every time, not only at the upgrade — whether this caller may send it,
 * before its handler runs. A refused message is answered with an `error`
 * naming what was wrong; LIVE_MAX_STRIKES refused in a row close the
 * socket. A handler that throws answers `failed` and is logged; it never
 * takes the hub down. A client cannot queue work without bound either:
 * past MAX_QUEUED unanswered messages, the next are refused.
 */

const MAX_QUEUED = 16;

export type LiveSenderOf = { kind: 'kiosk' } | { kind: 'session'; role: UserRole };

export interface MessageReaderOptions {
  socket: WebSocket;
  sender: LiveSenderOf;
  logger: Logger;
  /** Runs an accepted message; what it answers, it sends itself through `send`. */
  handle: (message: LiveClientMessage) => Promise<void>;
}

/**
 * Bytes a socket may have waiting to go out at the hub. A client that does
 * not read (a frozen tab, or one that means harm and pings without ever
 * reading the answers) would otherwise make the hub keep everything meant
 * for it, without end. Past this its socket is dropped at once — a close
 * frame would only queue behind the rest — and it reconnects once it reads
 * again. Far above what a live client ever has waiting: a console hears a
 * few dozen bytes per kiosk beat.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;

/** Sends one hub message, if the socket is still open and its client keeps reading. */
export function sendLive(socket: WebSocket, message: LiveServerMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_UNSENT_BYTES) return socket.terminate();
  socket.send(JSON.stringify(message));
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function sizeOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return (data as Buffer | ArrayBuffer).byteLength;
}

/** What was wrong with a message, or the message. */
function readMessage(
  data: RawData,
  isBinary: boolean,
): { ok: true; message: LiveClientMessage } | { ok: false; code: LiveErrorCode; message: string; id?: string } {
  if (sizeOf(data) > LIVE_MAX_MESSAGE_BYTES)
    return { ok: false, code: 'too-large', message: `A message may be at most ${LIVE_MAX_MESSAGE_BYTES} bytes` };
  if (isBinary) return { ok: false, code: 'not-json', message: 'Messages are JSON text, not binary' };
  let value: unknown;
  try {
    value = JSON.parse(textOf(data));
  } catch {
    return { ok: false, code: 'not-json', message: 'The message is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, code: 'not-json', message: 'A message is one JSON object with a type' };
  const fields = value as { type?: unknown; id?: unknown };
  const id = typeof fields.id === 'string' && fields.id.length <= 64 ? fields.id : undefined;
  const withId = id === undefined ? {} : { id };
  if (typeof fields.type !== 'string' || !Object.hasOwn(liveClientMessages, fields.type)) {
    const named = typeof fields.type === 'string' ? `“${fields.type.slice(0, 40)}”` : 'missing';
    return { ok: false, code: 'unknown-type', message: `Unknown message type: ${named}`, ...withId };
  }
  const parsed = LiveClientMessage.safeParse(value);
  if (!parsed.success) {
    const problems = problemsToText(describeZodError(parsed.error, value, 'message'));
    return { ok: false, code: 'invalid', message: `Invalid ${fields.type} message: ${problems}`, ...withId };
  }
  return { ok: true, message: parsed.data };
}

export function readMessages(opts: MessageReaderOptions): void {
  const { socket, sender, logger } = opts;
  let strikes = 0;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();

  const refuse = (code: LiveErrorCode, message: string, inReplyTo: string | undefined): void => {
    sendLive(socket, { type: 'error', code, message, ...(inReplyTo === undefined ? {} : { inReplyTo }) });
    if (code === 'failed') return;
    strikes++;
    if (strikes >= LIVE_MAX_STRIKES) {
      logger.warn({ sender: sender.kind, code }, 'live socket closed after refused messages in a row');
      socket.close(LIVE_CLOSE.protocol, 'too many refused messages in a row');
    }
  };

  socket.on('message', (data, isBinary) => {
    const read = readMessage(data, isBinary);
    if (!read.ok) return refuse(read.code, read.message, read.id);
    const message = read.message;
    const type: LiveClientMessageType = message.type;
    if (!maySendLive(type, sender)) {
      const who = sender.kind === 'kiosk' ? 'A kiosk' : `A ${sender.role}`;
      return refuse('not-allowed', `${who} may not send ${type}`, message.id);
    }
    if (queued >= MAX_QUEUED)
      return refuse('failed', 'Too many messages waiting for an answer: wait for the answers', message.id);
    strikes = 0;
    queued++;
    chain = chain.then(async () => {
      try {
        await opts.handle(message);
      } catch (error) {
        logger.error({ err: error, type }, 'live message failed');
        sendLive(socket, { type: 'error', code: 'failed', message: 'The hub could not do it', inReplyTo: message.id });
      } finally {
        queued--;
      }
    });
  });
}

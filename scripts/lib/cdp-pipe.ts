import type { Readable, Writable } from 'node:stream';

/**
 * The Chrome DevTools Protocol over the pipe Chromium opens with
 * `--remote-debugging-pipe`: it reads commands on its fd 3 and writes answers
 * and events on its fd 4, each message one JSON text ended by a NUL byte.
 * A pipe needs no port (nothing else on the machine can connect) and no root.
 */

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

type Pending = { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void; method: string };

export class CdpError extends Error {}

export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private buffered: Buffer[] = [];
  private closedReason: string | null = null;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    fromBrowser.on('close', () => this.close('the browser closed its DevTools pipe'));
    fromBrowser.on('error', () => this.close('the browser closed its DevTools pipe'));
    // Writing to a browser that just died must not crash the shell.
    toBrowser.on('error', () => this.close('the browser closed its DevTools pipe'));
  }

  /** Sends a command (to the browser, or to an attached target when `sessionId` is given) and waits for its answer. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closedReason !== null) return Promise.reject(new CdpError(`${method}: ${this.closedReason}`));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.toBrowser.write(`${message}\0`);
    });
  }

  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  close(reason = 'closed'): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const p of this.pending.values()) p.reject(new CdpError(`${p.method}: ${reason}`));
    this.pending.clear();
    this.toBrowser.end();
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.buffered.push(chunk.subarray(start, end));
      const text = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      start = end + 1;
      this.dispatch(text);
    }
    if (start < chunk.length) this.buffered.push(chunk.subarray(start));
  }

  private dispatch(text: string): void {
    let message: {
      id?: number;
      result?: Record<string, unknown>;
      error?: { message?: string };
      method?: string;
      params?: Record<string, unknown>;
      sessionId?: string;
    };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      if (p === undefined) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) p.reject(new CdpError(`${p.method}: ${message.error.message ?? 'failed'}`));
      else p.resolve(message.result ?? {});
      return;
    }
    if (typeof message.method !== 'string') return;
    const event: CdpEvent = {
      method: message.method,
      params: message.params ?? {},
      ...(message.sessionId === undefined ? {} : { sessionId: message.sessionId }),
    };
    for (const listener of this.listeners) listener(event);
  }
}

import type { WebSocket } from 'ws';

/**
 * The call parties whose sockets are open on this hub instance: kiosks by
 * id, lawyers' consoles by account. What each socket was last shown is
 * kept with it, so a push says only what changed for it, and a console is
 * told 已被接听 only of a call it was shown.
 */

export interface ConsoleView {
  /** The calls its last queue listed. */
  shown: Set<string>;
  /** Its last queue as sent (JSON), to push only a changed one. */
  lastQueue: string | undefined;
}

export interface KioskView {
  /** Its last `call-status queued` as sent (JSON). */
  lastQueued: string | undefined;
}

export class LocalParties {
  private readonly kiosks = new Map<number, Map<WebSocket, KioskView>>();
  private readonly lawyers = new Map<number, Map<WebSocket, ConsoleView>>();
  /** Answers a socket had at once, so the event that follows does not tell it again. */
  private readonly answered = new WeakMap<WebSocket, Set<string>>();

  addKiosk(kioskId: number, socket: WebSocket): void {
    let sockets = this.kiosks.get(kioskId);
    if (sockets === undefined) this.kiosks.set(kioskId, (sockets = new Map()));
    sockets.set(socket, { lastQueued: undefined });
  }

  removeKiosk(kioskId: number, socket: WebSocket): void {
    const sockets = this.kiosks.get(kioskId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.kiosks.delete(kioskId);
  }

  addConsole(userId: number, socket: WebSocket): void {
    let sockets = this.lawyers.get(userId);
    if (sockets === undefined) this.lawyers.set(userId, (sockets = new Map()));
    sockets.set(socket, { shown: new Set(), lastQueue: undefined });
  }

  removeConsole(userId: number, socket: WebSocket): void {
    const sockets = this.lawyers.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.lawyers.delete(userId);
  }

  kioskSockets(kioskId: number): [WebSocket, KioskView][] {
    return [...(this.kiosks.get(kioskId) ?? [])];
  }

  consoleSockets(userId: number): [WebSocket, ConsoleView][] {
    return [...(this.lawyers.get(userId) ?? [])];
  }

  consoleView(userId: number, socket: WebSocket): ConsoleView | undefined {
    return this.lawyers.get(userId)?.get(socket);
  }

  kioskView(kioskId: number, socket: WebSocket): KioskView | undefined {
    return this.kiosks.get(kioskId)?.get(socket);
  }

  kioskIds(): number[] {
    return [...this.kiosks.keys()];
  }

  lawyerIds(): number[] {
    return [...this.lawyers.keys()];
  }

  /** Every console open here, with its lawyer. */
  allConsoles(): [number, WebSocket, ConsoleView][] {
    return [...this.lawyers].flatMap(([userId, sockets]) =>
      [...sockets].map(([s, v]): [number, WebSocket, ConsoleView] => [userId, s, v]),
    );
  }

  /** The socket was answered `what` (a message type and a call) already. */
  noteAnswered(socket: WebSocket, what: string): void {
    let set = this.answered.get(socket);
    if (set === undefined) this.answered.set(socket, (set = new Set()));
    set.add(what);
  }

  /** Whether it was, forgetting it: the event that follows skips the socket once. */
  takeAnswered(socket: WebSocket, what: string): boolean {
    return this.answered.get(socket)?.delete(what) === true;
  }
}

/**
 * Who may call a server, decided by the server's own guard (the kiosk: a
 * per-boot secret; the hub: accounts and sessions) on the route a request
 * matched — after the router decoded its path, so no spelling of a URL can
 * change the answer.
 */

/** Who made a request the guard let through; handlers check object-level rights with it. */
export interface Caller<Role extends string = string> {
  readonly role: Role;
}

/** The route a request matched, as the guard sees it. */
export type MatchedRoute<Name extends string> =
  /** A route of the contract. */
  | { kind: 'contract'; name: Name }
  /** The event socket. */
  | { kind: 'events' }
  /** A socket whose clients send messages too, by its name (a MessageSocket). */
  | { kind: 'socket'; name: string }
  /** A static file: public (a page must load before it can present a credential). */
  | { kind: 'static' }
  /** A public page by its name (a PublicPage): answered to anyone, by link, with no credential. */
  | { kind: 'page'; name: string }
  /** A file a server's reader answers (a FileRoute, by its name): public too, its guard may still refuse it. */
  | { kind: 'file'; name: string }
  /** No route, or one the server did not declare: it needs a caller all the same, and a 404 only tells a caller. */
  | { kind: 'unknown' };

/** Whether a route may be reached with no caller: static files, public pages and file routes only, so a route added later is guarded by default. */
export function needsCaller(route: MatchedRoute<string>): boolean {
  return route.kind !== 'static' && route.kind !== 'page' && route.kind !== 'file';
}

/** What the connection says of a request, before any header a client may have written. */
export interface RequestSocket {
  /** The request came over TLS to this server itself (not through a proxy that ended it). */
  encrypted: boolean;
  /** The peer's address: the client's, or that of the proxy in front. */
  remoteAddress: string | undefined;
}

/** A request as a server sees it: its headers and its connection. */
export interface RequestFacts {
  /** A request header (lower-case name); several values joined with commas, undefined when absent. */
  header(name: string): string | undefined;
  socket: RequestSocket;
}

export interface GuardRequest<Name extends string> extends RequestFacts {
  route: MatchedRoute<Name>;
  method: string;
}

/**
 * A caller, or a refusal. A public route may be allowed without a caller;
 * any other route allowed without one is refused by the server all the same.
 */
export type GuardDecision<Ctx extends Caller> = GuardAllow<Ctx> | GuardRefusal;

export interface GuardRefusal {
  allow: false;
  status: 401 | 403;
  message: string;
}

export interface GuardAllow<Ctx extends Caller> {
  allow: true;
  caller?: Ctx;
  /**
   * For a caller known only from the body too (the hub's kiosks sign the
   * body): asked with the body's bytes as received (empty for a GET) once
   * they are read, before the body is validated or any handler runs. Its
   * caller replaces `caller`; a refusal ends the request.
   */
  afterBody?: (body: Buffer) => Promise<{ allow: true; caller: Ctx } | GuardRefusal>;
}

export interface Guard<Name extends string, Ctx extends Caller> {
  /** May answer later: a guard may look a session up in a database. */
  decide(request: GuardRequest<Name>): GuardDecision<Ctx> | Promise<GuardDecision<Ctx>>;
}

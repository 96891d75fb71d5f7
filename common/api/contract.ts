import { z } from 'zod';
import { ClientLogEntry } from './client-log';
import { Health } from './health';
import { SearchRequest, SearchResponse, SuggestRequest, SuggestResponse } from './search';

/**
 * The local service's HTTP API, shared by the service (which validates
 * request bodies against it) and the renderer's typed client (which validates
 * answers against it). Adding an endpoint here is the whole contract: the
 * service refuses to start if a route is left without a handler.
 */
export interface RouteDef<Body extends z.ZodType, Res extends z.ZodType> {
  method: 'GET' | 'POST';
  path: `/api/${string}`;
  body: Body;
  response: Res;
}

function route<Body extends z.ZodType, Res extends z.ZodType>(def: RouteDef<Body, Res>): RouteDef<Body, Res> {
  return def;
}

const NoBody = z.undefined();
const Empty = z.object({});

export const api = {
  health: route({ method: 'GET', path: '/api/health', body: NoBody, response: Health }),
  clientLog: route({ method: 'POST', path: '/api/client-log', body: ClientLogEntry, response: Empty }),
  search: route({ method: 'POST', path: '/api/search', body: SearchRequest, response: SearchResponse }),
  suggest: route({ method: 'POST', path: '/api/suggest', body: SuggestRequest, response: SuggestResponse }),
};

export type Api = typeof api;
export type RouteName = keyof Api;
export type RequestBody<R extends RouteName> = z.input<Api[R]['body']>;
export type ResponseBody<R extends RouteName> = z.output<Api[R]['response']>;

/** Path of the WebSocket on which the service pushes {@link ServiceEvent}s. */
export const EVENTS_PATH = '/api/events';

/** Fragment key carrying the per-boot secret in the URL that opens the UI. */
export const SECRET_FRAGMENT_KEY = 'secret';

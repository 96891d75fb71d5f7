import type { z } from 'zod';

/**
 * What any contract of ours is made of: route name → method, path, body and
 * answer schemas, as `contract.ts` declares the kiosk's. The server kit
 * serves one and the UI kit's client calls one, both typed per route from it,
 * so the hub's consoles get the same checks with a contract of their own.
 */
export interface ContractRoute {
  method: 'GET' | 'POST';
  path: string;
  /** `z.undefined()` for a GET: a body is sent and validated only on POST. */
  body: z.ZodType;
  response: z.ZodType;
  /** Largest request body accepted, in bytes (default DEFAULT_BODY_LIMIT). */
  maxBodyBytes?: number;
  /**
   * The body carries personal data (names, ID and phone numbers): a body
   * refused is answered with where and what was expected, never with the
   * values given, since the answer is kept and shown where they may not be.
   */
  personalBody?: true;
}

export type Contract = Record<string, ContractRoute>;

export type RouteNameOf<C extends Contract> = Extract<keyof C, string>;
/** A request body as a caller writes it (before defaults are filled in). */
export type RequestBodyOf<C extends Contract, R extends RouteNameOf<C>> = z.input<C[R]['body']>;
/** A request body after validation (defaults filled in), as handlers receive it. */
export type ParsedBodyOf<C extends Contract, R extends RouteNameOf<C>> = z.output<C[R]['body']>;
export type ResponseBodyOf<C extends Contract, R extends RouteNameOf<C>> = z.output<C[R]['response']>;

import type { Contract, ParsedBodyOf, ResponseBodyOf, RouteNameOf } from '../../common/api/contract-shape';

/** What a handler may add to its answer besides the body: a header such as Set-Cookie (the hub's sign-in). */
export interface AnswerHeaders {
  header(name: string, value: string): void;
}

/**
 * One handler per route of the contract; a missing one is a compile error.
 * `ctx` is the caller the guard let through, for object-level rights.
 */
export type Handlers<C extends Contract, Ctx> = {
  [R in RouteNameOf<C>]: (
    body: ParsedBodyOf<C, R> extends undefined ? undefined : Exclude<ParsedBodyOf<C, R>, undefined>,
    ctx: Ctx,
    answer: AnswerHeaders,
  ) => ResponseBodyOf<C, R> | Promise<ResponseBodyOf<C, R>>;
};

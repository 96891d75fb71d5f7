/**
 * The outcome of something that fails in a way its caller shows rather than
 * throws: an amount typed wrong, a calculator form with empty fields, a
 * template field that is not a date. `ok` tells which; the value or the
 * error is then typed without a cast.
 *
 * Not for what travels over HTTP: a response's shape is its zod schema in
 * common/api/ (TemplatePreviewResponse has its own `ok`), fixed by the
 * contract, not by this type.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

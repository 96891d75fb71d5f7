import type { ApiErrorBody } from '../../common/api/errors';

/** Thrown by a handler to answer with a given status and error code. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    readonly code: ApiErrorBody['error']['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by a handler whose subsystem is down (e.g. no content release): 503 with the reason. */
export class ServiceUnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'unavailable', message);
  }
}

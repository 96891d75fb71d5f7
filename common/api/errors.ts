import { z } from 'zod';

/** The body of every non-2xx answer from our servers (the kiosk's local service, the hub). */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.enum([
      'bad-request',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'too-large',
      'unavailable',
      'internal',
    ]),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

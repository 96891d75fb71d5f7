import { z } from 'zod';

/** The on-screen keyboard asks for Chinese candidates for the pinyin typed so far. */
export const ImeRequest = z.strictObject({
  input: z.string().max(200),
  page: z.number().int().min(0).max(50).default(0),
  pageSize: z.number().int().min(1).max(20).default(8),
});

export const ImeResponse = z.object({
  /** The letters looked up (lower case, letters only). */
  input: z.string(),
  /** Best first; `consumes` is how many letters of the input a candidate stands for. */
  candidates: z.array(z.object({ text: z.string(), consumes: z.number().int() })),
  hasMore: z.boolean(),
});
export type ImeResponse = z.infer<typeof ImeResponse>;

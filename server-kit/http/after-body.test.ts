import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from '../../common/api/contract-shape';
import { createLogger } from '../logger';
import type { Caller, Guard } from './guard';
import { startServer, type ContractServer } from './server';

/**
 * A guard that knows its caller only from the body's bytes (as the hub's
 * kiosks sign theirs): here, a header must name the SHA-256 of the body
 * exactly as sent. The decision comes before the body is validated and
 * before any handler runs.
 */
const contract = {
  save: {
    method: 'POST',
    path: '/api/save',
    body: z.strictObject({ n: z.number() }),
    response: z.object({ n: z.number(), by: z.string() }),
  },
  look: { method: 'GET', path: '/api/look', body: z.undefined(), response: z.object({ by: z.string() }) },
} satisfies Contract;

interface BodyCaller extends Caller<'signer'> {
  bodyHash: string;
}

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
let handled = 0;
const guard: Guard<keyof typeof contract, BodyCaller> = {
  decide(request) {
    const claimed = request.header('x-body-sha256');
    if (claimed === undefined) return { allow: false, status: 401, message: 'No body hash' };
    return {
      allow: true,
      afterBody: async (body) =>
        sha(body) === claimed
          ? { allow: true, caller: { role: 'signer', bodyHash: sha(body) } }
          : { allow: false, status: 401, message: 'Body does not match' },
    };
  },
};

let server: ContractServer<never>;
beforeAll(async () => {
  server = await startServer({
    logger: createLogger({ destination: { write: () => undefined } }),
    contract,
    handlers: {
      save: (body, ctx) => {
        handled++;
        return { n: body.n, by: ctx.bodyHash };
      },
      look: (_body, ctx) => ({ by: ctx.bodyHash }),
    },
    guard: () => guard,
    port: 8799,
    listen: false,
  });
});
afterAll(() => server.close());

const save = (payload: string, hash: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/save',
    headers: { 'content-type': 'application/json', 'x-body-sha256': hash },
    payload,
  });

describe('a guard that decides once the body is read', () => {
  it('sees the bytes as sent, spacing and all, and its caller reaches the handler', async () => {
    const text = '{ "n" : 1 }';
    const res = await save(text, sha(text));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 1, by: sha(text) });
    // The same JSON spelled otherwise is other bytes.
    expect((await save('{"n":1}', sha(text))).statusCode).toBe(401);
  });

  it('refuses before validation and before the handler', async () => {
    const before = handled;
    const invalid = '{"n":"not a number"}';
    expect((await save(invalid, sha('other'))).statusCode).toBe(401);
    expect((await save(invalid, sha(invalid))).statusCode).toBe(400);
    expect(handled).toBe(before);
  });

  it('gets an empty body on a GET', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/look', headers: { 'x-body-sha256': sha('') } });
    expect(res.json()).toEqual({ by: sha('') });
  });
});

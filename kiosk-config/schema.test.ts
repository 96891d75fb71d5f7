import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TerminalConfig } from './schema';

describe('terminal-config.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate with `npm run kioskctl -- config schema`)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, 'terminal-config.schema.json'), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(z.toJSONSchema(TerminalConfig, { io: 'input' }));
  });
});

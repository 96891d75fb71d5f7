import { describe, expect, it } from 'vitest';
import { parseServiceArgs, UsageError } from './args';

describe('service arguments', () => {
  it('takes flags over environment variables', () => {
    expect(
      parseServiceArgs(['--config', 'a.json', '--port', '8080'], { KIOSK_CONFIG: 'b.json', KIOSK_PORT: '1' }),
    ).toEqual({
      configPath: 'a.json',
      dataDir: undefined,
      port: 8080,
      rendererDir: undefined,
      contentPath: undefined,
      shellCaptures: false,
    });
  });
  it('hears from the shell that it takes screenshots', () => {
    expect(parseServiceArgs(['--config', 'a.json', '--shell-captures'], {})).toMatchObject({ shellCaptures: true });
  });
  it('falls back to KIOSK_CONFIG and a free port', () => {
    expect(parseServiceArgs([], { KIOSK_CONFIG: 'b.json' })).toMatchObject({ configPath: 'b.json', port: 0 });
  });
  it('explains what is missing or wrong', () => {
    expect(() => parseServiceArgs([], {})).toThrow(/no configuration given/);
    expect(() => parseServiceArgs(['--config', 'a', '--port', 'http'], {})).toThrow(
      /--port: expected a number 0–65535, got "http"/,
    );
    expect(() => parseServiceArgs(['--config', 'a', '--colour'], {})).toThrow(UsageError);
  });
});

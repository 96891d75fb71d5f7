import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHubStartup } from '../startup';
import { readTurnSecret, TurnSecretError } from './turn-settings';

const dir = mkdtempSync(join(tmpdir(), 'hub-turn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'q8Zr1v7XwP3kL0sT9yB2nM4c';

function secretFile(name: string, text: string, mode: number): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

describe('the TURN secret', () => {
  it('is read from its own owner-only file, one line', () => {
    expect(readTurnSecret(secretFile('ok', `${SECRET}\n`, 0o600))).toBe(SECRET);
  });

  it('is refused, saying why, when missing, readable by others, too short or not one line', () => {
    const cases = [
      [join(dir, 'none'), /file not found/],
      [secretFile('open', SECRET, 0o644), /can be read by other users \(mode 644\): chmod 600 it/],
      [secretFile('short', 'abc', 0o600), /does not hold a TURN secret/],
      [secretFile('two-lines', `${SECRET}\n${SECRET}\n`, 0o600), /does not hold a TURN secret/],
    ] as const;
    for (const [file, message] of cases) {
      expect(() => readTurnSecret(file)).toThrow(TurnSecretError);
      expect(() => readTurnSecret(file)).toThrow(message);
    }
  });

  it('goes with the configuration’s TURN section into the hub’s settings, its path relative to the file', () => {
    secretFile('turn-secret', SECRET, 0o600);
    const config = join(dir, 'hub.json');
    writeFileSync(
      config,
      JSON.stringify({
        turn: {
          urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.gov.cn:443?transport=tcp'],
          secretFile: 'turn-secret',
        },
      }),
    );
    const { settings } = readHubStartup(['--config', config, '--data-dir', dir], {});
    expect(settings.turn).toEqual({
      urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.gov.cn:443?transport=tcp'],
      secret: SECRET,
      ttlSeconds: 600,
      relayOnly: false,
    });
    writeFileSync(config, JSON.stringify({ listen: { port: 0 } }));
    expect(readHubStartup(['--config', config, '--data-dir', dir], {}).settings.turn).toBeUndefined();
  });
});

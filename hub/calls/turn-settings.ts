import { readFileSync, statSync } from 'node:fs';
import type { TurnSettings } from './turn-credentials';

/**
 * The TURN settings the hub starts with: the configuration's `turn`
 * section and coturn's shared secret, read from its own file — never from
 * the configuration itself, which is copied around and shown, and never
 * from the command line. The file must be readable by its owner only, as
 * the TOTP key's: whoever has the secret can mint TURN credentials.
 */

export class TurnSecretError extends Error {}

/** Shorter secrets are guessable from one credential seen on the wire. */
export const TURN_SECRET_MIN_LENGTH = 16;

export function readTurnSecret(file: string): string {
  let mode: number;
  let text: string;
  try {
    mode = statSync(file).mode;
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TurnSecretError(
      `cannot read the TURN secret file ${file}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
    );
  }
  if ((mode & 0o077) !== 0)
    throw new TurnSecretError(
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it, and think whether it was copied`,
    );
  const secret = text.trim();
  if (secret.length < TURN_SECRET_MIN_LENGTH || /\s/.test(secret))
    throw new TurnSecretError(
      `${file} does not hold a TURN secret (one line, at least ${TURN_SECRET_MIN_LENGTH} characters, no spaces: coturn's static-auth-secret)`,
    );
  return secret;
}

export function turnSettings(config: {
  urls: readonly string[];
  secretFile: string;
  ttlSeconds: number;
  relayOnly: boolean;
}): TurnSettings {
  return {
    urls: [...config.urls],
    secret: readTurnSecret(config.secretFile),
    ttlSeconds: config.ttlSeconds,
    relayOnly: config.relayOnly,
  };
}

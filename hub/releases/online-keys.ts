import { readTufKey, TufKeyError } from './tuf-keys';
import type { OnlineReleaseKeys } from './tuf-repository';

/**
 * The online TUF keys (snapshot, timestamp, and releases: the key the
 * targets role delegates content releases to), read from the hub's keys
 * directory when first needed and kept — a `hubctl tuf init` or
 * `hubctl tuf delegate` while the hub runs is picked up at the next read
 * after a failed one. Handlers that publish what the console's review
 * approved take them from here (publishReleaseOnline).
 */
export interface OnlineTufKeys {
  /** The keys; throws TufKeyError naming the missing or unreadable file. */
  read(): OnlineReleaseKeys;
  /** Forget the keys read (a TufWrongKeyError from the repository: the files may have been replaced). */
  forget(): void;
}

export function onlineTufKeys(keysDir: string): OnlineTufKeys {
  let keys: OnlineReleaseKeys | undefined;
  return {
    read() {
      keys ??= {
        snapshot: readTufKey(keysDir, 'snapshot'),
        timestamp: readTufKey(keysDir, 'timestamp'),
        releases: readReleasesKey(keysDir),
      };
      return keys;
    },
    forget() {
      keys = undefined;
    },
  };
}

/** The releases key, with what to do when a hub made before the delegation has none. */
function readReleasesKey(keysDir: string) {
  try {
    return readTufKey(keysDir, 'releases');
  } catch (error) {
    if (error instanceof TufKeyError && /missing/.test(error.message))
      throw new TufKeyError(
        `${error.message}: this hub cannot publish approved content itself until \`hubctl tuf delegate --keys DIR\` makes the online releases key`,
      );
    throw error;
  }
}

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, MetadataKind, type Root } from '@tufjs/models';

/**
 * The root of trust for content updates: the hub's first `root.json`,
 * brought to the kiosk by a technician (`kioskctl hub trust-root FILE`) from
 * the medium `hubctl tuf init` wrote it to — not fetched from the hub, so a
 * hub (or a network) already in an attacker's hands at install time cannot
 * hand the kiosk keys of its own. Later roots arrive through TUF itself,
 * each signed by the keys of the one before.
 */

/** Where the updater keeps what it trusts and what it downloads, under the kiosk's data folder. */
export function tufDirs(dataDir: string): { metadata: string; downloads: string; targets: string } {
  const base = join(dataDir, 'tuf');
  return { metadata: join(base, 'metadata'), downloads: join(base, 'downloads'), targets: join(base, 'targets') };
}

export class RootNotValidError extends Error {}

export interface TrustedRootSummary {
  version: number;
  expires: string;
  /** The root role's key ids: compared with what `hubctl tuf init` printed. */
  rootKeyIds: string[];
  threshold: number;
}

/**
 * Checks that `text` is a TUF root signed by its own root keys (as many as
 * its threshold) and not expired, and makes it the kiosk's trusted root.
 * Refuses to replace a root already trusted unless `replace` (a kiosk moved
 * to another hub): updates then continue from the new one.
 */
export function trustRoot(
  dataDir: string,
  text: string,
  opts: { replace?: boolean; now?: Date } = {},
): TrustedRootSummary {
  let root: Metadata<Root>;
  try {
    root = Metadata.fromJSON(MetadataKind.Root, JSON.parse(text) as never);
  } catch (error) {
    throw new RootNotValidError(`not a TUF root metadata file: ${(error as Error).message}`);
  }
  try {
    root.verifyDelegate(MetadataKind.Root, root);
  } catch (error) {
    throw new RootNotValidError(`the root is not signed by its own root keys: ${(error as Error).message}`);
  }
  if (root.signed.isExpired(opts.now)) throw new RootNotValidError(`the root expired on ${root.signed.expires}`);
  const dir = tufDirs(dataDir).metadata;
  const file = join(dir, 'root.json');
  if (existsSync(file) && opts.replace !== true)
    throw new RootNotValidError(
      `a root is trusted already (${file}); --replace replaces it and the metadata trusted with it`,
    );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Metadata trusted under another root would be refused against this one: start over from it.
  for (const role of ['timestamp', 'snapshot', 'targets']) rmSync(join(dir, `${role}.json`), { force: true });
  const temp = `${file}.new`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
  const rootRole = root.signed.roles[MetadataKind.Root]!;
  return {
    version: root.signed.version,
    expires: root.signed.expires,
    rootKeyIds: [...rootRole.keyIDs],
    threshold: rootRole.threshold,
  };
}

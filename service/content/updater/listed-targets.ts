import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Updater } from 'tuf-js';
import { contentReleaseTargetName } from '../../../common/hub/api/tuf-files';

/**
 * The target names the verified metadata lists, with their hashes: the
 * top-level targets and the roles it delegates content releases to (the
 * hub signs releases approved in its console with a delegated online key).
 * tuf-js lists no targets and loads a delegated role only when a lookup
 * walks to it; so a lookup of a name no release has (release 0, the one
 * inside the installer) makes it load, verify (signatures by the delegated
 * keys, version and hash named by the snapshot, expiry) and keep each
 * role that delegation gives release names to — or throw, as for any
 * metadata. Only those roles' files are read after, and of each only the
 * names its delegation's paths allow: a name outside them, though signed
 * by the delegated key, is not taken (tuf-js's own lookup refuses it too).
 */

interface TargetsJson {
  signed: {
    targets: Record<string, { hashes?: { sha256?: string } }>;
    delegations?: { roles?: { name: string; paths?: string[] }[] };
  };
}

/** A delegated role's name as a file name (tuf-js keeps it as `<name>.json`): a plain word, nothing to escape. */
const ROLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The name whose lookup loads every role release names are delegated to. */
const PROBE = contentReleaseTargetName(0);

/** A role's path pattern as TUF reads it (shell-style, no `/` inside a name). */
function matches(name: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`).test(name);
}

export class DelegatedRoleNameError extends Error {}

/** Name → sha256 of every target listed, the top-level targets first (as tuf-js looks them up). */
export async function listedTargets(updater: Updater, metadataDir: string): Promise<Map<string, string>> {
  const read = (file: string) => JSON.parse(readFileSync(join(metadataDir, file), 'utf8')) as TargetsJson;
  const top = read('targets.json');
  const listed = new Map<string, string>();
  const add = (targets: TargetsJson['signed']['targets'], allowed: (name: string) => boolean) => {
    for (const [name, info] of Object.entries(targets))
      if (!listed.has(name) && allowed(name)) listed.set(name, info.hashes?.sha256 ?? '');
  };
  add(top.signed.targets, () => true);
  const roles = (top.signed.delegations?.roles ?? []).filter((r) => (r.paths ?? []).some((p) => matches(PROBE, p)));
  if (roles.length === 0) return listed;
  const bad = roles.find((r) => !ROLE_NAME.test(r.name));
  if (bad !== undefined)
    throw new DelegatedRoleNameError(`the targets delegate to a role named ${JSON.stringify(bad.name)}`);
  await updater.getTargetInfo(PROBE);
  for (const role of roles) {
    const file = `${role.name}.json`;
    // A role the walk did not reach (one before it is terminating) lists nothing this kiosk takes.
    if (!existsSync(join(metadataDir, file))) continue;
    add(read(file).signed.targets, (name) => (role.paths ?? []).some((p) => matches(name, p)));
  }
  return listed;
}

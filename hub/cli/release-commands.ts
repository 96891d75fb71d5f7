import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { localDateTime } from '../../common/local-date';
import { EXIT_DATA, EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { resolveHubDataDir } from '../data-dir';
import {
  ContentReleaseRefusedError,
  listReleases,
  publishRelease,
  ReleaseUploadError,
  uploadRelease,
} from '../releases/content-releases';
import {
  defaultTufKeysDir,
  hasTufKey,
  makeTufKeys,
  readTufKey,
  tufKeyFile,
  TufKeyError,
  type TufSigner,
} from '../releases/tuf-keys';
import {
  delegateReleases,
  initRepository,
  RELEASES_PATHS,
  TufDelegationMissingError,
  TufForeignMetadataError,
  renewTargets,
  repositoryExists,
  rotateRoot,
  TufRepositoryExistsError,
  TufRepositoryMissingError,
  TufWrongKeyError,
  type OnlineKeys,
} from '../releases/tuf-repository';
import { listUploads } from '../content-edits/release-uploads';
import type { HubStorage } from '../storage/open-storage';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The upload asked for does not exist or is published already (the other exit codes are server-kit's). */
export const EXIT_NO_UPLOAD = 2;

/** The errors of keys and the repository, said in their own words; anything else is a bug and keeps its stack. */
async function withRepository<T>(cmd: Command, run: (storage: HubStorage, dataDir: string) => Promise<T>): Promise<T> {
  const { dataDir } = cmd.optsWithGlobals<GlobalOpts>();
  return withStorage(dataDir, { create: false }, async (storage) => {
    try {
      return await run(storage, resolveHubDataDir(dataDir));
    } catch (error) {
      if (error instanceof ContentReleaseRefusedError) fail(error.message, EXIT_DATA);
      if (error instanceof ReleaseUploadError) fail(error.message, EXIT_NO_UPLOAD);
      if (
        error instanceof TufKeyError ||
        error instanceof TufWrongKeyError ||
        error instanceof TufRepositoryExistsError ||
        error instanceof TufRepositoryMissingError ||
        error instanceof TufDelegationMissingError ||
        error instanceof TufForeignMetadataError
      )
        fail(error.message, EXIT_FAILED);
      throw error;
    }
  });
}

/** Offline keys never live in the hub's data directory: whoever can read that (a backup, a second admin) could sign anything. */
function offlineKeysDir(dir: string, dataDir: string): string {
  const keys = resolve(dir);
  const inside = relative(resolve(dataDir), keys);
  if (inside === '' || (!inside.startsWith('..') && !inside.startsWith('/')))
    fail(
      `--keys: ${keys} is inside the hub's data directory (${dataDir}); the root and targets keys are offline keys: keep them on a medium the hub cannot read`,
      EXIT_USAGE,
    );
  return keys;
}

const onlineKeys = (dataDir: string): OnlineKeys => {
  const dir = defaultTufKeysDir(dataDir);
  return { snapshot: readTufKey(dir, 'snapshot'), timestamp: readTufKey(dir, 'timestamp') };
};

function uploadId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) fail(`expected an upload id (a whole number), got "${text}"`, EXIT_USAGE);
  return id;
}

/** `hubctl tuf …` and `hubctl release …`: the repository kiosks update from, and the content releases it signs. */
export function addReleaseCommands(program: Command): void {
  const tuf = program.command('tuf').description('the TUF repository that signs content releases for the kiosks');

  tuf
    .command('init')
    .description(
      'make the repository: offline root and targets keys in --keys, online snapshot, timestamp and releases keys beside the database, the first signed metadata (targets delegating content releases to the online releases key: see `tuf delegate`)',
    )
    .requiredOption('--keys <dir>', 'where to make the offline keys (not the hub’s data directory; made 0700)')
    .action(async (opts: { keys: string }, cmd: Command) => {
      await withRepository(cmd, async (s, dataDir) => {
        const dir = offlineKeysDir(opts.keys, dataDir);
        for (const role of ['root', 'targets'] as const)
          if (hasTufKey(dir, role)) fail(`${dir} holds a ${role} key already: give an empty directory`, EXIT_USAGE);
        const onlineDir = defaultTufKeysDir(dataDir);
        const now = new Date();
        // Checked first, so a refusal leaves no key behind.
        if (await repositoryExists(s.db)) throw new TufRepositoryExistsError();
        const offline = makeTufKeys(dir, ['root', 'targets']);
        // Online keys left by an init that failed later are used again, never replaced.
        const online = {
          snapshot: hasTufKey(onlineDir, 'snapshot')
            ? readTufKey(onlineDir, 'snapshot')
            : makeTufKeys(onlineDir, ['snapshot']).snapshot,
          timestamp: hasTufKey(onlineDir, 'timestamp')
            ? readTufKey(onlineDir, 'timestamp')
            : makeTufKeys(onlineDir, ['timestamp']).timestamp,
          releases: hasTufKey(onlineDir, 'releases')
            ? readTufKey(onlineDir, 'releases')
            : makeTufKeys(onlineDir, ['releases']).releases,
        };
        const { rootJson } = await initRepository(s.db, { ...offline, ...online }, 'hubctl', now);
        const rootFile = join(dir, '1.root.json');
        writeFileSync(rootFile, `${rootJson}\n`, { mode: 0o644 });
        const line = (role: string, signer: TufSigner, where: string) =>
          `  ${role.padEnd(9)}  ${signer.keyId}  ${where}\n`;
        process.stdout.write(
          `TUF repository made. Keys (role, key id, file):\n` +
            line('root', offline.root, join(dir, 'root.pem')) +
            line('targets', offline.targets, join(dir, 'targets.pem')) +
            line('snapshot', online.snapshot, join(onlineDir, 'snapshot.pem')) +
            line('timestamp', online.timestamp, join(onlineDir, 'timestamp.pem')) +
            line('releases', online.releases, join(onlineDir, 'releases.pem')) +
            `The root kiosks are installed with: ${rootFile} (also served at /tuf/metadata/1.root.json)\n` +
            `Keep ${dir} offline: it is needed again only to publish and to rotate the root.\n`,
        );
      });
    });

  tuf
    .command('delegate')
    .description(
      [
        `delegate content releases (${RELEASES_PATHS.join(', ')}) to the online releases key the hub keeps beside its database, signed with the offline targets key (--keys): a new targets version.`,
        'With it, a change approved in the console (by a second administrator, never its author) is published by the hub itself.',
        'Why this is safe enough: that four-eyes approval is the control over what is published, and the offline keys stay offline;',
        'the root and targets keys, and what their theft would allow, are unchanged. A stolen online releases key can sign content',
        'releases, and nothing else, until the targets role revokes it: run this again with --new-key, which retires the key file',
        '(renamed, not deleted) and delegates to a new one; only the releases this hub published are carried over.',
      ].join(' '),
    )
    .requiredOption('--keys <dir>', 'the offline keys directory holding the targets key')
    .option('--new-key', 'make a new online releases key in place of the current one (after it was exposed)')
    .action(async (opts: { keys: string; newKey?: boolean }, cmd: Command) => {
      await withRepository(cmd, async (s, dataDir) => {
        // Every key read before anything changes: a missing one leaves keys and repository as they were.
        const targetsKey = readTufKey(offlineKeysDir(opts.keys, dataDir), 'targets');
        const online = onlineKeys(dataDir);
        const onlineDir = defaultTufKeysDir(dataDir);
        if (!(await repositoryExists(s.db))) throw new TufRepositoryMissingError();
        let retired: string | undefined;
        if (opts.newKey === true && hasTufKey(onlineDir, 'releases')) {
          const old = readTufKey(onlineDir, 'releases');
          retired = join(onlineDir, `releases-retired-${old.keyId.slice(0, 16)}.pem`);
          renameSync(tufKeyFile(onlineDir, 'releases'), retired);
        }
        const releases = hasTufKey(onlineDir, 'releases')
          ? readTufKey(onlineDir, 'releases')
          : makeTufKeys(onlineDir, ['releases']).releases;
        const done = await delegateReleases(s.db, {
          targetsSigners: [targetsKey],
          online,
          releases,
          actor: 'hubctl',
          now: new Date(),
        });
        process.stdout.write(
          `targets version ${done.targetsVersion} delegates ${RELEASES_PATHS.join(', ')} to ${releases.keyId} (${tufKeyFile(onlineDir, 'releases')}); releases version ${done.releasesVersion} signed by it.\n` +
            (retired === undefined
              ? ''
              : `The previous key is retired to ${retired}: kiosks refuse it from their next update.\n`) +
            'Every hub on this database needs this key file: copy it to their keys directory, owner-only.\n',
        );
      });
    });

  tuf
    .command('rotate-root')
    .description('sign a new root version with the current root key (--keys) and a new one (made in --new-keys)')
    .requiredOption('--keys <dir>', 'the offline keys directory holding the current root key')
    .requiredOption('--new-keys <dir>', 'where the new root key is made (an empty or new directory)')
    .action(async (opts: { keys: string; newKeys: string }, cmd: Command) => {
      await withRepository(cmd, async (s, dataDir) => {
        const current = readTufKey(offlineKeysDir(opts.keys, dataDir), 'root');
        const newDir = offlineKeysDir(opts.newKeys, dataDir);
        if (hasTufKey(newDir, 'root')) fail(`${newDir} holds a root key already: give an empty directory`, EXIT_USAGE);
        if (resolve(newDir) === resolve(opts.keys))
          fail('--new-keys must be another directory than --keys', EXIT_USAGE);
        const { root: next } = makeTufKeys(newDir, ['root']);
        const rotated = await rotateRoot(s.db, { currentRoot: current, newRoot: next }, 'hubctl', new Date());
        const rootFile = join(newDir, `${rotated.version}.root.json`);
        writeFileSync(rootFile, `${rotated.rootJson}\n`, { mode: 0o644 });
        process.stdout.write(
          `root version ${rotated.version} signed by ${current.keyId} and ${next.keyId}; kiosks take it at their next update.\n` +
            `The new root key is ${join(newDir, 'root.pem')}; the targets key stays where it was.\n` +
            `New kiosks may be installed with ${rootFile}.\n`,
        );
      });
    });

  tuf
    .command('renew')
    .description(
      'sign the root and the targets again for another year, with the same keys (before they expire; publishing renews the targets too)',
    )
    .requiredOption('--keys <dir>', 'the offline keys directory holding the root key')
    .option('--targets-keys <dir>', 'the one holding the targets key, when another (after rotate-root)')
    .action(async (opts: { keys: string; targetsKeys?: string }, cmd: Command) => {
      await withRepository(cmd, async (s, dataDir) => {
        // Every key read before anything is signed: a missing one leaves the repository as it was.
        const root = readTufKey(offlineKeysDir(opts.keys, dataDir), 'root');
        const targetsKey = readTufKey(offlineKeysDir(opts.targetsKeys ?? opts.keys, dataDir), 'targets');
        const online = onlineKeys(dataDir);
        const now = new Date();
        const renewed = await rotateRoot(s.db, { currentRoot: root, newRoot: root }, 'hubctl', now);
        const targets = await renewTargets(s.db, { targetsSigners: [targetsKey], online, actor: 'hubctl', now });
        process.stdout.write(
          `root version ${renewed.version} and targets version ${targets.targetsVersion} signed, valid for a year\n`,
        );
      });
    });

  const release = program.command('release').description('content releases: upload, list, publish to the kiosks');

  release
    .command('upload')
    .argument('<file>', 'a content.db made by `npm run content:build`')
    .description(
      'check a content release and keep it at the hub, in review: an administrator approves it in the console, which publishes it with the hub’s online releases key (or publish it offline with `release publish --keys DIR`)',
    )
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT_USAGE);
      }
      const uploaded = await withRepository(cmd, (s) =>
        uploadRelease(s.db, { bytes, where: file }, 'hubctl', new Date()),
      );
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(uploaded, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `uploaded ${uploaded.id}: version ${uploaded.version}, ${uploaded.length} bytes, sha256 ${uploaded.sha256}\n` +
          `it waits in review: an administrator approves it in the console's content review, which publishes it\n` +
          `or publish it offline with the targets key: \`hubctl release publish ${uploaded.id} --keys DIR\`\n`,
      );
    });

  release
    .command('list')
    .description('every release uploaded, with its release number once published')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const releases = await withRepository(cmd, (s) => listReleases(s.db));
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(releases, null, 2)}\n`);
        return;
      }
      if (releases.length === 0) process.stdout.write('no release uploaded yet\n');
      for (const r of releases)
        process.stdout.write(
          `${String(r.id).padStart(4)}  ${r.version.padEnd(22)}  ${localDateTime(new Date(r.uploadedAt))}  ` +
            (r.releaseNumber === null
              ? 'not published'
              : `release ${r.releaseNumber}, published ${localDateTime(new Date(r.publishedAt!))}`) +
            '\n',
        );
    });

  release
    .command('publish')
    .argument('<upload-id>', 'the id `release upload` or `release list` gave')
    .description(
      'sign an uploaded release for the kiosks with the offline targets key, without the console’s review: the next release number, a new targets version (a release a reviewer rejected is refused)',
    )
    .requiredOption('--keys <dir>', 'the offline keys directory holding the targets key')
    .option('--all', 'roll it out to every kiosk at once (without it, no kiosk takes it until `release rollout`)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { keys: string; all?: boolean; json?: boolean }, cmd: Command) => {
      const id = uploadId(idText);
      const published = await withRepository(cmd, async (s, dataDir) => {
        const [upload] = await listUploads(s.db, id);
        if (upload?.state === 'rejected')
          fail(`release upload ${id} was rejected in review: upload it again to publish it`, EXIT_NO_UPLOAD);
        return publishRelease(s.db, id, {
          targetsSigners: [readTufKey(offlineKeysDir(opts.keys, dataDir), 'targets')],
          online: onlineKeys(dataDir),
          actor: 'hubctl',
          now: new Date(),
          toAll: opts.all === true,
        });
      });
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(published, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `published upload ${id} as release ${published.releaseNumber} (${published.targetName}, version ${published.version}, targets version ${published.targetsVersion})\n` +
          (opts.all === true
            ? 'every kiosk takes it\n'
            : `no kiosk takes it yet: \`hubctl release rollout ${published.releaseNumber} --canary GROUP\` (or --percent P, --all)\n`),
      );
    });
}

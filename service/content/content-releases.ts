import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import type { Logger } from 'pino';
import { HttpError, ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { ContentInstallResponse } from '../../common/api/content-release';
import type { Handlers } from '../http/server';
import type { KioskActivity } from '../session/kiosk-activity';
import { openContentService } from './content-service';
import { ReleaseRefusedError } from './release-checks';
import { ReleaseStore, type StepHook } from './release-store';
import { describeServed, ReleaseSwitch } from './release-switch';
import { switchableContent, type SwitchableContent } from './switchable-content';

export interface ContentReleases {
  /** What the routes answer from: the served release, swapped between sessions. */
  content: SwitchableContent;
  /** Undefined without records.db: the shipped release is served, and nothing can be installed. */
  switcher: ReleaseSwitch | undefined;
  /**
   * Takes a verified release file into the store and switches to it now if
   * the kiosk is idle (else at the next idle moment). Refuses with a
   * ReleaseRefusedError; the updater calls this, the install route too.
   */
  install(file: string, release: { releaseNumber: number; version?: string }): Promise<ContentInstallResponse>;
  handlers: Pick<Handlers, 'contentInstall'>;
  start(): void;
  stop(): void;
}

export interface ContentReleasesOptions {
  dataDir: string;
  records: Db | undefined;
  /** Why records.db is not open, when it is not. */
  recordsUnavailable: () => string;
  shippedPath: string;
  activity: KioskActivity;
  logger: Logger;
  step?: StepHook | undefined;
}

/**
 * The content the service serves, chosen at start from the release store
 * (active, else previous, else shipped), and the install route that feeds
 * the store. The updater calls the same install; kioskctl reaches it over
 * the local API.
 */
export function openContentReleases(opts: ContentReleasesOptions): ContentReleases {
  const { records, logger } = opts;
  /** Without a store: the shipped release is served, and nothing can be installed. */
  const shippedOnly = (why: () => string): ContentReleases => {
    const shipped = openContentService(opts.shippedPath);
    const content = switchableContent(
      shipped,
      `release ${shipped.releaseVersion() ?? 'unknown'} (shipped with the software)`,
    );
    return {
      content,
      switcher: undefined,
      install: () => Promise.reject(new Error(`No release can be installed: ${why()}`)),
      handlers: {
        contentInstall: () => {
          throw new ServiceUnavailableError(`No release can be installed: ${why()}`);
        },
      },
      start: () => undefined,
      stop: () => undefined,
    };
  };
  if (records === undefined) return shippedOnly(opts.recordsUnavailable);
  let store: ReleaseStore;
  let chosen: ReturnType<ReleaseStore['openAtStart']> | undefined;
  try {
    store = new ReleaseStore({
      dir: join(opts.dataDir, 'content', 'releases'),
      records,
      shippedPath: opts.shippedPath,
      logger,
      ...(opts.step === undefined ? {} : { step: opts.step }),
    });
    chosen = store.openAtStart();
    store.noteServing(chosen.served);
  } catch (error) {
    // The store's folder or records cannot be used (permissions, a full disk): content still answers.
    chosen?.content.close();
    logger.error({ err: error }, 'the content release store is unusable; serving the shipped release');
    const detail = `the release store is unusable: ${(error as Error).message}`;
    return shippedOnly(() => detail);
  }
  const first = chosen.setAside[0];
  const note =
    first === undefined
      ? undefined
      : `installed release ${first.release.releaseNumber} was set aside at start (${first.reason}): ${first.detail}`;
  const content = switchableContent(chosen.content, describeServed(chosen.served, note));
  const switcher = new ReleaseSwitch({
    store,
    content,
    activity: opts.activity,
    served: chosen.served,
    logger,
    ...(opts.step === undefined ? {} : { step: opts.step }),
  });
  // One install at a time: the second waits for the first to be recorded (and refused if it is not newer).
  let installing: Promise<unknown> = Promise.resolve();
  const install: ContentReleases['install'] = (file, release) => {
    const run = installing.then(async () => {
      try {
        const stored = await store.install(file, release);
        logger.info({ releaseNumber: stored.releaseNumber, version: stored.version }, 'content release installed');
        const outcome = await switcher.trySwitch();
        const served = switcher.served().releaseNumber === stored.releaseNumber;
        return {
          releaseNumber: stored.releaseNumber,
          version: stored.version,
          switch: outcome === 'rolled-back' ? outcome : served ? ('switched' as const) : ('waiting' as const),
        };
      } catch (error) {
        if (error instanceof ReleaseRefusedError)
          logger.warn(
            { releaseNumber: release.releaseNumber, reason: error.reason, detail: error.message },
            'content release refused',
          );
        throw error;
      }
    });
    installing = run.catch(() => undefined);
    return run;
  };
  return {
    content,
    switcher,
    install,
    handlers: {
      contentInstall: async ({ file, releaseNumber, version }, ctx) => {
        if (ctx.role !== 'technician')
          throw new HttpError(403, 'forbidden', 'Only a technician or the updater may install a content release');
        try {
          return await install(file, { releaseNumber, ...(version === undefined ? {} : { version }) });
        } catch (error) {
          if (!(error instanceof ReleaseRefusedError)) throw error;
          throw new HttpError(409, 'conflict', `Release ${releaseNumber} refused (${error.reason}): ${error.message}`);
        }
      },
    },
    start: () => switcher.start(),
    stop: () => switcher.stop(),
  };
}

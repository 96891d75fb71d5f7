import { dirname, resolve } from 'node:path';
import { err, ok, type Result } from '../../common/result';
import { loadJsonConfig, type RefusedConfig } from '../../server-kit/config/json-config';
import { HubConfig } from './schema';

/** A hub configuration that loaded, with its file paths made absolute (relative ones are to the file's folder). */
export interface LoadedHubConfig {
  config: HubConfig;
  path: string;
  dataDir: string | undefined;
  tls: { certFile: string; keyFile: string } | undefined;
  totpKeyFile: string | undefined;
  payloadKeysDir: string | undefined;
  sealingKeyFile: string | undefined;
  /** The content release the take-away pages read, made absolute; undefined: the checkout's build. */
  contentRelease: string | undefined;
  /** The content folder edited content is built from, made absolute; undefined: the checkout's content/. */
  contentDir: string | undefined;
  /** The TURN section with its secret file's path made absolute; undefined when calls have no TURN. */
  turn: (NonNullable<HubConfig['turn']> & { secretFile: string }) | undefined;
}

export function loadHubConfig(path: string): Result<LoadedHubConfig, RefusedConfig> {
  const loaded = loadJsonConfig(HubConfig, path);
  if (!loaded.ok) return err(loaded.error);
  const config = loaded.value;
  const near = (file: string | undefined) => (file === undefined ? undefined : resolve(dirname(path), file));
  return ok({
    config,
    path,
    dataDir: near(config.dataDir),
    tls:
      config.tls === undefined
        ? undefined
        : {
            certFile: resolve(dirname(path), config.tls.certFile),
            keyFile: resolve(dirname(path), config.tls.keyFile),
          },
    totpKeyFile: near(config.totpKeyFile),
    payloadKeysDir: near(config.payloadKeysDir),
    sealingKeyFile: near(config.sealingKeyFile),
    contentRelease: near(config.contentRelease),
    contentDir: near(config.contentDir),
    turn:
      config.turn === undefined
        ? undefined
        : { ...config.turn, secretFile: resolve(dirname(path), config.turn.secretFile) },
  });
}

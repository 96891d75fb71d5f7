import { basename } from 'node:path';
import type { Result } from '../../common/result';
import { TerminalConfig } from '../../kiosk-config/schema';
import { loadJsonConfig, parseJsonConfig, type RefusedConfig } from '../../server-kit/config/json-config';

export { formatConfigReport, lineAndColumn, type RefusedConfig } from '../../server-kit/config/json-config';

/** A configuration that loaded: the terminal's settings, the file they came from, and its name for /api/health. */
export interface LoadedConfig {
  config: TerminalConfig;
  path: string;
  name: string;
}

export type LoadConfigResult = Result<LoadedConfig, RefusedConfig>;

function named(result: Result<TerminalConfig, RefusedConfig>, path: string): LoadConfigResult {
  return result.ok ? { ok: true, value: { config: result.value, path, name: basename(path) } } : result;
}

/** Parse and validate configuration text; every problem is reported at once. */
export function parseConfig(text: string, path: string): LoadConfigResult {
  return named(parseJsonConfig(TerminalConfig, text, path), path);
}

export function loadConfig(path: string): LoadConfigResult {
  return named(loadJsonConfig(TerminalConfig, path), path);
}

import { shellSecretScript } from '../common/shell-handover';
import type { ServiceEndpoint } from './service-url-line';

/**
 * How the Electron shell gives the page the service's boot secret: not in
 * the URL it loads (a URL reaches logs, history and crash reports) but as a
 * script installed over the window's own DevTools session
 * (`webContents.debugger`) before the page loads; the script gives it only
 * to the service's top-level page (common/shell-handover.ts).
 */

export interface DevToolsCommand {
  method: string;
  params: Record<string, unknown>;
}

/** The DevTools protocol version the shell speaks to its window. */
export const DEVTOOLS_PROTOCOL_VERSION = '1.3';

/** What the window loads: the service's origin, with nothing after it. */
export function kioskPageUrl(endpoint: Pick<ServiceEndpoint, 'origin'>): string {
  return `${endpoint.origin}/`;
}

/**
 * The commands that hand over this boot's secret, first removing the script
 * of an earlier boot (the service restarted: new port, new secret), so a
 * reload never finds a stale secret.
 */
export function handoverCommands(endpoint: Pick<ServiceEndpoint, 'origin' | 'secret'>, previousScriptId: string | null): DevToolsCommand[] {
  const commands: DevToolsCommand[] = [];
  if (previousScriptId !== null) commands.push({ method: 'Page.removeScriptToEvaluateOnNewDocument', params: { identifier: previousScriptId } });
  commands.push({ method: 'Page.enable', params: {} });
  commands.push({ method: 'Page.addScriptToEvaluateOnNewDocument', params: { source: shellSecretScript(endpoint.origin, endpoint.secret) } });
  return commands;
}

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SHELL_SECRET_PROPERTY } from '../common/shell-handover';
import { handoverCommands, kioskPageUrl } from './secret-handover';
import { parseKioskUrlLine } from './service-url-line';

const endpoint = parseKioskUrlLine('KIOSK_URL=http://127.0.0.1:43117/#secret=Zm9vYmFyYmF6cXV4MTIzNA')!;

describe('the Electron shell’s secret handover', () => {
  it('loads the service’s origin with no secret in the URL', () => {
    expect(kioskPageUrl(endpoint)).toBe('http://127.0.0.1:43117/');
    expect(kioskPageUrl(endpoint)).not.toContain(endpoint.secret);
  });

  it('installs a script that gives the secret to the service’s page only', () => {
    const commands = handoverCommands(endpoint, null);
    expect(commands.map((c) => c.method)).toEqual(['Page.enable', 'Page.addScriptToEvaluateOnNewDocument']);
    const source = commands[1]!.params['source'] as string;
    const run = (href: string): unknown => {
      const page: Record<string, unknown> = { location: new URL(href) };
      page['window'] = page;
      page['top'] = page;
      runInNewContext(source, page);
      return page[SHELL_SECRET_PROPERTY];
    };
    expect(run('http://127.0.0.1:43117/')).toBe('Zm9vYmFyYmF6cXV4MTIzNA');
    expect(run('http://127.0.0.1:43118/')).toBeUndefined();
    expect(run('data:text/html,fallback')).toBeUndefined();
  });

  it('removes the previous boot’s script before installing the new one', () => {
    expect(handoverCommands(endpoint, '7')[0]).toEqual({ method: 'Page.removeScriptToEvaluateOnNewDocument', params: { identifier: '7' } });
  });
});

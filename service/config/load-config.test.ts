import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigReport, lineAndColumn, loadConfig, parseConfig } from './load-config';

const root = join(import.meta.dirname, '..', '..');
const demoText = readFileSync(join(root, 'kiosk-config', 'demo.json'), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The demo configuration after an edit, as text (what a technician would save). */
function withChanges(change: (cfg: JsonObject) => void): string {
  const cfg = JSON.parse(demoText) as JsonObject;
  change(cfg);
  return JSON.stringify(cfg);
}

describe('terminal configuration', () => {
  it('accepts the shipped demo and field example', () => {
    for (const file of ['demo.json', 'examples/field-guangzhou-baiyun.json']) {
      const result = loadConfig(join(root, 'kiosk-config', file));
      expect(result.ok, file).toBe(true);
    }
  });

  it('fills defaults a technician may leave out', () => {
    const result = parseConfig(
      withChanges((c) => {
        delete c['hotlines'];
        delete c['features'];
        delete c['idleTimeoutSeconds'];
      }),
      'x.json',
    );
    expect(result.ok && result.value.config.hotlines.publicLegalService).toBe('12348');
    expect(result.ok && result.value.config.features.videoCall).toBe(true);
    expect(result.ok && result.value.config.idleTimeoutSeconds).toBe(120);
  });

  it('reports every problem at once, each with its JSON path', () => {
    const result = parseConfig(
      withChanges((c) => {
        c['idleTimeoutSeconds'] = 5;
        (c['devices'] as JsonObject)['receiptPrinter'] = {
          mode: 'serial',
          port: 'lpt1',
          baudRate: 12345,
          model: 'x',
          encoding: 'gbk',
          paperWidthMm: 80,
        };
        c['hub'] = { url: 'http://hub.example.org' };
      }),
      'bad.json',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'idleTimeoutSeconds',
        'devices.receiptPrinter.port',
        'devices.receiptPrinter.baudRate',
        'hub.url',
      ]),
    );
    expect(result.error.problems).toHaveLength(4);
    const report = formatConfigReport(result.error);
    expect(report).toContain('bad.json is invalid (4 problems)');
    expect(report).toMatch(/idleTimeoutSeconds: .*>=30.*\(got 5\)/);
    expect(report).toMatch(/baudRate: expected one of 9600, 19200, 38400, 57600, 115200 \(got 12345\)/);
    expect(report).toMatch(/hub\.url: expected an https:\/\/ URL/);
  });

  it('names unknown keys so typos are caught', () => {
    const result = parseConfig(
      withChanges((c) => (c['idelTimeoutSeconds'] = 60)),
      'typo.json',
    );
    expect(!result.ok && result.error.problems).toEqual([
      { path: '(root)', message: 'unknown key "idelTimeoutSeconds" (check the spelling)' },
    ]);
  });

  it('requires the default language to be one of the configured languages', () => {
    const result = parseConfig(
      withChanges((c) => ((c['languages'] = ['zh-CN']), (c['defaultLanguage'] = 'en'))),
      'lang.json',
    );
    expect(!result.ok && result.error.problems.map((p) => p.path)).toEqual(['defaultLanguage']);
  });

  it('gives line and column for broken JSON', () => {
    const result = parseConfig('{\n  "id": "abc",\n  "x": 1,,\n}', 'broken.json');
    expect(!result.ok && result.error.problems[0]?.message).toMatch(/^not valid JSON at line 3, column 10/);
  });

  it('says when the file is missing', () => {
    const result = loadConfig('/nonexistent/terminal.json');
    expect(!result.ok && result.error.problems[0]?.message).toBe('cannot read configuration: file not found');
  });

  it('lineAndColumn counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

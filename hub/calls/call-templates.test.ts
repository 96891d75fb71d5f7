import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CallTemplatesResponse } from '../../common/hub/api/call-templates';
import { loadTemplates } from '../../content/build/templates';
import type { ContentProblem } from '../../content/build/source-files';
import { openSession } from '../storage/sessions';
import { useTestHub } from '../testing/test-hub';
import { callTemplateList, DEFAULT_TEMPLATES_DIR } from './call-templates';

// The route reads no database: one engine is enough.
describe('the templates a lawyer may push during a call', () => {
  const hub = useTestHub('sqlite');

  it('are the content’s templates, in the builder’s order, with the fields to ask', async () => {
    const lawyer = await hub.addAccount('lawyer', 'lawyer', '420111');
    const token = await openSession(hub.storage.storage.db, lawyer.id, 'full', hub.now());
    const res = await hub.call({ method: 'GET', path: '/api/calls/templates', token });
    expect(res.statusCode).toBe(200);
    const { templates } = CallTemplatesResponse.parse(res.json());

    const problems: ContentProblem[] = [];
    const built = loadTemplates(
      DEFAULT_TEMPLATES_DIR,
      (f) => f,
      () => undefined,
      problems,
    );
    expect(problems).toEqual([]);
    expect(templates.map((t) => t.id)).toEqual(built.map((t) => t.id));
    const iou = templates.find((t) => t.id === 'iou')!;
    expect(iou).toMatchObject({ title: '借条', category: '借贷' });
    expect(iou.fields.map((f) => f.id)).toContain('loan.amount');
    expect(iou.fields.find((f) => f.id === 'loan.method')).toMatchObject({
      kind: 'choice',
      options: ['银行转账', '微信转账', '支付宝转账', '现金'],
    });
  });

  it('logs a template file with problems by name and line, and lists the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'call-templates-'));
    try {
      writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: 坏的\n');
      writeFileSync(
        join(dir, 'note.yaml'),
        [
          'id: note',
          'title: 便条',
          'category: 借贷',
          'governs: 民法典 第六百六十八条',
          'note: { when: 写给对方的说明。 }',
          'fields:',
          '  - { id: who.name, label: 姓名, kind: text }',
          'body: |',
          '  　　{{who.name}}',
        ].join('\n'),
      );
      const lines: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
      const list = callTemplateList(dir, logger);
      expect(list().map((t) => t.id)).toEqual(['note']);
      expect(lines.join('')).toMatch(/broken\.yaml:\d+/);
      // Read once: the same list again, nothing logged twice.
      expect(list()).toBe(list());
      expect(lines).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

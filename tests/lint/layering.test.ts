import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule is only worth something if a file that breaks it fails
// lint, so these tests go through the real config (eslint.config.js), not the
// rule in isolation.

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const eslint = new ESLint({ cwd: repoRoot });

/** Lints `code` as if it lived at `file` (repo-relative; need not exist). */
async function layeringMessages(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `${file} did not parse`).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'kiosk/layering');
}

async function expectBad(file: string, code: string, spec: string) {
  const messages = await layeringMessages(file, code);
  expect(messages, `${file}: ${code}`).toHaveLength(1);
  expect(messages[0]?.message).toContain(`may not import "${spec}"`);
}

async function expectGood(file: string, code: string) {
  expect(await layeringMessages(file, code), `${file}: ${code}`).toEqual([]);
}

describe('kiosk/layering', () => {
  describe('common/', () => {
    it.each([
      ['node:fs', `import { readFileSync } from 'node:fs';\nreadFileSync;`],
      ['fs', `import fs from 'fs';\nfs;`],
      ['fs/promises', `export { readFile } from 'fs/promises';`],
      ['node:fs', `import type { Stats } from 'node:fs';\nexport type S = Stats;`],
      ['node:fs', `export type S = import('node:fs').Stats;`],
      ['../service/x', `import { x } from '../service/x';\nx;`],
      ['react', `import { useState } from 'react';\nuseState;`],
      ['electron', `import { app } from 'electron';\napp;`],
      ['../scripts/bench', `export * from '../scripts/bench';`],
      ['../tests/helpers', `export const h = () => import('../tests/helpers');`],
      ['node:path', 'export const p = () => import(`node:path`);'],
      ['node:os', `export const os: unknown = require('node:os');`],
      ['../vite.config', `export { default } from '../vite.config';`],
    ])('rejects %s', (spec, code) => expectBad('common/bad.ts', code, spec));

    it('names the import, its kind and what common/ may import', async () => {
      const [message] = await layeringMessages('common/bad.ts', `import 'node:fs';`);
      expect(message?.message).toBe(
        'Bad layering: common/ may not import "node:fs" (a Node built-in). common/ may import only: common/, zod.',
      );
    });

    it('rejects a triple-slash reference to Node types', async () => {
      const [message] = await layeringMessages('common/bad.ts', `/// <reference types="node" />\nexport {};`);
      expect(message?.message).toContain('Node types');
    });

    it('accepts zod, zod subpaths and its own files', async () => {
      await expectGood('common/good.ts', `import { z } from 'zod';\nimport { y } from './other';\nexport { z, y };`);
      await expectGood('common/api/good.ts', `export * from '../features';\nexport type { z } from 'zod/v4';`);
    });
  });

  it('kiosk-config/ may import common/ but not service/', async () => {
    await expectGood('kiosk-config/x.ts', `export * from '../common/features';`);
    await expectBad('kiosk-config/x.ts', `export * from '../service/x';`, '../service/x');
  });

  it('renderer/ may import common/ and UI packages, not Node or the service', async () => {
    await expectBad('renderer/bad.tsx', `import path from 'node:path';\npath;`, 'node:path');
    await expectBad('renderer/bad.tsx', `import { x } from '../service/x';\nx;`, '../service/x');
    await expectGood(
      'renderer/good.tsx',
      `import { z } from '../common/api/contract';\nimport { createRoot } from 'react-dom/client';\nimport { useTranslation } from 'react-i18next';\nexport { z, createRoot, useTranslation };`,
    );
  });

  it('ui/ is a DOM room that may import common/ only: every UI builds on it, it builds on none', async () => {
    await expectBad('ui/bad.tsx', `import { readFileSync } from 'node:fs';\nreadFileSync;`, 'node:fs');
    await expectBad(
      'ui/buttons/bad.tsx',
      `import { App } from '../../renderer/app/App';\nApp;`,
      '../../renderer/app/App',
    );
    await expectBad('ui/bad.tsx', `import { c } from '../hub/console/c';\nc;`, '../hub/console/c');
    await expectBad('ui/bad.tsx', `import { s } from '../service/s';\ns;`, '../service/s');
    await expectGood(
      'ui/good.tsx',
      `import { api } from '../common/api/contract';\nimport { useTranslation } from 'react-i18next';\nexport { api, useTranslation };`,
    );
    await expectGood('renderer/law/good.tsx', `export * from '../../ui/buttons/BigButton';`);
    await expectGood('hub/console/good.tsx', `export * from '../../ui/icons/Icon';`);
  });

  it('service/ may import common/ and native/, not electron/ or renderer/', async () => {
    await expectBad('service/bad.ts', `import { x } from '../electron/x';\nx;`, '../electron/x');
    await expectBad('service/bad.ts', `import { y } from '../renderer/y';\ny;`, '../renderer/y');
    await expectGood(
      'service/good.ts',
      `import { x } from '../common/x';\nimport { y } from '../native/y';\nimport fs from 'node:fs';\nexport { x, y, fs };`,
    );
  });

  it('server-kit/ may import common/ only: a server built on it is never imported back', async () => {
    await expectGood(
      'server-kit/x.ts',
      `import { redactText } from '../common/redact';\nimport fs from 'node:fs';\nexport { redactText, fs };`,
    );
    await expectBad('server-kit/x.ts', `import { x } from '../service/x';\nx;`, '../service/x');
    await expectBad('server-kit/x.ts', `import { x } from '../hub/x';\nx;`, '../hub/x');
    await expectBad('server-kit/x.ts', `import { x } from '../native/x';\nx;`, '../native/x');
    await expectGood('service/x.ts', `export * from '../server-kit/logger';`);
    await expectGood('hub/x.ts', `export * from '../server-kit/logger';`);
  });

  it('content/ may import common/ and kiosk-config/, not the service: a release builds without it', async () => {
    await expectBad(
      'content/build/bad.ts',
      `import { x } from '../../service/search/x';\nx;`,
      '../../service/search/x',
    );
    await expectBad(
      'content/build/bad.test.ts',
      `import { r } from '../../service/content/r';\nr;`,
      '../../service/content/r',
    );
    await expectGood(
      'content/build/good.ts',
      `import { x } from '../../common/x';\nimport { c } from '../../kiosk-config/schema';\nimport { y } from '../analysis/y';\nexport { x, c, y };`,
    );
  });

  it('service/, its CLI and the hub may import content/: the release schema, the analyzer, the builder', async () => {
    await expectGood('service/search/good.ts', `export * from '../../content/analysis/analyzer';`);
    await expectGood('service/content/good.ts', `export * from '../../content/schema/content-schema';`);
    await expectGood('service/cli/good.ts', `export * from '../../content/build/build-release';`);
    await expectGood('hub/server/good.ts', `export * from '../../content/build/build-release';`);
  });

  it('judges a nested file by where its import resolves, not by the text', async () => {
    await expectBad('service/http/a.ts', `import { x } from '../../renderer/x';\nx;`, '../../renderer/x');
    await expectGood(
      'service/http/a.ts',
      `import { x } from '../../common/x';\nimport { y } from '../storage/y';\nexport { x, y };`,
    );
  });

  it('electron/ may import common/ and the electron package, not the service', async () => {
    await expectBad('electron/bad.ts', `import { x } from '../service/x';\nx;`, '../service/x');
    await expectGood(
      'electron/good.ts',
      `import { x } from '../common/x';\nimport { app } from 'electron';\nexport { x, app };`,
    );
  });

  it('native/ may not import electron', () =>
    expectBad('native/bad.ts', `import { app } from 'electron';\napp;`, 'electron'));

  it('hub/console is a DOM room apart from the hub server', async () => {
    await expectBad('hub/console/bad.tsx', `import { q } from '../queue';\nq;`, '../queue');
    await expectBad('hub/server/bad.ts', `import { c } from '../console/app';\nc;`, '../console/app');
    await expectGood('hub/server/good.ts', `import { c } from '../../kiosk-config/schema';\nexport { c };`);
  });

  it('only hub/console may import Ant Design: the kiosk’s touchscreen has its own components', async () => {
    await expectGood(
      'hub/console/good.tsx',
      `import { Table } from 'antd';\nimport zhCN from 'antd/locale/zh_CN';\nexport { Table, zhCN };`,
    );
    await expectBad('renderer/bad.tsx', `import { Table } from 'antd';\nexport { Table };`, 'antd');
    await expectBad('ui/bad.tsx', `import { Table } from 'antd';\nexport { Table };`, 'antd');
  });

  it('lets scripts/ and tests/ import anything', async () => {
    await expectGood(
      'scripts/x.ts',
      `import { a } from '../service/a';\nimport { b } from '../renderer/b';\nexport { a, b };`,
    );
    await expectGood(
      'tests/x.ts',
      `import { a } from '../electron/a';\nimport { app } from 'electron';\nexport { a, app };`,
    );
  });

  it('lets test files beside pure code use Vitest and Node, but not other rooms', async () => {
    await expectGood('common/x.test.ts', `import { it } from 'vitest';\nimport fs from 'node:fs';\nexport { it, fs };`);
    await expectBad('common/x.test.ts', `import { s } from '../service/s';\ns;`, '../service/s');
  });
});

describe('no-restricted-globals in pure rooms', () => {
  it('rejects process in common/', async () => {
    const [result] = await eslint.lintText(`export const env = process.env;`, {
      filePath: path.join(repoRoot, 'common/env.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });
});

describe('npm run lint', () => {
  it('fails when a real file in common/ imports node:fs', () => {
    // A real file on disk, found the way `eslint .` finds it; the unique name
    // keeps parallel runs (and other engineers' work) from colliding.
    const file = path.join(repoRoot, 'common', `__layering-probe-${randomUUID()}.ts`);
    try {
      writeFileSync(file, `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`);
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/eslint/bin/eslint.js'), file], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      // 1 = lint errors; 2 would mean the config itself crashed.
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain('kiosk/layering');
      expect(run.stdout).toContain('"node:fs"');
    } finally {
      rmSync(file, { force: true });
    }
  }, 30_000);
});

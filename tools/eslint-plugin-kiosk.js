// Local ESLint plugin: `kiosk/layering` keeps imports flowing one way between
// the rooms described in DESIGN.md ("Rooms").
//
// Why a custom rule instead of `no-restricted-imports`: that rule matches the
// specifier text. `../service/x` means a different room depending on how deep
// the importing file sits, so a pattern list cannot tell whether it is allowed.
// This rule resolves every relative specifier against the linted file and
// judges the room the target lives in.
//
// ── What each room may import ─────────────────────────────────────────────
// ROOMS maps a room (repo-relative folder) to the rooms it may import from and
// its runtime environment. A folder not listed (repo-root config files,
// tools/) is tooling and is not checked; no room may import it, except the
// repo-root files listed in ROOT_FILES (package.json, for the app version).
//
// ── Which npm packages each environment may use ───────────────────────────
// PACKAGES maps an environment to its npm packages, matched by package name so
// subpaths follow (`react` covers `react/jsx-runtime`). `only` is an allowlist,
// `except` a denylist. To let pure code use a new library, add it to
// PACKAGES.pure.only; to let the UI use one, add it to PACKAGES.dom.only; a
// room's own `packages` are for it alone (the hub's console and its admin
// component library, which the kiosk's touchscreen does not use).
// Node built-ins (`node:fs`, `fs`, `fs/promises`, …) are allowed where
// `builtins` is true.
//
// Test files beside code (`*.test.ts[x]`) run under Vitest in Node, so they may
// use any package and built-in; their relative imports still obey their room.

import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {'pure' | 'dom' | 'node' | 'electron' | 'tooling'} Env */
/** @typedef {{ imports: string[] | '*', env: Env, packages?: string[] }} Room */
/** @typedef {{ only?: string[], except?: string[], builtins: boolean }} PackagePolicy */

/** @type {Record<string, Room>} */
export const ROOMS = {
  common: { imports: ['common'], env: 'pure' },
  'kiosk-config': { imports: ['common', 'kiosk-config'], env: 'pure' },
  native: { imports: ['common', 'native'], env: 'node' },
  // What every Node server of ours shares (the kiosk's service, the hub): the
  // HTTP server over a zod contract with a guard of the caller's choosing, the
  // redacting logger, the SQLite migration runner, CLI exit codes. It knows
  // no server of its own, so both can build on it.
  'server-kit': { imports: ['common', 'server-kit'], env: 'node' },
  // The service reads content releases with the release schema and analyzes
  // queries with the analyzer the release was indexed with, both from content/,
  // so build-time and query-time agree by construction.
  service: { imports: ['common', 'kiosk-config', 'native', 'server-kit', 'service', 'content'], env: 'node' },
  // kioskctl, the technicians' CLI, also drives the content builder (`content build`).
  'service/cli': {
    imports: ['common', 'kiosk-config', 'native', 'server-kit', 'service', 'service/cli', 'content'],
    env: 'node',
  },
  // The hub publishes content releases, so it builds them with content/'s builder.
  hub: { imports: ['common', 'kiosk-config', 'server-kit', 'hub', 'content'], env: 'node' },
  // What every UI of ours shares (the kiosk's renderer, the hub's consoles):
  // design tokens, icons, buttons, status notices, the i18n bootstrap, the
  // on-screen keyboard, QR codes, the contract client. It knows no program of
  // its own, so each can build on it.
  ui: { imports: ['common', 'ui'], env: 'dom' },
  // antd (Ant Design): tables, forms and layout for administrators at a desk; echarts: the figures' charts.
  'hub/console': { imports: ['common', 'ui', 'hub/console'], env: 'dom', packages: ['antd', 'echarts'] },
  // The release builder and what a release is: its schema and the search
  // analyzer that indexes it. It imports no server, so the kiosk's service
  // reads what it writes and the hub can build releases without the service.
  content: { imports: ['common', 'kiosk-config', 'content'], env: 'node' },
  renderer: { imports: ['common', 'ui', 'renderer'], env: 'dom' },
  electron: { imports: ['common', 'electron'], env: 'electron' },
  // Dev tooling and end-to-end tests may reach anything; nothing may reach them
  // (they are absent from every other room's list).
  scripts: { imports: '*', env: 'tooling' },
  tests: { imports: '*', env: 'tooling' },
};

/** Packages that only make sense in a DOM room (React and its bindings). */
const UI_ONLY = ['react', 'react-dom', 'react-i18next'];

/** @type {Record<Env, PackagePolicy>} */
export const PACKAGES = {
  pure: { only: ['zod'], builtins: false },
  // qrcode-generator: the on-screen "take it with you" codes (the printer draws its own).
  dom: { only: ['react', 'react-dom', 'i18next', 'react-i18next', 'zod', 'qrcode-generator'], builtins: false },
  node: { except: ['electron', ...UI_ONLY], builtins: true },
  electron: { except: UI_ONLY, builtins: true },
  tooling: { except: [], builtins: true },
};

/**
 * Repo-root files (outside every room) an environment may import. Node code
 * reads the app version from package.json; the UI asks the service instead of
 * bundling the whole manifest.
 * @type {Record<string, Env[]>}
 */
export const ROOT_FILES = { 'package.json': ['node', 'electron'] };

const REPO_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;

/**
 * The room a repo-relative path belongs to, or undefined outside every room.
 * @param {string} rel  repo-relative path with `/` separators
 */
function roomOf(rel) {
  const [first, second] = rel.split('/');
  const nested = `${first}/${second}`;
  if (nested in ROOMS) return nested;
  return first !== undefined && first in ROOMS ? first : undefined;
}

/** Repo-relative path with `/` separators, or undefined outside the repo. @param {string} abs */
function repoPath(abs) {
  const rel = path.relative(REPO_ROOT, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}

/** @param {string} abs */
function roomOfAbsolute(abs) {
  const rel = repoPath(abs);
  return rel === undefined ? undefined : roomOf(rel);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. @param {string} spec */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : /** @type {string} */ (parts[0]);
}

/** @param {PackagePolicy} policy @param {string} name */
function packageAllowed(policy, name) {
  if (policy.only) return policy.only.includes(name);
  return !(policy.except ?? []).includes(name);
}

/** Human list of what `room` may import, for the error message. @param {string} room */
function describeAllowed(room) {
  const { imports, env, packages = [] } = /** @type {Room} */ (ROOMS[room]);
  const policy = PACKAGES[env];
  const parts = imports === '*' ? ['anything'] : imports.map((r) => `${r}/`);
  parts.push(...Object.keys(ROOT_FILES).filter((f) => ROOT_FILES[f]?.includes(env)));
  if (policy.builtins) parts.push('Node built-ins');
  if (policy.only) parts.push(...policy.only, ...packages);
  else if (policy.except?.length) parts.push(`npm packages except ${policy.except.join(', ')}`);
  else parts.push('any npm package');
  return parts.join(', ');
}

/**
 * Why `spec` may not be imported from `room`, or undefined when it may.
 * @param {string} room @param {string} fromFile absolute path @param {string} spec
 * @param {boolean} isTest
 */
function violation(room, fromFile, spec, isTest) {
  const { imports, env } = /** @type {Room} */ (ROOMS[room]);
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    // Vite-style `?raw` / `#hash` suffixes are not part of the path.
    const rel = repoPath(path.resolve(path.dirname(fromFile), spec.replace(/[?#].*$/, '')));
    const target = rel === undefined ? undefined : roomOf(rel);
    if (imports === '*' || (target !== undefined && imports.includes(target))) return undefined;
    if (target === undefined && rel !== undefined && ROOT_FILES[rel]?.includes(env)) return undefined;
    return target === undefined ? 'a file outside every room' : `in ${target}/`;
  }
  const policy = PACKAGES[isTest ? 'tooling' : env];
  if (isBuiltin(spec)) return policy.builtins ? undefined : 'a Node built-in';
  const name = packageName(spec);
  return packageAllowed(policy, name) || ROOMS[room]?.packages?.includes(name) ? undefined : 'an npm package';
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports between rooms one-way (DESIGN.md "Rooms")' },
    schema: [],
    messages: {
      bad: 'Bad layering: {{room}}/ may not import "{{spec}}" ({{what}}). {{room}}/ may import only: {{allowed}}.',
    },
  },
  create(context) {
    const file = path.resolve(context.cwd, context.filename);
    const found = roomOfAbsolute(file);
    const env = found === undefined ? undefined : ROOMS[found]?.env;
    if (found === undefined || env === undefined || env === 'tooling') return {};
    const room = found; // narrowed for the hoisted helpers below
    const isTest = TEST_FILE.test(file);

    /**
     * @param {any} node  an AST node or comment (anything with `loc`)
     * @param {string | undefined} spec
     */
    function check(node, spec) {
      if (spec === undefined) return;
      const what = violation(room, file, spec, isTest);
      if (what !== undefined) report(node.loc, spec, what);
    }

    /** @param {import('estree').SourceLocation} loc @param {string} spec @param {string} what */
    function report(loc, spec, what) {
      context.report({ loc, messageId: 'bad', data: { room, spec, what, allowed: describeAllowed(room) } });
    }

    // Several visited nodes are TypeScript-only (TSImportType,
    // TSExternalModuleReference) and absent from estree, hence `any`.
    /** @type {Record<string, (node: any) => void>} */
    const visitors = {
      ImportDeclaration: (n) => check(n, literalText(n.source)),
      ExportNamedDeclaration: (n) => n.source && check(n, literalText(n.source)),
      ExportAllDeclaration: (n) => check(n, literalText(n.source)),
      ImportExpression: (n) => check(n, literalText(n.source)),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, literalText(n.arguments[0]));
      },
      // `import fs = require('fs')` and `type S = import('node:fs').Stats`.
      TSExternalModuleReference: (n) => check(n, literalText(n.expression)),
      TSImportType: (n) => check(n, literalText(n.source ?? n.argument?.literal)),
      // `/// <reference types="node" />` would pull Node's types into a room
      // whose tsconfig deliberately leaves them out. Other type references
      // (e.g. `vite/client` in the renderer) are the tsconfig's business.
      Program: () => {
        if (isTest || PACKAGES[env].builtins) return;
        for (const c of context.sourceCode.getAllComments()) {
          if (c.type === 'Line' && /^\/\s*<reference\s+types\s*=\s*["']node["']/.test(c.value) && c.loc) {
            report(c.loc, 'node', 'Node types via a /// <reference>');
          }
        }
      },
    };
    return visitors;
  },
};

/** A string literal or expression-free template literal's text. @param {any} node */
function literalText(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

export default {
  meta: { name: 'eslint-plugin-kiosk' },
  rules: { layering },
};

// Lint is one of the gates that keep the rooms in DESIGN.md apart: the
// `kiosk/layering` rule (tools/eslint-plugin-kiosk.js) judges every import, and
// globals are set per environment so browser code cannot lean on Node globals
// and the reverse. Rules are the non-type-checked presets: type-aware linting
// would need every per-environment tsconfig loaded and lint must stay fast on
// our 2-core machines; `npm run typecheck` covers types.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import kiosk from './tools/eslint-plugin-kiosk.js';

const CODE = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const DOM_ROOMS = ['ui/**', 'renderer/**', 'hub/console/**'];
const PURE_ROOMS = ['common/**', 'kiosk-config/**'];

// A second line of defence for pure code: its tsconfig already has no DOM or
// Node types, but plain .js files and `declare const` escapes are not checked.
const PURE_FORBIDDEN_GLOBALS = ['window', 'document', 'navigator', 'process', 'Buffer', 'require', '__dirname'].map(
  (name) => ({
    name,
    message: `common/ and kiosk-config/ are pure TypeScript (no DOM, no Node): take what you need as a parameter instead of using "${name}".`,
  }),
);

export default defineConfig(
  globalIgnores(['**/node_modules/', 'dist/', 'release/', 'coverage/', 'test-results/', '.kiosk-data/']),
  { files: CODE, extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: CODE,
    plugins: { kiosk },
    rules: {
      'kiosk/layering': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  // Globals merge across config objects, so each environment gets its set only
  // where it applies. Everything runs under Node except the DOM and pure rooms;
  // test files anywhere run under Vitest in Node.
  { files: CODE, ignores: [...DOM_ROOMS, ...PURE_ROOMS], languageOptions: { globals: globals.node } },
  { files: ['**/*.test.*'], languageOptions: { globals: globals.node } },
  { files: DOM_ROOMS, extends: [reactHooks.configs.flat.recommended], languageOptions: { globals: globals.browser } },
  {
    files: PURE_ROOMS,
    ignores: ['**/*.test.*'],
    rules: { 'no-restricted-globals': ['error', ...PURE_FORBIDDEN_GLOBALS] },
  },
);

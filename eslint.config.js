// Lint rules, including the layer rule: each layer imports only the layers before it.
// flow-model → engine → runtime → storage → server | cli | web
import tseslint from 'typescript-eslint';

const layers = ['flow-model', 'engine', 'runtime', 'storage', 'server', 'cli', 'web'];
const top = new Set(['server', 'cli', 'web']);

/** Layers that `layer` must not import: the later ones (server, cli and web are peers at the top). */
function forbiddenFor(layer) {
  const index = layers.indexOf(layer);
  return layers.filter((other, i) => i > index && !(top.has(layer) && top.has(other)));
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'src/web/dist/**', '.eddy/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layers.map((layer) => ({
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbiddenFor(layer).map((other) => ({
            group: [`**/${other}/**`, `**/${other}/*`, `**/${other}`],
            message: `The ${layer} layer must not import from ${other} (layers: ${layers.join(' → ')}).`,
          })),
        },
      ],
    },
  })),
  {
    files: ['src/engine/**/*.ts', 'src/flow-model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'net', 'node:net', 'child_process', 'node:child_process', 'better-sqlite3', 'pg', 'kysely'].map((name) => ({ name, message: 'The engine and flow-model are pure: no I/O.' })),
          patterns: forbiddenFor('flow-model').map((other) => ({ group: [`**/${other}/**`, `**/${other}/*`, `**/${other}`], message: `Layer rule: no import of ${other} here.` })),
        },
      ],
    },
  },
);

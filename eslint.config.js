// Lint rules, including the layer rule: each layer imports only the layers before it, and only
// through their index.ts.
// flow-model → engine → runtime → storage | adapters → server | cli | web
import tseslint from 'typescript-eslint';

/** Layers in order; layers in one tier are peers that must not import each other (except the top tier). */
const tiers = [['flow-model'], ['engine'], ['runtime'], ['storage', 'adapters'], ['server', 'cli', 'web']];
const layers = tiers.flat();
const tierOf = (layer) => tiers.findIndex((tier) => tier.includes(layer));
const top = new Set(tiers[tiers.length - 1]);
/** Layers whose index.ts is the only door: outer layers never import their files directly. */
const indexed = ['flow-model', 'engine', 'runtime', 'storage', 'adapters', 'server'];

/** Layers that `layer` must not import: later tiers, and its peers below the top tier. */
function forbiddenFor(layer) {
  return layers.filter((other) => other !== layer && (tierOf(other) > tierOf(layer) || (tierOf(other) === tierOf(layer) && !top.has(layer))));
}

/** Import patterns for `layer`: forbidden layers, and deep imports into the layers it may use. */
function layerPatterns(layer) {
  const forbidden = forbiddenFor(layer).map((other) => ({
    group: [`**/${other}/**`, `**/${other}/*`, `**/${other}`],
    message: `The ${layer} layer must not import from ${other} (layers: flow-model → engine → runtime → storage | adapters → server | cli | web).`,
  }));
  const deep = indexed
    .filter((other) => other !== layer && !forbiddenFor(layer).includes(other))
    // src/server/web is the server's own folder, not the web layer: top-tier peers other than server are not fenced.
    .map((other) => ({
      group: [`../**/${other}/**`, `!../**/${other}/index.js`],
      message: `Import the ${other} layer through its index.ts ('…/${other}/index.js'), not its files.`,
    }));
  return [...forbidden, ...deep];
}

/** What the pure layers may not touch: I/O, the process, the clock, randomness. */
const NODE_BUILTINS = ['assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const IMPURE_MODULES = [...NODE_BUILTINS, ...NODE_BUILTINS.map((name) => `node:${name}`), 'better-sqlite3', 'pg', 'kysely', 'nodemailer'];

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
          ...(layer === 'engine' || layer === 'flow-model' ? { paths: IMPURE_MODULES.map((name) => ({ name, message: 'The engine and flow-model are pure: no I/O, no process, no clock.' })) } : {}),
          patterns: layerPatterns(layer),
        },
      ],
    },
  })),
  {
    files: ['src/engine/**/*.ts', 'src/flow-model/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The engine and flow-model are pure: configuration and time are passed in.' }, { name: 'setTimeout', message: 'The engine is pure: no timers.' }, { name: 'setInterval', message: 'The engine is pure: no timers.' }, { name: 'fetch', message: 'The engine is pure: no I/O.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine is pure: the time is passed in (StepContext.now).' },
        { object: 'Math', property: 'random', message: 'The engine is pure: no randomness.' },
        { object: 'crypto', property: 'randomUUID', message: 'The engine is pure: no randomness.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine is pure: `new Date()` reads the clock; the time is passed in.' }],
    },
  },
);

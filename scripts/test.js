#!/usr/bin/env node
// The whole test suite: type check, lint, then vitest on SQLite and PostgreSQL.
// PostgreSQL: uses EDDY_TEST_PG_URL, else the local service; when none answers it installs
// and starts one (Debian). Under CI=true a run that cannot reach PostgreSQL fails.
import { spawnSync } from 'node:child_process';
import { ensurePostgres } from './postgres.js';
import { ensureChromium } from './chromium.js';

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const pgUrl = await ensurePostgres({ required: process.env.CI === 'true' });
const chromium = ensureChromium({ required: process.env.CI === 'true' });
const env = { ...process.env };
if (pgUrl) env.EDDY_TEST_PG_URL = pgUrl;
if (chromium) env.EDDY_CHROMIUM = chromium;

run('npx', ['tsc', '--noEmit']);
run('npx', ['eslint', 'src', 'test']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)], env);

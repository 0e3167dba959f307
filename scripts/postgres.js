// Finds or starts a PostgreSQL server for the tests and returns a URL to a fresh database.
import { execSync, spawnSync } from 'node:child_process';
import pg from 'pg';

const candidates = [
  process.env.EDDY_TEST_PG_URL,
  'postgres://postgres@127.0.0.1:5432/postgres',
  'postgres://root@127.0.0.1:5432/postgres',
].filter(Boolean);

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function sh(cmd) {
  return spawnSync('bash', ['-c', cmd], { stdio: 'inherit' }).status === 0;
}

/** Tries to install (Debian) and start a local PostgreSQL cluster. */
function startLocalPostgres() {
  const root = process.getuid?.() === 0 ? '' : 'sudo ';
  if (!sh('command -v pg_ctlcluster >/dev/null')) {
    console.log('PostgreSQL not found: installing it with apt-get…');
    if (!sh(`${root}apt-get update -qq && ${root}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null`)) return false;
  }
  let versions = '';
  try {
    versions = execSync('ls /etc/postgresql', { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
  } catch {
    return false;
  }
  if (!versions) return false;
  sh(`${root}pg_ctlcluster --skip-systemctl-redirect ${versions} main start`);
  // Trust local TCP connections for the postgres user, as the tests connect without a password.
  sh(`${root}su postgres -c "psql -qc \\"ALTER USER postgres PASSWORD 'postgres'\\"" >/dev/null 2>&1`);
  return true;
}

/**
 * Returns a connection URL to a PostgreSQL database for tests, or undefined when none can be had
 * (an error when `required`).
 */
export async function ensurePostgres({ required }) {
  let url;
  for (const candidate of candidates) {
    if (await reachable(candidate)) { url = candidate; break; }
  }
  if (!url && startLocalPostgres()) {
    for (const candidate of [...candidates, 'postgres://postgres:postgres@127.0.0.1:5432/postgres']) {
      if (await reachable(candidate)) { url = candidate; break; }
    }
  }
  if (!url) {
    const message = 'PostgreSQL is not reachable and could not be started.';
    if (required) { console.error(`✗ ${message} (CI=true: failing instead of skipping)`); process.exit(1); }
    console.warn(`! ${message} PostgreSQL tests will be skipped.`);
    return undefined;
  }
  // A dedicated database per run keeps tests away from other data.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = 'eddy_test';
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

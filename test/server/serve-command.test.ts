/**
 * `eddy serve` as a user runs it: a child process on a free port over a temporary SQLite file,
 * with the demo; it answers once it says it listens, and SIGTERM shuts it down cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

it('serves the demo org on the port it reports and shuts down on SIGTERM with exit code 0', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'eddy-serve-'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/eddy.js'), 'serve', '--port', '0', '--demo', '--database', path.join(dir, 'eddy.db')], {
    cwd: dir,
    env: { ...process.env, EDDY_ADMIN_PASSWORD: 'serve-test-pw', EDDY_DEMO_CLIENT_SECRET: 'serve-test-secret', PORT: '', DATABASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // 'close', not 'exit': the process may exit before its last lines (the shutdown message) are read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Eddy listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`eddy serve exited with ${code}: ${stderr}`)));
  });
  expect(stdout).toContain('Demo org seeded');
  expect(stdout).toContain('client id      eddy-demo');
  const versions = await fetch(`${url}/services/data`);
  expect(versions.status).toBe(200);
  const token = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'eddy-demo', client_secret: 'serve-test-secret', username: 'admin@eddy.local', password: 'serve-test-pw' }).toString(),
  });
  expect(token.status).toBe(200);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout).toContain('SIGTERM: shutting down');
  // A first start may build the web UI (seconds to a minute on a cold machine).
}, PROCESS_TEST_TIMEOUT_MS);

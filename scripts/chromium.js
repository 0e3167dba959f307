// Finds Debian's chromium for the browser tests, installing it with apt-get when missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = '/usr/bin/chromium';

/** Returns the chromium path, or undefined when it cannot be installed (an error when `required`). */
export function ensureChromium({ required }) {
  if (existsSync(path)) return path;
  const root = process.getuid?.() === 0 ? '' : 'sudo ';
  console.log('Chromium not found: installing Debian\'s chromium with apt-get…');
  spawnSync('bash', ['-c', `${root}apt-get update -qq && ${root}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null`], { stdio: 'inherit' });
  if (existsSync(path)) return path;
  if (required) { console.error('✗ chromium could not be installed (CI=true)'); process.exit(1); }
  console.warn('! chromium is not available: browser tests will be skipped.');
  return undefined;
}

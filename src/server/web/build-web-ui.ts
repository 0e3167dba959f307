/**
 * Builds the web UI with Vite when `src/web/dist` is missing or older than its sources, so a
 * fresh clone serves the UI with no build step. One build at a time per checkout: a lock file
 * serialises processes (parallel test workers, a server and `npm run build:web`), and the new
 * build is swapped in whole so a running server never serves half of one.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the UI's sources and build live. */
export interface WebUiPaths {
  /** `src/web` (Vite's root). */
  readonly webRoot: string;
  /** `src/web/dist`. */
  readonly distDir: string;
  /** The embeddable component's entry (`src/server/web/embed/paused-flows-element.ts`). */
  readonly embedEntry: string;
  /** Files and folders whose changes call for a rebuild. */
  readonly sources: readonly string[];
  /** Scratch space for the lock and the build in progress (git-ignored, same disk as `distDir`). */
  readonly cacheDir: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** The paths of this checkout. */
export const WEB_UI_PATHS: WebUiPaths = {
  webRoot: join(repoRoot, 'src/web'),
  distDir: join(repoRoot, 'src/web/dist'),
  embedEntry: join(here, 'embed/paused-flows-element.ts'),
  sources: [join(repoRoot, 'src/web/index.html'), join(repoRoot, 'src/web/vite.config.ts'), join(repoRoot, 'src/web/src'), join(here, 'embed'), join(repoRoot, 'package.json')],
  cacheDir: join(repoRoot, 'node_modules/.cache/eddy-web'),
};

const STAMP = '.eddy-build.json';
const LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_POLL_MS = 200;

async function newestMtimeMs(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtimeMs(join(path, entry)));
  return newest;
}

/** Whether the build is missing, incomplete or older than a source file. */
export async function isWebUiStale(paths: WebUiPaths = WEB_UI_PATHS): Promise<boolean> {
  if (!existsSync(join(paths.distDir, 'index.html')) || !existsSync(join(paths.distDir, 'embed/paused-flows.js'))) return true;
  let built: number;
  try {
    built = (JSON.parse(await readFile(join(paths.distDir, STAMP), 'utf8')) as { sourcesMtimeMs?: number }).sourcesMtimeMs ?? 0;
  } catch {
    return true;
  }
  let newest = 0;
  for (const source of paths.sources) newest = Math.max(newest, await newestMtimeMs(source));
  return newest > built;
}

/** Whether a build lock was left by a process that is gone (killed mid-build) or is very old. */
async function isStaleLock(lockPath: string): Promise<boolean> {
  let owner: number;
  let ageMs: number;
  try {
    owner = Number(await readFile(lockPath, 'utf8'));
    ageMs = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return false;
  }
  if (ageMs > LOCK_STALE_MS) return true;
  if (!Number.isInteger(owner) || owner <= 0) return ageMs > LOCK_POLL_MS * 10;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStaleLock(lockPath)) await rm(lockPath, { force: true });
      else await new Promise((done) => setTimeout(done, LOCK_POLL_MS));
    }
  }
}

/** Runs Vite: the app into `outDir`, the embeddable component into `outDir/embed`. */
async function viteBuild(paths: WebUiPaths, outDir: string): Promise<void> {
  const vite = await import('vite');
  await vite.build({ configFile: join(paths.webRoot, 'vite.config.ts'), root: paths.webRoot, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  await vite.build({
    configFile: false,
    root: paths.webRoot,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: join(outDir, 'embed'),
      emptyOutDir: false,
      sourcemap: false,
      lib: { entry: paths.embedEntry, formats: ['es'], fileName: () => 'paused-flows.js' },
    },
  });
}

/** Builds the UI now (whatever its state), replacing `dist` when done. */
export async function buildWebUi(paths: WebUiPaths = WEB_UI_PATHS): Promise<void> {
  let sourcesMtimeMs = 0;
  for (const source of paths.sources) sourcesMtimeMs = Math.max(sourcesMtimeMs, await newestMtimeMs(source));
  const staging = join(paths.cacheDir, `build-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await viteBuild(paths, staging);
    await writeFile(join(staging, STAMP), JSON.stringify({ sourcesMtimeMs, builtAt: new Date().toISOString() }));
    const old = join(paths.cacheDir, `old-${process.pid}`);
    if (existsSync(paths.distDir)) await rename(paths.distDir, old);
    await rename(staging, paths.distDir);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const checked = new Map<string, Promise<void>>();

/**
 * Builds the UI when it is stale. Checked once per process and `distDir` (a failed check or
 * build is retried on the next call); other processes building the same checkout are waited for.
 */
export function ensureWebUiBuilt(paths: WebUiPaths = WEB_UI_PATHS): Promise<void> {
  let check = checked.get(paths.distDir);
  if (check === undefined) {
    check = (async () => {
      if (!(await isWebUiStale(paths))) return;
      await mkdir(paths.cacheDir, { recursive: true });
      const release = await acquireLock(join(paths.cacheDir, 'build.lock'));
      try {
        if (await isWebUiStale(paths)) await buildWebUi(paths);
      } finally {
        await release();
      }
    })();
    check.catch(() => checked.delete(paths.distDir));
    checked.set(paths.distDir, check);
  }
  return check;
}

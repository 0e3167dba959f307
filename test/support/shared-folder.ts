/**
 * The shared folder of real test data: `../shared` beside the repository (its `flows/` corpus of
 * public flow files, its `seeds/`), read-only.
 *
 * A developer's machine may not have it: then the tests that read it are skipped, saying why
 * ("../shared is absent: skipping …"). Under CI (`CI=true`) the folder is part of the run, so
 * its absence fails the run instead — a green CI never hides the tests it did not run.
 *
 * ```ts
 * describeWithShared('the engine on the flow corpus', () => {
 *   it('runs every flow', () => { ... readdirSync(SHARED_FLOWS) ... });
 * });
 * it.skipIf(!sharedAvailable('the seed contract', ['seeds/002_....txt']))('...', () => { ... });
 * ```
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The shared folder: `../shared` beside the repository. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url));

/** The corpus of real flow files in the shared folder. */
export const SHARED_FLOWS = path.join(SHARED_DIR, 'flows');

/** A path inside the shared folder (`sharedPath('flows', 'x/Flow.flow-meta.xml')`). */
export function sharedPath(...parts: readonly string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** Reasons already printed, so that a file asking several times says it once. */
const reported = new Set<string>();

/**
 * Whether `needs` (paths inside the shared folder; default its `flows/`) are all there, for
 * `purpose` (what is skipped, as a reader would name it). When one is missing: under CI, throws
 * a clear error (the test file fails); elsewhere prints "../shared is absent: skipping
 * <purpose>" and returns false.
 */
export function sharedAvailable(purpose: string, needs: readonly string[] = ['flows']): boolean {
  const missing = (needs.length === 0 ? [''] : needs).map((need) => sharedPath(need)).filter((file) => !existsSync(file));
  if (missing.length === 0) return true;
  const reason = `../shared is absent (${missing.join(', ')} not found)`;
  if (process.env.CI === 'true') {
    throw new Error(`${reason}: ${purpose} cannot run. Under CI (CI=true) the shared folder is required, so its absence fails instead of skipping: lay it beside the repository (${SHARED_DIR}).`);
  }
  const message = `${reason}: skipping ${purpose}.`;
  if (!reported.has(message)) {
    reported.add(message);
    console.warn(message);
  }
  return false;
}

/**
 * `describe(name, body)` when the shared folder has `needs` (default `flows/`); otherwise the
 * block is skipped with the reason printed and in its name — or, under CI, the file fails.
 */
export function describeWithShared(name: string, body: () => void, needs: readonly string[] = ['flows']): void {
  if (sharedAvailable(`"${name}"`, needs)) describe(name, body);
  else describe.skip(`${name} (skipped: ../shared is absent)`, body);
}

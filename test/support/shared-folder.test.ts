/**
 * The shared-folder guard: a missing part of `../shared` skips its tests with the reason printed,
 * except under CI, where it fails with a clear error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHARED_DIR, SHARED_FLOWS, sharedAvailable, sharedPath } from './shared-folder.js';

const MISSING = 'no-such-folder-made-by-the-shared-folder-test';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the shared folder', () => {
  it('is ../shared beside the repository, with the corpus in flows/', () => {
    expect(SHARED_DIR).toBe(path.resolve(import.meta.dirname, '../../../shared'));
    expect(SHARED_FLOWS).toBe(path.join(SHARED_DIR, 'flows'));
    expect(sharedPath('flows', 'a/b.flow-meta.xml')).toBe(path.join(SHARED_DIR, 'flows', 'a', 'b.flow-meta.xml'));
    expect(existsSync(sharedPath(MISSING))).toBe(false);
  });

  it('skips, saying why, when a part is missing outside CI', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedAvailable('the guard test', [MISSING])).toBe(false);
    expect(warn).toHaveBeenCalledWith(`../shared is absent (${sharedPath(MISSING)} not found): skipping the guard test.`);
  });

  it('fails with a clear error when a part is missing under CI', () => {
    vi.stubEnv('CI', 'true');
    expect(() => sharedAvailable('the guard test', [MISSING])).toThrow(/^\.\.\/shared is absent \(.*not found\): the guard test cannot run\. Under CI \(CI=true\)/);
  });
});

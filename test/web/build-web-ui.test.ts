import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isWebUiStale, type WebUiPaths } from '../../src/server/web/build-web-ui.js';

describe('web UI build freshness', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  function layout(): WebUiPaths {
    root = mkdtempSync(join(tmpdir(), 'eddy-web-build-'));
    mkdirSync(join(root, 'src/nested'), { recursive: true });
    writeFileSync(join(root, 'src/nested/app.tsx'), 'x');
    return { webRoot: root, distDir: join(root, 'dist'), embedEntry: join(root, 'embed.ts'), sources: [join(root, 'src')], cacheDir: join(root, 'cache') };
  }

  function build(paths: WebUiPaths, sourcesMtimeMs: number): void {
    mkdirSync(join(paths.distDir, 'embed'), { recursive: true });
    writeFileSync(join(paths.distDir, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(paths.distDir, 'embed/paused-flows.js'), '');
    writeFileSync(join(paths.distDir, '.eddy-build.json'), JSON.stringify({ sourcesMtimeMs }));
  }

  it('is stale without a build', async () => {
    expect(await isWebUiStale(layout())).toBe(true);
  });

  it('is fresh when built after the newest source, stale when a source changed since', async () => {
    const paths = layout();
    const file = join(paths.sources[0] ?? '', 'nested/app.tsx');
    utimesSync(file, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    utimesSync(join(paths.sources[0] ?? '', 'nested'), new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    utimesSync(paths.sources[0] ?? '', new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    build(paths, Date.parse('2025-01-02T00:00:00Z'));
    expect(await isWebUiStale(paths)).toBe(false);
    utimesSync(file, new Date('2025-01-03T00:00:00Z'), new Date('2025-01-03T00:00:00Z'));
    expect(await isWebUiStale(paths)).toBe(true);
  });

  it('is stale when the build is incomplete or its stamp is damaged', async () => {
    const paths = layout();
    build(paths, Date.now() + 60_000);
    rmSync(join(paths.distDir, 'embed/paused-flows.js'));
    expect(await isWebUiStale(paths)).toBe(true);
    build(paths, Date.now() + 60_000);
    writeFileSync(join(paths.distDir, '.eddy-build.json'), '{');
    expect(await isWebUiStale(paths)).toBe(true);
  });
});

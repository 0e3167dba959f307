/** The built UI, the design system's assets and the embeddable component, served by the server. */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureWebUiBuilt } from '../../src/server/web/build-web-ui.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from '../server/support/test-server.js';

/** A GET with the path sent exactly as given (Node's client does not normalise `..`). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  await ensureWebUiBuilt();
}, 120_000);

forEachDatabase(
  'web UI serving',
  (ctx) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await createTestServer(ctx.db(), ctx.clock());
    });
    afterAll(async () => {
      await server.app.close();
    });

    it('answers the app page for every page of the single-page app', async () => {
      for (const url of ['/', '/lightning/page/home', '/lightning/r/Contact/003000000000001AAA/view', '/flow/Change_Address?recordId=003000000000001AAA', '/interview/0Fo000000000001AAA', '/setup/flows']) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.body).toContain('<div id="root"></div>');
        expect(response.headers['cache-control']).toBe('no-cache');
        expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
      }
    });

    it('serves the built assets and the design system locally', async () => {
      const page = await server.app.inject({ method: 'GET', url: '/' });
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      expect(script).toBeDefined();
      const asset = await server.app.inject({ method: 'GET', url: script ?? '' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
      const css = await server.app.inject({ method: 'GET', url: '/slds/styles/salesforce-lightning-design-system.min.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const icons = await server.app.inject({ method: 'GET', url: '/slds/icons/utility-sprite/svg/symbols.svg' });
      expect(icons.statusCode).toBe(200);
    });

    it('serves the embeddable component as a module script', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/embed/paused-flows.js' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.body).toContain('eddy-paused-flows');
    });

    it('does not serve files outside the build', async () => {
      for (const url of ['/assets/../../vite.config.ts', '/assets/%2e%2e/%2e%2e/index.html', '/slds/../package.json']) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.body).not.toContain('defineConfig');
      }
    });

    it('answers traversal, NUL and undecodable paths under the static routes with 404, never 5xx', async () => {
      const urls = [
        '/assets/%00', '/slds/%00', '/embed/paused-flows.js%00', '/slds/..%2f..%2f..%2fetc%2fpasswd', '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
        '/assets/..%5c..%5cpackage.json', '/slds/%E0%A4%A', '/assets/%ff', '/slds/styles/%2e%2e/%2e%2e/%2e%2e/package.json',
      ];
      for (const url of urls) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.json(), url).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }]);
      }
      // Through a real socket the path reaches the router unnormalised (curl --path-as-is).
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.server.address() as AddressInfo;
      for (const path of ['/assets/../../package.json', '/slds/../../../../etc/passwd', '/assets/../src/main.tsx']) {
        const { status, body } = await rawGet(port, path);
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(status, path).toBeLessThan(500);
        expect(body, path).not.toContain('"dependencies"');
      }
    });

    it('keeps unknown API paths as JSON errors', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject([{ errorCode: 'NOT_FOUND' }]);
    });
  },
  { isolation: 'suite' },
);

/**
 * The API's documentation, no token needed: `GET /services/data/openapi.json` (the seed's
 * document merged with Eddy's paths, see `openapi/openapi-document.ts`) and
 * `GET /services/data/openapi.html`, an interactive reference page rendered in the browser by a
 * small self-contained script (`/services/data/openapi/reference.js`; no CDN, no library).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { JsonValue } from '../../engine/index.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import { resource } from '../resource.js';

const REFERENCE_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi', 'reference');
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/** Registers the documentation routes (on the root instance). */
export function registerOpenApiRoutes(app: FastifyInstance): void {
  let document: Record<string, JsonValue> | undefined;
  const files = new Map<string, Promise<string>>();
  const asset = (name: string): Promise<string> => {
    let text = files.get(name);
    if (!text) {
      text = readFile(join(REFERENCE_FOLDER, name), 'utf8');
      files.set(name, text);
    }
    return text;
  };

  resource(app, '/services/data/openapi.json', { GET: async () => (document ??= buildOpenApiDocument()) }, { public: true });
  resource(
    app,
    '/services/data/openapi.html',
    {
      GET: async (_request, reply) =>
        reply.type('text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff').send(await asset('index.html')),
    },
    { public: true },
  );
  resource(
    app,
    '/services/data/openapi/reference.js',
    { GET: async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('x-content-type-options', 'nosniff').send(await asset('reference.js')) },
    { public: true },
  );
}

/**
 * The web UI plugin of the server: the session routes (`/web/session`), the built app
 * (`src/web/dist`, built on first need), the design system's CSS and icons from node_modules
 * (`/slds/...`; no CDN), the SPA's pages (`/`, `/lightning/*`, `/flow/*`, `/interview/*`,
 * `/setup/*` all answer `index.html`), the embeddable component (`/embed/paused-flows.js`) and,
 * for origins listed in `EDDY_EMBED_ORIGINS`, CORS for bearer-token API calls from embeds.
 * Returns the session cookie's credential resolver for the server's authenticator.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CredentialResolver } from '../auth/authenticate.js';
import type { ServerContext } from '../server-context.js';
import { ensureWebUiBuilt, WEB_UI_PATHS, type WebUiPaths } from './build-web-ui.js';
import { registerSessionRoutes } from './session-routes.js';
import { webSessionResolver } from './web-session.js';

/** Options of {@link registerWebUi}. */
export interface WebUiOptions {
  /** Where the UI's sources and build live (tests point elsewhere). */
  readonly paths?: WebUiPaths;
  /** Origins allowed to call the API with a bearer token from an embedded component (default none; `eddy serve` reads `EDDY_EMBED_ORIGINS`). */
  readonly embedOrigins?: readonly string[];
  /** Build the UI as soon as the server listens when it is stale (default true); otherwise on the first page request. */
  readonly buildOnListen?: boolean;
}

/** The SPA's page prefixes (and `/`): every path under them answers `index.html`. */
export const SPA_PREFIXES = ['/lightning', '/flow', '/interview', '/setup'] as const;

const require = createRequire(import.meta.url);

function sldsAssetsDir(): string {
  return join(dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');
}

/** Security headers of the UI's pages: no framing by other sites, no sniffing, scripts only from here. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Registers the web UI on the root instance and returns the session cookie's credential resolver. */
export function registerWebUi(app: FastifyInstance, context: ServerContext, options: WebUiOptions = {}): CredentialResolver {
  const paths = options.paths ?? WEB_UI_PATHS;
  const embedOrigins = new Set(options.embedOrigins ?? []);

  registerSessionRoutes(app, context);

  void app.register(fastifyStatic, { root: sldsAssetsDir(), prefix: '/slds/', decorateReply: true, index: false, maxAge: '1d' });

  const sendBuilt = async (reply: FastifyReply, file: string, root: string, cache: 'immutable' | 'none'): Promise<FastifyReply> => {
    await ensureWebUiBuilt(paths);
    reply.header('cache-control', cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.sendFile(file, root, { cacheControl: false });
  };

  app.get('/assets/*', async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return sendBuilt(reply, file, join(paths.distDir, 'assets'), 'immutable');
  });

  app.get('/embed/paused-flows.js', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    return sendBuilt(reply, 'paused-flows.js', join(paths.distDir, 'embed'), 'none');
  });

  const page = async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    reply.headers(PAGE_HEADERS);
    return sendBuilt(reply, 'index.html', paths.distDir, 'none');
  };
  app.get('/', page);
  for (const prefix of SPA_PREFIXES) {
    app.get(prefix, page);
    app.get(`${prefix}/*`, page);
  }

  if (options.buildOnListen !== false) {
    app.addHook('onListen', async () => {
      // Start building now so the first page is quick; a failure shows on the first page request.
      ensureWebUiBuilt(paths).catch((error: unknown) => app.log.error({ err: error }, 'Building the web UI failed.'));
    });
  }

  if (embedOrigins.size > 0) {
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin === undefined || !embedOrigins.has(origin) || !request.url.startsWith('/services/')) return;
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      if (request.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'GET, POST, PATCH, DELETE');
        reply.header('access-control-allow-headers', 'Authorization, Content-Type');
        reply.header('access-control-max-age', '600');
        return reply.code(204).send();
      }
    });
  }

  return webSessionResolver(context.oauth);
}

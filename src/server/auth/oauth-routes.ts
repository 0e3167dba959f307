/**
 * `/services/oauth2/token` and `/services/oauth2/revoke`: form-encoded (also chunked), client
 * credentials in the form or as HTTP Basic, errors as `{ error, error_description }` (400).
 * Token responses are never cached (`Cache-Control: no-store`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerFormParser } from '../body-parsers.js';
import { handleOAuthError } from '../error-handler.js';
import { OAuthError } from '../../runtime/index.js';
import { resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';

function formOf(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new OAuthError('invalid_request', 'the request body must be form-encoded');
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') form[key] = value;
  return form;
}

/** Client id and secret from `Authorization: Basic base64(id:secret)`, if given. */
function basicClientCredentials(request: FastifyRequest): { client_id?: string; client_secret?: string } {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return {};
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return { client_id: decodeURIComponent(decoded.slice(0, colon)), client_secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** Registers the OAuth endpoints (as a plugin with its own parser and error shape). */
export function registerOAuthRoutes(app: FastifyInstance, context: ServerContext): void {
  void app.register(async (oauth) => {
    registerFormParser(oauth);
    oauth.setErrorHandler(handleOAuthError);
    resource(
      oauth,
      '/services/oauth2/token',
      {
        POST: async (request, reply) => {
          const form = { ...basicClientCredentials(request), ...formOf(request) };
          const response = await context.oauth.token({ ...form, ip: request.ip, instanceUrl: context.instanceUrl(request) });
          return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(response);
        },
      },
      { public: true },
    );
    const revoke = async (request: FastifyRequest): Promise<string> => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const token = formOf(request).token ?? (typeof query.token === 'string' ? query.token : undefined);
      if (!token) throw new OAuthError('unsupported_token_type', 'missing token parameter');
      await context.oauth.revoke(token);
      return '';
    };
    resource(oauth, '/services/oauth2/revoke', { POST: revoke, GET: revoke }, { public: true });
  });
}

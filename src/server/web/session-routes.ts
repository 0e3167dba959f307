/**
 * `/web/session`: the web UI's sign-in (`POST` username and password → session cookie), the
 * current session (`GET` → the user, their permissions and the CSRF token) and sign-out
 * (`DELETE` → token revoked, cookies cleared). Sign-in goes through the OAuth password grant of a
 * public connected app (`eddy-web`), so passwords, rate limits and token expiry are the API's own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InsufficientAccessError, isRequestError } from '../../runtime/index.js';
import type { UserRecord } from '../../runtime/index.js';
import { invalidSession } from '../http-errors.js';
import { OAuthError } from '../../runtime/index.js';
import type { ServerContext } from '../server-context.js';
import { checkCsrf, CSRF_COOKIE, csrfTokenFor, isCrossOrigin, serializeCookie, SESSION_COOKIE, sessionTokenOf } from './web-session.js';

/** The OAuth client id of the web UI (a public connected app: no secret). */
export const WEB_CLIENT_ID = 'eddy-web';

const LOCKED_MESSAGE = 'Too many failed sign-in attempts. Wait a few minutes and try again.';
const FAILED_MESSAGE = 'The username or password is not correct.';

/** The user as `/web/session` describes them. */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly email: string | null;
  readonly organizationId: string;
  readonly permissions: { readonly runFlows: boolean; readonly manageFlow: boolean; readonly customizeApplication: boolean; readonly viewAllData: boolean; readonly manageUsers: boolean };
}

async function sessionUser(context: ServerContext, user: UserRecord): Promise<SessionUser> {
  const permissions = await context.storage.directory.permissionsOf(user.Id);
  return {
    id: user.Id,
    username: user.Username,
    name: user.Name,
    email: user.Email,
    organizationId: await context.oauth.orgId(),
    permissions: { runFlows: permissions.runFlows, manageFlow: permissions.manageFlow, customizeApplication: permissions.customizeApplication, viewAllData: permissions.viewAllData, manageUsers: permissions.manageUsers },
  };
}

/** Registers the web UI's public connected app once (a concurrent registration is fine). */
async function ensureWebClient(context: ServerContext): Promise<void> {
  if ((await context.storage.oauth.getConnectedAppByClientId(WEB_CLIENT_ID)) !== undefined) return;
  const actorId = (await context.storage.settings.getOrganization()).automatedProcessUserId;
  try {
    await context.oauth.registerConnectedApp({ name: 'Eddy Web UI', clientId: WEB_CLIENT_ID, scopes: ['api', 'web'] }, actorId);
  } catch (error) {
    if (!(isRequestError(error) && error.code === 'DUPLICATE_VALUE')) throw error;
  }
}

/**
 * Whether the browser reached the server over HTTPS: the configured public URL says so, or the
 * request's protocol does — its own TLS, or `X-Forwarded-Proto` from a trusted proxy (the
 * `trustProxy` option; an untrusted peer's header is ignored).
 */
function isHttps(context: ServerContext, request: FastifyRequest): boolean {
  return request.protocol === 'https' || context.instanceUrl(request).startsWith('https:');
}

function setSessionCookies(context: ServerContext, reply: FastifyReply, request: FastifyRequest, token: string, maxAgeSeconds: number): void {
  const secure = isHttps(context, request);
  reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, maxAgeSeconds > 0 ? csrfTokenFor(token) : '', { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

function loginFailed(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(401).send([{ message, errorCode: 'INVALID_LOGIN', fields: [] }]);
}

/** Registers `GET`, `POST` and `DELETE /web/session`. */
export function registerSessionRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/web/session', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = sessionTokenOf(request);
    const identity = token === undefined ? undefined : await context.oauth.authenticate(token);
    if (token === undefined || identity === undefined) {
      if (token !== undefined) setSessionCookies(context, reply, request, '', 0);
      throw invalidSession();
    }
    return { user: await sessionUser(context, identity.user), csrfToken: csrfTokenFor(token) };
  });

  app.post('/web/session', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // A JSON body cannot be posted from another site without a CORS preflight (login CSRF).
    if (isCrossOrigin(request) || !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      throw new InsufficientAccessError('Sign in from Eddy’s own page with a JSON body.');
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (username === '' || password === '') return loginFailed(reply, 'Enter a username and a password.');
    await ensureWebClient(context);
    let accessToken: string;
    try {
      const response = await context.oauth.token({ grant_type: 'password', client_id: WEB_CLIENT_ID, username, password, ip: request.ip, instanceUrl: context.instanceUrl(request) });
      accessToken = response.access_token;
    } catch (error) {
      if (error instanceof OAuthError) return loginFailed(reply, /too many/i.test(error.message) ? LOCKED_MESSAGE : FAILED_MESSAGE);
      throw error;
    }
    const identity = await context.oauth.authenticate(accessToken);
    if (identity === undefined) return loginFailed(reply, FAILED_MESSAGE);
    setSessionCookies(context, reply, request, accessToken, Math.floor(context.oauth.tokens.accessTokenTtlMs / 1000));
    return { user: await sessionUser(context, identity.user), csrfToken: csrfTokenFor(accessToken) };
  });

  app.delete('/web/session', async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token !== undefined) {
      checkCsrf(request, token);
      await context.oauth.revoke(token);
    }
    setSessionCookies(context, reply, request, '', 0);
    return reply.code(204).send();
  });
}

/**
 * The HTTP server as a Fastify instance, built from storage (or a runtime) and a clock, without
 * listening — tests drive it with `app.inject()`, `main.ts` listens. It speaks Salesforce's REST
 * dialect as real clients expect it (`shared/reference/salesforce-clients.md`):
 *
 * - JSON always as `application/json;charset=UTF-8`, every response with
 *   `X-Content-Type-Options: nosniff`; errors `[{ message, errorCode, fields }]`
 *   mapped in `error-handler.ts`; unknown routes 404 `NOT_FOUND`; other methods 405.
 * - Duplicate slashes collapsed before routing (the sf CLI calls `//services/data/...`).
 * - JSON bodies parsed leniently (empty body with a JSON content type is fine), malformed JSON
 *   400 `JSON_PARSER_ERROR`; bodies over the limit 413; URLs over 16,384 characters 414.
 * - `/services/oauth2/*` (OAuth), `/id/...`, `/services/data` (versions, public) and
 *   `/services/data/vNN.N/...` (version-checked, then authenticated).
 */
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createRuntime, OAuthService, QueryService, systemClock } from '../runtime/index.js';
import type { Clock, LoginLimits, PasswordHasher, Runtime, Storage, TokenLifetimes } from '../runtime/index.js';
import { Authenticator, bearerTokenResolver } from './auth/authenticate.js';
import type { CredentialResolver } from './auth/authenticate.js';
import { registerIdentityRoutes } from './auth/identity-routes.js';
import { registerOAuthRoutes } from './auth/oauth-routes.js';
import { registerJsonParser } from './body-parsers.js';
import { handleApiError } from './error-handler.js';
import { HttpError, notFound } from './http-errors.js';
import { registerResourcesRoute, registerVersionListRoute } from './routes/version-routes.js';
import { registerCollectionRoutes } from './routes/collection-routes.js';
import { registerCompositeRoutes } from './routes/composite-routes.js';
import { directoryHandlers } from './routes/directory-handlers.js';
import { flowHandlers } from './routes/flow-handlers.js';
import { flowInterviewHandlers, platformEventHandlers } from './routes/interview-handlers.js';
import { registerInvocableFlowRoutes } from './routes/invocable-flow-routes.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerQueryRoutes } from './routes/query-routes.js';
import { registerRuntimeApiRoutes } from './routes/runtime-api-routes.js';
import { registerSettingsRoutes } from './routes/settings-routes.js';
import { registerSObjectRoutes } from './routes/sobject-routes.js';
import { instanceUrlResolver } from './server-context.js';
import type { ServerContext, ServerStorage } from './server-context.js';
import { registerVersionedApi } from './versioned-api.js';
import { SoqlEngine } from '../storage/index.js';
import { registerWebUi } from './web/register-web-ui.js';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** Every storage port, plus OAuth (`openDatabase()` gives one); default the runtime's storage. */
  readonly storage?: ServerStorage;
  /**
   * The runtime that runs interviews; default one built over `storage` on first use (without
   * background work: `main.ts` passes its own, which resumes waits).
   */
  readonly runtime?: Runtime;
  /** Time for token expiry and rate limits (default the system clock). */
  readonly clock?: Clock;
  /** Fastify's logger option (default off). */
  readonly logger?: FastifyServerOptions['logger'];
  /** The public base URL (`https://flows.example.com`); default: from each request's Host header. */
  readonly publicUrl?: string;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  readonly bodyLimitBytes?: number;
  /** Longest request URL in characters (default 16,384); longer ones get 414. */
  readonly maxUrlLength?: number;
  readonly tokens?: TokenLifetimes;
  readonly loginLimits?: LoginLimits;
  /** Password hashing (default argon2id with OWASP parameters; tests may use cheaper ones). */
  readonly passwordHasher?: PasswordHasher;
  /**
   * Trust `X-Forwarded-For`, `-Host` and `-Proto` (behind a reverse proxy that sets them):
   * `true` from any peer, a number of proxy hops, or the proxies' addresses and CIDR ranges
   * (`'10.0.0.0/8,127.0.0.1'`). Default false: the headers are ignored, since anyone could send
   * them. See {@link parseTrustProxy}.
   */
  readonly trustProxy?: TrustProxy;
  /** Origins allowed to call the API with a bearer token from an embedded `<eddy-paused-flows>` (default none). */
  readonly embedOrigins?: readonly string[];
  /** More ways to authenticate (the web UI's session cookie), tried after the bearer token. */
  readonly credentialResolvers?: readonly CredentialResolver[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The OAuth service (connected apps, passwords, tokens) of this server. */
    oauth: OAuthService;
  }
}

/** Fastify's `trustProxy`: everyone, a hop count, or addresses and CIDR ranges. */
export type TrustProxy = boolean | number | string;

/**
 * A `--trust-proxy` / `EDDY_TRUST_PROXY` value: `true`/`false`, a hop count (`1`), or a
 * comma-separated list of addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8`); undefined or empty
 * is false.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim();
  if (value === '' || /^(?:false|no|off|0)$/i.test(value)) return false;
  if (/^(?:true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (!/^[0-9A-Fa-f.:/,\s]+$/.test(value)) throw new Error(`Invalid trust-proxy value "${value}": give true, a number of hops, or proxy addresses (10.0.0.0/8,127.0.0.1).`);
  return value;
}

/** Fastify's form of a {@link TrustProxy}: a hop count becomes "the first n hops" (its types lack the number form). */
function fastifyTrustProxy(trust: TrustProxy): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** Default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Default URL length limit. */
export const DEFAULT_MAX_URL_LENGTH = 16_384;

/** Collapses runs of `/` in the path (not in the query string). */
export function collapseSlashes(url: string): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const collapsed = path.replace(/\/{2,}/g, '/');
  return query < 0 ? collapsed : collapsed + url.slice(query);
}

function isServerStorage(storage: Storage): storage is ServerStorage {
  const candidate = storage as Partial<ServerStorage>;
  return typeof candidate.oauth === 'object' && typeof candidate.db === 'object' && typeof candidate.dialect === 'string';
}

/** The storage of the options: given, else the runtime's (which must expose `oauth`). */
function storageOf(options: ServerOptions): ServerStorage {
  if (options.storage) return options.storage;
  const storage = options.runtime?.storage;
  if (storage === undefined) throw new Error('buildServer needs a storage or a runtime.');
  if (!isServerStorage(storage)) throw new Error("buildServer: the runtime's storage is not Eddy's database (open it with openDatabase()).");
  return storage;
}

/** Builds the server (not listening). Call `await app.ready()` or `app.listen()`. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const storage = storageOf(options);
  const clock = options.clock ?? options.runtime?.clock ?? systemClock;
  const maxUrlLength = options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // Node refuses a request line + headers above maxHeaderSize with 431 before Fastify sees it;
    // raise it so the 414 below can answer in Salesforce's shape.
    http: { maxHeaderSize: Math.max(maxUrlLength * 4, 64 * 1024) },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    rewriteUrl: (request) => collapseSlashes(request.url ?? '/'),
    // A path that does not decode (`/slds/%E0%A4%A`) answers in Salesforce's shape like any other error.
    frameworkErrors: (error, request, reply) => handleApiError(error, request, reply),
  });

  const oauth = new OAuthService({
    storage,
    clock,
    ...(options.tokens ? { lifetimes: options.tokens } : {}),
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    ...(options.passwordHasher ? { hasher: options.passwordHasher } : {}),
  });
  app.decorate('oauth', oauth);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('apiVersion', undefined);

  let ownRuntime: Promise<Runtime> | undefined;
  // One SOQL engine per server: it holds the query locators that later pages are read with.
  const soqlEngine = new SoqlEngine(storage, { clock: () => clock.now() });
  const runtime = (): Promise<Runtime> => (options.runtime ? Promise.resolve(options.runtime) : (ownRuntime ??= createRuntime({ storage, clock, soql: soqlEngine, ...(options.publicUrl === undefined ? {} : { serverUrl: options.publicUrl }) })));
  app.addHook('onClose', async () => {
    if (ownRuntime) await (await ownRuntime).stop();
  });
  const soql = new QueryService(soqlEngine);
  const context: ServerContext = { storage, oauth, clock, runtime, soql, instanceUrl: instanceUrlResolver(options.publicUrl) };
  const resolvers = [bearerTokenResolver(oauth), registerWebUi(app, context, options.embedOrigins === undefined ? {} : { embedOrigins: options.embedOrigins }), ...(options.credentialResolvers ?? [])];
  const authenticator = new Authenticator(storage, resolvers);

  // Synchronous hooks (callback style): every request runs them, and an async hook costs a
  // promise or two each.
  app.addHook('onRequest', (request, _reply, done) => {
    if ((request.raw.url ?? '').length > maxUrlLength) done(new HttpError('URI_TOO_LONG', `The request URL is longer than ${maxUrlLength} characters.`));
    else done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && /^application\/json\b/i.test(type)) reply.header('content-type', 'application/json;charset=UTF-8');
    // Every answer is what its Content-Type says: browsers must not guess (a JSON error echoing
    // user text must never be sniffed as HTML).
    reply.header('x-content-type-options', 'nosniff');
    done(null, payload);
  });
  registerJsonParser(app);
  app.setErrorHandler(handleApiError);
  app.setNotFoundHandler(() => {
    throw notFound();
  });

  registerOAuthRoutes(app, context);
  registerIdentityRoutes(app, context, options.credentialResolvers ?? []);
  registerVersionListRoute(app);
  registerOpenApiRoutes(app);
  registerVersionedApi(app, authenticator, (api) => {
    registerResourcesRoute(api, context);
    const special = new Map([
      ['flow', flowHandlers(context)],
      ['flowinterview', flowInterviewHandlers(context)],
      ['__e', platformEventHandlers(context)],
      ...directoryHandlers(context),
    ]);
    registerSObjectRoutes(api, context, special);
    registerSObjectRoutes(api, context, special, '/tooling');
    registerQueryRoutes(api, context);
    registerCollectionRoutes(api, context);
    registerCompositeRoutes(api, context);
    registerInvocableFlowRoutes(api, context);
    registerRuntimeApiRoutes(api, context);
    registerSettingsRoutes(api, context);
    registerJobRoutes(api, context);
  });
  return app;
}

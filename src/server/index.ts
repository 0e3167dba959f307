/** The server layer: the HTTP app factory, its composition root, authentication and the demo org (identity itself is the runtime's). */
export { buildServer, collapseSlashes, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_MAX_URL_LENGTH, parseTrustProxy } from './app.js';
export type { ServerOptions, TrustProxy } from './app.js';
export { startServer } from './main.js';
export type { RunningServer, StartServerOptions } from './main.js';
export { apiVersions, parseApiVersion, CURRENT_API_VERSION, MIN_API_VERSION } from './api-version.js';
export { actorOf, Authenticator, bearerTokenOf, bearerTokenResolver } from './auth/authenticate.js';
export type { Actor, CredentialOutcome, CredentialResolver } from './auth/authenticate.js';
export { handleApiError, handleOAuthError, mapError } from './error-handler.js';
export { HttpError, invalidSession, notFound } from './http-errors.js';
export { seedDemoOrg, demoFlowFiles, DEMO_CLIENT_ID, DEMO_FLOWS, DEMO_USERS } from './demo/demo-org.js';
export type { DemoSeedResult } from './demo/demo-org.js';
export { buildOpenApiDocument, SEED_OPERATION_IDS } from './openapi/openapi-document.js';
export type { ServerContext, ServerStorage } from './server-context.js';

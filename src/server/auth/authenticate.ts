/**
 * Who is calling: an `onRequest` hook resolves the request's credentials to an {@link Actor}
 * (`request.actor`) through a list of {@link CredentialResolver}s — today the OAuth bearer
 * token; the web UI's session cookie (issue 5) is another resolver added to the list. A request
 * with no credentials, or with credentials that are invalid, expired or revoked, is 401
 * `INVALID_SESSION_ID`; a route marked `config: { public: true }` skips the check.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessCacheFor, type AccessView } from '../../runtime/index.js';
import type { AccessSubject, OAuthService, Storage, UserRecord } from '../../runtime/index.js';
import { invalidSession } from '../http-errors.js';

/** The authenticated caller of a request. */
export interface Actor {
  readonly userId: string;
  readonly user: UserRecord;
  /** Everything the sharing rules need (permissions, roles, groups). */
  readonly subject: AccessSubject;
  /** How the caller authenticated. */
  readonly via: 'token' | 'session';
  /** OAuth scopes of the token (a session has `['web']`). */
  readonly scopes: readonly string[];
  /**
   * The request's view of the access cache, opened when it was authenticated: reads of this
   * request (the describe, an interview's read check) use it rather than checking the access
   * revision again. Writes open their own inside their transaction.
   */
  readonly cache: AccessView;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (set by the authentication hook). */
    actor: Actor | undefined;
  }
  interface FastifyContextConfig {
    /** The route answers without credentials. */
    public?: boolean;
  }
}

/** What a resolver found: no credentials of its kind, invalid ones, or a user. */
export type CredentialOutcome =
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'valid'; readonly user: UserRecord; readonly via: Actor['via']; readonly scopes: readonly string[] };

/** Reads one kind of credentials from a request (through the request's view of the access cache). */
export type CredentialResolver = (request: FastifyRequest, cache: AccessView) => Promise<CredentialOutcome>;

/** The token of `Authorization: Bearer <token>` (or Salesforce's older `OAuth <token>`), if any. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * Resolves OAuth access tokens from the `Authorization` header; with `allowQueryToken`, also from
 * `?oauth_token=` (the identity URL accepts it, as Salesforce's does).
 */
export function bearerTokenResolver(oauth: OAuthService, options: { readonly allowQueryToken?: boolean } = {}): CredentialResolver {
  return async (request, cache) => {
    let token = bearerTokenOf(request);
    if (token === undefined && options.allowQueryToken) {
      const query = request.query as Record<string, unknown> | undefined;
      if (typeof query?.oauth_token === 'string') token = query.oauth_token;
    }
    if (token === undefined) return { kind: 'absent' };
    const identity = token === '' ? undefined : await oauth.authenticate(token, cache);
    return identity ? { kind: 'valid', user: identity.user, via: 'token', scopes: identity.scopes } : { kind: 'invalid' };
  };
}

/** Turns credentials into an {@link Actor} with the first resolver that finds any. */
export class Authenticator {
  readonly #storage: Storage;
  readonly #resolvers: readonly CredentialResolver[];

  constructor(storage: Storage, resolvers: readonly CredentialResolver[]) {
    this.#storage = storage;
    this.#resolvers = resolvers;
  }

  /**
   * The caller; 401 `INVALID_SESSION_ID` when there are no valid credentials. Tokens, users and
   * their access subjects come from the access cache (one statement when nothing changed).
   */
  async authenticate(request: FastifyRequest): Promise<Actor> {
    const cache = await accessCacheFor(this.#storage).open(this.#storage);
    for (const resolve of this.#resolvers) {
      const outcome = await resolve(request, cache);
      if (outcome.kind === 'absent') continue;
      if (outcome.kind === 'invalid') throw invalidSession();
      const subject = await cache.subject(outcome.user.Id);
      return { userId: outcome.user.Id, user: outcome.user, subject, via: outcome.via, scopes: outcome.scopes, cache };
    }
    throw invalidSession();
  }

  /** Adds an `onRequest` hook to `app` (and its children) that sets `request.actor` on non-public routes. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public === true) return;
      request.actor = await this.authenticate(request);
    });
  }
}

/** The request's actor; a bug if the route is public or the hook is missing (401 rather than a crash). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw invalidSession();
  return request.actor;
}

/**
 * OAuth 2.0 as Salesforce serves it at `/services/oauth2/token`: the `password` grant (the
 * password optionally followed by the user's security token), `refresh_token` and
 * `client_credentials` (as the connected app's run-as user), for connected apps with a client id
 * and an argon2id-hashed secret. Failures answer `invalid_grant` / `authentication failure` and
 * never say whether the username exists; failed logins are rate-limited per username and IP.
 * Also the administration the server and demo need: connected apps, passwords, security tokens.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessView, Clock, ConnectedAppRecord, OAuthStorage, StorageSession, UserRecord } from '../index.js';
import { OAuthError } from './oauth-error.js';
import { LoginLimiter } from './login-limiter.js';
import type { LoginLimits } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { hashToken, TokenService } from './token-service.js';
import type { TokenLifetimes } from './token-service.js';

/** The form fields of a token request, plus where it came from. */
export interface TokenRequest {
  readonly grant_type?: string;
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly username?: string;
  readonly password?: string;
  readonly refresh_token?: string;
  /** The client's IP address (rate limit). */
  readonly ip: string;
  /** The server's public base URL (`instance_url`). */
  readonly instanceUrl: string;
}

/** Salesforce's token response. */
export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly signature: string;
  readonly scope: string;
  readonly instance_url: string;
  /** `<instance>/id/<orgId>/<userId>`: jsforce takes the org and user ids from its last two segments. */
  readonly id: string;
  readonly token_type: 'Bearer';
  /** Milliseconds since the epoch, as text. */
  readonly issued_at: string;
}

/** Who an access token speaks for. */
export interface TokenIdentity {
  readonly user: UserRecord;
  readonly tokenId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
}

/** Options of {@link OAuthService}. */
export interface OAuthServiceOptions {
  readonly storage: StorageSession & OAuthStorage;
  readonly clock: Clock;
  readonly lifetimes?: TokenLifetimes;
  readonly loginLimits?: LoginLimits;
  readonly hasher?: PasswordHasher;
}

/** A connected app to register; the secret is hashed before it is stored. */
export interface ConnectedAppInput {
  readonly name: string;
  readonly clientId: string;
  /** Omit for a public client (refresh-token only, no client_credentials). */
  readonly clientSecret?: string;
  readonly runAsUserId?: string | null;
  readonly scopes?: readonly string[];
}

/** Length of a security token (Salesforce's are 24 or 25 characters; Eddy's 24). */
export const SECURITY_TOKEN_LENGTH = 24;

const AUTHENTICATION_FAILURE = 'authentication failure';
const LOCKED_OUT = 'authentication failure: too many failed login attempts; try again later';

/** The token endpoint's logic, independent of HTTP. */
export class OAuthService {
  readonly #storage: StorageSession & OAuthStorage;
  readonly #clock: Clock;
  readonly #hasher: PasswordHasher;
  readonly #limiter: LoginLimiter;
  readonly tokens: TokenService;
  #orgId: string | undefined;

  constructor(options: OAuthServiceOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#hasher = options.hasher ?? new PasswordHasher();
    this.#limiter = new LoginLimiter(options.clock, options.loginLimits);
    this.tokens = new TokenService(options.storage.oauth, options.clock, options.lifetimes);
  }

  /** The org's Id (`00D...`), read once. */
  async orgId(): Promise<string> {
    this.#orgId ??= (await this.#storage.settings.getOrganization()).Id;
    return this.#orgId;
  }

  /** The identity URL of a user: `<instance>/id/<orgId>/<userId>`. */
  async identityUrl(instanceUrl: string, userId: string): Promise<string> {
    return `${instanceUrl}/id/${await this.orgId()}/${userId}`;
  }

  /** Answers a token request; throws {@link OAuthError} (`invalid_grant`, `invalid_client`, ...). */
  async token(request: TokenRequest): Promise<TokenResponse> {
    switch (request.grant_type) {
      case 'password':
        return this.#passwordGrant(request);
      case 'refresh_token':
        return this.#refreshGrant(request);
      case 'client_credentials':
        return this.#clientCredentialsGrant(request);
      case undefined:
      case '':
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
      default:
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
    }
  }

  /** Revokes an access or refresh token; unknown tokens are ignored (RFC 7009). */
  async revoke(token: string): Promise<void> {
    await this.tokens.revoke(token);
  }

  /** The active user an access token speaks for, or undefined (invalid, expired, revoked, inactive user). */
  async authenticate(accessToken: string, cache?: AccessView): Promise<TokenIdentity | undefined> {
    const record = await this.tokens.verifyAccessToken(accessToken, cache);
    if (!record) return undefined;
    const user = cache ? await cache.user(record.userId) : await this.#storage.directory.getUser(record.userId);
    if (!user || !user.IsActive) return undefined;
    return { user, tokenId: record.id, appId: record.appId, scopes: record.scope.split(' ').filter((s) => s !== '') };
  }

  /** Registers a connected app (its secret hashed with argon2id). */
  async registerConnectedApp(input: ConnectedAppInput, actorId: string): Promise<ConnectedAppRecord> {
    const clientSecretHash = input.clientSecret === undefined ? null : await this.#hasher.hash(input.clientSecret);
    return this.#storage.oauth.createConnectedApp(
      { name: input.name, clientId: input.clientId, clientSecretHash, runAsUserId: input.runAsUserId ?? null, ...(input.scopes ? { scopes: input.scopes } : {}) },
      actorId,
    );
  }

  /** An argon2id hash of a client secret (for `OAuthStore.setClientSecretHash`). */
  hashSecret(secret: string): Promise<string> {
    return this.#hasher.hash(secret);
  }

  /** Gives a connected app a new client secret; the same secret again changes nothing. */
  async setClientSecret(app: ConnectedAppRecord, secret: string): Promise<void> {
    if (app.clientSecretHash !== null && (await this.#hasher.verify(app.clientSecretHash, secret))) return;
    await this.#storage.oauth.setClientSecretHash(app.id, await this.#hasher.hash(secret));
  }

  /**
   * Sets a user's password (argon2id) and revokes their tokens — unless it is the password they
   * already have: setting it again (a restart of `serve --demo` with the same
   * `EDDY_ADMIN_PASSWORD`) changes nothing and ends no session. Returns whether it changed.
   */
  async setPassword(userId: string, password: string): Promise<boolean> {
    const stored = await this.#storage.directory.getPasswordHash(userId);
    if (stored !== null && password !== '' && (await this.#hasher.verify(stored, password))) return false;
    await this.#storage.directory.setPasswordHash(userId, await this.#hasher.hash(password));
    await this.#storage.oauth.revokeTokensOfUser(userId, this.#clock.now().toISOString());
    return true;
  }

  /** Gives a user a new security token and returns it (shown once; only its hash is kept). */
  async resetSecurityToken(userId: string): Promise<string> {
    const token = randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, SECURITY_TOKEN_LENGTH);
    await this.#storage.oauth.setSecurityTokenHash(userId, hashToken(token));
    return token;
  }

  async #passwordGrant(request: TokenRequest): Promise<TokenResponse> {
    const { username = '', password = '', ip } = request;
    if (this.#limiter.isLocked(username, ip)) throw new OAuthError('invalid_grant', LOCKED_OUT);
    const app = await this.#authenticateClient(request, false);
    const user = username === '' ? undefined : await this.#storage.directory.getUserByUsername(username);
    const ok = await this.#checkPassword(user, password);
    if (!ok || !user) {
      this.#limiter.recordFailure(username, ip);
      throw new OAuthError('invalid_grant', AUTHENTICATION_FAILURE);
    }
    this.#limiter.recordSuccess(username);
    return this.#respond(request, app, user, { withRefreshToken: app.scopes.includes('refresh_token') });
  }

  async #refreshGrant(request: TokenRequest): Promise<TokenResponse> {
    if (this.#limiter.isLocked('', request.ip)) throw new OAuthError('invalid_grant', LOCKED_OUT);
    const app = await this.#authenticateClient(request, false);
    const record = request.refresh_token ? await this.tokens.verifyRefreshToken(request.refresh_token) : undefined;
    const user = record && record.appId === app.id ? await this.#storage.directory.getUser(record.userId) : undefined;
    if (!record || !user || !user.IsActive) {
      this.#limiter.recordFailure('', request.ip);
      throw new OAuthError('invalid_grant', 'expired access/refresh token');
    }
    return this.#respond(request, app, user, { parentId: record.id, scope: record.scope });
  }

  async #clientCredentialsGrant(request: TokenRequest): Promise<TokenResponse> {
    if (this.#limiter.isLocked('', request.ip)) throw new OAuthError('invalid_grant', LOCKED_OUT);
    const app = await this.#authenticateClient(request, true);
    const user = app.runAsUserId ? await this.#storage.directory.getUser(app.runAsUserId) : undefined;
    if (!user || !user.IsActive) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
    // The client credentials flow issues no refresh token (RFC 6749 §4.4.3), so the token's scope
    // does not claim one.
    return this.#respond(request, app, user, { scope: app.scopes.filter((s) => s !== 'refresh_token').join(' ') });
  }

  /** The connected app of the request; its secret is checked when it has one (required for client_credentials). */
  async #authenticateClient(request: TokenRequest, secretRequired: boolean): Promise<ConnectedAppRecord> {
    const app = request.client_id ? await this.#storage.oauth.getConnectedAppByClientId(request.client_id) : undefined;
    if (!app) {
      this.#limiter.recordFailure('', request.ip);
      throw new OAuthError('invalid_client_id', 'client identifier invalid');
    }
    if (app.clientSecretHash === null) {
      if (secretRequired) throw new OAuthError('invalid_client', 'invalid client credentials');
      return app;
    }
    const secret = request.client_secret ?? '';
    if (secret === '' || !(await this.#hasher.verify(app.clientSecretHash, secret))) {
      this.#limiter.recordFailure('', request.ip);
      throw new OAuthError('invalid_client', 'invalid client credentials');
    }
    return app;
  }

  /** Checks a password, or password + security token; spends the same time when there is no user. */
  async #checkPassword(user: UserRecord | undefined, password: string): Promise<boolean> {
    if (!user || !user.IsActive || user.UserType !== 'Standard' || password === '') return this.#hasher.verifyNothing(password);
    const stored = await this.#storage.directory.getPasswordHash(user.Id);
    if (stored === null) return this.#hasher.verifyNothing(password);
    const tokenHash = await this.#storage.oauth.getSecurityTokenHash(user.Id);
    if (tokenHash !== null && password.length > SECURITY_TOKEN_LENGTH) {
      const suffixHash = Buffer.from(hashToken(password.slice(-SECURITY_TOKEN_LENGTH)), 'hex');
      if (timingSafeEqual(suffixHash, Buffer.from(tokenHash, 'hex'))) {
        return this.#hasher.verify(stored, password.slice(0, -SECURITY_TOKEN_LENGTH));
      }
    }
    return this.#hasher.verify(stored, password);
  }

  async #respond(
    request: TokenRequest,
    app: ConnectedAppRecord,
    user: UserRecord,
    options: { readonly withRefreshToken?: boolean; readonly parentId?: string; readonly scope?: string },
  ): Promise<TokenResponse> {
    const orgId = await this.orgId();
    const scope = options.scope ?? app.scopes.join(' ');
    const grant = { userId: user.Id, appId: app.id, scope };
    const refresh = options.withRefreshToken ? await this.tokens.issueRefreshToken(grant) : undefined;
    const access = await this.tokens.issueAccessToken(orgId, grant, options.parentId ?? refresh?.record.id ?? null);
    const id = `${request.instanceUrl}/id/${orgId}/${user.Id}`;
    const issuedAt = String(Date.parse(access.record.issuedAt));
    return {
      access_token: access.text,
      ...(refresh ? { refresh_token: refresh.text } : {}),
      signature: this.tokens.sign(id, issuedAt, request.client_secret),
      scope,
      instance_url: request.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }
}

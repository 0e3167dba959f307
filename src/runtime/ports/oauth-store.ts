/**
 * The OAuth port: connected apps (OAuth clients), issued tokens and users' security tokens, as
 * the server's identity endpoints (`/services/oauth2/*`) need them. Secrets and tokens are never
 * stored in clear: the server hashes them before they reach this port (argon2id for client
 * secrets, SHA-256 for high-entropy random tokens, which can then be looked up by hash).
 *
 * `src/storage/kysely-oauth-store.ts` implements it; a storage session exposes it as `oauth`
 * ({@link OAuthStorage}).
 */
import type { IsoDateTime } from './index.js';

/** A connected app: an OAuth client with a client id and (for confidential clients) a secret. */
export interface ConnectedAppRecord {
  /** Prefix `0H4` (Salesforce's ConnectedApplication). */
  readonly id: string;
  readonly name: string;
  /** The OAuth `client_id` (Salesforce's "consumer key"); unique. */
  readonly clientId: string;
  /** Hash of the `client_secret`; `null` for a public client (no secret, no client_credentials). */
  readonly clientSecretHash: string | null;
  /** The user a `client_credentials` grant runs as; `null`: that grant is refused. */
  readonly runAsUserId: string | null;
  /** Scopes granted to tokens of this app (`api`, `refresh_token`, ...). */
  readonly scopes: readonly string[];
  readonly createdDate: IsoDateTime;
  readonly createdById: string;
}

/** What `createConnectedApp` needs. */
export interface NewConnectedApp {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecretHash: string | null;
  readonly runAsUserId?: string | null;
  /** Default `['api', 'refresh_token']`. */
  readonly scopes?: readonly string[];
}

/** An access token (short-lived) or a refresh token (valid until revoked, or its expiry). */
export type OAuthTokenKind = 'access' | 'refresh';

/** An issued token, by the hash of its text. */
export interface OAuthTokenRecord {
  readonly id: string;
  readonly kind: OAuthTokenKind;
  /** SHA-256 (hex) of the token text; unique. */
  readonly tokenHash: string;
  readonly userId: string;
  /** The connected app (`ConnectedAppRecord.id`) the token was issued to. */
  readonly appId: string;
  /** Space-separated scopes. */
  readonly scope: string;
  /** The refresh token an access token was minted from (revoking it revokes them all), else `null`. */
  readonly parentId: string | null;
  readonly issuedAt: IsoDateTime;
  /** `null`: no expiry (refresh tokens by default). */
  readonly expiresAt: IsoDateTime | null;
  readonly revokedAt: IsoDateTime | null;
}

/** What `addToken` needs; `id` is assigned by storage. */
export interface NewOAuthToken {
  readonly kind: OAuthTokenKind;
  readonly tokenHash: string;
  readonly userId: string;
  readonly appId: string;
  readonly scope: string;
  readonly parentId?: string | null;
  readonly issuedAt: IsoDateTime;
  readonly expiresAt: IsoDateTime | null;
}

/** Connected apps, tokens and security tokens. */
export interface OAuthStore {
  /** Registers a connected app (`DUPLICATE_VALUE` when the client id is taken). */
  createConnectedApp(input: NewConnectedApp, actorId: string): Promise<ConnectedAppRecord>;
  /** By client id (exact, case-sensitive as OAuth client ids are). */
  getConnectedAppByClientId(clientId: string): Promise<ConnectedAppRecord | undefined>;
  getConnectedApp(id: string): Promise<ConnectedAppRecord | undefined>;
  listConnectedApps(): Promise<ConnectedAppRecord[]>;
  /** Replaces the app's secret hash (rotation); tokens already issued stay valid. */
  setClientSecretHash(id: string, clientSecretHash: string | null): Promise<void>;
  /** Deletes the app and every token issued to it (`NotFoundError` if missing). */
  deleteConnectedApp(id: string): Promise<void>;
  addToken(input: NewOAuthToken): Promise<OAuthTokenRecord>;
  /** The token with that hash, revoked or expired ones included (callers check). */
  getTokenByHash(tokenHash: string): Promise<OAuthTokenRecord | undefined>;
  /** Revokes a token and the access tokens minted from it; returns whether it was still active. */
  revokeToken(id: string, at: IsoDateTime): Promise<boolean>;
  /** Revokes every token of a user (password change, deactivation); returns how many. */
  revokeTokensOfUser(userId: string, at: IsoDateTime): Promise<number>;
  /** Deletes tokens that expired or were revoked before `before`; returns how many. */
  deleteStaleTokens(before: IsoDateTime): Promise<number>;
  /** Stores (or clears) the SHA-256 of a user's security token (the suffix a password grant may carry). */
  setSecurityTokenHash(userId: string, tokenHash: string | null): Promise<void>;
  getSecurityTokenHash(userId: string): Promise<string | null>;
}

/** A storage (or session) that exposes the OAuth port. */
export interface OAuthStorage {
  readonly oauth: OAuthStore;
}

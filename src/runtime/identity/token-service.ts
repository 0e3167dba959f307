/**
 * Access and refresh tokens. Access tokens look like Salesforce's — `<orgId>!AQ.<random>`, which
 * `sf org login access-token` insists on (`/(00D\w{12,15})![.\w]*`/) — and expire (default
 * 2 hours); refresh tokens (`5Aep861...`) last until revoked unless a lifetime is configured.
 * Both carry 256 random bits and are stored only as their SHA-256, so a stolen database yields no
 * usable token, and a token is found by hashing it again (no slow hash needed for random text).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AccessView, Clock, OAuthStore, OAuthTokenRecord } from '../index.js';

/** Token lifetimes. */
export interface TokenLifetimes {
  /** Access token lifetime (default 2 hours). */
  readonly accessTokenTtlMs?: number;
  /** Refresh token lifetime; `null` (default): until revoked. */
  readonly refreshTokenTtlMs?: number | null;
}

/** Who a token is for. */
export interface TokenGrant {
  readonly userId: string;
  readonly appId: string;
  readonly scope: string;
}

/** A freshly issued token: its text (shown once) and its stored record. */
export interface IssuedToken {
  readonly text: string;
  readonly record: OAuthTokenRecord;
}

const ACCESS_TOKEN = /^00D\w{12,15}![.\w]+$/;
const REFRESH_TOKEN = /^5Aep861[.\w]+$/;

/** SHA-256 (hex) of a token's text: the key it is stored and found under. */
export function hashToken(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 32 random bytes as token characters (`[A-Za-z0-9_.]`: base64url with `-` written as `.`). */
function randomTokenPart(): string {
  return randomBytes(32).toString('base64url').replace(/-/g, '.');
}

/** Issues, verifies and revokes tokens through the OAuth port. */
export class TokenService {
  readonly #store: OAuthStore;
  readonly #clock: Clock;
  readonly #accessTtlMs: number;
  readonly #refreshTtlMs: number | null;
  /** Key of token signatures when the request carried no client secret (a public client). */
  readonly #serverKey = randomBytes(32);

  constructor(store: OAuthStore, clock: Clock, lifetimes: TokenLifetimes = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#accessTtlMs = lifetimes.accessTokenTtlMs ?? 2 * 60 * 60 * 1000;
    this.#refreshTtlMs = lifetimes.refreshTokenTtlMs ?? null;
  }

  /** Access token lifetime in milliseconds. */
  get accessTokenTtlMs(): number {
    return this.#accessTtlMs;
  }

  /** Issues an access token (`parentId`: the refresh token it comes from). */
  async issueAccessToken(orgId: string, grant: TokenGrant, parentId: string | null = null): Promise<IssuedToken> {
    const text = `${orgId}!AQ.${randomTokenPart()}`;
    const issuedAt = this.#clock.now();
    const record = await this.#store.addToken({
      kind: 'access',
      tokenHash: hashToken(text),
      ...grant,
      parentId,
      issuedAt: issuedAt.toISOString(),
      expiresAt: new Date(issuedAt.getTime() + this.#accessTtlMs).toISOString(),
    });
    return { text, record };
  }

  /** Issues a refresh token. */
  async issueRefreshToken(grant: TokenGrant): Promise<IssuedToken> {
    const text = `5Aep861${randomTokenPart()}`;
    const issuedAt = this.#clock.now();
    const record = await this.#store.addToken({
      kind: 'refresh',
      tokenHash: hashToken(text),
      ...grant,
      issuedAt: issuedAt.toISOString(),
      expiresAt: this.#refreshTtlMs === null ? null : new Date(issuedAt.getTime() + this.#refreshTtlMs).toISOString(),
    });
    return { text, record };
  }

  /** The record of an active (unexpired, unrevoked) access token, else undefined. */
  async verifyAccessToken(text: string, cache?: AccessView): Promise<OAuthTokenRecord | undefined> {
    if (!ACCESS_TOKEN.test(text)) return undefined;
    const hash = hashToken(text);
    // Issuing a token changes nothing cached; revoking one moves the access revision.
    const record = cache ? await cache.remember(`token:${hash}`, () => this.#store.getTokenByHash(hash)) : await this.#store.getTokenByHash(hash);
    return this.#active(record, 'access');
  }

  /** The record of an active refresh token, else undefined. */
  async verifyRefreshToken(text: string): Promise<OAuthTokenRecord | undefined> {
    if (!REFRESH_TOKEN.test(text)) return undefined;
    return this.#active(await this.#store.getTokenByHash(hashToken(text)), 'refresh');
  }

  /** Revokes an access or refresh token (a refresh token takes its access tokens along); false when unknown. */
  async revoke(text: string): Promise<boolean> {
    const record = await this.#store.getTokenByHash(hashToken(text));
    if (!record) return false;
    return this.#store.revokeToken(record.id, this.#clock.now().toISOString());
  }

  /**
   * Salesforce's token `signature`: base64 HMAC-SHA256 of `id + issued_at`, keyed by the client
   * secret when the request carried one (so the client can check it), else by a server key.
   */
  sign(identityUrl: string, issuedAtMs: string, clientSecret: string | undefined): string {
    return createHmac('sha256', clientSecret ?? this.#serverKey).update(identityUrl + issuedAtMs).digest('base64');
  }

  #active(record: OAuthTokenRecord | undefined, kind: OAuthTokenRecord['kind']): OAuthTokenRecord | undefined {
    if (!record || record.kind !== kind || record.revokedAt !== null) return undefined;
    if (record.expiresAt !== null && record.expiresAt <= this.#clock.now().toISOString()) return undefined;
    return record;
  }
}

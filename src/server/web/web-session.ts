/**
 * The web UI's session: an HttpOnly cookie holding an OAuth access token issued at sign-in (so a
 * session expires and is revoked exactly like a token), plus CSRF protection for requests the
 * cookie authenticates. The CSRF token is derived from the session token (an HMAC-free digest is
 * enough: only someone who can read the HttpOnly cookie could compute it) and must come back in
 * `X-CSRF-Token` on every state-changing request; it is also set as a readable cookie so a page
 * of the same origin can double-submit it. Cross-origin requests are refused outright.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CredentialResolver } from '../auth/authenticate.js';
import type { OAuthService } from '../../runtime/index.js';
import { InsufficientAccessError } from '../../runtime/index.js';

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'eddy_session';
/** Name of the readable CSRF cookie (double submit). */
export const CSRF_COOKIE = 'eddy_csrf';
/** Header that must echo the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies of a request by name (first occurrence wins, values URI-decoded). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (cookies.has(name)) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** Options of {@link serializeCookie}. */
export interface CookieOptions {
  readonly httpOnly: boolean;
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAgeSeconds: number;
}

/** A `Set-Cookie` value: `Path=/`, `SameSite=Lax`, `HttpOnly` and `Secure` as asked. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  if (options.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The CSRF token of a session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`eddy-web-csrf\0${sessionToken}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The session token of the request's cookie, if any. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  return token === undefined || token === '' ? undefined : token;
}

/** Whether the request comes from another origin (by its `Origin` header; absent means same-origin navigation or a non-browser). */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === '') return false;
  try {
    // Through URL both sides lose default ports (`http://localhost` and Host `localhost:80` agree).
    return new URL(origin).host !== new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return true;
  }
}

/**
 * Refuses a state-changing cookie-authenticated request without the session's CSRF token, or
 * from another origin: 403 `INSUFFICIENT_ACCESS` (the session itself is fine, so not 401).
 */
export function checkCsrf(request: FastifyRequest, sessionToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (isCrossOrigin(request)) throw new InsufficientAccessError('Cross-origin requests cannot use the web session; send an OAuth bearer token instead.');
  const header = request.headers[CSRF_HEADER];
  const sent = Array.isArray(header) ? header[0] : header;
  if (sent === undefined || !sameText(sent, csrfTokenFor(sessionToken))) {
    throw new InsufficientAccessError('The request has no valid CSRF token: send the X-CSRF-Token header the web session gave you.');
  }
}

/**
 * The credential resolver of the web session cookie, for the server's authenticator: absent
 * without the cookie; the token's user when it is valid (and, on state-changing requests, the
 * CSRF token matches); invalid when the token expired or was revoked.
 */
export function webSessionResolver(oauth: OAuthService): CredentialResolver {
  return async (request, cache) => {
    const token = sessionTokenOf(request);
    if (token === undefined) return { kind: 'absent' };
    const identity = await oauth.authenticate(token, cache);
    if (identity === undefined) return { kind: 'invalid' };
    checkCsrf(request, token);
    return { kind: 'valid', user: identity.user, via: 'session', scopes: ['web'] };
  };
}

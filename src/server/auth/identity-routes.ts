/**
 * Who am I: `/services/oauth2/userinfo` (OpenID Connect claims; the sf CLI reads `user_id` and
 * `organization_id`) and the identity URL `/id/{orgId}/{userId}` that token responses point to
 * (jsforce's `identity()` sends the token as Bearer and as `?oauth_token=`). Another user's
 * identity URL answers 404, as if it did not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonValue } from '../../engine/index.js';
import { sameId } from '../../runtime/index.js';
import type { UserRecord } from '../../runtime/index.js';
import { notFound } from '../http-errors.js';
import { paramsOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { actorOf, Authenticator, bearerTokenResolver } from './authenticate.js';
import type { CredentialResolver } from './authenticate.js';

function urlsFor(instanceUrl: string, orgId: string, userId: string): Record<string, string> {
  const rest = `${instanceUrl}/services/data/v{version}/`;
  return {
    rest,
    sobjects: `${rest}sobjects/`,
    query: `${rest}query/`,
    recent: `${rest}recent/`,
    tooling_rest: `${rest}tooling/`,
    profile: `${instanceUrl}/${userId}`,
    users: `${rest}chatter/users`,
    custom_domain: instanceUrl,
    enterprise: `${instanceUrl}/services/Soap/c/{version}/${orgId.slice(0, 15)}`,
  };
}

function userType(user: UserRecord): string {
  return user.UserType === 'Standard' ? 'STANDARD' : 'AUTOMATED_PROCESS';
}

/** The identity-URL document of a user. */
export function identityDocument(instanceUrl: string, orgId: string, user: UserRecord, now: Date): Record<string, JsonValue> {
  return {
    id: `${instanceUrl}/id/${orgId}/${user.Id}`,
    asserted_user: true,
    user_id: user.Id,
    organization_id: orgId,
    username: user.Username,
    nick_name: user.CommunityNickname ?? user.Alias ?? user.Username,
    display_name: user.Name,
    email: user.Email,
    email_verified: false,
    first_name: user.FirstName,
    last_name: user.LastName,
    timezone: user.TimeZoneSidKey,
    photos: {},
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: user.MobilePhone,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urlsFor(instanceUrl, orgId, user.Id),
    active: user.IsActive,
    user_type: userType(user),
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 0,
    last_modified_date: user.LastModifiedDate,
    is_app_installed: true,
    current_time: now.toISOString(),
  };
}

/** OpenID Connect userinfo claims of a user. */
export function userInfoDocument(instanceUrl: string, orgId: string, user: UserRecord): Record<string, JsonValue> {
  return {
    sub: `${instanceUrl}/id/${orgId}/${user.Id}`,
    user_id: user.Id,
    organization_id: orgId,
    preferred_username: user.Username,
    nickname: user.CommunityNickname ?? user.Alias ?? user.Username,
    name: user.Name,
    email: user.Email,
    email_verified: false,
    given_name: user.FirstName,
    family_name: user.LastName,
    zoneinfo: user.TimeZoneSidKey,
    photos: {},
    profile: `${instanceUrl}/${user.Id}`,
    picture: null,
    address: {},
    urls: urlsFor(instanceUrl, orgId, user.Id),
    active: user.IsActive,
    user_type: userType(user),
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 0,
    updated_at: user.LastModifiedDate,
    is_app_installed: true,
  };
}

/**
 * Registers userinfo and the identity URL. `extraResolvers` (e.g. the web session) are tried
 * after the bearer token.
 */
export function registerIdentityRoutes(app: FastifyInstance, context: ServerContext, extraResolvers: readonly CredentialResolver[] = []): void {
  void app.register(async (scope) => {
    const authenticator = new Authenticator(context.storage, [bearerTokenResolver(context.oauth, { allowQueryToken: true }), ...extraResolvers]);
    authenticator.install(scope);
    const userinfo = async (request: FastifyRequest): Promise<Record<string, JsonValue>> =>
      userInfoDocument(context.instanceUrl(request), await context.oauth.orgId(), actorOf(request).user);
    resource(scope, '/services/oauth2/userinfo', { GET: userinfo, POST: userinfo });
    resource(scope, '/id/:orgId/:userId', {
      GET: async (request) => {
        const { orgId, userId } = paramsOf(request);
        const actor = actorOf(request);
        const ownOrg = await context.oauth.orgId();
        if (!orgId || !userId || !/^[0-9A-Za-z]{15,18}$/.test(orgId) || !sameId(orgId, ownOrg) || !/^[0-9A-Za-z]{15,18}$/.test(userId) || !sameId(userId, actor.userId)) {
          throw notFound();
        }
        return identityDocument(context.instanceUrl(request), ownOrg, actor.user, context.clock.now());
      },
    });
  });
}

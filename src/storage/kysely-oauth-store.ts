/**
 * The {@link OAuthStore} port on Kysely: connected apps, issued tokens (stored by hash) and
 * security tokens, in the tables of migration `0003-oauth`.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DuplicateValueError, newId, NotFoundError, parseId } from '../runtime/index.js';
import type { ConnectedAppRecord, NewConnectedApp, NewOAuthToken, OAuthStore, OAuthTokenKind, OAuthTokenRecord } from '../runtime/index.js';
import type { Database } from './database-schema.js';
import type { StoreContext } from './store-context.js';

/** Salesforce's key prefix of ConnectedApplication. */
const CONNECTED_APP_PREFIX = '0H4';
const DEFAULT_SCOPES: readonly string[] = ['api', 'refresh_token'];

/** The OAuth tables (migration `0003-oauth`). */
// A type alias, not an interface: Kysely's `withTables` needs an index-compatible type.
export type OAuthTables = {
  oauth_connected_apps: {
    id: string;
    name: string;
    client_id: string;
    client_secret_hash: string | null;
    run_as_user_id: string | null;
    scopes: string;
    created_date: string;
    created_by_id: string;
  };
  oauth_tokens: {
    id: string;
    kind: string;
    token_hash: string;
    user_id: string;
    app_id: string;
    scope: string;
    parent_id: string | null;
    issued_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  };
  oauth_security_tokens: {
    user_id: string;
    token_hash: string;
  };
};

/** The session's handle with the OAuth tables in its type. */
function oauthTables(db: Kysely<Database>): Kysely<Database & OAuthTables> {
  return db.withTables<OAuthTables>();
}

function toApp(row: Selectable<OAuthTables['oauth_connected_apps']>): ConnectedAppRecord {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    clientSecretHash: row.client_secret_hash,
    runAsUserId: row.run_as_user_id,
    scopes: row.scopes.split(' ').filter((s) => s !== ''),
    createdDate: row.created_date,
    createdById: row.created_by_id,
  };
}

function toToken(row: Selectable<OAuthTables['oauth_tokens']>): OAuthTokenRecord {
  return {
    id: row.id,
    kind: row.kind as OAuthTokenKind,
    tokenHash: row.token_hash,
    userId: row.user_id,
    appId: row.app_id,
    scope: row.scope,
    parentId: row.parent_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** {@link OAuthStore} on Kysely. */
export class KyselyOAuthStore implements OAuthStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  get #db(): Kysely<Database & OAuthTables> {
    return oauthTables(this.#ctx.db);
  }

  async createConnectedApp(input: NewConnectedApp, actorId: string): Promise<ConnectedAppRecord> {
    const runAsUserId = input.runAsUserId ? parseId(input.runAsUserId, 'runAsUserId') : null;
    return this.#ctx.atomic(async (base) => {
      const db = oauthTables(base);
      const taken = await db.selectFrom('oauth_connected_apps').select('id').where('client_id', '=', input.clientId).executeTakeFirst();
      if (taken) throw new DuplicateValueError(`duplicate value found: client id ${input.clientId}`, ['clientId']);
      const row = {
        id: newId(CONNECTED_APP_PREFIX),
        name: input.name,
        client_id: input.clientId,
        client_secret_hash: input.clientSecretHash,
        run_as_user_id: runAsUserId,
        scopes: (input.scopes ?? DEFAULT_SCOPES).join(' '),
        created_date: this.#ctx.now(),
        created_by_id: actorId,
      };
      await db.insertInto('oauth_connected_apps').values(row).execute();
      return toApp(row);
    });
  }

  async getConnectedAppByClientId(clientId: string): Promise<ConnectedAppRecord | undefined> {
    const row = await this.#db.selectFrom('oauth_connected_apps').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    return row ? toApp(row) : undefined;
  }

  async getConnectedApp(id: string): Promise<ConnectedAppRecord | undefined> {
    const row = await this.#db.selectFrom('oauth_connected_apps').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApp(row) : undefined;
  }

  async listConnectedApps(): Promise<ConnectedAppRecord[]> {
    const rows = await this.#db.selectFrom('oauth_connected_apps').selectAll().orderBy('created_date').orderBy('id').execute();
    return rows.map(toApp);
  }

  async setClientSecretHash(id: string, clientSecretHash: string | null): Promise<void> {
    const result = await this.#db.updateTable('oauth_connected_apps').set({ client_secret_hash: clientSecretHash }).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError(`No connected app with id ${id}.`);
  }

  async deleteConnectedApp(id: string): Promise<void> {
    await this.#ctx.atomic(async (base) => {
      const db = oauthTables(base);
      await db.deleteFrom('oauth_tokens').where('app_id', '=', id).execute();
      const result = await db.deleteFrom('oauth_connected_apps').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`No connected app with id ${id}.`);
    });
  }

  async addToken(input: NewOAuthToken): Promise<OAuthTokenRecord> {
    const row = {
      id: randomUUID(),
      kind: input.kind,
      token_hash: input.tokenHash,
      user_id: input.userId,
      app_id: input.appId,
      scope: input.scope,
      parent_id: input.parentId ?? null,
      issued_at: input.issuedAt,
      expires_at: input.expiresAt,
      revoked_at: null,
    };
    await this.#db.insertInto('oauth_tokens').values(row).execute();
    return toToken(row);
  }

  async getTokenByHash(tokenHash: string): Promise<OAuthTokenRecord | undefined> {
    const row = await this.#db.selectFrom('oauth_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toToken(row) : undefined;
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return this.#ctx.atomic(async (base) => {
      const db = oauthTables(base);
      const result = await db.updateTable('oauth_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      await db.updateTable('oauth_tokens').set({ revoked_at: at }).where('parent_id', '=', id).where('revoked_at', 'is', null).execute();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async revokeTokensOfUser(userId: string, at: string): Promise<number> {
    const result = await this.#db.updateTable('oauth_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async deleteStaleTokens(before: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('oauth_tokens')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async setSecurityTokenHash(userId: string, tokenHash: string | null): Promise<void> {
    const id = parseId(userId, 'userId');
    await this.#ctx.atomic(async (base) => {
      const db = oauthTables(base);
      await db.deleteFrom('oauth_security_tokens').where('user_id', '=', id).execute();
      if (tokenHash !== null) await db.insertInto('oauth_security_tokens').values({ user_id: id, token_hash: tokenHash }).execute();
    });
  }

  async getSecurityTokenHash(userId: string): Promise<string | null> {
    const row = await this.#db.selectFrom('oauth_security_tokens').select('token_hash').where('user_id', '=', parseId(userId, 'userId')).executeTakeFirst();
    return row?.token_hash ?? null;
  }
}

/**
 * A server under test: the Fastify app over the test's database and simulated clock, a
 * connected app, users with passwords and permission sets, and helpers to log in and call the
 * REST API with `app.inject()`.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../../src/server/app.js';
import type { ServerOptions } from '../../../src/server/app.js';
import { PasswordHasher } from '../../../src/runtime/identity/password-hasher.js';
import type { TokenResponse } from '../../../src/runtime/identity/oauth-service.js';
import type { UserRecord } from '../../../src/runtime/ports/index.js';
import type { EddyDatabase } from '../../../src/storage/open-database.js';
import type { TestClock } from '../../support/databases.js';

/** Client id and secret of the test connected app. */
export const CLIENT_ID = 'test-app';
export const CLIENT_SECRET = 'test-secret-0123456789';
/** Every test user's password. */
export const PASSWORD = 'Correct horse battery staple 1';
/** The API version tests call. */
export const V = 'v59.0';

/** Cheap argon2id parameters: tests check behaviour, not cost. */
export const TEST_HASHER = new PasswordHasher({ memoryCostKiB: 1024, timeCost: 1 });

/** Permissions of a test user (through a personal permission set). */
export interface TestUserSpec {
  readonly runFlows?: boolean;
  readonly manageFlow?: boolean;
  readonly viewAllData?: boolean;
  readonly customizeApplication?: boolean;
  readonly manageUsers?: boolean;
  readonly roleId?: string | null;
  readonly active?: boolean;
}

/** The server and its helpers. */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly db: EddyDatabase;
  readonly clock: TestClock;
  /** The Automated Process user (actor of setup writes). */
  readonly systemId: string;
  readonly orgId: string;
  /** A user with every permission (client_credentials runs as them). */
  readonly admin: UserRecord;
  /** Creates a user with a password and a personal permission set. */
  createUser(name: string, spec?: TestUserSpec): Promise<UserRecord>;
  /** Password grant for a username; the parsed response and status. */
  login(username: string, password?: string, extra?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** An access token for a user (password grant). */
  tokenFor(user: UserRecord): Promise<string>;
  /** A REST call with a bearer token; `path` is relative to `/services/data/v59.0` unless it starts with `/services` or `/id`. */
  call(token: string | undefined, method: InjectOptions['method'], path: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A form-encoded body. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Builds the server over `db` and `clock`, with an admin, a connected app and the given options. */
export async function createTestServer(db: EddyDatabase, clock: TestClock, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const app = buildServer({ storage: db, clock, passwordHasher: TEST_HASHER, ...options });
  await app.ready();
  const org = await db.settings.getOrganization();
  const systemId = org.automatedProcessUserId;
  let counter = 0;

  const createUser = async (name: string, spec: TestUserSpec = {}): Promise<UserRecord> => {
    const user = await db.directory.createUser(
      { Username: `${name}@example.com`, Email: `${name}@example.com`, LastName: name, UserRoleId: spec.roleId ?? null, IsActive: spec.active ?? true },
      systemId,
    );
    counter += 1;
    const set = await db.directory.createPermissionSet(
      {
        Name: `PS_${name}_${counter}`,
        PermissionsRunFlow: spec.runFlows ?? false,
        PermissionsManageInteraction: spec.manageFlow ?? false,
        PermissionsViewAllData: spec.viewAllData ?? false,
        PermissionsCustomizeApplication: spec.customizeApplication ?? false,
        PermissionsManageUsers: spec.manageUsers ?? false,
      },
      systemId,
    );
    await db.directory.assignPermissionSet(user.Id, set.Id);
    await app.oauth.setPassword(user.Id, PASSWORD);
    return user;
  };

  const admin = await createUser('admin', { runFlows: true, manageFlow: true, viewAllData: true, customizeApplication: true, manageUsers: true });
  await app.oauth.registerConnectedApp({ name: 'Test App', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, runAsUserId: admin.Id }, systemId);

  const login = (username: string, password = PASSWORD, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'password', username, password, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...extra }),
    });

  const tokenFor = async (user: UserRecord): Promise<string> => {
    const response = await login(user.Username);
    if (response.statusCode !== 200) throw new Error(`login of ${user.Username} failed: ${response.body}`);
    return (response.json() as TokenResponse).access_token;
  };

  const call = (token: string | undefined, method: InjectOptions['method'], path: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> => {
    const url = path.startsWith('/services') || path.startsWith('/id') ? path : `/services/data/${V}${path}`;
    return app.inject({
      method,
      url,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  };

  return { app, db, clock, systemId, orgId: org.Id, admin, createUser, login, tokenFor, call };
}

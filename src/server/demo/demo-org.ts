/**
 * The demo org of `eddy serve --demo`, seeded once into an empty database so scripts and tools
 * can rely on it: the administrator `admin@eddy.local` (password `EDDY_ADMIN_PASSWORD`, else a
 * random one reported once), the connected app `eddy-demo` (secret `EDDY_DEMO_CLIENT_SECRET`,
 * else random), two standard users in different roles (`ada@eddy.local`, manager;
 * `grace@eddy.local`, agent — same password as the admin), a public group, a queue, Accounts,
 * Contacts and Cases, an active screen flow (`Demo_Support_Request`), an active autolaunched
 * flow with inputs and outputs (`Demo_Discount_Calculator`), the web UI's demo flows
 * (`Change_Address`, `Customer_Onboarding`) and two unchanged real flows from public repositories
 * (`UpdateAccount`, `Minlopro_CRMA_PreviewAccountDetails`; origins in `real-flows/README.md`), all active.
 *
 * On a database that already has the demo (the `eddy-demo` app exists), nothing is seeded; a
 * password or secret given in the environment replaces the stored one, so restarts with the same
 * environment keep working. The same password again changes nothing, so a restart revokes no
 * token; a different one revokes the admin's tokens, as any password change does.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowRecord } from '../../engine/index.js';
import { bootstrapOrg, DEFAULT_ADMIN_USERNAME, FlowService, REAL_DEMO_FLOWS_FOLDER, UI_DEMO_FLOWS_FOLDER } from '../../runtime/index.js';
import type { OAuthService, UserRecord } from '../../runtime/index.js';
import type { ServerStorage } from '../server-context.js';

/** The demo connected app's client id. */
export const DEMO_CLIENT_ID = 'eddy-demo';
/** Usernames of the demo's standard users. */
export const DEMO_USERS = { manager: 'ada@eddy.local', agent: 'grace@eddy.local' } as const;
/** The demo flows. */
export const DEMO_FLOWS = { screen: 'Demo_Support_Request', autolaunched: 'Demo_Discount_Calculator' } as const;
/** The unchanged real flows the demo deploys (screen flows run on an Account). */
export const DEMO_REAL_FLOWS = { updateAccount: 'UpdateAccount', previewAccount: 'Minlopro_CRMA_PreviewAccountDetails' } as const;

/** What seeding did, and the credentials to print. */
export interface DemoSeedResult {
  /** True when the demo was seeded now (false: it was already there). */
  readonly seeded: boolean;
  readonly adminUsername: string;
  /** The admin password when it was set now (from the environment or generated); undefined if unchanged. */
  readonly adminPassword: string | undefined;
  /** Whether `adminPassword` was generated (print it: it is not stored in clear anywhere). */
  readonly adminPasswordGenerated: boolean;
  readonly clientId: string;
  /** The client secret when it was set now; undefined if unchanged. */
  readonly clientSecret: string | undefined;
  readonly clientSecretGenerated: boolean;
}

/** Environment variables the demo reads. */
export interface DemoEnvironment {
  readonly EDDY_ADMIN_PASSWORD?: string | undefined;
  readonly EDDY_DEMO_CLIENT_SECRET?: string | undefined;
}

const FLOWS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), 'flows');

function randomSecret(): string {
  return randomBytes(18).toString('base64url');
}

function given(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function flowFilesIn(folder: string): Promise<{ path: string; content: string }[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.flow-meta.xml')).sort();
  return Promise.all(names.map(async (name) => ({ path: `flows/${name}`, content: await readFile(join(folder, name), 'utf8') })));
}

/**
 * The demo flow files as deploy files: `src/server/demo/flows/`, the UI demo's
 * (`src/runtime/demo/flows/`) and the real ones (`src/runtime/demo/real-flows/`).
 */
export async function demoFlowFiles(): Promise<{ path: string; content: string }[]> {
  const folders = [FLOWS_FOLDER, UI_DEMO_FLOWS_FOLDER, REAL_DEMO_FLOWS_FOLDER];
  return (await Promise.all(folders.map(flowFilesIn))).flat();
}

/** Seeds the demo org into an empty database (see the file header); idempotent. */
export async function seedDemoOrg(storage: ServerStorage, oauth: OAuthService, env: DemoEnvironment = {}): Promise<DemoSeedResult> {
  await bootstrapOrg(storage);
  const admin = await storage.directory.getUserByUsername(DEFAULT_ADMIN_USERNAME);
  if (!admin) throw new Error(`The demo needs the administrator ${DEFAULT_ADMIN_USERNAME}, and this database has other users but not it.`);
  const systemId = (await storage.settings.getOrganization()).automatedProcessUserId;
  const envPassword = given(env.EDDY_ADMIN_PASSWORD);
  const envSecret = given(env.EDDY_DEMO_CLIENT_SECRET);
  const app = await storage.oauth.getConnectedAppByClientId(DEMO_CLIENT_ID);

  if (app) {
    // The same password or secret as before changes nothing: a restart ends no session.
    if (envPassword !== undefined) await oauth.setPassword(admin.Id, envPassword);
    if (envSecret !== undefined) await oauth.setClientSecret(app, envSecret);
    return {
      seeded: false, adminUsername: admin.Username, adminPassword: envPassword, adminPasswordGenerated: false,
      clientId: DEMO_CLIENT_ID, clientSecret: envSecret, clientSecretGenerated: false,
    };
  }

  const adminPassword = envPassword ?? randomSecret();
  const clientSecret = envSecret ?? randomSecret();
  await oauth.setPassword(admin.Id, adminPassword);

  const manager = await storage.directory.createRole({ Name: 'Support Manager', DeveloperName: 'Support_Manager' }, systemId);
  const agent = await storage.directory.createRole({ Name: 'Support Agent', DeveloperName: 'Support_Agent', ParentRoleId: manager.Id }, systemId);
  const flowUser = (await storage.directory.listPermissionSets()).find((set) => set.Name === 'Flow_User');
  const createUser = async (username: string, first: string, last: string, roleId: string): Promise<UserRecord> => {
    const user = await storage.directory.createUser({ Username: username, Email: username, FirstName: first, LastName: last, Alias: first.toLowerCase().slice(0, 8), UserRoleId: roleId }, systemId);
    if (flowUser) await storage.directory.assignPermissionSet(user.Id, flowUser.Id);
    await oauth.setPassword(user.Id, adminPassword);
    return user;
  };
  const ada = await createUser(DEMO_USERS.manager, 'Ada', 'Lovelace', manager.Id);
  const grace = await createUser(DEMO_USERS.agent, 'Grace', 'Hopper', agent.Id);
  const team = await storage.directory.createGroup({ Name: 'Support Team', DeveloperName: 'Support_Team', Type: 'Regular' }, systemId);
  await storage.directory.addGroupMember(team.Id, ada.Id);
  await storage.directory.addGroupMember(team.Id, grace.Id);
  const queue = await storage.directory.createGroup({ Name: 'Support Queue', DeveloperName: 'Support_Queue', Type: 'Queue' }, systemId);
  await storage.directory.addGroupMember(queue.Id, grace.Id);

  const [acme, globex] = await storage.records.create(
    [
      { attributes: { type: 'Account' }, Name: 'Acme Corporation', Industry: 'Manufacturing', NumberOfEmployees: 1200 },
      { attributes: { type: 'Account' }, Name: 'Globex', Industry: 'Energy', NumberOfEmployees: 300 },
      { attributes: { type: 'Account' }, Name: 'Initech', Industry: 'Technology', NumberOfEmployees: 45 },
    ] as FlowRecord[],
    admin.Id,
  );
  const [wile] = await storage.records.create(
    [
      { attributes: { type: 'Contact' }, FirstName: 'Wile E.', LastName: 'Coyote', Email: 'wile@acme.example', AccountId: acme ?? null },
      { attributes: { type: 'Contact' }, FirstName: 'Hank', LastName: 'Scorpio', Email: 'hank@globex.example', AccountId: globex ?? null },
      { attributes: { type: 'Contact' }, FirstName: 'Peter', LastName: 'Gibbons', Email: 'peter@initech.example' },
    ] as FlowRecord[],
    admin.Id,
  );
  await storage.records.create(
    [
      { attributes: { type: 'Case' }, Subject: 'Rocket skates exploded', Status: 'New', Origin: 'Phone', AccountId: acme ?? null, ContactId: wile ?? null, OwnerId: grace.Id },
      { attributes: { type: 'Case' }, Subject: 'Doomsday device out of warranty', Status: 'Working', Origin: 'Email', AccountId: globex ?? null, OwnerId: queue.Id },
    ] as FlowRecord[],
    admin.Id,
  );

  const deploy = await new FlowService(storage).deploy(admin.Id, await demoFlowFiles(), { activate: true });
  const failed = deploy.flows.filter((flow) => !flow.activated);
  if (failed.length > 0) throw new Error(`Demo flows did not deploy: ${failed.map((f) => `${f.apiName}: ${f.reason ?? f.status}`).join('; ')}`);

  await oauth.registerConnectedApp({ name: 'Eddy Demo', clientId: DEMO_CLIENT_ID, clientSecret, runAsUserId: admin.Id }, systemId);
  return {
    seeded: true, adminUsername: admin.Username, adminPassword, adminPasswordGenerated: envPassword === undefined,
    clientId: DEMO_CLIENT_ID, clientSecret, clientSecretGenerated: envSecret === undefined,
  };
}

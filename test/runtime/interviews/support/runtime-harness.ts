/**
 * Test support for the runtime tests: a runtime over the test's real database (SQLite or
 * PostgreSQL, see `test/support/databases.ts`) with its simulated clock, fixture flows deployed
 * through the flow store, users with permission sets, and an action that counts its invocations.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFlowXml } from '../../../../src/flow-model/parse-flow-xml.js';
import { ActionRegistry } from '../../../../src/runtime/actions/action-registry.js';
import { createMemoryMailer, type MemoryMailer } from '../../../../src/runtime/email/memory-mailer.js';
import { listOutbox, type OutboxMessage, type OutboxStatus } from '../../../../src/runtime/email/outbox.js';
import type { FlowDefinitionRecord, StorageSession, StoredFlowVersion, UserRecord } from '../../../../src/runtime/ports/index.js';
import { createConfiguredRuntime, type ConfiguredRuntimeOptions } from '../../../../src/adapters/index.js';
import type { Runtime } from '../../../../src/runtime/runtime.js';
import type { DatabaseContext } from '../../../support/databases.js';
import { sharedPath } from '../../../support/shared-folder.js';

/** The fixture folder of the runtime tests. */
export const FIXTURES = fileURLToPath(new URL('../../../fixtures/runtime/', import.meta.url));


/** The XML of a fixture flow (`Account_Survey` → `test/fixtures/runtime/Account_Survey.flow-meta.xml`). */
export function fixtureXml(name: string): string {
  return readFileSync(`${FIXTURES}${name}.flow-meta.xml`, 'utf8');
}

/**
 * The XML of a corpus flow by its path under `shared/flows`. A test reading one is declared so
 * that it is skipped where `../shared` is absent: `it.skipIf(!sharedAvailable(...))` (test/support/shared-folder.ts).
 */
export function corpusXml(path: string): string {
  return readFileSync(sharedPath('flows', path), 'utf8');
}

/** The org's Automated Process user: the actor of setup writes. */
export async function systemActor(db: StorageSession): Promise<string> {
  return (await db.settings.getOrganization()).automatedProcessUserId;
}

/** Deploys `xml` as a new version of `apiName` (Active unless told otherwise), straight through the flow store. */
export async function deployXml(
  db: StorageSession,
  apiName: string,
  xml: string,
  status: 'Active' | 'Draft' | 'InvalidDraft' = 'Active',
  options: { readonly restricted?: boolean } = {},
): Promise<{ definition: FlowDefinitionRecord; version: StoredFlowVersion }> {
  const { definition } = parseFlowXml(xml, { fileName: `${apiName}.flow-meta.xml` });
  if (definition === undefined) throw new Error(`Fixture ${apiName} does not parse.`);
  return db.flows.deployVersion(
    {
      DeveloperName: apiName,
      MasterLabel: definition.label,
      ProcessType: definition.processType,
      Status: status,
      IsAdditionalPermissionRequiredToRun: options.restricted ?? definition.isAdditionalPermissionRequiredToRun,
      source: xml,
    },
    await systemActor(db),
  );
}

/** Deploys a fixture flow under its own name. */
export async function deployFixture(db: StorageSession, name: string, status: 'Active' | 'Draft' = 'Active') {
  return deployXml(db, name, fixtureXml(name), status);
}

/** Permissions to give a test user. */
export interface UserSpec {
  readonly roleId?: string | null;
  readonly runFlows?: boolean;
  readonly manageFlow?: boolean;
  readonly customizeApplication?: boolean;
  readonly viewAllData?: boolean;
}

/** Creates a user with a personal permission set (Run Flows unless told otherwise). */
export async function createUser(db: StorageSession, name: string, spec: UserSpec = {}): Promise<UserRecord> {
  const actor = await systemActor(db);
  const user = await db.directory.createUser({ Username: `${name}@example.com`, Email: `${name}@example.com`, FirstName: name, LastName: 'Tester', UserRoleId: spec.roleId ?? null }, actor);
  const set = await db.directory.createPermissionSet(
    {
      Name: `PS_${name}`,
      PermissionsRunFlow: spec.runFlows ?? true,
      PermissionsManageInteraction: spec.manageFlow ?? false,
      PermissionsCustomizeApplication: spec.customizeApplication ?? false,
      PermissionsViewAllData: spec.viewAllData ?? false,
    },
    actor,
  );
  await db.directory.assignPermissionSet(user.Id, set.Id);
  return user;
}

/** Creates an Account and returns its Id. */
export async function createAccount(db: StorageSession, name: string): Promise<string> {
  const [id] = await db.records.create([{ attributes: { type: 'Account' }, Name: name }], await systemActor(db));
  return id as string;
}

/** Invocations of the `apex:Record_Resume` action, in order. */
export interface InvocationLog {
  readonly calls: { readonly subject: string | null; readonly userId: string }[];
}

/** A registry with `apex:Record_Resume`, which records each invocation in `log`. */
export function countingActions(): { readonly actions: ActionRegistry; readonly log: InvocationLog } {
  const log: { calls: { subject: string | null; userId: string }[] } = { calls: [] };
  const actions = new ActionRegistry();
  actions.register({
    actionType: 'apex',
    name: 'Record_Resume',
    inputs: { subject: { dataType: 'String' } },
    invoke(inputs, context) {
      log.calls.push({ subject: typeof inputs['subject'] === 'string' ? inputs['subject'] : null, userId: context.userId });
      return {};
    },
  });
  return { actions, log };
}

/** A runtime over the test's database and clock, with a memory mailer and the counting action. */
export async function testRuntime(
  ctx: DatabaseContext,
  options: Partial<ConfiguredRuntimeOptions> = {},
): Promise<{ readonly runtime: Runtime; readonly mailer: MemoryMailer; readonly log: InvocationLog }> {
  const { actions, log } = countingActions();
  const mailer = createMemoryMailer();
  const runtime = await createConfiguredRuntime({ storage: ctx.db(), clock: ctx.clock(), mailer, actions, ...options });
  return { runtime, mailer, log };
}

/** The outbox's messages (oldest first), of one interview and status when given. */
export async function outboxOf(db: StorageSession, filter: { readonly interviewId?: string; readonly status?: OutboxStatus } = {}): Promise<OutboxMessage[]> {
  const messages = await listOutbox(db, filter.status === undefined ? {} : { status: filter.status });
  return filter.interviewId === undefined ? messages : messages.filter((message) => message.interviewId === filter.interviewId);
}

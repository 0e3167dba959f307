/** Test data builders shared by the storage tests. */
import { randomUUID } from 'node:crypto';
import type { InterviewState } from '../../src/engine/protocol.js';
import type { NewFlowVersion, NewInterview, StorageSession, UserRecord } from '../../src/runtime/ports/index.js';

/** The org's Automated Process user: the actor of setup writes in tests. */
export async function systemActor(db: StorageSession): Promise<string> {
  return (await db.settings.getOrganization()).automatedProcessUserId;
}

/** A small engine state (storage treats it as opaque JSON). */
export function sampleState(marker = 'screen1'): InterviewState {
  return {
    schemaVersion: 1,
    status: 'screen',
    globals: { guid: randomUUID(), startTime: '2026-01-05T09:00:00.000Z', currentRecord: null, currentStage: null, activeStages: [], faultMessage: null },
    frames: [{ flow: 'Survey', current: marker, vars: { name: 'Ada', amount: 12.5, tags: ['a', 'b'] }, loops: {}, history: [], stored: {}, visited: [] }],
    pending: null,
    executed: 0,
    waiting: null,
    fault: null,
  } as unknown as InterviewState;
}

/** Deploys a flow version (the source is not parsed by storage). */
export async function deployFlow(db: StorageSession, name: string, options: Partial<NewFlowVersion> = {}) {
  return db.flows.deployVersion(
    { DeveloperName: name, MasterLabel: name.replace(/_/g, ' '), ProcessType: 'Flow', Status: 'Active', source: `<Flow><label>${name}</label></Flow>`, ...options },
    await systemActor(db),
  );
}

/** Creates an interview on `versionId` owned by `ownerId`. */
export async function createInterview(db: StorageSession, versionId: string, ownerId: string, overrides: Partial<NewInterview> = {}) {
  return db.interviews.create(
    { Guid: randomUUID(), FlowVersionViewId: versionId, OwnerId: ownerId, InterviewStatus: 'Paused', WasPausedFromScreen: true, InterviewLabel: 'Survey', CurrentElement: 'screen1', state: sampleState(), ...overrides },
    ownerId,
  );
}

/** Permissions to give a test user. */
export interface UserSpec {
  readonly roleId?: string | null;
  readonly runFlows?: boolean;
  readonly manageFlow?: boolean;
  readonly viewAllData?: boolean;
}

/** Creates a user with a personal permission set carrying the given flags (Run Flows by default). */
export async function createUser(db: StorageSession, name: string, spec: UserSpec = {}): Promise<UserRecord> {
  const actor = await systemActor(db);
  const user = await db.directory.createUser({ Username: `${name}@example.com`, Email: `${name}@example.com`, LastName: name, UserRoleId: spec.roleId ?? null }, actor);
  const set = await db.directory.createPermissionSet(
    {
      Name: `PS_${name}`,
      PermissionsRunFlow: spec.runFlows ?? true,
      PermissionsManageInteraction: spec.manageFlow ?? false,
      PermissionsViewAllData: spec.viewAllData ?? false,
    },
    actor,
  );
  await db.directory.assignPermissionSet(user.Id, set.Id);
  return user;
}

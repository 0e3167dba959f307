/**
 * The org the SOQL tests query: two reps in a role below a manager, an outsider, an admin with
 * View All Data, a user without Run Flows, a queue; two flows; Accounts, Contacts and Cases; and
 * paused interviews related to the Accounts, with stages.
 */
import { randomUUID } from 'node:crypto';
import type { FlowRecord } from '../../../src/engine/protocol.js';
import type { EddyDatabase } from '../../../src/storage/open-database.js';
import { SoqlEngine } from '../../../src/storage/soql/index.js';
import type { TestClock } from '../../support/databases.js';
import { createInterview, createUser, deployFlow, sampleState, systemActor } from '../seed.js';

/** Creates one record of `type` and returns its Id. */
export async function createRecord(db: EddyDatabase, type: string, fields: Record<string, unknown>, actorId?: string): Promise<string> {
  const [id] = await db.records.create([{ attributes: { type }, ...fields } as FlowRecord], actorId ?? (await systemActor(db)));
  if (!id) throw new Error('no id');
  return id;
}

/** Builds the org; the clock moves one minute between interviews so their dates differ. */
export async function buildSoqlOrg(db: EddyDatabase, clock: TestClock) {
  const actor = await systemActor(db);
  const ceoRole = await db.directory.createRole({ Name: 'CEO' }, actor);
  const managerRole = await db.directory.createRole({ Name: 'Sales Manager', ParentRoleId: ceoRole.Id }, actor);
  const repRole = await db.directory.createRole({ Name: 'Sales Rep', ParentRoleId: managerRole.Id }, actor);
  const users = {
    manager: await createUser(db, 'manager', { roleId: managerRole.Id }),
    alice: await createUser(db, 'alice', { roleId: repRole.Id }),
    bob: await createUser(db, 'bob', { roleId: repRole.Id }),
    outsider: await createUser(db, 'outsider'),
    admin: await createUser(db, 'admin', { manageFlow: true, viewAllData: true }),
    norun: await createUser(db, 'norun', { runFlows: false }),
  };
  await db.directory.updateUser(users.alice.Id, { FirstName: 'Alice', TimeZoneSidKey: 'America/Los_Angeles' }, actor);
  const queue = await db.directory.createGroup({ Name: 'Support Queue', Type: 'Queue' }, actor);
  await db.directory.addGroupMember(queue.Id, users.bob.Id);
  const survey = await deployFlow(db, 'Survey_customers');
  const intake = await deployFlow(db, 'Intake', { ProcessType: 'AutoLaunchedFlow' });
  const accounts = {
    acme: await createRecord(db, 'Account', { Name: 'Acme', NumberOfEmployees: 50, Industry: 'Energy', AnnualRevenue: 1000000, Rating: 'Hot' }),
    globex: await createRecord(db, 'Account', { Name: 'globex', NumberOfEmployees: 5, Industry: 'Banking' }),
    initech: await createRecord(db, 'Account', { Name: 'Initech', Industry: 'Energy', AnnualRevenue: 250 }),
  };
  const contacts = {
    ada: await createRecord(db, 'Contact', { FirstName: 'Ada', LastName: 'Lovelace', AccountId: accounts.acme, Birthdate: '1815-12-10', HasOptedOutOfEmail: true }),
    orphan: await createRecord(db, 'Contact', { LastName: 'Orphan' }),
  };
  const cases = {
    queued: await createRecord(db, 'Case', { Subject: 'Queued', OwnerId: queue.Id, AccountId: accounts.acme }),
  };
  const interview = async (owner: string, label: string, overrides: Record<string, unknown> = {}) => {
    clock.advance(60_000);
    return createInterview(db, survey.version.Id, owner, { Guid: randomUUID(), InterviewLabel: label, state: sampleState(), ...overrides });
  };
  const interviews = {
    aliceSurvey: await interview(users.alice.Id, 'Survey customers: Acme', { PauseLabel: 'Waiting for the customer', CurrentElement: 'Ask_Rating' }),
    bobSurvey: await interview(users.bob.Id, 'Survey customers: Globex', { PauseLabel: 'Lunch' }),
    queueIntake: await interview(queue.Id, 'Intake', { FlowVersionViewId: intake.version.Id, PauseLabel: null }),
    outsiderIntake: await interview(users.outsider.Id, 'Intake for Initech', { FlowVersionViewId: intake.version.Id, InterviewStatus: 'Running', WasPausedFromScreen: false }),
  };
  await db.interviews.setRecordRelations(interviews.aliceSurvey.Id, [accounts.acme], users.alice.Id);
  await db.interviews.setRecordRelations(interviews.bobSurvey.Id, [accounts.globex, accounts.acme], users.bob.Id);
  await db.interviews.setRecordRelations(interviews.queueIntake.Id, [accounts.acme], actor);
  await db.interviews.setRecordRelations(interviews.outsiderIntake.Id, [accounts.initech], users.outsider.Id);
  await db.interviews.setStageRelations(interviews.aliceSurvey.Id, [{ StageLabel: 'Ask', StageOrder: 1, StageType: 'Current' }, { StageLabel: 'Thank', StageOrder: 2, StageType: 'Active' }], users.alice.Id);
  await db.interviews.setStageRelations(interviews.bobSurvey.Id, [{ StageLabel: 'Ask', StageOrder: 1, StageType: 'Current' }], users.bob.Id);
  const subject = (user: keyof typeof users) => db.directory.accessSubject(users[user].Id);
  return { actor, roles: { ceoRole, managerRole, repRole }, users, queue, flows: { survey, intake }, accounts, contacts, cases, interviews, subject, soql: new SoqlEngine(db, { clock: () => clock.now() }) };
}

/** The org built by {@link buildSoqlOrg}. */
export type SoqlOrg = Awaited<ReturnType<typeof buildSoqlOrg>>;

/** The `Id`s of query records, in order. */
export function ids(result: { records: readonly Record<string, unknown>[] }): string[] {
  return result.records.map((r) => String(r.Id));
}

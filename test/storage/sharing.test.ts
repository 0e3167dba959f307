import { describe, expect, it } from 'vitest';
import type { StorageSession, StoredInterview, UserRecord } from '../../src/runtime/ports/index.js';
import { decideInterviewAccess, interviewVisibility } from '../../src/runtime/access/sharing.js';
import type { AccessSubject, SharingFacts } from '../../src/runtime/access/sharing.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { createInterview, createUser, deployFlow, systemActor } from './seed.js';

const subject = (overrides: Partial<AccessSubject> = {}): AccessSubject => ({
  userId: '005000000000001AAA',
  roleId: null,
  isTopRole: false,
  subordinateRoleIds: [],
  groupIds: [],
  permissions: { runFlows: true, manageFlow: false, customizeApplication: false, viewAllData: false, manageUsers: false },
  enabledFlowIds: [],
  ...overrides,
});
const facts = (overrides: Partial<SharingFacts> = {}): SharingFacts => ({
  isOwner: false,
  isOwnerGroupMember: false,
  ownedBySubordinate: false,
  shareLevel: 'None',
  ruleLevel: 'None',
  flowDefinitionId: '300000000000001AAA',
  flowRestricted: false,
  ...overrides,
});
const shared = { sharingModel: 'Private', resumeSharedInterviews: true } as const;
const restricted = { sharingModel: 'Private', resumeSharedInterviews: false } as const;

describe('the FlowInterview access rule', () => {
  it('gives the owner everything and strangers nothing under a Private default', () => {
    expect(decideInterviewAccess(subject(), facts({ isOwner: true }), shared)).toEqual({ level: 'All', read: true, edit: true, resume: true, delete: true });
    expect(decideInterviewAccess(subject(), facts(), shared)).toEqual({ level: 'None', read: false, edit: false, resume: false, delete: false });
  });

  it('lets edit access resume only while "Let users resume shared flow interviews" is on', () => {
    const editShare = facts({ shareLevel: 'Edit' });
    expect(decideInterviewAccess(subject(), editShare, shared).resume).toBe(true);
    expect(decideInterviewAccess(subject(), editShare, restricted).resume).toBe(false);
    expect(decideInterviewAccess(subject(), facts({ shareLevel: 'Read' }), shared).resume).toBe(false);
  });

  it('lets a Manage Flow user read, resume and delete every interview under either setting', () => {
    const admin = subject({ permissions: { runFlows: true, manageFlow: true, customizeApplication: true, viewAllData: true, manageUsers: false } });
    expect(decideInterviewAccess(admin, facts(), restricted)).toMatchObject({ read: true, edit: false, resume: true, delete: true });
    expect(decideInterviewAccess(admin, facts(), shared)).toMatchObject({ read: true, edit: false, resume: true, delete: true });
    const manageOnly = subject({ permissions: { runFlows: false, manageFlow: true, customizeApplication: false, viewAllData: false, manageUsers: false } });
    expect(decideInterviewAccess(manageOnly, facts(), restricted)).toMatchObject({ level: 'Read', read: true, resume: true, delete: true });
    expect(interviewVisibility(manageOnly, shared).rows.kind).toBe('all');
  });

  it('never grants more when "Let users resume shared flow interviews" is turned off', () => {
    const levels = ['None', 'Read', 'Edit', 'All'] as const;
    for (const manageFlow of [false, true]) {
      for (const viewAllData of [false, true]) {
        for (const isOwner of [false, true]) {
          for (const shareLevel of levels) {
            const who = subject({ permissions: { runFlows: true, manageFlow, customizeApplication: false, viewAllData, manageUsers: false } });
            const on = decideInterviewAccess(who, facts({ isOwner, shareLevel }), shared);
            const off = decideInterviewAccess(who, facts({ isOwner, shareLevel }), restricted);
            for (const right of ['read', 'edit', 'resume', 'delete'] as const) {
              expect(!off[right] || on[right], `${right} ${JSON.stringify({ manageFlow, viewAllData, isOwner, shareLevel })}`).toBe(true);
            }
          }
        }
      }
    }
  });

  it('denies everything without Run Flows or Manage Flow, even to the owner', () => {
    const noRun = subject({ permissions: { runFlows: false, manageFlow: false, customizeApplication: false, viewAllData: true, manageUsers: false } });
    expect(decideInterviewAccess(noRun, facts({ isOwner: true }), shared).read).toBe(false);
  });

  it('hides interviews of a restricted flow unless a permission set enables it or the user has Manage Flow', () => {
    const restrictedFlow = facts({ isOwner: true, flowRestricted: true });
    expect(decideInterviewAccess(subject(), restrictedFlow, shared).read).toBe(false);
    expect(decideInterviewAccess(subject({ enabledFlowIds: ['300000000000001AAA'] }), restrictedFlow, shared).read).toBe(true);
    const manager = subject({ permissions: { runFlows: false, manageFlow: true, customizeApplication: false, viewAllData: false, manageUsers: false } });
    expect(decideInterviewAccess(manager, restrictedFlow, shared).read).toBe(true);
  });

  it('describes the same rule for lists: everyone, nobody, or owned-and-shared rows', () => {
    expect(interviewVisibility(subject(), { ...shared, sharingModel: 'Read' }).rows.kind).toBe('all');
    expect(interviewVisibility(subject(), { ...shared, sharingModel: 'Read' }, 'edit').rows.kind).toBe('shared');
    expect(interviewVisibility(subject({ isTopRole: true }), shared, 'edit').rows.kind).toBe('all');
    expect(interviewVisibility(subject({ permissions: { runFlows: false, manageFlow: false, customizeApplication: false, viewAllData: false, manageUsers: false } }), shared).rows.kind).toBe('none');
    expect(interviewVisibility(subject(), shared).restrictedFlowsAllowed).toEqual([]);
  });
});

/** The org of the sharing tests: CEO ← VP ← (Rep1, Rep2); an outsider without role; an admin; a queue. */
async function buildOrg(db: StorageSession) {
  const actor = await systemActor(db);
  const ceoRole = await db.directory.createRole({ Name: 'CEO' }, actor);
  const vpRole = await db.directory.createRole({ Name: 'VP Sales', ParentRoleId: ceoRole.Id }, actor);
  const rep1Role = await db.directory.createRole({ Name: 'Rep One', ParentRoleId: vpRole.Id }, actor);
  const rep2Role = await db.directory.createRole({ Name: 'Rep Two', ParentRoleId: vpRole.Id }, actor);
  const users = {
    ceo: await createUser(db, 'ceo', { roleId: ceoRole.Id }),
    vp: await createUser(db, 'vp', { roleId: vpRole.Id }),
    rep1: await createUser(db, 'rep1', { roleId: rep1Role.Id }),
    rep2: await createUser(db, 'rep2', { roleId: rep2Role.Id }),
    outsider: await createUser(db, 'outsider'),
    admin: await createUser(db, 'admin', { manageFlow: true, viewAllData: true }),
    norun: await createUser(db, 'norun', { runFlows: false }),
  };
  const queue = await db.directory.createGroup({ Name: 'Support Queue', Type: 'Queue' }, actor);
  await db.directory.addGroupMember(queue.Id, users.rep2.Id);
  const survey = await deployFlow(db, 'Survey');
  const interviews = {
    rep1: await createInterview(db, survey.version.Id, users.rep1.Id),
    rep2: await createInterview(db, survey.version.Id, users.rep2.Id),
    outsider: await createInterview(db, survey.version.Id, users.outsider.Id),
    queue: await createInterview(db, survey.version.Id, queue.Id),
    norun: await createInterview(db, survey.version.Id, users.norun.Id),
  };
  return { actor, roles: { ceoRole, vpRole, rep1Role, rep2Role }, users, queue, survey, interviews };
}

type Org = Awaited<ReturnType<typeof buildOrg>>;
type UserKey = keyof Org['users'];
type InterviewKey = keyof Org['interviews'];

/** What each user can read, by list and by single-interview check — which must agree. */
async function visible(db: EddyDatabase, org: Org, user: UserKey): Promise<InterviewKey[]> {
  const who = await db.directory.accessSubject(org.users[user].Id);
  const listed = new Set((await db.interviews.list({}, who)).map((i) => i.Id));
  const keys = Object.keys(org.interviews) as InterviewKey[];
  for (const key of keys) {
    const single = await db.interviews.getForUser(org.interviews[key].Id, who);
    expect({ user, key, listed: listed.has(org.interviews[key].Id) }).toEqual({ user, key, listed: single !== undefined });
  }
  return keys.filter((key) => listed.has(org.interviews[key].Id)).sort();
}

async function accessOf(db: EddyDatabase, user: UserRecord, interview: StoredInterview) {
  return (await db.interviews.getForUser(interview.Id, await db.directory.accessSubject(user.Id)))?.access;
}

forEachDatabase('FlowInterview sharing', (ctx) => {
  it('shows owners their own, managers their subordinates\', the top role everything, queue members the queue\'s', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    expect(await visible(db, org, 'rep1')).toEqual(['rep1']);
    expect(await visible(db, org, 'rep2')).toEqual(['queue', 'rep2']);
    expect(await visible(db, org, 'vp')).toEqual(['rep1', 'rep2']);
    expect(await visible(db, org, 'ceo')).toEqual(['norun', 'outsider', 'queue', 'rep1', 'rep2']);
    expect(await visible(db, org, 'outsider')).toEqual(['outsider']);
    expect(await visible(db, org, 'norun')).toEqual([]);
    expect(await accessOf(db, org.users.vp, org.interviews.rep1)).toMatchObject({ level: 'Edit', edit: true, resume: true, delete: false });
    expect(await accessOf(db, org.users.rep2, org.interviews.queue)).toMatchObject({ level: 'Edit', resume: true });
  });

  it('gives View All Data and Manage Flow read access to all, and Manage Flow the right to resume and delete', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    expect(await visible(db, org, 'admin')).toEqual(['norun', 'outsider', 'queue', 'rep1', 'rep2']);
    expect(await accessOf(db, org.users.admin, org.interviews.rep1)).toMatchObject({ level: 'Read', read: true, edit: false, resume: true, delete: true });
  });

  it('applies manual shares to users and groups, Read or Edit', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    await db.interviews.share(org.interviews.rep1.Id, org.users.rep2.Id, 'Read', org.actor);
    expect(await visible(db, org, 'rep2')).toEqual(['queue', 'rep1', 'rep2']);
    expect(await accessOf(db, org.users.rep2, org.interviews.rep1)).toMatchObject({ read: true, edit: false, resume: false });
    const share = await db.interviews.share(org.interviews.rep1.Id, org.users.rep2.Id, 'Edit', org.actor);
    expect(share).toMatchObject({ AccessLevel: 'Edit', RowCause: 'Manual' });
    expect(share.Id).toMatch(/^0Fp/);
    expect(await db.interviews.shares(org.interviews.rep1.Id)).toHaveLength(1);
    expect(await accessOf(db, org.users.rep2, org.interviews.rep1)).toMatchObject({ edit: true, resume: true, delete: false });
    const group = await db.directory.createGroup({ Name: 'Helpers', Type: 'Regular' }, org.actor);
    await db.directory.addGroupMember(group.Id, org.users.outsider.Id);
    await db.interviews.share(org.interviews.rep2.Id, group.Id, 'Read', org.actor);
    expect(await visible(db, org, 'outsider')).toEqual(['outsider', 'rep2']);
    await db.interviews.unshare(org.interviews.rep1.Id, org.users.rep2.Id);
    expect(await visible(db, org, 'rep2')).toEqual(['queue', 'rep2']);
    await expect(db.interviews.share(org.interviews.rep1.Id, org.users.rep2.Id, 'All' as never, org.actor)).rejects.toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
  });

  it('lets managers see what is shared with their subordinates', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    await db.interviews.share(org.interviews.outsider.Id, org.users.rep1.Id, 'Read', org.actor);
    expect(await visible(db, org, 'vp')).toEqual(['outsider', 'rep1', 'rep2']);
  });

  it('applies owner-based sharing rules, including to roles and nested groups', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    const rep1Group = await db.directory.roleGroup(org.roles.rep1Role.Id, 'Role');
    const team = await db.directory.createGroup({ Name: 'Team', Type: 'Regular' }, org.actor);
    const inner = await db.directory.createGroup({ Name: 'Inner', Type: 'Regular' }, org.actor);
    await db.directory.addGroupMember(team.Id, inner.Id);
    await db.directory.addGroupMember(inner.Id, org.users.outsider.Id);
    const rule = await db.interviews.addSharingRule({ Name: 'Rep1 to Team', GroupId: rep1Group.Id, UserOrGroupId: team.Id, AccessLevel: 'Read' }, org.actor);
    expect(rule.Id).toMatch(/^02c/);
    expect(await visible(db, org, 'outsider')).toEqual(['outsider', 'rep1']);
    expect(await accessOf(db, org.users.outsider, org.interviews.rep1)).toMatchObject({ read: true, edit: false });
    const everyone = await db.directory.organizationGroup();
    const rep2Below = await db.directory.roleGroup(org.roles.rep2Role.Id, 'RoleAndSubordinates');
    await db.interviews.addSharingRule({ Name: 'All to Rep2', GroupId: everyone.Id, UserOrGroupId: rep2Below.Id, AccessLevel: 'Edit' }, org.actor);
    expect(await visible(db, org, 'rep2')).toEqual(['norun', 'outsider', 'queue', 'rep1', 'rep2']);
    expect(await accessOf(db, org.users.rep2, org.interviews.outsider)).toMatchObject({ edit: true, resume: true });
    await db.interviews.deleteSharingRule(rule.Id);
    expect(await visible(db, org, 'outsider')).toEqual(['outsider']);
  });

  it('follows the org-wide default: Public Read Only lets everyone read, Public Read/Write edit', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    await db.settings.updateOrganization({ flowInterviewSharingModel: 'Read' }, org.actor);
    expect(await visible(db, org, 'outsider')).toEqual(['norun', 'outsider', 'queue', 'rep1', 'rep2']);
    expect(await accessOf(db, org.users.outsider, org.interviews.rep1)).toMatchObject({ level: 'Read', resume: false });
    await db.settings.updateOrganization({ flowInterviewSharingModel: 'ReadWrite' }, org.actor);
    expect(await accessOf(db, org.users.outsider, org.interviews.rep1)).toMatchObject({ level: 'Edit', resume: true });
    expect(await visible(db, org, 'norun')).toEqual([]);
  });

  it('limits resume to the owner and Manage Flow admins when "Let users resume shared flow interviews" is off', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    await db.interviews.share(org.interviews.rep1.Id, org.users.rep2.Id, 'Edit', org.actor);
    await db.settings.updateOrganization({ resumeSharedInterviews: false }, org.actor);
    expect(await accessOf(db, org.users.rep2, org.interviews.rep1)).toMatchObject({ edit: true, resume: false });
    expect(await accessOf(db, org.users.rep1, org.interviews.rep1)).toMatchObject({ resume: true });
    expect(await accessOf(db, org.users.admin, org.interviews.rep1)).toMatchObject({ resume: true });
    expect(await accessOf(db, org.users.vp, org.interviews.rep1)).toMatchObject({ edit: true, resume: false });
  });

  it('hides interviews of a flow restricted to enabled permission sets until one is enabled', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    const locked = await deployFlow(db, 'Locked', { IsAdditionalPermissionRequiredToRun: true });
    expect(locked.definition.IsAdditionalPermissionRequiredToRun).toBe(true);
    const interview = await createInterview(db, locked.version.Id, org.users.rep1.Id);
    const rep1 = await db.directory.accessSubject(org.users.rep1.Id);
    expect((await db.interviews.list({}, rep1)).map((i) => i.Id)).toEqual([org.interviews.rep1.Id]);
    expect(await db.interviews.getForUser(interview.Id, rep1)).toBeUndefined();
    const [set] = await db.directory.permissionSetsOf(org.users.rep1.Id);
    await db.directory.enableFlowAccess(set?.Id as string, locked.definition.Id);
    const enabled = await db.directory.accessSubject(org.users.rep1.Id);
    expect(enabled.enabledFlowIds).toEqual([locked.definition.Id]);
    expect((await db.interviews.list({}, enabled)).map((i) => i.Id).sort()).toEqual([interview.Id, org.interviews.rep1.Id].sort());
    expect((await db.interviews.getForUser(interview.Id, enabled))?.access.resume).toBe(true);
    const admin = await db.directory.accessSubject(org.users.admin.Id);
    expect((await db.interviews.list({ flowDefinitionId: locked.definition.Id }, admin)).map((i) => i.Id)).toEqual([interview.Id]);
  });

  it('applies sharing to the by-record list as to every list', async () => {
    const db = ctx.db();
    const org = await buildOrg(db);
    const [accountId] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Acme' }], org.actor);
    for (const key of ['rep1', 'rep2', 'outsider'] as const) await db.interviews.setRecordRelations(org.interviews[key].Id, [accountId as string], org.actor);
    const byRecord = async (user: UserKey) =>
      (await db.interviews.list({ relatedRecordId: accountId as string }, await db.directory.accessSubject(org.users[user].Id))).map((i) => i.OwnerId).sort();
    expect(await byRecord('rep1')).toEqual([org.users.rep1.Id]);
    expect(await byRecord('vp')).toEqual([org.users.rep1.Id, org.users.rep2.Id].sort());
    expect(await byRecord('admin')).toHaveLength(3);
  });
});

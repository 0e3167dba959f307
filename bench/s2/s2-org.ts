/**
 * The org S2 asks its question in: a viewer without admin rights (Run Flows only) in a middle
 * role, so that every branch of the sharing rule is exercised — their own interviews, those of
 * users in a subordinate role, manual shares to a group they belong to, an owner sharing rule —
 * and a record whose related interviews they may partly see. The template state is a real
 * paused interview of the benchmark flow.
 */
import { KEY_PREFIXES } from '../../src/runtime/org/ids.js';
import type { UserRecord } from '../../src/runtime/ports/index.js';
import { BENCH_FLOW, type EddyOrg } from '../support/eddy-org.js';
import type { GeneratedInterview, InterviewTemplate } from './generate-interviews.js';
import { sequentialId } from './generate-interviews.js';

/** The people and the record of S2. */
export interface S2Org {
  readonly viewerId: string;
  /** The record the page shows. */
  readonly recordId: string;
  readonly template: InterviewTemplate;
  /** Owners of the unrelated interviews. */
  readonly owners: readonly string[];
  /** The group interviews are shared with (the viewer is a member). */
  readonly reviewersGroupId: string;
  /** The interviews related to the record, and which of them the viewer may see. */
  readonly related: readonly (GeneratedInterview & { readonly visible: boolean })[];
}

/** Owners of unrelated interviews. */
const OTHER_OWNERS = 40;

/** Builds the S2 org on top of the benchmark org. */
export async function buildS2Org(org: EddyOrg): Promise<S2Org> {
  const { database: db, adminId } = org;
  const flowUser = (await db.directory.listPermissionSets()).find((set) => set.Name === 'Flow_User');
  if (flowUser === undefined) throw new Error('No Flow_User permission set.');
  const ceo = await db.directory.createRole({ Name: 'Bench CEO' }, adminId);
  const manager = await db.directory.createRole({ Name: 'Bench Manager', ParentRoleId: ceo.Id }, adminId);
  const rep = await db.directory.createRole({ Name: 'Bench Rep', ParentRoleId: manager.Id }, adminId);
  const peer = await db.directory.createRole({ Name: 'Bench Peer', ParentRoleId: ceo.Id }, adminId);
  const newUser = async (name: string, roleId: string): Promise<UserRecord> => {
    const user = await db.directory.createUser({ Username: `${name}@bench.example.com`, Email: `${name}@bench.example.com`, LastName: name, UserRoleId: roleId }, adminId);
    await db.directory.assignPermissionSet(user.Id, flowUser.Id);
    return user;
  };
  const viewer = await newUser('viewer', manager.Id);
  const subordinate = await newUser('subordinate', rep.Id);
  const east = await newUser('east', peer.Id);
  const others: UserRecord[] = [];
  for (let i = 0; i < OTHER_OWNERS; i++) others.push(await newUser(`owner${i}`, peer.Id));
  const reviewers = await db.directory.createGroup({ Name: 'Bench Reviewers', Type: 'Regular' }, adminId);
  await db.directory.addGroupMember(reviewers.Id, viewer.Id);
  const eastTeam = await db.directory.createGroup({ Name: 'Bench East Team', Type: 'Regular' }, adminId);
  await db.directory.addGroupMember(eastTeam.Id, east.Id);
  await db.interviews.addSharingRule({ Name: 'East to Reviewers', GroupId: eastTeam.Id, UserOrGroupId: reviewers.Id, AccessLevel: 'Read' }, adminId);

  const [recordId] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Bench Record' }], adminId);
  if (recordId === undefined) throw new Error('The S2 record was not created.');

  // A real paused interview gives the state every generated interview carries.
  const started = await org.runtime.interviews.start(viewer.Id, BENCH_FLOW);
  await org.runtime.interviews.pause(viewer.Id, started.interview.Id);
  const stored = await db.interviews.get(started.interview.Id);
  if (stored === undefined) throw new Error('The template interview was not stored.');
  const [stranger, other] = [others[0] as UserRecord, others[1] as UserRecord];
  const related = [
    ...Array.from({ length: 3 }, () => ({ ownerId: viewer.Id, relatedRecordId: recordId, visible: true })),
    ...Array.from({ length: 2 }, () => ({ ownerId: subordinate.Id, relatedRecordId: recordId, visible: true })),
    ...Array.from({ length: 2 }, () => ({ ownerId: other.Id, relatedRecordId: recordId, sharedWith: reviewers.Id, visible: true })),
    ...Array.from({ length: 2 }, () => ({ ownerId: east.Id, relatedRecordId: recordId, visible: true })),
    ...Array.from({ length: 3 }, () => ({ ownerId: stranger.Id, relatedRecordId: recordId, visible: false })),
  ];
  return {
    viewerId: viewer.Id,
    recordId,
    template: {
      versionId: stored.FlowVersionViewId,
      definitionId: stored.flowDefinitionId,
      state: JSON.stringify(stored.state),
      currentElement: stored.CurrentElement ?? 'Screen_A',
      actorId: adminId,
    },
    owners: [viewer.Id, subordinate.Id, east.Id, ...others.map((user) => user.Id)],
    reviewersGroupId: reviewers.Id,
    related,
  };
}

/** A record ID from the pool unrelated interviews point at (never the S2 record). */
export function poolRecordId(index: number): string {
  return sequentialId(KEY_PREFIXES.Account, index);
}

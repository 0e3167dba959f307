/**
 * Update Records on User and Group from a flow: written through the directory with the REST
 * API's rules (a record read with all its fields may be written back; Usernames stay unique;
 * nobody deactivates their own user; the Automated Process user and role groups cannot be
 * changed), with the checks before the write so a handled fault leaves nothing changed.
 */
import { expect, it } from 'vitest';
import type { FlowValue } from '../../../src/engine/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployXml, systemActor, testRuntime } from './support/runtime-harness.js';

/** An autolaunched flow that updates its input record `target` (of `object`) and reports a handled fault in `faultText`. */
function updateInputFlow(label: string, object: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>60.0</apiVersion>
    <assignments>
        <name>Note_Fault</name>
        <label>Note Fault</label>
        <assignmentItems>
            <assignToReference>faultText</assignToReference>
            <operator>Assign</operator>
            <value><elementReference>$Flow.FaultMessage</elementReference></value>
        </assignmentItems>
    </assignments>
    <label>${label}</label>
    <processType>AutoLaunchedFlow</processType>
    <recordUpdates>
        <name>Save_Target</name>
        <label>Save Target</label>
        <faultConnector><targetReference>Note_Fault</targetReference></faultConnector>
        <inputReference>target</inputReference>
    </recordUpdates>
    <start><connector><targetReference>Save_Target</targetReference></connector></start>
    <status>Active</status>
    <variables>
        <name>faultText</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>true</isOutput>
    </variables>
    <variables>
        <name>target</name>
        <dataType>SObject</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
        <objectType>${object}</objectType>
    </variables>
</Flow>`;
}

/** Update Records on User by filter: users with `Department` = `from` get `Title` = `title`. */
const UPDATE_BY_FILTER = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>60.0</apiVersion>
    <label>Retitle Department</label>
    <processType>AutoLaunchedFlow</processType>
    <recordUpdates>
        <name>Retitle</name>
        <label>Retitle</label>
        <filterLogic>and</filterLogic>
        <filters>
            <field>Department</field>
            <operator>EqualTo</operator>
            <value><elementReference>from</elementReference></value>
        </filters>
        <inputAssignments>
            <field>Title</field>
            <value><elementReference>title</elementReference></value>
        </inputAssignments>
        <object>User</object>
    </recordUpdates>
    <start><connector><targetReference>Retitle</targetReference></connector></start>
    <status>Active</status>
    <variables>
        <name>from</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
    </variables>
    <variables>
        <name>title</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
    </variables>
</Flow>`;

forEachDatabase('flows updating users and groups', (ctx) => {
  it("writes back a user read with all its fields, changing the user's ordinary fields", async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployXml(db, 'Save_User', updateInputFlow('Save User', 'User'));
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');
    const record = await db.records.getById(bob.Id);
    const done = await runtime.interviews.start(alice.Id, 'Save_User', { inputs: { target: { ...record, Title: 'Engineer', Phone: '+1 555 0100' } as FlowValue } });
    expect(done).toMatchObject({ awaiting: 'finished', outputs: { faultText: null } });
    expect(await db.directory.getUser(bob.Id)).toMatchObject({ Title: 'Engineer', Phone: '+1 555 0100', Username: 'bob@example.com', LastModifiedById: alice.Id });
  });

  it('refuses a taken Username, deactivating oneself and the Automated Process user, changing nothing', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployXml(db, 'Save_User', updateInputFlow('Save User', 'User'));
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');
    const run = async (target: Record<string, FlowValue>) => (await runtime.interviews.start(alice.Id, 'Save_User', { inputs: { target: { attributes: { type: 'User' }, ...target } } })).outputs?.['faultText'];

    expect(await run({ Id: bob.Id, Username: 'ALICE@example.com', Title: 'Thief' })).toContain('Duplicate Username. The username already exists: ALICE@example.com');
    expect(await run({ Id: alice.Id, IsActive: false })).toContain('You cannot deactivate your own user.');
    expect(await run({ Id: await systemActor(db), Title: 'Robot' })).toContain('cannot be changed');
    expect(await run({ Id: bob.Id, Email: 'not an email' })).toContain('invalid email address: not an email');
    expect(await db.directory.getUser(bob.Id)).toMatchObject({ Username: 'bob@example.com', Title: null, Email: 'bob@example.com' });
    expect((await db.directory.getUser(alice.Id))?.IsActive).toBe(true);
    // Deactivating someone else is an ordinary change.
    expect(await run({ Id: bob.Id, IsActive: false })).toBeNull();
    expect((await db.directory.getUser(bob.Id))?.IsActive).toBe(false);
  });

  it('updates the users a filter finds', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployXml(db, 'Retitle_Department', UPDATE_BY_FILTER);
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');
    await db.directory.updateUser(bob.Id, { Department: 'Support' }, alice.Id);
    const done = await runtime.interviews.start(alice.Id, 'Retitle_Department', { inputs: { from: 'Support', title: 'Agent' } });
    expect(done.awaiting).toBe('finished');
    expect((await db.directory.getUser(bob.Id))?.Title).toBe('Agent');
    expect((await db.directory.getUser(alice.Id))?.Title).toBeNull();
  });

  it('writes back a public group, refusing a role group and a changed Type', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployXml(db, 'Save_Group', updateInputFlow('Save Group', 'Group'));
    const alice = await createUser(db, 'alice');
    const group = await db.directory.createGroup({ Name: 'Helpers', Type: 'Regular' }, alice.Id);
    const record = await db.records.getById(group.Id);
    const saved = await runtime.interviews.start(alice.Id, 'Save_Group', { inputs: { target: { ...record, Name: 'Helping Hands', Email: 'help@example.com' } as FlowValue } });
    expect(saved.outputs?.['faultText']).toBeNull();
    expect(await db.directory.getGroup(group.Id)).toMatchObject({ Name: 'Helping Hands', Email: 'help@example.com', DeveloperName: group.DeveloperName, Type: 'Regular' });

    const others = await db.directory.createGroup({ Name: 'Others', Type: 'Regular' }, alice.Id);
    const renamed = await runtime.interviews.start(alice.Id, 'Save_Group', { inputs: { target: { attributes: { type: 'Group' }, Id: group.Id, DeveloperName: others.DeveloperName } } });
    expect(renamed.outputs?.['faultText']).toContain(`duplicate value found: DeveloperName ${others.DeveloperName}`);
    const retyped = await runtime.interviews.start(alice.Id, 'Save_Group', { inputs: { target: { attributes: { type: 'Group' }, Id: group.Id, Type: 'Queue' } } });
    expect(retyped.outputs?.['faultText']).toContain('cannot be changed');
    const organization = await db.directory.organizationGroup();
    const org = await runtime.interviews.start(alice.Id, 'Save_Group', { inputs: { target: { attributes: { type: 'Group' }, Id: organization.Id, Name: 'Everyone' } } });
    expect(org.outputs?.['faultText']).toContain('cannot be changed');
    expect((await db.directory.getGroup(group.Id))?.Type).toBe('Regular');
    expect((await db.directory.organizationGroup()).Name).toBe(organization.Name);
  });
});

/**
 * What deploy and activation say about record-triggered flows: each deployed flow's object,
 * timing and events, and the active flows of those objects by timing in run order — in the
 * result and in `eddy deploy`'s text.
 */
import { expect, it } from 'vitest';
import { renderDeployText } from '../../../src/cli/commands/deploy.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, testRuntime } from '../interviews/support/runtime-harness.js';
import { createRecord, ref, setField, triggerFlowXml } from './support/trigger-flows.js';

forEachDatabase('trigger report', (ctx) => {
  it('reports record-triggered flows per object and timing in run order, on deploy and on activation', async () => {
    const { runtime } = await testRuntime(ctx);
    const admin = await createUser(ctx.db(), 'deployer', { manageFlow: true, customizeApplication: true });
    const flows = runtime.flows;
    if (flows === undefined) throw new Error('The runtime has no flow service.');
    const file = (name: string, xml: string) => ({ path: `force-app/main/default/flows/${name}.flow-meta.xml`, content: xml });
    const result = await flows.deploy(admin.Id, [
      file('B_Stamp', triggerFlowXml({ object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'S', elements: setField('S', 'Site', 'x') })),
      file('A_Stamp', triggerFlowXml({ object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'S', elements: setField('S', 'Site', 'y'), triggerOrder: 1500 })),
      file('Make_Contact', triggerFlowXml({ object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'C', elements: createRecord('C', 'Contact', { LastName: ref('$Record.Name') }) })),
    ], { activate: true });
    expect(result.summary.ok).toBe(true);
    expect(result.flows.find((f) => f.apiName === 'Make_Contact')?.trigger).toEqual({ object: 'Account', timing: 'afterSave', events: ['create'], triggerOrder: null });
    expect(result.triggers).toEqual([
      { object: 'Account', timing: 'beforeSave', flows: [{ apiName: 'B_Stamp', events: ['create', 'update'], triggerOrder: null }, { apiName: 'A_Stamp', events: ['create'], triggerOrder: 1500 }] },
      { object: 'Account', timing: 'afterSave', flows: [{ apiName: 'Make_Contact', events: ['create'], triggerOrder: null }] },
    ]);
    const text = renderDeployText(result, 0);
    expect(text).toContain('Record-triggered flows, in run order:');
    expect(text).toContain('  Account before save: B_Stamp (create, update) → A_Stamp (create; order 1500)');
    expect(text).toContain('  Account after save: Make_Contact (create)');

    const redeployed = await flows.deploy(admin.Id, [file('C_Stamp', triggerFlowXml({ object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'S', elements: setField('S', 'Site', 'z'), triggerOrder: 1 }))]);
    const versionId = redeployed.flows[0]?.versionId as string;
    const activated = await flows.activate(admin.Id, versionId);
    expect(activated.trigger).toMatchObject({ object: 'Account', timing: 'beforeSave', runOrder: [{ apiName: 'C_Stamp' }, { apiName: 'B_Stamp' }, { apiName: 'A_Stamp' }] });
  });
});

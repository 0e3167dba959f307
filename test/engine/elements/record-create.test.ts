import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';

describe('record create element', () => {
  it('creates a record from object + inputAssignments and stores its Id', async () => {
    const flow = flowFromXml(
      variable('company', 'String', { input: true }) +
        variable('newId', 'String', { output: true }) +
        variable('autoId', 'String', { output: true }) +
        `<recordCreates><name>Create_Lead</name><label>Create Lead</label><object>Lead</object>
          <assignRecordIdToReference>newId</assignRecordIdToReference>
          <inputAssignments><field>Company</field><value>${ref('company')}</value></inputAssignments>
          <inputAssignments><field>LastName</field><value>${str('Lovelace')}</value></inputAssignments>
          ${connector('Copy')}</recordCreates>
         <recordCreates><name>Create_Auto</name><label>Create Auto</label><object>Lead</object><storeOutputAutomatically>true</storeOutputAutomatically>
          <inputAssignments><field>LastName</field><value>${str('Babbage')}</value></inputAssignments>${connector('Copy_Auto')}</recordCreates>` +
        assignment('Copy', [], 'Create_Auto') +
        assignment('Copy_Auto', [['autoId', 'Assign', ref('Create_Auto')]]),
      { start: 'Create_Lead' },
    );
    const first = start(flow, { company: 'Acme' }, startContext());
    expect(first.awaiting).toEqual({
      kind: 'request',
      element: 'Create_Lead',
      request: { kind: 'recordCreate', records: [{ attributes: { type: 'Lead' }, Company: 'Acme', LastName: 'Lovelace' }] },
    });
    const run = await runScript(flow, { inputs: { company: 'Acme' } });
    const leads = run.records.all('Lead');
    expect(leads.map((lead) => lead.LastName)).toEqual(['Lovelace', 'Babbage']);
    expect(run.outputs).toEqual({ newId: leads[0]?.Id, autoId: leads[1]?.Id });
    expect(run.outputs?.newId).toMatch(/^00Q\w{15}$/);
  });

  it('creates the record of a record variable and writes the new Id back into it', async () => {
    const flow = flowFromXml(
      variable('contact', 'SObject', { objectType: 'Contact', output: true }) +
        assignment('Fill', [['contact.LastName', 'Assign', str('Hopper')]], 'Create') +
        `<recordCreates><name>Create</name><label>Create</label><inputReference>contact</inputReference></recordCreates>`,
      { start: 'Fill' },
    );
    const run = await runScript(flow);
    const [created] = run.records.all('Contact');
    expect(created?.LastName).toBe('Hopper');
    expect(run.outputs?.contact).toEqual({ attributes: { type: 'Contact' }, LastName: 'Hopper', Id: created?.Id });
  });

  it('creates every record of a collection and writes each Id back', async () => {
    const flow = flowFromXml(
      variable('one', 'SObject', { objectType: 'Contact' }) +
        variable('contacts', 'SObject', { objectType: 'Contact', collection: true, output: true }) +
        assignment('Fill', [
          ['one.LastName', 'Assign', str('A')],
          ['contacts', 'Add', ref('one')],
          ['one.LastName', 'Assign', str('B')],
          ['contacts', 'Add', ref('one')],
        ], 'Create') +
        `<recordCreates><name>Create</name><label>Create</label><inputReference>contacts</inputReference></recordCreates>`,
      { start: 'Fill' },
    );
    const run = await runScript(flow);
    const ids = run.records.all('Contact').map((contact) => contact.Id);
    expect(ids).toHaveLength(2);
    expect((run.outputs?.contacts as { Id: string }[]).map((contact) => contact.Id)).toEqual(ids);
  });

  it('goes on without a request for an empty collection', () => {
    const flow = flowFromXml(
      variable('contacts', 'SObject', { objectType: 'Contact', collection: true }) +
        `<recordCreates><name>Create</name><label>Create</label><inputReference>contacts</inputReference></recordCreates>`,
      { start: 'Create' },
    );
    expect(start(flow, {}, startContext()).awaiting.kind).toBe('finished');
  });
});

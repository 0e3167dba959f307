import { describe, expect, it } from 'vitest';
import { start, step } from '../../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from '../support/context.js';
import { connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';

const seed = {
  Account: [
    { Name: 'Acme', Industry: 'Energy', AnnualRevenue: 300 },
    { Name: 'Globex', Industry: 'Energy', AnnualRevenue: 100 },
    { Name: 'Initech', Industry: 'Software', AnnualRevenue: 200 },
  ],
};

function lookup(body: string): string {
  return `<recordLookups><name>Get_Accounts</name><label>Get Accounts</label><object>Account</object>${body}</recordLookups>`;
}

describe('record lookup element', () => {
  it('asks for records with resolved filters, sort, fields and limit 1 for the first record only', () => {
    const flow = flowFromXml(
      variable('industry', 'String', { input: true }) +
        lookup(`<filterLogic>and</filterLogic>
          <filters><field>Industry</field><operator>EqualTo</operator><value>${ref('industry')}</value></filters>
          <getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
          <queriedFields>Id</queriedFields><queriedFields>Name</queriedFields>
          <sortField>AnnualRevenue</sortField><sortOrder>Desc</sortOrder>`),
      { start: 'Get_Accounts' },
    );
    const result = start(flow, { industry: 'Energy' }, startContext());
    expect(result.awaiting).toEqual({
      kind: 'request',
      element: 'Get_Accounts',
      request: {
        kind: 'recordQuery',
        object: 'Account',
        filters: [{ field: 'Industry', operator: 'EqualTo', value: 'Energy' }],
        logic: { op: 'and', children: [{ op: 'condition', index: 0 }] },
        fields: ['Id', 'Name'],
        sort: { field: 'AnnualRevenue', order: 'Desc' },
        limit: 1,
      },
    });
    expect(result.state.status).toBe('awaitingEffect');
    const answered = step(flow, roundTrip(result.state), { kind: 'requestResult', result: { kind: 'records', records: [{ attributes: { type: 'Account' }, Id: '001A', Name: 'Acme' }] } }, stepContext());
    expect(answered.awaiting.kind).toBe('finished');
    expect(answered.state.frames[0]?.vars.Get_Accounts).toEqual({ attributes: { type: 'Account' }, Id: '001A', Name: 'Acme' });
  });

  it('stores all records automatically and reads fields through {!Get_Accounts}', async () => {
    const flow = flowFromXml(
      variable('names', 'String', { collection: true, output: true }) +
        lookup(`<filters><field>Industry</field><operator>EqualTo</operator><value>${str('Energy')}</value></filters>
          <getFirstRecordOnly>false</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
          <sortField>Name</sortField><sortOrder>Asc</sortOrder>${connector('Each')}`) +
        `<loops><name>Each</name><label>Each</label><collectionReference>Get_Accounts</collectionReference><iterationOrder>Asc</iterationOrder>
          ${connector('Add_Name', 'nextValueConnector')}</loops>
         <assignments><name>Add_Name</name><label>Add</label>
          <assignmentItems><assignToReference>names</assignToReference><operator>Add</operator><value>${ref('Each.Name')}</value></assignmentItems>
          ${connector('Each')}</assignments>`,
      { start: 'Get_Accounts' },
    );
    const run = await runScript(flow, { records: seed });
    expect(run.fault).toBeUndefined();
    expect(run.outputs?.names).toEqual(['Acme', 'Globex']);
  });

  it('copies the first record into outputReference and fields through outputAssignments', async () => {
    const flow = flowFromXml(
      variable('acct', 'SObject', { objectType: 'Account', output: true }) +
        variable('revenue', 'Number', { output: true, scale: 0 }) +
        lookup(`<filters><field>Name</field><operator>EqualTo</operator><value>${str('Initech')}</value></filters>
          <getFirstRecordOnly>true</getFirstRecordOnly><outputReference>acct</outputReference><queriedFields>Name</queriedFields>${connector('Get_Revenue')}`) +
        `<recordLookups><name>Get_Revenue</name><label>Get Revenue</label><object>Account</object>
          <filters><field>Name</field><operator>EqualTo</operator><value>${str('Initech')}</value></filters>
          <outputAssignments><assignToReference>revenue</assignToReference><field>AnnualRevenue</field></outputAssignments></recordLookups>`,
      { start: 'Get_Accounts' },
    );
    const run = await runScript(flow, { records: seed });
    expect(run.outputs?.acct).toMatchObject({ attributes: { type: 'Account' }, Name: 'Initech' });
    expect(run.outputs?.revenue).toBe(200);
  });

  it('leaves outputAssignments targets alone when nothing is found, unless assignNullValuesIfNoRecordsFound', async () => {
    const make = (assignNull: boolean) =>
      flowFromXml(
        variable('revenue', 'Number', { output: true, scale: 0, defaultValue: '<numberValue>7</numberValue>' }) +
          lookup(`<filters><field>Name</field><operator>EqualTo</operator><value>${str('Nobody')}</value></filters>
            <assignNullValuesIfNoRecordsFound>${assignNull}</assignNullValuesIfNoRecordsFound>
            <outputAssignments><assignToReference>revenue</assignToReference><field>AnnualRevenue</field></outputAssignments>`),
        { start: 'Get_Accounts' },
      );
    expect((await runScript(make(false), { records: seed })).outputs).toEqual({ revenue: 7 });
    expect((await runScript(make(true), { records: seed })).outputs).toEqual({ revenue: null });
  });

  it('stores null when no record is found', async () => {
    const flow = flowFromXml(
      variable('found', 'Boolean', { output: true }) +
        lookup(`<filters><field>Name</field><operator>EqualTo</operator><value>${str('Nobody')}</value></filters>
          <getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>${connector('Check')}`) +
        `<decisions><name>Check</name><label>Check</label>
          <rules><name>None</name><label>None</label><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>Get_Accounts</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
            ${connector('Mark')}</rules></decisions>
         <assignments><name>Mark</name><label>Mark</label><assignmentItems><assignToReference>found</assignToReference><operator>Assign</operator><value><booleanValue>false</booleanValue></value></assignmentItems></assignments>`,
      { start: 'Get_Accounts' },
    );
    expect((await runScript(flow, { records: seed })).outputs).toEqual({ found: false });
  });
});

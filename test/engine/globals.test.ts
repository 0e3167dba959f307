import { describe, expect, it } from 'vitest';
import { renderInterviewLabel, start, step, type StepContext } from '../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from './support/context.js';
import { assignment, flowFromXml, ref, str, variable } from './support/flow-xml.js';

/** Runs one assignment `out = <valueXml>` of type `dataType` and returns `out`. */
function evaluate(valueXml: string, dataType = 'String', context: Partial<StepContext> = {}, extra = '', options: { collection?: boolean } = {}): unknown {
  const flow = flowFromXml(variable('out', dataType, { output: true, collection: options.collection }) + assignment('Set', [['out', 'Assign', valueXml]]) + extra, { start: 'Set' });
  const awaiting = start(flow, {}, startContext(context)).awaiting;
  if (awaiting.kind !== 'finished') return awaiting;
  return awaiting.outputs.out;
}

describe('global variables', () => {
  it('$Flow.CurrentDate and $Flow.CurrentDateTime come from the step time', () => {
    expect(evaluate(ref('$Flow.CurrentDate'), 'Date', { now: '2024-05-06T23:30:00.000Z' })).toBe('2024-05-06');
    expect(evaluate(ref('$Flow.CurrentDateTime'), 'DateTime', { now: '2024-05-06T23:30:00.000Z' })).toBe('2024-05-06T23:30:00.000Z');
  });

  it('$Flow.InterviewStartTime and $Flow.InterviewGuid come from the interview start', () => {
    const flow = flowFromXml(
      variable('started', 'DateTime', { output: true }) +
        variable('guid', 'String', { output: true }) +
        `<screens><name>Wait_For_User</name><label>W</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause><showFooter>true</showFooter><showHeader>true</showHeader>
          <connector><targetReference>Set</targetReference></connector></screens>` +
        assignment('Set', [
          ['started', 'Assign', ref('$Flow.InterviewStartTime')],
          ['guid', 'Assign', ref('$Flow.InterviewGuid')],
        ]),
      { start: 'Wait_For_User' },
    );
    const first = start(flow, {}, startContext({ guid: 'abc-123', now: '2024-01-01T08:00:00.000Z' }));
    const done = step(flow, roundTrip(first.state), { kind: 'navigate', action: 'NEXT', values: {} }, stepContext({ now: '2024-03-01T00:00:00.000Z' }));
    expect(done.awaiting).toEqual({ kind: 'finished', outputs: { started: '2024-01-01T08:00:00.000Z', guid: 'abc-123' } });
  });

  it('$GlobalConstant values and $System.OriginDateTime', () => {
    expect(evaluate(ref('$GlobalConstant.True'), 'Boolean')).toBe(true);
    expect(evaluate(ref('$GlobalConstant.False'), 'Boolean')).toBe(false);
    expect(evaluate(ref('$GlobalConstant.EmptyString'))).toBe('');
    expect(evaluate(ref('$GlobalConstant.Null'))).toBeNull();
    expect(evaluate(ref('$System.OriginDateTime'), 'DateTime')).toBe('1900-01-01T00:00:00.000Z');
  });

  it('$User and $Organization come from the context, fields matched case-insensitively', () => {
    const user = { Id: '005000000000001AAA', Username: 'ada@example.com', FirstName: 'Ada' };
    expect(evaluate(ref('$User.firstname'), 'String', { user })).toBe('Ada');
    expect(evaluate(ref('$User.Id'), 'String', { user })).toBe('005000000000001AAA');
    expect(evaluate(ref('$Organization.Name'), 'String', { organization: { Name: 'Acme Ltd' } })).toBe('Acme Ltd');
  });

  it('$Record and $Record__Prior come from the context of record-triggered flows', () => {
    const record = { attributes: { type: 'Account' }, Id: '001000000000001AAA', Name: 'Acme', Owner: { Name: 'Ada' } };
    const prior = { ...record, Name: 'Acme Old' };
    expect(evaluate(ref('$Record.Owner.Name'), 'String', { record })).toBe('Ada');
    expect(evaluate(ref('$Record__Prior.Name'), 'String', { record, recordPrior: prior })).toBe('Acme Old');
    expect(evaluate(ref('$Record__Prior.Name'), 'String', { record })).toBeNull();
  });

  it('$Label comes from deployed labels, and a missing one faults with UNKNOWN_LABEL naming it', () => {
    expect(evaluate(ref('$Label.Welcome'), 'String', { labels: { Welcome: 'Hello!' } })).toBe('Hello!');
    expect(evaluate(ref('$Label.Missing_One'), 'String', { labels: {} })).toMatchObject({
      kind: 'failed',
      fault: { code: 'UNKNOWN_LABEL', message: expect.stringContaining('Missing_One') as unknown },
    });
  });

  it('$Permission is false unless granted; $Setup, $Profile and $Api read the context or fault clearly', () => {
    expect(evaluate(ref('$Permission.Can_Approve'), 'Boolean', { permissions: { Can_Approve: true } })).toBe(true);
    expect(evaluate(ref('$Permission.Can_Approve'), 'Boolean')).toBe(false);
    expect(evaluate(ref('$Setup.App_Settings__c.Limit__c'), 'Number', { setup: { App_Settings__c: { Limit__c: 10 } } })).toBe(10);
    expect(evaluate(ref('$Setup.Other__c.Limit__c'), 'Number', { setup: {} })).toBeNull();
    expect(evaluate(ref('$Setup.Other__c.Limit__c'), 'Number')).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_GLOBAL' } });
    expect(evaluate(ref('$Profile.Name'), 'String', { profile: { Name: 'System Administrator' } })).toBe('System Administrator');
    expect(evaluate(ref('$Profile.Name'))).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_GLOBAL' } });
    expect(evaluate(ref('$Api.Session_ID'), 'String', { api: { Session_ID: 'sess' } })).toBe('sess');
    expect(evaluate(ref('$Client.FormFactor'))).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_GLOBAL' } });
  });

  it('assigning $Flow.CurrentRecord, $Flow.CurrentStage and $Flow.ActiveStages updates the interview globals', () => {
    const stages = `<stages><name>Intake</name><isActive>true</isActive><label>Intake</label><stageOrder>1</stageOrder></stages>
      <stages><name>Review</name><isActive>false</isActive><label>Review step</label><stageOrder>2</stageOrder></stages>`;
    const flow = flowFromXml(
      variable('stageText', 'String', { output: true }) +
        stages +
        assignment('Set', [
          ['$Flow.CurrentRecord', 'Assign', str('001000000000001AAA')],
          ['$Flow.CurrentStage', 'Assign', ref('Review')],
          ['$Flow.ActiveStages', 'Add', ref('Review')],
          ['stageText', 'Assign', str('{!Review}')],
        ]),
      { start: 'Set', apiName: 'Staged' },
    );
    const result = start(flow, {}, startContext());
    expect(result.state.globals).toMatchObject({
      currentRecord: '001000000000001AAA',
      currentStage: 'Staged:Review',
      activeStages: ['Staged:Intake', 'Staged:Review'],
    });
    expect(result.awaiting).toEqual({ kind: 'finished', outputs: { stageText: 'Review step' } });
  });

  it('$Flow.FaultMessage is null until a fault path is taken', () => {
    expect(evaluate(ref('$Flow.FaultMessage'))).toBeNull();
  });

  it('text templates render merge fields; rich text ones escape merged values', () => {
    const templates = `<textTemplates><name>Plain</name><isViewedAsPlainText>true</isViewedAsPlainText><text>Dear {!who}</text></textTemplates>
      <textTemplates><name>Rich</name><isViewedAsPlainText>false</isViewedAsPlainText><text>&lt;b&gt;Dear {!who}&lt;/b&gt;</text></textTemplates>`;
    const who = variable('who', 'String', { defaultValue: str('A &amp; B') });
    expect(evaluate(ref('Plain'), 'String', {}, templates + who)).toBe('Dear A & B');
    expect(evaluate(ref('Rich'), 'String', {}, templates + who)).toBe('<b>Dear A &amp; B</b>');
  });

  it('formulas are evaluated on read, with constants and choices resolved', () => {
    const extra = `<formulas><name>Doubled</name><dataType>Number</dataType><expression>{!Base} * 2</expression><scale>0</scale></formulas>
      <constants><name>Base</name><dataType>Number</dataType><value><numberValue>21</numberValue></value></constants>
      <choices><name>Yes_Choice</name><choiceText>Yes</choiceText><dataType>String</dataType><value><stringValue>Y</stringValue></value></choices>`;
    expect(evaluate(ref('Doubled'), 'Number', {}, extra)).toBe(42);
    expect(evaluate(ref('Yes_Choice'), 'String', {}, extra)).toBe('Y');
  });

  it('reads a field of a null record as null', () => {
    expect(evaluate(ref('rec.Account.Name'), 'String', {}, variable('rec', 'SObject', { objectType: 'Contact' }))).toBeNull();
  });

  it('renders the interview label with merge fields for the runtime', () => {
    const flow = flowFromXml(variable('who', 'String', { input: true }) + `<interviewLabel>Survey of {!who} {!$Flow.CurrentDate}</interviewLabel>`);
    const result = start(flow, { who: 'Ada' }, startContext());
    expect(renderInterviewLabel(flow, result.state, stepContext())).toBe('Survey of Ada 2024-01-15');
  });
});

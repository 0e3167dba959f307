import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, conditions, connector, flowFromXml, num, ref, str, variable } from '../support/flow-xml.js';

function decisionFlow(logic: string, extra = ''): ReturnType<typeof flowFromXml> {
  return flowFromXml(
    variable('amount', 'Number', { input: true, scale: 0 }) +
      variable('stage', 'String', { input: true }) +
      variable('result', 'String', { output: true }) +
      `<decisions>
        <name>Check</name><label>Check</label>
        ${connector('Default_Path', 'defaultConnector')}
        <defaultConnectorLabel>Default</defaultConnectorLabel>
        <rules>
          <name>Big</name><label>Big</label>
          <conditionLogic>${logic}</conditionLogic>
          ${conditions([
            ['amount', 'GreaterThan', num(100)],
            ['stage', 'EqualTo', str('Open')],
            ['stage', 'EqualTo', str('New')],
          ])}
          ${connector('Big_Path')}
        </rules>
        <rules>
          <name>Small</name><label>Small</label>
          <conditionLogic>and</conditionLogic>
          ${conditions([['amount', 'GreaterThan', num(0)]])}
          ${connector('Small_Path')}
        </rules>
        ${extra}
      </decisions>` +
      assignment('Big_Path', [['result', 'Assign', str('big')]]) +
      assignment('Small_Path', [['result', 'Assign', str('small')]]) +
      assignment('Default_Path', [['result', 'Assign', str('default')]]),
    { start: 'Check' },
  );
}

function outcome(flow: ReturnType<typeof flowFromXml>, inputs: Record<string, number | string>): unknown {
  const awaiting = start(flow, inputs, startContext()).awaiting;
  return awaiting.kind === 'finished' ? awaiting.outputs.result : awaiting;
}

describe('decision element', () => {
  it('takes the first outcome whose conditions hold, in order', () => {
    const flow = decisionFlow('1 AND 2');
    expect(outcome(flow, { amount: 500, stage: 'Open' })).toBe('big');
    expect(outcome(flow, { amount: 500, stage: 'Closed' })).toBe('small');
  });

  it('takes the default outcome when no outcome holds', () => {
    expect(outcome(decisionFlow('and'), { amount: -1, stage: 'Open' })).toBe('default');
  });

  it('combines conditions with custom logic such as 1 AND (2 OR 3)', () => {
    const flow = decisionFlow('1 AND (2 OR 3)');
    expect(outcome(flow, { amount: 500, stage: 'New' })).toBe('big');
    expect(outcome(flow, { amount: 500, stage: 'Open' })).toBe('big');
    expect(outcome(flow, { amount: 500, stage: 'Closed' })).toBe('small');
    expect(outcome(flow, { amount: 50, stage: 'New' })).toBe('small');
  });

  it('combines conditions with or', () => {
    expect(outcome(decisionFlow('or'), { amount: 5, stage: 'New' })).toBe('big');
  });

  it('ends the flow when the chosen outcome has no connector', () => {
    const flow = flowFromXml(
      variable('result', 'String', { output: true }) +
        `<decisions><name>Check</name><label>Check</label><defaultConnectorLabel>Default</defaultConnectorLabel></decisions>`,
      { start: 'Check' },
    );
    expect(start(flow, {}, startContext()).awaiting).toEqual({ kind: 'finished', outputs: { result: null } });
  });

  it('with doesRequireRecordChangedToMeetCriteria, holds only when the prior record did not meet the conditions', () => {
    const flow = flowFromXml(
      variable('result', 'String', { output: true }) +
        `<decisions><name>Check</name><label>Check</label>${connector('Default_Path', 'defaultConnector')}
          <rules><name>Closed</name><label>Closed</label><conditionLogic>and</conditionLogic>
            ${conditions([['$Record.Status', 'EqualTo', str('Closed')]])}
            <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
            ${connector('Big_Path')}</rules></decisions>` +
        assignment('Big_Path', [['result', 'Assign', str('changed')]]) +
        assignment('Default_Path', [['result', 'Assign', str('unchanged')]]),
      { start: 'Check', startExtra: '<object>Case</object><triggerType>RecordAfterSave</triggerType><recordTriggerType>Update</recordTriggerType>' },
    );
    const record = { attributes: { type: 'Case' }, Id: '500000000000001AAA', Status: 'Closed' };
    const run = (priorStatus: string | undefined): unknown => {
      const recordPrior = priorStatus === undefined ? null : { ...record, Status: priorStatus };
      const awaiting = start(flow, {}, startContext({ record, recordPrior })).awaiting;
      return awaiting.kind === 'finished' ? awaiting.outputs.result : awaiting;
    };
    expect(run('New')).toBe('changed');
    expect(run('Closed')).toBe('unchanged');
    expect(run(undefined)).toBe('changed');
  });

  it('evaluates conditions on $Flow.CurrentDate through the formula of a decision value', () => {
    const flow = flowFromXml(
      variable('due', 'Date', { input: true }) +
        variable('result', 'String', { output: true }) +
        `<decisions><name>Check</name><label>Check</label>${connector('Default_Path', 'defaultConnector')}
          <rules><name>Late</name><label>Late</label><conditionLogic>and</conditionLogic>
            ${conditions([['due', 'LessThan', ref('$Flow.CurrentDate')]])}${connector('Big_Path')}</rules></decisions>` +
        assignment('Big_Path', [['result', 'Assign', str('late')]]) +
        assignment('Default_Path', [['result', 'Assign', str('on time')]]),
      { start: 'Check' },
    );
    const result = (due: string): unknown => {
      const awaiting = start(flow, { due }, startContext()).awaiting;
      return awaiting.kind === 'finished' ? awaiting.outputs.result : awaiting;
    };
    expect(result('2024-01-14')).toBe('late');
    expect(result('2024-01-15')).toBe('on time');
  });

  it('makes outcome names Boolean resources: true when the decision last took that outcome', () => {
    const flow = flowFromXml(
      variable('amount', 'Number', { input: true, scale: 0 }) +
        variable('result', 'String', { output: true }) +
        `<decisions><name>Check</name><label>Check</label>${connector('Report', 'defaultConnector')}
          <rules><name>Is_Big</name><label>Big</label><conditionLogic>and</conditionLogic>
            ${conditions([['amount', 'GreaterThan', num(100)]])}${connector('Report')}</rules></decisions>
         <formulas><name>Verdict</name><dataType>String</dataType><expression>IF({!Is_Big}, "big", "not big")</expression></formulas>` +
        assignment('Report', [['result', 'Assign', ref('Verdict')]]),
      { start: 'Check' },
    );
    expect(outcome(flow, { amount: 500 })).toBe('big');
    expect(outcome(flow, { amount: 5 })).toBe('not big');
  });
});

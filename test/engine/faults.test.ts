import { describe, expect, it } from 'vitest';
import { start } from '../../src/engine/index.js';
import { startContext } from './support/context.js';
import { assignment, connector, flowFromXml, num, ref, str, variable } from './support/flow-xml.js';
import { runScript } from './support/harness.js';
import { MemoryRecords, RecordError } from './support/memory-records.js';

describe('faults', () => {
  const lookupFlow = (withFault: boolean) =>
    flowFromXml(
      variable('message', 'String', { output: true }) +
        `<recordLookups><name>Find</name><label>Find</label><object>Account</object><getFirstRecordOnly>true</getFirstRecordOnly>
          <storeOutputAutomatically>true</storeOutputAutomatically>${withFault ? connector('Handle', 'faultConnector') : ''}</recordLookups>` +
        assignment('Handle', [['message', 'Assign', ref('$Flow.FaultMessage')]]),
      { start: 'Find' },
    );

  it('follows the fault connector of a failing record operation with $Flow.FaultMessage set', async () => {
    const store = new MemoryRecords();
    store.failures.set('query', new RecordError('QUERY_TIMEOUT', 'Query timed out'));
    const run = await runScript(lookupFlow(true), { records: store });
    expect(run.status).toBe('finished');
    expect(run.outputs).toEqual({ message: 'Query timed out' });
  });

  it('finishes the interview failed with a serialisable fault when there is no fault connector', async () => {
    const store = new MemoryRecords();
    store.failures.set('query', new RecordError('QUERY_TIMEOUT', 'Query timed out'));
    const run = await runScript(lookupFlow(false), { records: store });
    expect(run.status).toBe('error');
    expect(run.fault).toEqual({ code: 'QUERY_TIMEOUT', message: 'Query timed out', element: 'Find' });
    expect(JSON.parse(JSON.stringify(run.state)).fault).toEqual(run.fault);
    expect(run.result.awaiting).toEqual({ kind: 'failed', fault: run.fault });
  });

  it('stops a runaway loop with RUNAWAY_LOOP naming the element', () => {
    const flow = flowFromXml(
      variable('n', 'Number', { scale: 0 }) + assignment('Spin', [['n', 'Add', num(1)]], 'Spin_Again') + assignment('Spin_Again', [], 'Spin'),
      { start: 'Spin' },
    );
    const result = start(flow, {}, startContext({ maxElementsPerTransaction: 50 }));
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'RUNAWAY_LOOP', element: 'Spin' } });
    expect(result.state.frames[0]?.vars.n).toBe(25);
  });

  it('does not take the fault connector for a runaway loop', async () => {
    const flow = flowFromXml(
      variable('n', 'Number', { scale: 0 }) +
        `<recordLookups><name>Find</name><label>Find</label><object>Account</object>${connector('Find', 'connector')}${connector('Handle', 'faultConnector')}</recordLookups>` +
        assignment('Handle', []),
      { start: 'Find' },
    );
    const run = await runScript(flow, { context: { maxElementsPerTransaction: 10 } });
    expect(run.fault).toMatchObject({ code: 'RUNAWAY_LOOP', element: 'Find' });
  });

  it('counts element executions from the last screen, so long flows with screens are fine', async () => {
    const flow = flowFromXml(
      variable('n', 'Number', { scale: 0 }) +
        `<screens><name>Tick</name><label>Tick</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause><showFooter>true</showFooter><showHeader>false</showHeader>${connector('Count')}</screens>` +
        assignment('Count', [['n', 'Add', num(1)]], 'Again') +
        `<decisions><name>Again</name><label>Again</label><rules><name>More</name><label>More</label><conditionLogic>and</conditionLogic>
          <conditions><leftValueReference>n</leftValueReference><operator>LessThan</operator><rightValue><numberValue>5</numberValue></rightValue></conditions>${connector('Tick')}</rules></decisions>`,
      { start: 'Tick' },
    );
    const run = await runScript(flow, { screens: Array.from({ length: 5 }, () => ({})), context: { maxElementsPerTransaction: 3 } });
    expect(run.status).toBe('finished');
    expect(run.vars.n).toBe(5);
  });
});

describe('start', () => {
  const flow = flowFromXml(
    variable('amount', 'Number', { input: true, scale: 2 }) + variable('secret', 'String') + variable('echo', 'Number', { output: true, scale: 2 }) + assignment('Echo', [['echo', 'Assign', ref('amount')]]),
    { start: 'Echo' },
  );

  it('sets input variables, coercing their values', () => {
    expect(start(flow, { amount: '12.345' }, startContext()).awaiting).toEqual({ kind: 'finished', outputs: { echo: 12.35 } });
  });

  it('fails with INVALID_INPUT for an unknown or non-input variable', () => {
    expect(start(flow, { nope: 1 }, startContext()).awaiting).toMatchObject({ kind: 'failed', fault: { code: 'INVALID_INPUT' } });
    expect(start(flow, { secret: 'x' }, startContext()).awaiting).toMatchObject({ kind: 'failed', fault: { code: 'INVALID_INPUT', message: expect.stringContaining('secret') as unknown } });
  });

  it('fails with INVALID_TYPE for a value of the wrong type', () => {
    const result = start(flow, { amount: 'lots' }, startContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'INVALID_TYPE' } });
    expect(result.state.status).toBe('error');
  });

  it('finishes at once a flow without elements', () => {
    expect(start(flowFromXml(variable('x', 'String', { output: true, defaultValue: str('d') })), {}, startContext()).awaiting).toEqual({ kind: 'finished', outputs: { x: 'd' } });
  });
});

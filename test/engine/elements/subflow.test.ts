import { describe, expect, it } from 'vitest';
import { start, step } from '../../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from '../support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';

const child = flowFromXml(
  variable('name', 'String', { input: true }) +
    variable('greeting', 'String', { output: true }) +
    variable('started', 'DateTime', { output: true }) +
    assignment('Greet', [
      ['greeting', 'Assign', str('Hello, {!name}')],
      ['started', 'Assign', ref('$Flow.InterviewStartTime')],
    ]),
  { apiName: 'Greeter', start: 'Greet' },
);

function parent(body: string, first = 'Call'): ReturnType<typeof flowFromXml> {
  return flowFromXml(variable('result', 'String', { output: true }) + variable('when', 'DateTime', { output: true }) + body, { apiName: 'Parent', start: first });
}

describe('subflow element', () => {
  it('asks for the subflow, runs it in a new frame and copies its outputs back', () => {
    const flow = parent(`<subflows><name>Call</name><label>Call</label><flowName>Greeter</flowName>
      <inputAssignments><name>name</name><value>${str('Ada')}</value></inputAssignments>
      <outputAssignments><assignToReference>result</assignToReference><name>greeting</name></outputAssignments>
      <outputAssignments><assignToReference>when</assignToReference><name>started</name></outputAssignments></subflows>`);
    const first = start(flow, {}, startContext());
    expect(first.awaiting).toEqual({ kind: 'request', element: 'Call', request: { kind: 'subflow', flowName: 'Greeter' } });
    const flows = (name: string) => (name === 'Greeter' ? child : undefined);
    const done = step(flow, roundTrip(first.state), { kind: 'requestResult', result: { kind: 'subflowReady' } }, stepContext({ now: '2024-02-01T00:00:00.000Z', flows }));
    expect(done.awaiting).toEqual({ kind: 'finished', outputs: { result: 'Hello, Ada', when: '2024-01-15T09:00:00.000Z' } });
    expect(done.state.frames).toHaveLength(1);
  });

  it('stores outputs automatically as {!Subflow.outVar}', async () => {
    const flow = parent(
      `<subflows><name>Call</name><label>Call</label><flowName>Greeter</flowName><storeOutputAutomatically>true</storeOutputAutomatically>
        <inputAssignments><name>name</name><value>${str('Bob')}</value></inputAssignments>${connector('Copy')}</subflows>` +
        assignment('Copy', [['result', 'Assign', ref('Call.greeting')]]),
    );
    const run = await runScript(flow, { flows: { Greeter: child } });
    expect(run.outputs?.result).toBe('Hello, Bob');
  });

  it('runs a flow action (actionType flow) as a subflow', async () => {
    const flow = parent(`<actionCalls><name>Call</name><label>Call</label><actionName>Greeter</actionName><actionType>flow</actionType>
      <inputParameters><name>name</name><value>${str('Cy')}</value></inputParameters>
      <outputParameters><assignToReference>result</assignToReference><name>greeting</name></outputParameters></actionCalls>`);
    const run = await runScript(flow, { flows: { Greeter: child } });
    expect(run.outputs?.result).toBe('Hello, Cy');
  });

  it('fails with UNKNOWN_FLOW when the runtime does not have the subflow', async () => {
    const flow = parent(`<subflows><name>Call</name><label>Call</label><flowName>Nowhere</flowName></subflows>`);
    const run = await runScript(flow);
    expect(run.fault).toMatchObject({ code: 'UNKNOWN_FLOW', element: 'Call' });
  });

  it('fails with INVALID_INPUT when passing a variable the subflow does not take as input', async () => {
    const flow = parent(`<subflows><name>Call</name><label>Call</label><flowName>Greeter</flowName>
      <inputAssignments><name>greeting</name><value>${str('x')}</value></inputAssignments></subflows>`);
    const run = await runScript(flow, { flows: { Greeter: child } });
    expect(run.fault).toMatchObject({ code: 'INVALID_INPUT', element: 'Call' });
  });

  it('routes a fault inside the subflow to the subflow element fault connector', async () => {
    const broken = flowFromXml(
      variable('n', 'Number') + assignment('Break', [['n', 'Assign', str('not a number')]]),
      { apiName: 'Broken', start: 'Break' },
    );
    const flow = parent(
      `<subflows><name>Call</name><label>Call</label><flowName>Broken</flowName>${connector('Handle', 'faultConnector')}</subflows>` +
        assignment('Handle', [['result', 'Assign', ref('$Flow.FaultMessage')]]),
    );
    const run = await runScript(flow, { flows: { Broken: broken } });
    expect(run.status).toBe('finished');
    expect(run.outputs?.result).toContain('not a number');
    const unhandled = await runScript(parent(`<subflows><name>Call</name><label>Call</label><flowName>Broken</flowName></subflows>`), { flows: { Broken: broken } });
    expect(unhandled.fault).toMatchObject({ code: 'INVALID_TYPE', element: 'Break' });
  });

  it('shows the screens of a subflow and resumes them after a JSON round trip', async () => {
    const screenChild = flowFromXml(
      variable('answer', 'String', { output: true }) +
        `<screens><name>Ask</name><label>Ask</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause><showFooter>true</showFooter><showHeader>true</showHeader>
          <fields><name>Answer_Field</name><dataType>String</dataType><fieldText>Answer</fieldText><fieldType>InputField</fieldType><isRequired>true</isRequired></fields>${connector('Keep')}</screens>` +
        assignment('Keep', [['answer', 'Assign', ref('Answer_Field')]]),
      { apiName: 'Asker', start: 'Ask' },
    );
    const flow = parent(`<subflows><name>Call</name><label>Call</label><flowName>Asker</flowName>
      <outputAssignments><assignToReference>result</assignToReference><name>answer</name></outputAssignments></subflows>`);
    const run = await runScript(flow, { flows: { Asker: screenChild }, screens: [{ screen: 'Ask', values: { Answer_Field: '42' } }], pauseEveryScreen: true });
    expect(run.outputs?.result).toBe('42');
  });
});

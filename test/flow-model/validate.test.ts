import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, parseFlowXml, validateFlow } from '../../src/flow-model/index.js';
import { assignment, codes, diagnosticsOf, flowXml, parse, startAt, variable } from './flow-xml.js';

const loc = '<locationX>0</locationX><locationY>0</locationY>';

function screen(name: string, fields: string, next?: string): string {
  const connector = next === undefined ? '' : `<connector><targetReference>${next}</targetReference></connector>`;
  return `<screens><name>${name}</name><label>${name}</label>${loc}<allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause>${fields}${connector}<showFooter>true</showFooter><showHeader>true</showHeader></screens>`;
}

function decision(name: string, logic: string, conditions: string, next = 'End'): string {
  return `<decisions><name>${name}</name><label>${name}</label>${loc}<defaultConnectorLabel>Default</defaultConnectorLabel><rules><name>${name}_Yes</name><conditionLogic>${logic}</conditionLogic>${conditions}<connector><targetReference>${next}</targetReference></connector><label>Yes</label></rules></decisions>`;
}

function condition(left: string, operator: string, right: string): string {
  return `<conditions><leftValueReference>${left}</leftValueReference><operator>${operator}</operator><rightValue>${right}</rightValue></conditions>`;
}

describe('validateFlow', () => {
  it('finds nothing wrong with a small, correct flow', () => {
    const body = [startAt('Set'), variable('greeting'), assignment('Set', 'greeting', '<stringValue>Hello {!$User.FirstName}</stringValue>', 'Assign', 'End'), assignment('End', 'greeting', '<elementReference>greeting</elementReference>')].join('');
    expect(diagnosticsOf(body)).toEqual([]);
  });

  it('has a stable catalogue of codes', () => {
    expect(Object.keys(DIAGNOSTIC_CODES).sort()).toEqual(
      [
        'ACTION_UNKNOWN', 'FIELD_UNKNOWN', 'OBJECT_UNKNOWN', 'PICKLIST_VALUE_UNKNOWN',
        'CONDITION_LOGIC_INVALID', 'CONNECTOR_DANGLING', 'ELEMENT_UNREACHABLE', 'FLOW_INVALID', 'NAME_DUPLICATE', 'REFERENCE_UNKNOWN', 'START_AMBIGUOUS', 'START_MISSING', 'TYPE_MISMATCH',
        'TRIGGER_ELEMENT_NOT_ALLOWED', 'UNSUPPORTED_ACTION_TYPE', 'UNSUPPORTED_ELEMENT', 'UNSUPPORTED_FUNCTION', 'UNSUPPORTED_PROCESS_TYPE', 'VALUE_TOO_LONG', 'WAIT_IN_SCREEN_FLOW', 'XML_MALFORMED',
      ].sort(),
    );
  });

  it('XML_MALFORMED: an unclosed tag', () => {
    expect(parseFlowXml('<?xml version="1.0"?><Flow><label>x</label>').diagnostics).toMatchObject([{ code: 'XML_MALFORMED', severity: 'error' }]);
  });

  it('FLOW_INVALID: a flow without a process type', () => {
    expect(diagnosticsOf('', { processType: null })).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error', element: undefined }]);
  });

  it('FLOW_INVALID: a flow without a label, and a decision without outcomes', () => {
    expect(diagnosticsOf('', { label: null })).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error' }]);
    const body = startAt('D') + `<decisions><name>D</name><label>D</label>${loc}<defaultConnectorLabel>Default</defaultConnectorLabel></decisions>`;
    expect(diagnosticsOf(body)).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error', element: 'D' }]);
  });

  it('FLOW_INVALID: a formula that does not parse', () => {
    const diagnostics = diagnosticsOf(`<formulas><name>Broken</name><dataType>Number</dataType><expression>IF(1 &gt; 2, 3</expression></formulas>`);
    expect(diagnostics).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error', element: 'Broken' }]);
  });

  it('START_MISSING: elements but no start', () => {
    expect(codes(diagnosticsOf(variable('v') + assignment('A', 'v', '<stringValue>x</stringValue>')))).toEqual(['START_MISSING']);
  });

  it('accepts a flow without elements and without a start', () => {
    expect(diagnosticsOf(variable('v'))).toEqual([]);
  });

  it('START_AMBIGUOUS: <start> and <startElementReference> disagree', () => {
    const body = startAt('A') + '<startElementReference>B</startElementReference>' + variable('v') + assignment('A', 'v', '<stringValue>x</stringValue>') + assignment('B', 'v', '<stringValue>y</stringValue>');
    expect(diagnosticsOf(body)).toMatchObject([{ code: 'START_AMBIGUOUS', severity: 'error' }]);
  });

  it('CONNECTOR_DANGLING: a connector to a missing element, and a start to a resource', () => {
    const diagnostics = diagnosticsOf(startAt('A') + variable('v') + assignment('A', 'v', '<stringValue>x</stringValue>', 'Assign', 'Nowhere'));
    expect(diagnostics).toMatchObject([{ code: 'CONNECTOR_DANGLING', severity: 'error', element: 'A' }]);
    expect(diagnostics[0]?.message).toContain('"Nowhere"');
    expect(codes(diagnosticsOf(startAt('v') + variable('v')))).toEqual(['CONNECTOR_DANGLING']);
  });

  it('REFERENCE_UNKNOWN: an undeclared resource in a value, a template and a formula', () => {
    const body =
      startAt('A') +
      variable('v') +
      assignment('A', 'v', '<elementReference>missing</elementReference>', 'Assign', 'B') +
      assignment('B', 'v', '<stringValue>Hi {!alsoMissing.Name}</stringValue>') +
      '<formulas><name>F</name><dataType>String</dataType><expression>{!v} &amp; {!gone}</expression></formulas>';
    const diagnostics = diagnosticsOf(body);
    expect(diagnostics.map((item) => [item.code, item.element])).toEqual([
      ['REFERENCE_UNKNOWN', 'F'],
      ['REFERENCE_UNKNOWN', 'A'],
      ['REFERENCE_UNKNOWN', 'B'],
    ]);
    expect(diagnostics[1]?.message).toContain('{!missing}');
  });

  it('REFERENCE_UNKNOWN: undocumented $Flow and $GlobalConstant names, unknown $ globals, $Record outside record triggers', () => {
    const body =
      startAt('A') +
      variable('v') +
      assignment('A', 'v', '<elementReference>$Flow.CurrentUser</elementReference>', 'Assign', 'B') +
      assignment('B', 'v', '<elementReference>$GlobalConstant.Zero</elementReference>', 'Assign', 'C') +
      assignment('C', 'v', '<elementReference>$Nonsense.X</elementReference>', 'Assign', 'D') +
      assignment('D', 'v', '<elementReference>$Record.Name</elementReference>');
    expect(diagnosticsOf(body).map((item) => [item.code, item.element])).toEqual([
      ['REFERENCE_UNKNOWN', 'A'],
      ['REFERENCE_UNKNOWN', 'B'],
      ['REFERENCE_UNKNOWN', 'C'],
      ['REFERENCE_UNKNOWN', 'D'],
    ]);
  });

  it('accepts references to element outputs, loop items, screen fields, components, choices, stages, outcomes and globals', () => {
    const body =
      startAt('Get') +
      `<recordLookups><name>Get</name><label>Get</label>${loc}<connector><targetReference>Each</targetReference></connector><getFirstRecordOnly>false</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>` +
      `<loops><name>Each</name><label>Each</label>${loc}<collectionReference>Get</collectionReference><nextValueConnector><targetReference>Set</targetReference></nextValueConnector><noMoreValuesConnector><targetReference>Ask</targetReference></noMoreValuesConnector></loops>` +
      variable('name') +
      '<stages><name>Review</name><isActive>true</isActive><label>Review</label><stageOrder>1</stageOrder></stages>' +
      '<choices><name>Yes</name><choiceText>Yes</choiceText><dataType>String</dataType><value><stringValue>Y</stringValue></value></choices>' +
      assignment('Set', 'name', '<stringValue>{!Each.Name} {!Get.Id} {!$Flow.CurrentDateTime} {!$GlobalConstant.EmptyString} {!$User.Id} {!$Label.Hello} {!Review}</stringValue>', 'Assign', 'Each') +
      screen(
        'Ask',
        `<fields><name>Pick</name><choiceReferences>Yes</choiceReferences><dataType>String</dataType><fieldText>Pick</fieldText><fieldType>RadioButtons</fieldType><isRequired>false</isRequired></fields>
         <fields><name>Mail</name><extensionName>flowruntime:email</extensionName><fieldType>ComponentInstance</fieldType><isRequired>true</isRequired><storeOutputAutomatically>true</storeOutputAutomatically></fields>`,
        'Check',
      ) +
      decision('Check', 'or', condition('Pick', 'EqualTo', '<elementReference>Yes</elementReference>') + condition('Mail.value', 'IsNull', '<booleanValue>false</booleanValue>'), 'Done') +
      assignment('Done', 'name', '<elementReference>Check_Yes</elementReference>');
    expect(diagnosticsOf(body, { processType: 'Flow' })).toEqual([]);
  });

  it('accepts $Record and $Record__Prior in a record-triggered flow, and rejects $Record__Prior on create', () => {
    const body = (recordTriggerType: string): string =>
      `<start>${loc}<connector><targetReference>A</targetReference></connector><object>Account</object><recordTriggerType>${recordTriggerType}</recordTriggerType><triggerType>RecordAfterSave</triggerType></start>` +
      variable('v') +
      assignment('A', 'v', '<stringValue>{!$Record.Name} was {!$Record__Prior.Name}</stringValue>');
    expect(diagnosticsOf(body('Update'))).toEqual([]);
    expect(codes(diagnosticsOf(body('Create')))).toEqual(['REFERENCE_UNKNOWN']);
  });

  it('NAME_DUPLICATE: two API names that differ only in case', () => {
    const diagnostics = diagnosticsOf(startAt('Total') + variable('total', 'Number') + assignment('Total', 'total', '<numberValue>1</numberValue>'));
    expect(diagnostics).toMatchObject([{ code: 'NAME_DUPLICATE', severity: 'error', element: 'Total' }]);
  });

  it('NAME_DUPLICATE: a screen field with the name of a variable', () => {
    const body = startAt('S') + variable('Email') + screen('S', '<fields><name>Email</name><dataType>String</dataType><fieldText>Email</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>');
    expect(diagnosticsOf(body, { processType: 'Flow' })).toMatchObject([{ code: 'NAME_DUPLICATE', element: 'S' }]);
  });

  it('ELEMENT_UNREACHABLE (warning): an element no connector leads to', () => {
    const body = startAt('A') + variable('v') + assignment('A', 'v', '<stringValue>x</stringValue>') + assignment('Orphan', 'v', '<stringValue>y</stringValue>');
    expect(diagnosticsOf(body)).toMatchObject([{ code: 'ELEMENT_UNREACHABLE', severity: 'warning', element: 'Orphan' }]);
  });

  it('follows fault connectors, outcomes and scheduled paths when computing reachability', () => {
    const body =
      `<start>${loc}<connector><targetReference>Get</targetReference></connector><object>Account</object><recordTriggerType>Create</recordTriggerType>` +
      `<scheduledPaths><name>Later</name><connector><targetReference>Late</targetReference></connector><offsetNumber>1</offsetNumber><offsetUnit>Days</offsetUnit><timeSource>RecordTriggerEvent</timeSource></scheduledPaths><triggerType>RecordAfterSave</triggerType></start>` +
      `<recordLookups><name>Get</name><label>Get</label>${loc}<faultConnector><targetReference>Handle</targetReference></faultConnector><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>` +
      variable('v') +
      assignment('Handle', 'v', '<elementReference>$Flow.FaultMessage</elementReference>') +
      assignment('Late', 'v', '<stringValue>late</stringValue>');
    expect(codes(diagnosticsOf(body), 'warning')).toEqual(['UNSUPPORTED_ELEMENT']);
  });

  it('WAIT_IN_SCREEN_FLOW: a wait in a screen flow', () => {
    const body = startAt('W') + `<waits><name>W</name><label>W</label>${loc}<defaultConnectorLabel>Default</defaultConnectorLabel><waitEvents><name>E</name><conditionLogic>and</conditionLogic><eventType>AlarmEvent</eventType><inputParameters><name>AlarmTime</name><value><elementReference>$Flow.CurrentDateTime</elementReference></value></inputParameters><label>E</label></waitEvents></waits>`;
    expect(diagnosticsOf(body, { processType: 'Flow' })).toMatchObject([{ code: 'WAIT_IN_SCREEN_FLOW', severity: 'error', element: 'W' }]);
    expect(diagnosticsOf(body, { processType: 'AutoLaunchedFlow' })).toEqual([]);
  });

  it('TYPE_MISMATCH: a Boolean literal assigned to a Number variable', () => {
    const diagnostics = diagnosticsOf(startAt('A') + variable('n', 'Number') + assignment('A', 'n', '<booleanValue>true</booleanValue>'));
    expect(diagnostics).toMatchObject([{ code: 'TYPE_MISMATCH', severity: 'error', element: 'A' }]);
    expect(diagnostics[0]?.message).toContain('n, a Number');
  });

  it('TYPE_MISMATCH: Add on a Boolean, AssignCount into text, collection operators on a single value', () => {
    expect(codes(diagnosticsOf(startAt('A') + variable('b', 'Boolean') + assignment('A', 'b', '<booleanValue>true</booleanValue>', 'Add')))).toEqual(['TYPE_MISMATCH']);
    expect(codes(diagnosticsOf(startAt('A') + variable('s') + variable('list', 'String', '') + assignment('A', 's', '<elementReference>list</elementReference>', 'AssignCount')))).toEqual(['TYPE_MISMATCH', 'TYPE_MISMATCH']);
    expect(codes(diagnosticsOf(startAt('A') + variable('s') + assignment('A', 's', '<stringValue>x</stringValue>', 'AddAtStart')))).toEqual(['TYPE_MISMATCH']);
  });

  it('TYPE_MISMATCH: a collection assigned to a single value, and records of different objects', () => {
    const many = '<variables><name>many</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>false</isOutput><objectType>Account</objectType></variables>';
    const one = '<variables><name>one</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput><objectType>Account</objectType></variables>';
    const contact = '<variables><name>contact</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput><objectType>Contact</objectType></variables>';
    expect(codes(diagnosticsOf(startAt('A') + many + one + assignment('A', 'one', '<elementReference>many</elementReference>')))).toEqual(['TYPE_MISMATCH']);
    expect(codes(diagnosticsOf(startAt('A') + contact + one + assignment('A', 'one', '<elementReference>contact</elementReference>')))).toEqual(['TYPE_MISMATCH']);
    expect(diagnosticsOf(startAt('A') + many + one + assignment('A', 'many', '<elementReference>one</elementReference>', 'Add'))).toEqual([]);
  });

  it('TYPE_MISMATCH: a loop over a single value', () => {
    const body = startAt('L') + variable('s') + `<loops><name>L</name><label>L</label>${loc}<collectionReference>s</collectionReference></loops>`;
    expect(diagnosticsOf(body)).toMatchObject([{ code: 'TYPE_MISMATCH', element: 'L' }]);
  });

  it('TYPE_MISMATCH: a Boolean variable compared with a number', () => {
    const body = startAt('D') + variable('flag', 'Boolean') + variable('v') + decision('D', 'and', condition('flag', 'EqualTo', '<numberValue>1</numberValue>')) + assignment('End', 'v', '<stringValue>x</stringValue>');
    expect(codes(diagnosticsOf(body))).toEqual(['TYPE_MISMATCH']);
  });

  it('CONDITION_LOGIC_INVALID: custom logic naming a missing condition, and bad filter logic', () => {
    const body = startAt('D') + variable('v') + decision('D', '1 OR 3', condition('v', 'EqualTo', '<stringValue>a</stringValue>') + condition('v', 'EqualTo', '<stringValue>b</stringValue>')) + assignment('End', 'v', '<stringValue>x</stringValue>');
    const diagnostics = diagnosticsOf(body);
    expect(diagnostics).toMatchObject([{ code: 'CONDITION_LOGIC_INVALID', severity: 'error', element: 'D' }]);
    expect(diagnostics[0]?.message).toContain('condition 3');
    const lookup = startAt('G') + `<recordLookups><name>G</name><label>G</label>${loc}<filterLogic>1 AND AND 2</filterLogic><filters><field>Name</field><operator>EqualTo</operator><value><stringValue>a</stringValue></value></filters><filters><field>Type</field><operator>EqualTo</operator><value><stringValue>b</stringValue></value></filters><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>`;
    expect(codes(diagnosticsOf(lookup))).toEqual(['CONDITION_LOGIC_INVALID']);
  });

  it('UNSUPPORTED_ELEMENT (warning): a transform and an apexPluginCalls element, named by construct', () => {
    const body =
      startAt('T') +
      `<transforms><name>T</name><label>T</label>${loc}<connector><targetReference>P</targetReference></connector><dataType>String</dataType><isCollection>false</isCollection></transforms>` +
      `<apexPluginCalls><name>P</name><label>P</label>${loc}<apexClass>Legacy</apexClass></apexPluginCalls>`;
    expect(diagnosticsOf(body).map((item) => [item.code, item.severity, item.construct])).toEqual([
      ['UNSUPPORTED_ELEMENT', 'warning', 'element:transforms'],
      ['UNSUPPORTED_ELEMENT', 'warning', 'element:apexPluginCalls'],
    ]);
  });

  it('UNSUPPORTED_ELEMENT (warning): a screen field type Eddy does not know', () => {
    const body = startAt('S') + screen('S', '<fields><name>Future</name><fieldType>HolographicInput</fieldType></fields>');
    expect(diagnosticsOf(body, { processType: 'Flow' })).toMatchObject([{ code: 'UNSUPPORTED_ELEMENT', severity: 'warning', element: 'S', construct: 'fieldType:HolographicInput' }]);
  });

  it('UNSUPPORTED_ACTION_TYPE (warning): an action type without a built-in', () => {
    const body = startAt('Q') + `<actionCalls><name>Q</name><label>Q</label>${loc}<actionName>FeedItem.NewTaskFromFeedItem</actionName><actionType>quickAction</actionType></actionCalls>`;
    expect(diagnosticsOf(body)).toMatchObject([{ code: 'UNSUPPORTED_ACTION_TYPE', severity: 'warning', element: 'Q', construct: 'actionType:quickAction' }]);
    const apex = startAt('X') + `<actionCalls><name>X</name><label>X</label>${loc}<actionName>MyInvocable</actionName><actionType>apex</actionType></actionCalls>`;
    expect(diagnosticsOf(apex)).toEqual([]);
  });

  it('UNSUPPORTED_PROCESS_TYPE: an error for Process Builder, a warning for orchestrations', () => {
    expect(diagnosticsOf('', { processType: 'Workflow' })).toMatchObject([{ code: 'UNSUPPORTED_PROCESS_TYPE', severity: 'error', construct: 'processType:Workflow' }]);
    expect(diagnosticsOf('', { processType: 'Orchestrator' })).toMatchObject([{ code: 'UNSUPPORTED_PROCESS_TYPE', severity: 'warning', construct: 'processType:Orchestrator' }]);
    expect(diagnosticsOf('', { processType: 'Flow' })).toEqual([]);
  });

  it('UNSUPPORTED_FUNCTION (warning): a function Eddy cannot evaluate and one it does not know', () => {
    const body = `<formulas><name>Session</name><dataType>String</dataType><expression>GETSESSIONID()</expression></formulas><formulas><name>Odd</name><dataType>String</dataType><expression>FROBNICATE({!Session})</expression></formulas>`;
    expect(diagnosticsOf(body).map((item) => [item.code, item.severity, item.element, item.construct])).toEqual([
      ['UNSUPPORTED_FUNCTION', 'warning', 'Session', 'function:GETSESSIONID'],
      ['UNSUPPORTED_FUNCTION', 'warning', 'Odd', 'function:FROBNICATE'],
    ]);
  });

  it('validates a definition built by hand, not only parsed ones', () => {
    const { definition } = parse(flowXml(startAt('A') + variable('v') + assignment('A', 'v', '<stringValue>x</stringValue>')));
    expect(codes(validateFlow({ ...definition, startElement: 'Missing', start: undefined }))).toEqual(['CONNECTOR_DANGLING', 'ELEMENT_UNREACHABLE']);
  });
});

import { describe, expect, it } from 'vitest';
import { flowApiNameFromFileName, normaliseStatus, parseFlowXml } from '../../src/flow-model/index.js';
import { flowXml, parse, startAt, variable } from './flow-xml.js';

describe('parseFlowXml', () => {
  it('takes the API name from the file name, for both file formats and any folder', () => {
    expect(flowApiNameFromFileName('force-app/main/default/flows/My_Flow.flow-meta.xml')).toBe('My_Flow');
    expect(flowApiNameFromFileName('C:\\flows\\Old_Flow.flow')).toBe('Old_Flow');
    expect(parse(flowXml(''), 'dir/Some Name.flow').definition.apiName).toBe('Some Name');
  });

  it('reads the flow header: label, description, process type, API version, run mode, interview label', () => {
    const { definition } = parse(
      flowXml('<description>Does things</description><runInMode>SystemModeWithoutSharing</runInMode><interviewLabel>Run {!$Flow.CurrentDateTime}</interviewLabel>', { processType: 'Flow' }),
    );
    expect(definition).toMatchObject({ label: 'Test Flow', description: 'Does things', processType: 'Flow', apiVersion: '60.0', runInMode: 'SystemModeWithoutSharing' });
    expect(definition.interviewLabel?.parts).toEqual(['Run ', { root: '$Flow', path: ['CurrentDateTime'], text: '$Flow.CurrentDateTime' }]);
  });

  it('accepts a licence comment before the XML declaration and a missing apiVersion and status', () => {
    const xml = `<!--\n  Copyright (c) 2020, salesforce.com, inc.\n-->\n${flowXml('').replace('    <apiVersion>60.0</apiVersion>\n', '')}`;
    const result = parseFlowXml(xml, { fileName: 'Licensed.flow-meta.xml' });
    expect(result.diagnostics).toEqual([]);
    expect(result.definition).toMatchObject({ apiName: 'Licensed', apiVersion: undefined, status: undefined });
  });

  it('normalises the status to Salesforce spelling, whatever the case', () => {
    expect(parse(flowXml('<status>ACTIVE</status>')).definition.status).toBe('Active');
    expect(normaliseStatus('draft')).toBe('Draft');
    expect(normaliseStatus('OBSOLETE')).toBe('Obsolete');
    expect(normaliseStatus('invaliddraft')).toBe('InvalidDraft');
    expect(normaliseStatus(undefined)).toBeUndefined();
  });

  it('reports malformed XML as XML_MALFORMED instead of throwing', () => {
    const result = parseFlowXml('<Flow><label>x</Flow>', { fileName: 'Broken.flow-meta.xml' });
    expect(result.definition).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'XML_MALFORMED', severity: 'error' }]);
  });

  it('reports a document that is not flow metadata as FLOW_INVALID', () => {
    const result = parseFlowXml('<?xml version="1.0"?><CustomObject><label>x</label></CustomObject>');
    expect(result.definition).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error' }]);
  });

  it('takes the first element from <start><connector>', () => {
    const { definition } = parse(flowXml(startAt('First')));
    expect(definition.startElement).toBe('First');
    expect(definition.start?.connector).toEqual({ target: 'First', isGoTo: false });
  });

  it('takes the first element from the legacy <startElementReference>', () => {
    const { definition } = parse(flowXml('<startElementReference>Legacy_First</startElementReference>'));
    expect(definition.startElement).toBe('Legacy_First');
    expect(definition.start).toBeUndefined();
  });

  it('reads record-triggered and scheduled start settings', () => {
    const { definition } = parse(
      flowXml(`<start>
        <connector><targetReference>A</targetReference></connector>
        <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
        <filterLogic>1 OR 2</filterLogic>
        <filters><field>StageName</field><operator>EqualTo</operator><value><stringValue>Won</stringValue></value></filters>
        <filters><field>Amount</field><operator>GreaterThan</operator><value><numberValue>100</numberValue></value></filters>
        <object>Opportunity</object>
        <recordTriggerType>CreateAndUpdate</recordTriggerType>
        <schedule><frequency>Daily</frequency><startDate>2024-01-01</startDate><startTime>09:00:00.000Z</startTime></schedule>
        <scheduledPaths><name>Later</name><connector><targetReference>B</targetReference></connector><offsetNumber>-2</offsetNumber><offsetUnit>Days</offsetUnit><recordField>CloseDate</recordField><timeSource>RecordField</timeSource></scheduledPaths>
        <triggerType>RecordAfterSave</triggerType>
      </start>`),
    );
    expect(definition.start).toMatchObject({
      object: 'Opportunity',
      triggerType: 'RecordAfterSave',
      recordTriggerType: 'CreateAndUpdate',
      requireChange: true,
      filterLogicText: '1 OR 2',
      filterLogic: { op: 'or', children: [{ op: 'condition', index: 0 }, { op: 'condition', index: 1 }] },
      filters: [
        { field: 'StageName', operator: 'EqualTo', value: { kind: 'string', value: 'Won' } },
        { field: 'Amount', operator: 'GreaterThan', value: { kind: 'number', value: 100 } },
      ],
      schedule: { frequency: 'Daily', startDate: '2024-01-01', startTime: '09:00:00.000Z' },
      scheduledPaths: [{ name: 'Later', connector: { target: 'B', isGoTo: false }, offsetNumber: -2, offsetUnit: 'Days', recordField: 'CloseDate', timeSource: 'RecordField' }],
    });
  });

  it('makes every repeated tag a list, even when it occurs once', () => {
    const { definition } = parse(flowXml(variable('only')));
    expect(definition.resources).toHaveLength(1);
    expect(definition.elements).toEqual([]);
  });

  it('ignores processMetadataValues and layout coordinates', () => {
    const { definition, diagnostics } = parse(
      flowXml(`<processMetadataValues><name>BuilderType</name><value><stringValue>LightningFlowBuilder</stringValue></value></processMetadataValues>
        <assignments><name>A</name><label>A</label><locationX>10</locationX><locationY>20</locationY>
          <assignmentItems><assignToReference>v</assignToReference><operator>Assign</operator><value><stringValue>x</stringValue></value></assignmentItems>
        </assignments>${variable('v')}`),
    );
    expect(diagnostics).toEqual([]);
    expect(Object.keys(definition.elements[0] ?? {})).not.toContain('locationX');
  });

  it('decodes XML and numeric character entities in texts', () => {
    const { definition } = parse(flowXml('<description>&lt;b&gt;Tom&apos;s &amp; Jerry&#39;s&lt;/b&gt;</description>'));
    expect(definition.description).toBe("<b>Tom's & Jerry's</b>");
  });

  it('keeps an unknown element kind as an unsupported element with its connectors', () => {
    const { definition } = parse(
      flowXml('<apexPluginCalls><name>Legacy_Plugin</name><label>Legacy</label><apexClass>MyPlugin</apexClass><connector><targetReference>Next</targetReference></connector><faultConnector><targetReference>Oops</targetReference></faultConnector></apexPluginCalls>'),
    );
    expect(definition.elements).toEqual([
      { kind: 'unsupported', name: 'Legacy_Plugin', label: 'Legacy', description: undefined, xmlTag: 'apexPluginCalls', connectors: [{ target: 'Next', isGoTo: false }, { target: 'Oops', isGoTo: false }] },
    ]);
  });

  it('warns about an unknown flow-level tag instead of dropping it silently', () => {
    const { diagnostics } = parse(flowXml('<someFutureSetting>true</someFutureSetting>'));
    expect(diagnostics).toMatchObject([{ code: 'UNSUPPORTED_ELEMENT', severity: 'warning', construct: 'tag:someFutureSetting' }]);
  });

  it('reports a required tag that is missing as FLOW_INVALID', () => {
    const { diagnostics } = parse(flowXml('<loops><name>L</name><label>L</label></loops>'));
    expect(diagnostics).toMatchObject([{ code: 'FLOW_INVALID', severity: 'error', element: 'L' }]);
    expect(diagnostics[0]?.message).toContain('collectionReference');
  });
});

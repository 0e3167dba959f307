import { describe, expect, it } from 'vitest';
import type { FlowResource } from '../../src/flow-model/index.js';
import { flowXml, parse } from './flow-xml.js';

function resource<K extends FlowResource['kind']>(body: string, name: string, kind: K): Extract<FlowResource, { kind: K }> {
  const found = parse(flowXml(body)).definition.resources.find((item) => item.name === name);
  if (found === undefined || found.kind !== kind) throw new Error(`no ${kind} named ${name}`);
  return found as Extract<FlowResource, { kind: K }>;
}

describe('resource parsers', () => {
  it('parses variables of every shape: scalar with default, record collection, Apex-defined', () => {
    expect(
      resource(`<variables><name>count</name><dataType>Number</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><scale>2</scale><value><numberValue>1.5</numberValue></value><description>How many</description></variables>`, 'count', 'variable'),
    ).toEqual({ kind: 'variable', name: 'count', dataType: 'Number', isCollection: false, isInput: true, isOutput: false, objectType: undefined, apexClass: undefined, scale: 2, defaultValue: { kind: 'number', value: 1.5 }, description: 'How many' });
    expect(resource(`<variables><name>accounts</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Account</objectType></variables>`, 'accounts', 'variable')).toMatchObject({
      dataType: 'SObject',
      isCollection: true,
      isOutput: true,
      objectType: 'Account',
      defaultValue: undefined,
    });
    expect(resource(`<variables><name>wrapper</name><apexClass>MyWrapper</apexClass><dataType>Apex</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`, 'wrapper', 'variable')).toMatchObject({ dataType: 'Apex', apexClass: 'MyWrapper' });
  });

  it('reports a variable without a data type as FLOW_INVALID', () => {
    const { diagnostics } = parse(flowXml('<variables><name>v</name><isCollection>false</isCollection></variables>'));
    expect(diagnostics).toMatchObject([{ code: 'FLOW_INVALID', element: 'v' }]);
  });

  it('parses constants, formulas and text templates', () => {
    expect(resource(`<constants><name>Limit</name><dataType>Number</dataType><value><numberValue>10</numberValue></value></constants>`, 'Limit', 'constant')).toEqual({ kind: 'constant', name: 'Limit', dataType: 'Number', value: { kind: 'number', value: 10 } });
    expect(resource(`<formulas><name>Tomorrow</name><dataType>Date</dataType><expression>TODAY() + 1</expression></formulas>`, 'Tomorrow', 'formula')).toEqual({ kind: 'formula', name: 'Tomorrow', dataType: 'Date', scale: undefined, expression: 'TODAY() + 1' });
    expect(resource(`<textTemplates><name>Body</name><isViewedAsPlainText>true</isViewedAsPlainText><text>Dear {!name},</text></textTemplates>`, 'Body', 'textTemplate')).toMatchObject({
      isViewedAsPlainText: true,
      text: { parts: ['Dear ', { root: 'name' }, ','] },
    });
  });

  it('parses choices, including one with a text input', () => {
    expect(resource(`<choices><name>Yes</name><choiceText>Yes</choiceText><dataType>String</dataType><value><stringValue>Y</stringValue></value></choices>`, 'Yes', 'choice')).toMatchObject({ label: { text: 'Yes' }, dataType: 'String', value: { kind: 'string', value: 'Y' }, userInput: undefined });
    expect(
      resource(`<choices><name>Other</name><choiceText>Other</choiceText><dataType>String</dataType><userInput><isRequired>true</isRequired><promptText>Please specify</promptText></userInput></choices>`, 'Other', 'choice'),
    ).toMatchObject({ value: undefined, userInput: { label: { text: 'Please specify' }, required: true } });
  });

  it('parses record, picklist and collection choice sets', () => {
    expect(
      resource(
        `<dynamicChoiceSets><name>Accounts</name><dataType>String</dataType><displayField>Name</displayField><filterLogic>and</filterLogic>
          <filters><field>Type</field><operator>EqualTo</operator><value><stringValue>Customer</stringValue></value></filters>
          <limit>20</limit><object>Account</object><outputAssignments><assignToReference>pickedId</assignToReference><field>Id</field></outputAssignments>
          <sortField>Name</sortField><sortOrder>Asc</sortOrder><valueField>Id</valueField></dynamicChoiceSets>`,
        'Accounts',
        'dynamicChoiceSet',
      ),
    ).toMatchObject({ object: 'Account', displayField: 'Name', valueField: 'Id', limit: 20, sortField: 'Name', sortOrder: 'Asc', filterLogicText: 'and', filters: [{ field: 'Type' }], outputAssignments: [{ field: 'Id', target: { root: 'pickedId' } }] });
    expect(
      resource(`<dynamicChoiceSets><name>Stages</name><dataType>Picklist</dataType><displayField xsi:nil="true"/><object xsi:nil="true"/><picklistField>StageName</picklistField><picklistObject>Opportunity</picklistObject></dynamicChoiceSets>`, 'Stages', 'dynamicChoiceSet'),
    ).toMatchObject({ dataType: 'Picklist', object: undefined, displayField: undefined, picklistObject: 'Opportunity', picklistField: 'StageName' });
    expect(
      resource(`<dynamicChoiceSets><name>FromList</name><collectionReference>Get_Contacts</collectionReference><dataType>String</dataType><displayField>Name</displayField><object>Contact</object><valueField>Id</valueField></dynamicChoiceSets>`, 'FromList', 'dynamicChoiceSet'),
    ).toMatchObject({ collectionReference: { root: 'Get_Contacts' } });
  });

  it('parses flow stages', () => {
    expect(resource(`<stages><name>Review</name><isActive>true</isActive><label>Review</label><stageOrder>20</stageOrder></stages>`, 'Review', 'stage')).toEqual({ kind: 'stage', name: 'Review', label: 'Review', stageOrder: 20, isActive: true });
  });
});

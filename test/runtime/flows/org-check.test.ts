/**
 * The org-aware check of deploy and activation (`src/runtime/flows/org-check.ts`): what it
 * reports for each kind of problem, against Eddy's describe with and without the fixture
 * project's custom object, and what it finds in the corpus (`../shared/flows`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasErrors, parseFlowXml, validateFlowXml, type Diagnostic } from '../../../src/flow-model/index.js';
import { ActionRegistry, buildOrgSchema, checkFlowAgainstOrg, parseObjectMetadata } from '../../../src/runtime/index.js';
import { describeWithShared, sharedPath } from '../../support/shared-folder.js';
import { filesMatching, readFolder } from './support.js';

const BARE = buildOrgSchema();

/** The org after deploying the fixture project's `Feedback__c` (Rating__c: restricted picklist Good/Bad). */
function fixtureOrg() {
  const bundle = parseObjectMetadata(filesMatching(readFolder(), '/objects/'));
  return buildOrgSchema(bundle.objects.map((o) => ({ ...o, keyPrefix: 'a00' })), bundle.fields);
}

function flow(body: string, options: { start?: string; processType?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <label>Check</label>
    <processType>${options.processType ?? 'AutoLaunchedFlow'}</processType>
    ${options.start ?? ''}
    ${body}
</Flow>`;
}

function check(xml: string, schema = BARE, actions?: ActionRegistry): Diagnostic[] {
  const { definition } = parseFlowXml(xml, { fileName: 'Check.flow-meta.xml' });
  if (definition === undefined) throw new Error('does not parse');
  return checkFlowAgainstOrg(definition, schema, actions);
}

const ACCOUNT_TRIGGER = `<start><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Step</targetReference></connector>
  <object>Account</object><recordTriggerType>Update</recordTriggerType><triggerType>RecordAfterSave</triggerType></start>`;

function lookup(object: string, filterField: string, value: string, extra = ''): string {
  return `<recordLookups><name>Step</name><label>Step</label><locationX>0</locationX><locationY>0</locationY>
    <filters><field>${filterField}</field><operator>EqualTo</operator><value><stringValue>${value}</stringValue></value></filters>
    <getFirstRecordOnly>true</getFirstRecordOnly><object>${object}</object><storeOutputAutomatically>true</storeOutputAutomatically>${extra}</recordLookups>`;
}

function assignment(value: string): string {
  return `<assignments><name>Step</name><label>Step</label><locationX>0</locationX><locationY>0</locationY>
    <assignmentItems><assignToReference>note</assignToReference><operator>Assign</operator><value><elementReference>${value}</elementReference></value></assignmentItems></assignments>
    <variables><name>note</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;
}

describe('checking a flow against the org', () => {
  it('reports a custom object the project does not define, naming the element and the missing file', () => {
    const found = check(flow(lookup('Feedback__c', 'Name', 'x')));
    expect(found).toEqual([
      {
        code: 'OBJECT_UNKNOWN', severity: 'error', element: 'Step',
        message: 'The object "Feedback__c" doesn\'t exist or isn\'t supported. The project has no objects/Feedback__c/Feedback__c.object-meta.xml.',
        missingFile: 'objects/Feedback__c/Feedback__c.object-meta.xml',
      },
    ]);
    expect(check(flow(lookup('Feedback__c', 'Name', 'x')), fixtureOrg())).toEqual([]);
  });

  it('reports a custom field of a standard object with its field file, and an unknown standard field without one', () => {
    const found = check(flow(lookup('Account', 'Bar__c', 'x', '<queriedFields>Id</queriedFields><queriedFields>Nmae</queriedFields>')));
    expect(found.map((d) => [d.code, d.element, d.message])).toEqual([
      ['FIELD_UNKNOWN', 'Step', 'The field "Bar__c" for the object "Account" doesn\'t exist. The project has no objects/Account/fields/Bar__c.field-meta.xml.'],
      ['FIELD_UNKNOWN', 'Step', 'The field "Nmae" for the object "Account" doesn\'t exist.'],
    ]);
    expect(found[0]?.missingFile).toBe('objects/Account/fields/Bar__c.field-meta.xml');
    expect(found[1]?.missingFile).toBeUndefined();
  });

  it('follows relationship paths of $Record and record variables, in references and formulas', () => {
    expect(check(flow(assignment('$Record.Owner.Name'), { start: ACCOUNT_TRIGGER }))).toEqual([]);
    expect(check(flow(assignment('$Record.Parent.Owner.Email'), { start: ACCOUNT_TRIGGER }))).toEqual([]);
    expect(check(flow(assignment('$Record.Owner.Nmae'), { start: ACCOUNT_TRIGGER })).map((d) => [d.code, d.element, d.message])).toEqual([
      ['FIELD_UNKNOWN', 'Step', 'The field "Nmae" (in $Record.Owner.Nmae) for the object "User" doesn\'t exist.'],
    ]);
    expect(check(flow(assignment('$Record.Boss__r.Name'), { start: ACCOUNT_TRIGGER })).map((d) => d.message)).toEqual([
      'The relationship "Boss__r" (in $Record.Boss__r.Name) for the object "Account" doesn\'t exist. The project has no objects/Account/fields/Boss__c.field-meta.xml.',
    ]);
    const formula = `<formulas><name>ownerMail</name><dataType>String</dataType><expression>{!$Record.Owner.Emial}</expression></formulas>`;
    expect(check(flow(assignment('ownerMail') + formula, { start: ACCOUNT_TRIGGER })).map((d) => [d.element, d.message])).toEqual([
      ['ownerMail', 'The field "Emial" (in $Record.Owner.Emial) for the object "User" doesn\'t exist.'],
    ]);
    const variable = `<variables><name>acct</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput><objectType>Account</objectType></variables>`;
    expect(check(flow(assignment('acct.Parent.Foo__c') + variable)).map((d) => d.missingFile)).toEqual(['objects/Account/fields/Foo__c.field-meta.xml']);
  });

  it('checks picklist values in record filters and picklist choice sets against the fields the project defines', () => {
    const org = fixtureOrg();
    expect(check(flow(lookup('Feedback__c', 'Rating__c', 'Good')), org)).toEqual([]);
    expect(check(flow(lookup('Feedback__c', 'Rating__c', 'Excellent')), org).map((d) => [d.code, d.element, d.message])).toEqual([
      ['PICKLIST_VALUE_UNKNOWN', 'Step', 'The picklist value "Excellent" isn\'t valid for the field "Rating__c" of the object "Feedback__c".'],
    ]);
    const choices = (field: string) =>
      `<dynamicChoiceSets><name>Ratings</name><dataType>Picklist</dataType><displayField xsi:nil="true"/><object xsi:nil="true"/><picklistField>${field}</picklistField><picklistObject>Feedback__c</picklistObject></dynamicChoiceSets>`;
    expect(check(flow(choices('Rating__c')), org)).toEqual([]);
    expect(check(flow(choices('Customer_Name__c')), org).map((d) => [d.code, d.element])).toEqual([['FIELD_UNKNOWN', 'Ratings']]);
    expect(check(flow(choices('Mood__c')), org).map((d) => d.missingFile)).toEqual(['objects/Feedback__c/fields/Mood__c.field-meta.xml']);
  });

  it('reports actions that neither Eddy nor a registered module provides, when given the registry', () => {
    const call = (type: string, name: string) =>
      `<actionCalls><name>Call_${name}</name><label>Call</label><locationX>0</locationX><locationY>0</locationY><actionName>${name}</actionName><actionType>${type}</actionType></actionCalls>`;
    const actions = new ActionRegistry();
    actions.register({ actionType: 'apex', name: 'Known', invoke: () => ({}) });
    const xml = flow(call('apex', 'Known') + call('apex', 'Missing') + call('emailSimple', 'emailSimple'));
    expect(check(xml, BARE, actions).map((d) => [d.code, d.element, d.message])).toEqual([
      ['ACTION_UNKNOWN', 'Call_Missing', 'The action "Missing" of type "apex" doesn\'t exist: Eddy has no built-in for it and no registered action module provides it.'],
    ]);
    expect(check(xml, BARE)).toEqual([]);
  });
});

describeWithShared('the corpus against a bare org', () => {
  it('activates every valid flow that names only what Eddy knows, and names the missing file of every custom object or field the corpus lacks', () => {
    const manifest = readFileSync(sharedPath('flows', 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
    let valid = 0;
    let activatable = 0;
    let onlyCustomMetadata = 0;
    for (const line of manifest) {
      const [path = ''] = line.split('\t');
      const { definition, diagnostics } = validateFlowXml(readFileSync(sharedPath('flows', path), 'utf8'), { fileName: 'Corpus.flow-meta.xml' });
      if (definition === undefined || hasErrors(diagnostics)) continue;
      valid += 1;
      const found = checkFlowAgainstOrg(definition, BARE);
      if (found.length === 0) activatable += 1;
      for (const problem of found) {
        expect(['OBJECT_UNKNOWN', 'FIELD_UNKNOWN', 'PICKLIST_VALUE_UNKNOWN']).toContain(problem.code);
        // A custom object or field (…__c, __mdt, __e, …) always names the file the project lacks.
        if (/__(c|mdt|e|kav)"/.test(problem.message.split(' for ')[0] ?? '')) expect(problem.missingFile).toMatch(/^objects\//);
      }
      if (found.length > 0 && found.every((d) => d.missingFile !== undefined)) onlyCustomMetadata += 1;
    }
    // Measured with the hand-written standard objects (docs/runtime.md): of 570 valid flows, 328
    // name only what Eddy knows and 180 lack only custom metadata the corpus does not ship; the
    // other 62 name standard objects or fields Eddy's catalogue lacks. A larger catalogue only
    // raises the first number.
    expect(valid).toBe(570);
    expect(activatable).toBeGreaterThanOrEqual(328);
    expect(onlyCustomMetadata).toBeGreaterThan(0);
    expect(activatable + onlyCustomMetadata).toBeLessThanOrEqual(valid);
  });
});

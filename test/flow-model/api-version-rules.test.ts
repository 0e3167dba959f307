/**
 * One test per row of `API_VERSION_RULES` (docs/flow-model.md, "Defaults by API version"): what
 * an absent tag means for the flow's API version, on a Get Records that runs to its end.
 */
import { describe, expect, it } from 'vitest';
import { API_VERSION_RULES, apiVersionRule, effectiveApiVersion, parseFlowXml, type FlowDefinition, type RecordLookupElement } from '../../src/flow-model/index.js';
import { compileFlow } from '../../src/engine/index.js';
import { runScript } from '../engine/support/harness.js';
import { MemoryRecords } from '../engine/support/memory-records.js';

/** A flow of `apiVersion` (or none) with one Get Records of Accounts named "Acme" sorted by Rating, into `output`. */
function lookupFlow(apiVersion: string | undefined, lookupTags: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    ${apiVersion === undefined ? '' : `<apiVersion>${apiVersion}</apiVersion>`}
    <label>Lookup</label>
    <processType>AutoLaunchedFlow</processType>
    <recordLookups>
        <name>Find</name>
        <label>Find</label>
        <locationX>0</locationX><locationY>0</locationY>
        <filters><field>Name</field><operator>EqualTo</operator><value><stringValue>Acme</stringValue></value></filters>
        <object>Account</object>
        <sortField>Rating</sortField>
        <sortOrder>Asc</sortOrder>
        ${lookupTags}
    </recordLookups>
    <startElementReference>Find</startElementReference>
    <variables><name>one</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Account</objectType></variables>
    <variables><name>many</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Account</objectType></variables>
    <variables><name>rating</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
    ${extra}
</Flow>`;
}

function parsed(xml: string): FlowDefinition {
  const { definition } = parseFlowXml(xml, { fileName: 'Lookup.flow-meta.xml' });
  if (definition === undefined) throw new Error('does not parse');
  return definition;
}

function lookupOf(xml: string): RecordLookupElement {
  const found = parsed(xml).elements.find((e) => e.kind === 'recordLookup');
  if (found?.kind !== 'recordLookup') throw new Error('no lookup');
  return found;
}

/** Two Accounts named Acme (ratings Cold and Warm) and one other. */
function accounts(): MemoryRecords {
  const records = new MemoryRecords();
  records.insert('Account', { Name: 'Acme', Rating: 'Warm' });
  records.insert('Account', { Name: 'Acme', Rating: 'Cold' });
  records.insert('Account', { Name: 'Other', Rating: 'Hot' });
  return records;
}

async function run(xml: string, records: MemoryRecords = accounts()) {
  return runScript(compileFlow(parsed(xml)), { records, inputs: { rating: 'kept' } });
}

describe('defaults by API version', () => {
  it('has a row for every subject it applies, each range closed where the next one opens', () => {
    for (const rule of API_VERSION_RULES) {
      expect(apiVersionRule(rule.subject, rule.from)).toBe(rule);
      if (rule.until !== undefined) expect(apiVersionRule(rule.subject, rule.until)).not.toBe(rule);
    }
  });

  it('flow.apiVersion: a flow without <apiVersion> runs with the rules of version 0 (saved before the tag existed)', () => {
    expect(effectiveApiVersion(undefined)).toBe(0);
    expect(effectiveApiVersion('not a number')).toBe(0);
    expect(effectiveApiVersion('46.0')).toBe(46);
    expect(apiVersionRule('recordLookups.getFirstRecordOnly', effectiveApiVersion(undefined))?.until).toBe(47);
  });

  it('recordLookups.getFirstRecordOnly before 47: a single record variable gets the first record and the flow runs to its end', async () => {
    const xml = lookupFlow('46.0', '<outputReference>one</outputReference><queriedFields>Id</queriedFields><queriedFields>Rating</queriedFields>');
    expect(lookupOf(xml)).toMatchObject({ getFirstRecordOnly: true, getFirstRecordOnlyInFile: undefined });
    const result = await run(xml);
    expect(result.status).toBe('finished');
    expect(result.vars.one).toMatchObject({ Rating: 'Cold' });
  });

  it('recordLookups.getFirstRecordOnly before 47: a record collection gets every record', async () => {
    const xml = lookupFlow(undefined, '<outputReference>many</outputReference><queriedFields>Id</queriedFields><queriedFields>Rating</queriedFields>');
    expect(lookupOf(xml).getFirstRecordOnly).toBe(false);
    const result = await run(xml);
    expect(result.status).toBe('finished');
    expect((result.vars.many as unknown[]).map((r) => (r as { Rating: string }).Rating)).toEqual(['Cold', 'Warm']);
  });

  it('recordLookups.getFirstRecordOnly from 47: a file without the tag still keeps the first record in a single record variable', async () => {
    const xml = lookupFlow('66.0', '<outputReference>one</outputReference><queriedFields>Id</queriedFields><queriedFields>Rating</queriedFields>');
    expect(lookupOf(xml).getFirstRecordOnly).toBe(true);
    const result = await run(xml);
    expect(result.status).toBe('finished');
    expect(result.vars.one).toMatchObject({ Rating: 'Cold' });
  });

  it('recordLookups.getFirstRecordOnly written in the file always wins', async () => {
    const xml = lookupFlow('46.0', '<getFirstRecordOnly>false</getFirstRecordOnly><outputReference>many</outputReference>');
    expect(lookupOf(xml)).toMatchObject({ getFirstRecordOnly: false, getFirstRecordOnlyInFile: false });
  });

  it('recordLookups.storeOutputAutomatically: absent is false, at every version', () => {
    for (const version of [undefined, '46.0', '47.0', '62.0']) {
      expect(lookupOf(lookupFlow(version, '<outputReference>one</outputReference>')).storeOutputAutomatically).toBe(false);
    }
  });

  it('recordLookups.assignNullValuesIfNoRecordsFound: absent is false, so fields assigned one by one keep their values when nothing is found', async () => {
    const xml = lookupFlow('45.0', '<outputAssignments><assignToReference>rating</assignToReference><field>Rating</field></outputAssignments>');
    expect(lookupOf(xml)).toMatchObject({ assignNullValuesIfNoRecordsFound: false, getFirstRecordOnly: true });
    const found = await run(xml);
    expect(found.vars.rating).toBe('Cold');
    const none = await run(xml, new MemoryRecords());
    expect(none.status).toBe('finished');
    expect(none.vars.rating).toBe('kept');
  });

  it('flow.runInMode: absent stays DefaultMode, at every version', () => {
    for (const version of [undefined, '48.0', '62.0']) expect(parsed(lookupFlow(version, '<outputReference>one</outputReference>')).runInMode).toBeUndefined();
    expect(apiVersionRule('flow.runInMode', 30)?.whenAbsent).toContain('DefaultMode');
  });

  it('start.doesRequireRecordChangedToMeetCriteria: absent is false, at every version', () => {
    const start = `<start><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Find</targetReference></connector>
      <filterLogic>and</filterLogic><filters><field>Name</field><operator>EqualTo</operator><value><stringValue>Acme</stringValue></value></filters>
      <object>Account</object><recordTriggerType>Update</recordTriggerType><triggerType>RecordAfterSave</triggerType></start>`;
    for (const version of ['50.0', '62.0']) {
      const definition = parsed(lookupFlow(version, '<outputReference>one</outputReference>', start).replace('<startElementReference>Find</startElementReference>', ''));
      expect(definition.start?.requireChange).toBe(false);
    }
  });
});

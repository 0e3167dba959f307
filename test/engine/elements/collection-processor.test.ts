import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { flowFromXml, variable } from '../support/flow-xml.js';

const people = [
  { attributes: { type: 'Contact' }, LastName: 'Curie', Age__c: 66 },
  { attributes: { type: 'Contact' }, LastName: 'Ada', Age__c: 36 },
  { attributes: { type: 'Contact' }, LastName: null, Age__c: 50 },
  { attributes: { type: 'Contact' }, LastName: 'Babbage', Age__c: 79 },
];

function run(body: string, inputs: Record<string, unknown>): unknown {
  const flow = flowFromXml(
    variable('people', 'SObject', { objectType: 'Contact', collection: true, input: true, output: true }) +
      variable('kept', 'SObject', { objectType: 'Contact', collection: true, output: true }) +
      body,
    { start: 'Process' },
  );
  const awaiting = start(flow, inputs as never, startContext()).awaiting;
  return awaiting.kind === 'finished' ? awaiting.outputs : awaiting;
}

function names(value: unknown): unknown[] {
  return (value as { LastName: unknown }[]).map((person) => person.LastName);
}

describe('collection processor element', () => {
  it('sorts the collection in place, nulls last unless asked first, then limits it', () => {
    const sortBy = (order: string, nullsFirst: boolean, limit = '') => `<collectionProcessors><name>Process</name><label>Sort</label>
      <elementSubtype>SortCollectionProcessor</elementSubtype><collectionProcessorType>SortCollectionProcessor</collectionProcessorType>
      <collectionReference>people</collectionReference>${limit}
      <sortOptions><doesPutEmptyStringAndNullFirst>${nullsFirst}</doesPutEmptyStringAndNullFirst><sortField>LastName</sortField><sortOrder>${order}</sortOrder></sortOptions>
    </collectionProcessors>`;
    expect(names((run(sortBy('Asc', false), { people }) as { people: unknown }).people)).toEqual(['Ada', 'Babbage', 'Curie', null]);
    expect(names((run(sortBy('Desc', true), { people }) as { people: unknown }).people)).toEqual([null, 'Curie', 'Babbage', 'Ada']);
    expect(names((run(sortBy('Asc', false, '<limit>2</limit>'), { people }) as { people: unknown }).people)).toEqual(['Ada', 'Babbage']);
  });

  it('filters with conditions on currentItem_ and stores the result as {!FilterName}', () => {
    const outputs = run(
      `<collectionProcessors><name>Process</name><label>Filter</label>
        <elementSubtype>FilterCollectionProcessor</elementSubtype><collectionProcessorType>FilterCollectionProcessor</collectionProcessorType>
        <assignNextValueToReference>currentItem_Process</assignNextValueToReference>
        <collectionReference>people</collectionReference><conditionLogic>and</conditionLogic>
        <conditions><leftValueReference>currentItem_Process.Age__c</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>40</numberValue></rightValue></conditions>
        <conditions><leftValueReference>currentItem_Process.LastName</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions>
        <connector><targetReference>Keep</targetReference></connector>
      </collectionProcessors>
      <assignments><name>Keep</name><label>Keep</label><assignmentItems><assignToReference>kept</assignToReference><operator>Assign</operator><value><elementReference>Process</elementReference></value></assignmentItems></assignments>`,
      { people },
    ) as { kept: unknown };
    expect(names(outputs.kept)).toEqual(['Curie', 'Babbage']);
  });

  it('filters with a formula over the current item', () => {
    const outputs = run(
      `<collectionProcessors><name>Process</name><label>Filter</label>
        <elementSubtype>FilterCollectionProcessor</elementSubtype><collectionProcessorType>FilterCollectionProcessor</collectionProcessorType>
        <assignNextValueToReference>currentItem_Process</assignNextValueToReference>
        <collectionReference>people</collectionReference><conditionLogic>formula_evaluates_to_true</conditionLogic>
        <formula>{!currentItem_Process.Age__c} &lt; 60</formula>
        <connector><targetReference>Keep</targetReference></connector>
      </collectionProcessors>
      <assignments><name>Keep</name><label>Keep</label><assignmentItems><assignToReference>kept</assignToReference><operator>Assign</operator><value><elementReference>Process</elementReference></value></assignmentItems></assignments>`,
      { people },
    ) as { kept: unknown };
    expect(names(outputs.kept)).toEqual(['Ada', null]);
  });

  it('faults with UNSUPPORTED for recommendation mapping', () => {
    const result = run(
      `<collectionProcessors><name>Process</name><label>Map</label><elementSubtype>RecommendationMapCollectionProcessor</elementSubtype>
        <collectionProcessorType>RecommendationMapCollectionProcessor</collectionProcessorType><collectionReference>people</collectionReference></collectionProcessors>`,
      { people },
    );
    expect(result).toMatchObject({ kind: 'failed', fault: { code: 'UNSUPPORTED', element: 'Process' } });
  });
});

/**
 * `SalesforceLabs__AnimalShelterStarter/Animal_Clone_Animal_Record.flow-meta.xml`: clone an animal
 * a number of times (a number field with a validation rule), build the clones in a Go-To loop from
 * the animal's fields (including fields of related records), insert them (fault path), collect
 * their Ids in a loop, show them in a packaged datatable component (registered here as a stub),
 * then loop again to clear their "cloned" flag with an update (fault path).
 */
import { expect, it } from 'vitest';
import type { ComponentRegistry, FlowRecord } from '../../src/engine/index.js';
import { MemoryRecords } from '../engine/support/memory-records.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { recordValue } from './support/record-value.js';
import { runBothWays } from './support/run-both-ways.js';
import { fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('SalesforceLabs__AnimalShelterStarter/Animal_Clone_Animal_Record.flow-meta.xml');
const NOW = '2024-03-05T11:00:00.000Z';
const OWNER_ACCOUNT = '001000000000042AAA';
const BREED = 'a0X000000000001AAA';
/** The packaged datatable: it edits the records in place and outputs nothing the flow reads. */
const COMPONENTS: ComponentRegistry = { 'animalshelters:FSCAnimalCloneDatatable': { outputs: {} } };

/** Rex, the animal to clone, as the record page passes it (with related records). */
function shelter(records: MemoryRecords = new MemoryRecords()): { records: MemoryRecords; rex: FlowRecord } {
  const id = records.insert('Animal__c', {
    Animal_Name__c: 'Rex',
    Animal_Status__c: 'Available',
    Colour__c: 'Brown',
    Secondary_Colour__c: 'White',
    Gender__c: 'Male',
    Estimated_Age__c: 3,
    Current_Weight__c: 12.5,
    Entry_Reason__c: 'Stray',
    Lost_Found__c: false,
    Microchip__c: '985112003456789',
    Date_of_Arrival__c: '2023-11-02',
    Previous_Current_Owner__r: { Account: { Id: OWNER_ACCOUNT } },
    Breed_Lookup__r: { Id: BREED },
  });
  return { records, rex: records.byId(id)! };
}

function options(records: MemoryRecords, rex: FlowRecord, screens: ScriptOptions['screens']): ScriptOptions {
  return { now: NOW, records, inputs: { recordId: recordValue(rex) }, context: { components: COMPONENTS }, screens };
}

describeWithShared('Animal - Clone Animal Record', () => {
  it('rejects a number of clones outside 1–10 with the rule’s message, keeping the number entered', async () => {
    const run = await runBothWays(FLOW, () => {
      const { records, rex } = shelter();
      return options(records, rex, [
        { screen: 'Number_of_Clones', values: { No_of_Clones: 0 } },
        { screen: 'Number_of_Clones', values: { No_of_Clones: 11 } },
        { screen: 'Number_of_Clones', values: { No_of_Clones: null } },
        { screen: 'Number_of_Clones', values: { No_of_Clones: 1 } },
        { screen: 'Display_Records_for_Editing', values: { FSCCloneDatatableScreen: {} } },
        { screen: 'Completion_Screen' },
      ]);
    });
    const [first, tooFew, tooMany, blank] = run.screens;
    expect(screenText(first!)).toContain('You are about to clone the animal record for Rex');
    expect(fieldOf(first!, 'No_of_Clones')).toMatchObject({ inputType: 'number', value: 1, required: true, scale: 0 });
    expect(fieldOf(first!, 'Number_of_Clones_Section1').fields.map((column) => column.width)).toEqual([9, 3]);
    expect(tooFew?.errors).toEqual({ No_of_Clones: '<p>The number of clones needs to be between 1 and 10.</p>' });
    expect(fieldOf(tooFew!, 'No_of_Clones').value).toBe(0);
    expect(tooMany?.errors).toEqual({ No_of_Clones: '<p>The number of clones needs to be between 1 and 10.</p>' });
    expect(fieldOf(tooMany!, 'No_of_Clones').value).toBe(11);
    // A blank number is caught as a required field; the rule is not evaluated on blanks.
    expect(blank?.errors).toEqual({ No_of_Clones: 'Complete this field.' });
    // Nothing was built or saved while the screen was rejected.
    expect(run.records.log).toEqual(['create Animal__c', 'update 1']);
    expect(run.records.all('Animal__c')).toHaveLength(2);
  });

  it('creates the clones from the animal’s fields, shows them for editing, then clears their cloned flag', async () => {
    let rexId = '';
    const run = await runBothWays(FLOW, () => {
      const { records, rex } = shelter();
      rexId = rex.Id ?? '';
      return options(records, rex, [
        { screen: 'Number_of_Clones', values: { No_of_Clones: 3 } },
        { screen: 'Display_Records_for_Editing', values: { FSCCloneDatatableScreen: {} } },
        { screen: 'Completion_Screen' },
      ]);
    });

    expect(run.status).toBe('finished');
    const clones = run.records.all('Animal__c').filter((animal) => animal.Id !== rexId);
    expect(clones.map((clone) => clone.Animal_Name__c)).toEqual(['Rex_1', 'Rex_2', 'Rex_3']);
    for (const clone of clones) {
      expect(clone).toMatchObject({
        Account__c: OWNER_ACCOUNT,
        Breed_Lookup__c: BREED,
        Animal_Status__c: 'New',
        Colour__c: 'Brown',
        Secondary_Colour__c: 'White',
        Gender__c: 'Male',
        Estimated_Age__c: 3,
        Current_Weight__c: 12.5,
        Entry_Reason__c: 'Stray',
        Lost_Found__c: false,
        // $Flow.CurrentDate, not the original's arrival date.
        Date_of_Arrival__c: '2024-03-05',
        // Inserted with the flag set, then the last loop cleared it.
        IsCloned__c: false,
      });
      expect(clone.Microchip__c).not.toBe('985112003456789');
    }
    // The Ids written back by the insert, collected by the first loop, drive the second.
    expect(run.vars.createdRecordIds).toEqual(clones.map((clone) => clone.Id));
    expect((run.vars.clonedAnimalsCompletedRecords as FlowRecord[]).map((record) => [record.Id, record.IsCloned__c])).toEqual(clones.map((clone) => [clone.Id, false]));
    expect(run.records.log).toEqual(['create Animal__c,Animal__c,Animal__c', 'update 3']);

    const display = run.screens[1]!;
    expect(fieldOf(display, 'FSCCloneDatatableScreen')).toMatchObject({ inputType: 'component', extensionName: 'animalshelters:FSCAnimalCloneDatatable', required: false });
    expect(screenText(run.screens[2]!)).toBe('Cloning process is complete, you have successfully created 3 records');
    expect(run.screens[2]?.actions).toEqual(['FINISH']);
  });

  it('shows the fault screen when the clones cannot be inserted, and updates nothing', async () => {
    const run = await runBothWays(FLOW, () => {
      const { records, rex } = shelter(new FailingRecords().failOnce('create', 'Animal__c', 'STORAGE_LIMIT_EXCEEDED', 'storage limit exceeded'));
      return options(records, rex, [{ values: { No_of_Clones: 2 } }, { screen: 'Fault_Screen' }]);
    });
    expect(screenText(run.screens[1]!)).toBe('Sorry, there has been a problem. storage limit exceeded');
    expect(run.records.all('Animal__c')).toHaveLength(1);
    expect(run.records.log).toEqual(['create Animal__c,Animal__c failed']);
  });

  it('fails naming the datatable component when no such component is registered', async () => {
    const run = await runBothWays(FLOW, () => {
      const { records, rex } = shelter();
      return { ...options(records, rex, [{ values: { No_of_Clones: 1 } }]), context: {} };
    });
    expect(run.status).toBe('error');
    expect(run.fault?.code).toBe('UNKNOWN_COMPONENT');
    expect(run.fault?.message).toContain('animalshelters:FSCAnimalCloneDatatable');
    // The engine does not undo the insert made before the screen (the runtime's transaction may).
    expect(run.records.all('Animal__c')).toHaveLength(2);
  });
});

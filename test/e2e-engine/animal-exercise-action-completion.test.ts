/**
 * `SalesforceLabs__AnimalShelterStarter/Animal_Exercise_Action_Completion.flow-meta.xml`: log a
 * completed exercise. A record type lookup (fault path), a screen with two record choice sets
 * (one filtered by the animal and the record type, both sorted, both copying fields of the chosen
 * record into variables), a date-time formula, and an update by filter (fault path to an error
 * screen that offers Back).
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { runBothWays } from './support/run-both-ways.js';
import { choicesOf, fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('SalesforceLabs__AnimalShelterStarter/Animal_Exercise_Action_Completion.flow-meta.xml');
const ANIMAL = 'a01000000000001AAA';
const OTHER_ANIMAL = 'a01000000000002AAA';

interface Shelter {
  readonly records: MemoryRecords;
  readonly walks: { readonly morning: string; readonly evening: string; readonly otherAnimal: string; readonly treatment: string };
  readonly contacts: { readonly zed: string; readonly amy: string };
}

/** Two exercise actions of the animal (inserted out of date order), one of another animal, one treatment; two contacts. */
function shelter(records: MemoryRecords = new MemoryRecords()): Shelter {
  const exercise = records.insert('RecordType', { DeveloperName: 'Exercise', SobjectType: 'animalshelters__Animal_Action__c' });
  const treatment = records.insert('RecordType', { DeveloperName: 'Treatment', SobjectType: 'animalshelters__Animal_Action__c' });
  const walks = {
    evening: records.insert('Animal_Action__c', { Animal__c: ANIMAL, RecordTypeId: exercise, Action_Lookup_Name__c: 'Evening walk', Date_Time_of_Action__c: '2024-01-15T18:00:00.000Z' }),
    morning: records.insert('Animal_Action__c', { Animal__c: ANIMAL, RecordTypeId: exercise, Action_Lookup_Name__c: 'Morning walk', Date_Time_of_Action__c: '2024-01-15T07:30:00.000Z' }),
    otherAnimal: records.insert('Animal_Action__c', { Animal__c: OTHER_ANIMAL, RecordTypeId: exercise, Action_Lookup_Name__c: 'Swim', Date_Time_of_Action__c: '2024-01-15T10:00:00.000Z' }),
    treatment: records.insert('Animal_Action__c', { Animal__c: ANIMAL, RecordTypeId: treatment, Action_Lookup_Name__c: 'Vaccine', Date_Time_of_Action__c: '2024-01-15T09:00:00.000Z' }),
  };
  const contacts = { zed: records.insert('Contact', { Name: 'Zed Keeper' }), amy: records.insert('Contact', { Name: 'Amy Walker' }) };
  return { records, walks, contacts };
}

function options(made: Shelter, screens: ScriptOptions['screens']): ScriptOptions {
  return { records: made.records, inputs: { recordId: ANIMAL }, screens };
}

describeWithShared('Animal - Exercise Action Completion', () => {
  it('lists the animal’s scheduled exercises and the contacts, and logs the chosen one as completed', async () => {
    let made: Shelter | undefined;
    const run = await runBothWays(FLOW, () => {
      made = shelter();
      return options(made, [
        { screen: 'Exercise_Details_Screen', values: { Exercise_Action_Choice: made.walks.morning, Exercise_Duration: 2, Exercise_Comments_Long: 'Pulled on the lead', Given_By_Picklist: made.contacts.amy } },
        { screen: 'End_Screen' },
      ]);
    });
    const { walks, contacts } = made!;

    expect(run.status).toBe('finished');
    const details = run.screens[0]!;
    // Header hidden, footer shown; the first screen: Next only.
    expect(details.showHeader).toBe(false);
    expect(details.actions).toEqual(['NEXT']);
    // Only this animal's exercise actions, by date; the value is the record Id.
    expect(choicesOf(details, 'Exercise_Action_Choice')).toEqual([
      [walks.morning, 'Morning walk'],
      [walks.evening, 'Evening walk'],
    ]);
    expect(choicesOf(details, 'Given_By_Picklist')).toEqual([
      [contacts.amy, 'Amy Walker'],
      [contacts.zed, 'Zed Keeper'],
    ]);
    expect(fieldOf(details, 'Exercise_Duration')).toMatchObject({ inputType: 'number', value: 1, required: true, scale: 0 });
    expect(fieldOf(details, 'Exercise_Comments_Long')).toMatchObject({ inputType: 'textarea', required: false });

    // The choice sets' output assignments copied the chosen records' fields.
    expect(run.vars).toMatchObject({ AnimalActionId: walks.morning, AnimalActionStartDateTime: '2024-01-15T07:30:00.000Z', contactId: contacts.amy });
    // CalculateEndDateTime = start + duration / 24 (days).
    expect(run.records.byId(walks.morning)).toMatchObject({
      Action_Completed__c: true,
      Comments__c: 'Pulled on the lead',
      Exercise_Duration__c: 2,
      Date_Time_Action_Completed__c: '2024-01-15T09:30:00.000Z',
      Given_By__c: contacts.amy,
    });
    for (const untouched of [walks.evening, walks.otherAnimal, walks.treatment]) expect(run.records.byId(untouched)?.Action_Completed__c).toBeUndefined();
    expect(screenText(run.screens[1]!)).toBe('The exercise has been logged in Salesforce. Please click Finish to complete the wizard.');
    expect(run.outputs).toEqual({ recordId: ANIMAL });
  });

  it('goes straight to the error screen when the record type lookup fails', async () => {
    const run = await runBothWays(FLOW, () => options(shelter(new FailingRecords().failOnce('query', 'RecordType', 'REQUEST_LIMIT_EXCEEDED', 'Too many SOQL queries: 101')), [{ screen: 'Error_Screen' }]));
    expect(run.status).toBe('finished');
    expect(screenText(run.screens[0]!)).toContain('Fault Message: Too many SOQL queries: 101');
    // The first screen shown: nothing to go back to.
    expect(run.screens[0]?.actions).toEqual(['FINISH']);
  });

  it('shows the update fault, and Back returns to the form with the choices made, where Next logs the exercise', async () => {
    let made: Shelter | undefined;
    const run = await runBothWays(FLOW, () => {
      made = shelter(new FailingRecords().failOnce('update', 'Animal_Action__c', 'ENTITY_IS_LOCKED', 'the entity is locked for editing'));
      return options(made, [
        { screen: 'Exercise_Details_Screen', values: { Exercise_Action_Choice: made.walks.evening, Exercise_Duration: 1, Given_By_Picklist: made.contacts.zed } },
        { screen: 'Error_Screen', action: 'BACK' },
        { screen: 'Exercise_Details_Screen', values: { Exercise_Duration: 3 } },
        { screen: 'End_Screen' },
      ]);
    });
    const { walks, contacts } = made!;
    const error = run.screens[1]!;
    expect(screenText(error)).toContain('Fault Message: the entity is locked for editing');
    expect(error.actions).toEqual(['BACK', 'FINISH']);
    const back = run.screens[2]!;
    expect(fieldOf(back, 'Exercise_Action_Choice').value).toBe(walks.evening);
    expect(fieldOf(back, 'Given_By_Picklist').value).toBe(contacts.zed);
    expect(fieldOf(back, 'Exercise_Duration').value).toBe(1);
    expect(run.records.byId(walks.evening)).toMatchObject({ Action_Completed__c: true, Exercise_Duration__c: 3, Date_Time_Action_Completed__c: '2024-01-15T21:00:00.000Z', Given_By__c: contacts.zed });
    // Comments left blank: the update writes null.
    expect(run.records.byId(walks.evening)?.Comments__c).toBeNull();
  });
});

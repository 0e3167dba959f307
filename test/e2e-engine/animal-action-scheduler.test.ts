/**
 * `SalesforceLabs__AnimalShelterStarter/Animal_Action_Scheduler.flow-meta.xml`: schedule repeated
 * actions for an animal. A form with a dropdown and radio buttons over choice resources (one with
 * a default choice), a record type lookup, a decision, an extra screen for treatments (a picklist
 * choice set and a `flowruntime:lookup`), then a Go-To loop (decision → assignments → back to the
 * decision) that builds one record per period with a date formula, a collection insert with a
 * fault path to an error screen showing `$Flow.FaultMessage`.
 */
import { expect, it } from 'vitest';
import type { FlowRecord } from '../../src/engine/index.js';
import { MemoryRecords } from '../engine/support/memory-records.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { recordValue } from './support/record-value.js';
import { runBothWays } from './support/run-both-ways.js';
import { choicesOf, fieldOf, plainText, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('SalesforceLabs__AnimalShelterStarter/Animal_Action_Scheduler.flow-meta.xml');
const NOW = '2024-01-15T09:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const CONDITION_ID = 'a0Z000000000007AAA';
const TREATMENT_TYPES = [
  { value: 'Vaccination', label: 'Vaccination' },
  { value: 'Medication', label: 'Medication' },
];

/** Record types by developer name, the animal, and a store holding them. */
function shelter(records: MemoryRecords = new MemoryRecords()): { records: MemoryRecords; animal: FlowRecord; recordTypes: Record<string, string> } {
  const recordTypes: Record<string, string> = {};
  for (const name of ['Treatment', 'Exercise', 'Nutrition']) recordTypes[name] = records.insert('RecordType', { DeveloperName: name, SobjectType: 'animalshelters__Animal_Action__c' });
  records.insert('RecordType', { DeveloperName: 'Treatment', SobjectType: 'animalshelters__Other__c' });
  const id = records.insert('Animal__c', { Animal_Name__c: 'Rex' });
  return { records, animal: records.byId(id)!, recordTypes };
}

function options(records: MemoryRecords, animal: FlowRecord, screens: ScriptOptions['screens']): ScriptOptions {
  return { now: NOW, records, inputs: { recordId: recordValue(animal) }, context: { picklists: { 'Treatment__c.Treatment_Type__c': TREATMENT_TYPES } }, screens };
}

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

const TREATMENT_WEEKLY = { From_Date: '2024-01-20T08:00:00.000Z', Schedule_Picklist: 'Weekly', Every_Number: 3, Action_Selection: 'Treatment', Action_Description: 'Give the pill with food' };

describeWithShared('Animal - Action Scheduler', () => {
  it('schedules three weekly treatments: one record per week, built by the Go-To loop', async () => {
    let recordTypes: Record<string, string> = {};
    let animalId = '';
    const run = await runBothWays(FLOW, () => {
      const made = shelter();
      recordTypes = made.recordTypes;
      animalId = made.animal.Id ?? '';
      return options(made.records, made.animal, [
        { screen: 'Schedule_Details', values: TREATMENT_WEEKLY },
        { screen: 'Treatment_Info', values: { Treatment_Type: 'Medication', Related_Condition: { recordId: CONDITION_ID } } },
        { screen: 'Final_Screen' },
      ]);
    });

    expect(run.status).toBe('finished');
    const [details, treatment, final] = run.screens;
    // Defaults: the first date is "now" ($Flow.CurrentDateTime), the default choice is Daily, one period.
    expect(fieldOf(details!, 'From_Date')).toMatchObject({ inputType: 'dateTime', value: NOW, required: true });
    // Help text is rich text in metadata; the model passes it on as HTML.
    expect(plainText(fieldOf(details!, 'From_Date').helpText ?? '')).toBe('Date of first treatment');
    expect(fieldOf(details!, 'Schedule_Picklist')).toMatchObject({ inputType: 'picklist', value: 'Daily', required: true });
    expect(choicesOf(details!, 'Schedule_Picklist')).toEqual([
      ['Daily', 'Daily'],
      ['Weekly', 'Weekly'],
      ['Monthly', 'Monthly'],
      ['Yearly', 'Yearly'],
    ]);
    expect(fieldOf(details!, 'Every_Number')).toMatchObject({ inputType: 'number', value: 1, scale: 0 });
    expect(fieldOf(details!, 'Action_Selection')).toMatchObject({ inputType: 'radio', value: null, required: true });
    expect(choicesOf(details!, 'Action_Selection').map(([, label]) => label)).toEqual(['Treatment', 'Exercise', 'Nutrition']);
    expect(fieldOf(details!, 'Action_Description')).toMatchObject({ inputType: 'textarea', required: true });

    // Treatments get a second screen: the picklist choice set's values, and an optional lookup.
    expect(choicesOf(treatment!, 'Treatment_Type')).toEqual([
      ['Vaccination', 'Vaccination'],
      ['Medication', 'Medication'],
    ]);
    expect(fieldOf(treatment!, 'Related_Condition')).toMatchObject({ inputType: 'lookup', label: 'Related Condition', required: false });

    // Records in creation order: the first date, then the loop counts down from the last period.
    const created = run.records.all('Animal_Action__c');
    expect(created.map((record) => record.Date_Time_of_Action__c)).toEqual([TREATMENT_WEEKLY.From_Date, plusDays(TREATMENT_WEEKLY.From_Date, 14), plusDays(TREATMENT_WEEKLY.From_Date, 7)]);
    for (const record of created) {
      expect(record).toMatchObject({
        Animal__c: animalId,
        Description__c: 'Give the pill with food',
        Treatment_Type__c: 'Medication',
        Condition__c: CONDITION_ID,
        RecordTypeId: recordTypes.Treatment,
      });
    }
    expect(run.vars.NumberOfTimeFrames).toBe(0);
    expect(screenText(final!)).toBe('Treatment Records Generated! Click FINISH to save the records.');
    expect(final?.actions).toEqual(['FINISH']);
  });

  it('skips the treatment screen for exercise, and ADDMONTHS keeps to the end of shorter months', async () => {
    let recordTypes: Record<string, string> = {};
    const run = await runBothWays(FLOW, () => {
      const made = shelter();
      recordTypes = made.recordTypes;
      return options(made.records, made.animal, [
        { screen: 'Schedule_Details', values: { From_Date: '2024-01-31T10:00:00.000Z', Schedule_Picklist: 'Monthly', Every_Number: 3, Action_Selection: 'Exercise', Action_Description: 'Long walk' } },
        { screen: 'Final_Screen' },
      ]);
    });
    expect(run.screens.map((screen) => screen.name)).toEqual(['Schedule_Details', 'Final_Screen']);
    const created = run.records.all('Animal_Action__c');
    // 31 January + 2 months = 31 March; + 1 month = 29 February (2024 is a leap year).
    expect(created.map((record) => record.Date_Time_of_Action__c)).toEqual(['2024-01-31T10:00:00.000Z', '2024-03-31T10:00:00.000Z', '2024-02-29T10:00:00.000Z']);
    for (const record of created) {
      expect(record.RecordTypeId).toBe(recordTypes.Exercise);
      expect(record.Treatment_Type__c ?? null).toBeNull();
      expect(record.Condition__c ?? null).toBeNull();
    }
    expect(screenText(run.screens[1]!)).toBe('Exercise Records Generated! Click FINISH to save the records.');
  });

  it('keeps the form with errors on its empty required fields, and the values entered', async () => {
    const run = await runBothWays(FLOW, () => {
      const made = shelter();
      return options(made.records, made.animal, [
        { screen: 'Schedule_Details', values: { Schedule_Picklist: 'Weekly', Every_Number: 2 } },
        { screen: 'Schedule_Details', values: { Action_Selection: 'Nutrition', Action_Description: 'Extra rations' } },
        { screen: 'Final_Screen' },
      ]);
    });
    const rejected = run.screens[1]!;
    expect(rejected.errors).toEqual({ Action_Selection: 'Complete this field.', Action_Description: 'Complete this field.' });
    expect(fieldOf(rejected, 'Schedule_Picklist').value).toBe('Weekly');
    expect(fieldOf(rejected, 'Every_Number').value).toBe(2);
    // Nothing ran past the screen until it was valid.
    expect(run.records.log.filter((operation) => operation.startsWith('query'))).toEqual(['query RecordType']);
    expect(run.records.all('Animal_Action__c').map((record) => record.Date_Time_of_Action__c)).toEqual([NOW, plusDays(NOW, 7)]);
  });

  it('shows the fault on the error screen when the insert fails; BACK restores the treatment answers and the retry inserts what the collection holds', async () => {
    const message = 'Date_Time_of_Action__c: the clinic is closed on Saturdays.';
    const run = await runBothWays(FLOW, () => {
      const made = shelter(new FailingRecords().failOnce('create', 'Animal_Action__c', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message));
      return options(made.records, made.animal, [
        { screen: 'Schedule_Details', values: { ...TREATMENT_WEEKLY, Every_Number: 2 } },
        { screen: 'Treatment_Info', values: { Treatment_Type: 'Vaccination', Related_Condition: { recordId: CONDITION_ID } } },
        { screen: 'Error_Screen', action: 'BACK' },
        // A lookup is not among the components whose value survives a pause, so the user picks it
        // again (in a straight run it is still there; submitting it again changes nothing).
        { screen: 'Treatment_Info', values: { Treatment_Type: 'Medication', Related_Condition: { recordId: CONDITION_ID } } },
        { screen: 'Final_Screen' },
      ]);
    });

    const error = run.screens[2]!;
    expect(screenText(error)).toBe(`Error Encountered ${message}`);
    expect(error.actions).toEqual(['BACK', 'FINISH']);
    const back = run.screens[3]!;
    expect(back.name).toBe('Treatment_Info');
    expect(fieldOf(back, 'Treatment_Type').value).toBe('Vaccination');
    expect(fieldOf(back, 'Related_Condition').value).toMatchObject({ recordId: CONDITION_ID });

    // Going back does not empty the collection: Salesforce keeps variable values, so the second
    // pass adds two more records to the two the failed insert left there.
    const created = run.records.all('Animal_Action__c');
    expect(created.map((record) => [record.Treatment_Type__c, record.Date_Time_of_Action__c])).toEqual([
      ['Vaccination', TREATMENT_WEEKLY.From_Date],
      ['Vaccination', plusDays(TREATMENT_WEEKLY.From_Date, 7)],
      ['Medication', TREATMENT_WEEKLY.From_Date],
      ['Medication', plusDays(TREATMENT_WEEKLY.From_Date, 7)],
    ]);
    expect(run.records.log.filter((operation) => operation.startsWith('create'))).toEqual(['create Animal_Action__c,Animal_Action__c failed', 'create Animal_Action__c,Animal_Action__c,Animal_Action__c,Animal_Action__c']);
  });

  it('stops with a runaway-loop fault when zero periods make the Go-To loop count past zero', async () => {
    const run = await runBothWays(FLOW, () => {
      const made = shelter();
      return { ...options(made.records, made.animal, [{ screen: 'Schedule_Details', values: { ...TREATMENT_WEEKLY, Action_Selection: 'Exercise', Every_Number: 0 } }]), context: { maxElementsPerTransaction: 300 } };
    });
    expect(run.status).toBe('error');
    expect(run.fault?.code).toBe('RUNAWAY_LOOP');
    expect(run.records.all('Animal_Action__c')).toEqual([]);
  });
});

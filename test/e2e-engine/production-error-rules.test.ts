/**
 * The end-to-end engine tests answer requests through the production request loop with the
 * production fault policy (`runtime/interviews/drive-interview.ts`). Here a real flow
 * (`Example_CreateLead`, a Lead insert with a fault connector) meets the errors the runtime's
 * storage throws: what the record store refuses takes the fault path as in Salesforce; an
 * infrastructure failure or a bug does not — it leaves the run, so that production's
 * transaction rolls back.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../engine/support/harness.js';
import {
  ConflictError,
  DuplicateValueError,
  RequiredFieldMissingError,
  SerializationFailureError,
  StorageBusyError,
} from '../../src/runtime/errors.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('forcedotcom__code-analyzer-core/example.flow-meta.xml');
const FORM = { First_Name: 'Ada', Last_Name: 'Lovelace', Company: 'Analytical Engines', Phone: '555-0100' };
const TO_THE_INSERT = [{}, { screen: 'Form_Entry', values: FORM }];

describe('the production error rules on a real flow', () => {
  it.each([
    ['REQUIRED_FIELD_MISSING', new RequiredFieldMissingError('Required fields are missing: [LastName]', ['LastName'])],
    ['DUPLICATE_VALUE', new DuplicateValueError('duplicate value found: Email duplicates value on record with id: 00Q000000000001')],
  ])('takes the fault connector when the record store refuses the insert with %s', async (_code, error) => {
    const records = new FailingRecords().throwOnce('create', 'Lead', error);
    const run = await runScript(FLOW, { records, screens: [...TO_THE_INSERT, { screen: 'fault_handle' }, { screen: 'Copy_1_of_id_return' }] });
    expect(run.status).toBe('finished');
    expect(screenText(run.screens[2]!)).toBe(`an error occurred ${error.message}`);
    expect(run.state.globals.faultMessage).toBe(error.message);
    expect(run.records.log).toEqual(['create Lead failed', 'create Lead']);
  });

  it('ends the interview with the catalogue code when the insert without a fault connector is refused', async () => {
    const records = new FailingRecords()
      .failOnce('create', 'Lead', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'first')
      .throwOnce('create', 'Lead', new RequiredFieldMissingError('Required fields are missing: [Company]', ['Company']));
    const run = await runScript(FLOW, { records, screens: [...TO_THE_INSERT, { screen: 'fault_handle' }] });
    expect(run.fault).toEqual({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', element: 'Copy_1_of_Create_Lead' });
  });

  it.each([
    ['a lock held by another transaction', new StorageBusyError('The row is locked by another transaction.')],
    ['a serialization failure', new SerializationFailureError('could not serialize access due to concurrent update')],
    ['a concurrent change of the same row', new ConflictError('The record was changed by someone else.')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'Id')")],
  ])('does not take the fault connector for %s: the error leaves the run', async (_what, error) => {
    const records = new FailingRecords().throwOnce('create', 'Lead', error);
    await expect(runScript(FLOW, { records, screens: [...TO_THE_INSERT, { screen: 'fault_handle' }] })).rejects.toBe(error);
    expect(records.log).toEqual(['create Lead failed']);
  });
});

/**
 * `forcedotcom__code-analyzer-core/example.flow-meta.xml` ("Example_CreateLead"): an intro, a form
 * of four required fields, a decision on `title2`, a Lead insert with a fault path that shows
 * `$Flow.FaultMessage` and retries with formula-made values, a lookup, a loop and a goodbye screen.
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { runBothWays } from './support/run-both-ways.js';
import { fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('forcedotcom__code-analyzer-core/example.flow-meta.xml');
const NOW = '2024-01-15T09:00:00.000Z';
const FORM = { First_Name: 'Ada', Last_Name: 'Lovelace', Company: 'Analytical Engines', Phone: '555-0100' };

describeWithShared('Example_CreateLead (code-analyzer example)', () => {
  it('creates the Lead from the form, shows its Id and says bye', async () => {
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      screens: [{ screen: 'intro' }, { screen: 'Form_Entry', values: FORM }, { screen: 'id_return' }, { screen: 'bye_text' }],
    }));

    expect(run.status).toBe('finished');
    expect(run.screens.map((screen) => screen.name)).toEqual(['intro', 'Form_Entry', 'id_return', 'bye_text']);
    const [intro, form, idReturn, bye] = run.screens;
    // intro: no Back (first screen), no Pause (allowPause false), the Next button relabelled "start".
    expect(intro?.actions).toEqual(['NEXT']);
    expect(intro?.labels.next).toBe('start');
    expect(screenText(intro!)).toBe("let's create a lead!");
    expect(form?.actions).toEqual(['NEXT']);
    expect(form?.fields.map((field) => [field.name, field.inputType, field.label, field.required])).toEqual([
      ['First_Name', 'text', 'First Name', true],
      ['Last_Name', 'text', 'Last Name', true],
      ['Company', 'text', 'Company', true],
      ['Phone', 'text', 'Phone', true],
    ]);

    // title2 is never assigned, so "title2 contains 'provided'" is false: the default outcome sets
    // the description; the title is the input variable's default value.
    const leads = run.records.all('Lead');
    expect(leads).toHaveLength(1);
    const lead = leads[0]!;
    expect(lead).toMatchObject({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Analytical Engines',
      Phone: '555-0100',
      Description: 'default description',
      Title: 'No Title Provided',
    });
    expect(run.vars.created_id).toBe(lead.Id);
    expect(screenText(idReturn!)).toBe(`id of created lead is: ${lead.Id} provided title is: No Title Provided`);
    expect(idReturn?.actions).toEqual(['BACK', 'PAUSE', 'NEXT']);

    // The lookup runs; the loop walks recent_leads, which nothing fills: no update.
    expect(run.records.log).toEqual(['create Lead', 'query Lead']);
    expect(bye?.actions).toEqual(['BACK', 'PAUSE', 'FINISH']);
    expect(screenText(bye!)).toBe('bye');
    expect(run.outputs).toEqual({});
  });

  it('takes the title from the input variable but keeps the default description, since the decision reads title2', async () => {
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      inputs: { title: 'title provided by the URL', description: 'from the URL' },
      screens: [{}, { values: FORM }, {}, {}],
    }));
    expect(run.status).toBe('finished');
    expect(run.records.all('Lead')[0]).toMatchObject({ Title: 'title provided by the URL', Description: 'default description' });
    expect(screenText(run.screens[2]!)).toContain('provided title is: title provided by the URL');
  });

  it('shows the fault message when the Lead insert fails, then creates a Lead with a time-stamped last name and phone', async () => {
    const message = 'Phone: enter ten digits.';
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      inputs: { street: '12 St James Square' },
      records: new FailingRecords().failOnce('create', 'Lead', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message),
      screens: [{}, { screen: 'Form_Entry', values: FORM }, { screen: 'fault_handle' }, { screen: 'Copy_1_of_id_return' }],
    }));

    expect(run.status).toBe('finished');
    const [, , faultHandle, copyIdReturn] = run.screens;
    expect(screenText(faultHandle!)).toBe(`an error occurred ${message}`);
    expect(run.state.globals.faultMessage).toBe(message);
    expect(faultHandle?.actions).toEqual(['BACK', 'PAUSE', 'NEXT']);

    // random_last_name = Last_Name & SUBSTITUTE(SUBSTITUTE(TEXT(NOW()), "-", ""), ":", ""), where
    // TEXT of a date-time is "YYYY-MM-DD HH:MM:SSZ" (GMT).
    const stamp = NOW.slice(0, 19).replace('T', ' ').replace(/[-:]/g, '') + 'Z';
    // randomize_phone = VALUE(RIGHT(TEXT(UNIXTIMESTAMP(NOW())), 10)): seconds since the epoch.
    const epochSeconds = Date.parse(NOW) / 1000;
    const leads = run.records.all('Lead');
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      FirstName: 'Ada',
      LastName: `Lovelace${stamp}`,
      Company: 'Analytical Engines',
      Street: '12 St James Square',
      Description: 'default description',
      Title: 'No Title Provided',
    });
    // A Number variable goes into the Phone field; the record store converts it to text.
    expect(String(leads[0]?.Phone)).toBe(String(epochSeconds));
    expect(run.vars).toMatchObject({ fixed_last_name: `Lovelace${stamp}`, fixed_phone: epochSeconds, created_id: leads[0]?.Id });
    expect(screenText(copyIdReturn!)).toBe(`id of created lead is: ${leads[0]?.Id} provided title is: No Title Provided`);
    expect(copyIdReturn?.actions).toEqual(['BACK', 'PAUSE', 'FINISH']);
    expect(run.records.log).toEqual(['create Lead failed', 'create Lead']);
  });

  it('ends in error at the retry insert, which has no fault connector', async () => {
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      records: new FailingRecords()
        .failOnce('create', 'Lead', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'first')
        .failOnce('create', 'Lead', 'DUPLICATES_DETECTED', 'Use one of these records?'),
      screens: [{}, { values: FORM }, { screen: 'fault_handle' }],
    }));
    expect(run.status).toBe('error');
    expect(run.fault).toEqual({ code: 'DUPLICATES_DETECTED', message: 'Use one of these records?', element: 'Copy_1_of_Create_Lead' });
    expect(run.records.all('Lead')).toEqual([]);
  });

  it('keeps the form on screen with "Complete this field." for an empty required field, and advances once it is filled', async () => {
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      screens: [
        {},
        { screen: 'Form_Entry', values: { ...FORM, Company: '' } },
        { screen: 'Form_Entry', values: { Company: 'Analytical Engines' } },
        { screen: 'id_return' },
        { screen: 'bye_text' },
      ],
    }));
    const rejected = run.screens[2]!;
    expect(rejected.name).toBe('Form_Entry');
    expect(rejected.errors).toEqual({ Company: 'Complete this field.' });
    // What the user typed stays in the fields.
    expect(rejected.fields.map((field) => [field.name, field.value])).toEqual([
      ['First_Name', 'Ada'],
      ['Last_Name', 'Lovelace'],
      ['Company', ''],
      ['Phone', '555-0100'],
    ]);
    expect(run.records.all('Lead')).toHaveLength(1);
    expect(run.records.all('Lead')[0]).toMatchObject({ Company: 'Analytical Engines', FirstName: 'Ada' });
  });

  it('goes BACK from the Id screen to the form with the values entered, and a second Next inserts a second Lead', async () => {
    const run = await runBothWays(FLOW, () => ({
      now: NOW,
      records: new MemoryRecords(),
      screens: [
        {},
        { screen: 'Form_Entry', values: FORM },
        { screen: 'id_return', action: 'BACK' },
        { screen: 'Form_Entry', values: { Phone: '555-0199' } },
        { screen: 'id_return' },
        { screen: 'bye_text' },
      ],
    }));
    const back = run.screens[3]!;
    expect(back.name).toBe('Form_Entry');
    expect(back.errors).toEqual({});
    expect(Object.fromEntries(back.fields.map((field) => [field.name, field.value]))).toEqual(FORM);
    // Salesforce does not undo the elements between the two screens: the insert runs again.
    const leads = run.records.all('Lead');
    expect(leads.map((lead) => lead.Phone)).toEqual(['555-0100', '555-0199']);
    expect(screenText(run.screens[4]!)).toContain(`id of created lead is: ${leads[1]?.Id}`);
    expect(fieldOf(back, 'Last_Name').value).toBe('Lovelace');
  });
});

/**
 * `SalesforceLabs__Technology-Transfer-Starter/Success_Plan_Setup.flow-meta.xml`: create a success
 * plan (a name, then milestones in a screen loop driven by a radio button) or pick an existing one
 * from a record choice set, then loop over its milestones and make a Task per milestone, with its
 * due date computed by Date formulas from one of three dates (a picklist choice set), and screens
 * asking what to do when that date is blank.
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { runBothWays } from './support/run-both-ways.js';
import { choicesOf, fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('SalesforceLabs__Technology-Transfer-Starter/Success_Plan_Setup.flow-meta.xml');
const DATES = ['Disclosure Date', 'Public Disclosure Date', 'Created Date'];
const PICKLISTS = { 'TTS_Milestone__c.Date__c': DATES.map((value) => ({ value, label: value })) };
const OWNER = '005000000000077AAA';

/** An IP record created on 10 January (15:30 GMT), disclosed on 1 February, not publicly disclosed. */
function technology(records = new MemoryRecords()): { records: MemoryRecords; ipId: string } {
  const ipId = records.insert('TTS_Technology__c', {
    CreatedDate: '2024-01-10T15:30:00.000Z',
    IP_Disclosure_Date__c: '2024-02-01',
    IP_Public_Disclosure__c: null,
    IP_Title__c: 'Self-sealing widget',
    OwnerId: OWNER,
  });
  return { records, ipId };
}

function options(records: MemoryRecords, ipId: string, screens: ScriptOptions['screens']): ScriptOptions {
  return { records, inputs: { recordId: ipId }, context: { picklists: PICKLISTS }, screens };
}

describeWithShared('IP Success Plan Setup', () => {
  it('creates a plan with two milestones in a screen loop, then one task per milestone with its due date', async () => {
    let ipId = '';
    const run = await runBothWays(FLOW, () => {
      const made = technology();
      ipId = made.ipId;
      return options(made.records, made.ipId, [
        { screen: 'IP_Screen_SuccessPlanOption', values: { IP_Field_SuccessPlanOptionSelection: 'Existing Success Plan' } },
        { screen: 'IP_Screen_ChooseSuccessPlan', action: 'BACK' },
        { screen: 'IP_Screen_SuccessPlanOption', values: { IP_Field_SuccessPlanOptionSelection: 'Create New' } },
        { screen: 'IP_Screen_NewSuccessPlanName', values: { IP_Field_SuccessPlanName: 'Triage' } },
        {
          screen: 'IP_Screen_MilestoneDetails',
          values: { IP_Field_TaskSubject: 'File patent', IP_Field_TaskDescription: 'Draft the claims', NumberOfDays: 5, Logic: 'After', Date: 'Disclosure Date', Would_you_like_to_add_another: 'Yes' },
        },
        // The second visit shows the first visit's answers (the fields keep stored values); the
        // user replaces them and clears "add another".
        {
          screen: 'IP_Screen_MilestoneDetails',
          values: { IP_Field_TaskSubject: 'Review', IP_Field_TaskDescription: 'Internal review', NumberOfDays: 3, Logic: 'Before', Date: 'Created Date', Would_you_like_to_add_another: null },
        },
        { screen: 'IP_Screen_Success_Plan_Saved' },
        { screen: 'IP_Screen_SuccessPlanFinalScreen' },
      ]);
    });

    expect(run.status).toBe('finished');
    const screens = run.screens;
    expect(screens.map((screen) => screen.name)).toEqual([
      'IP_Screen_SuccessPlanOption',
      'IP_Screen_ChooseSuccessPlan',
      'IP_Screen_SuccessPlanOption',
      'IP_Screen_NewSuccessPlanName',
      'IP_Screen_MilestoneDetails',
      'IP_Screen_MilestoneDetails',
      'IP_Screen_Success_Plan_Saved',
      'IP_Screen_SuccessPlanFinalScreen',
    ]);
    const option = screens[0]!;
    expect(fieldOf(option, 'IP_Field_SuccessPlanOptionSelection')).toMatchObject({ inputType: 'radio', required: true, value: null });
    expect(choicesOf(option, 'IP_Field_SuccessPlanOptionSelection')).toEqual([
      ['Create New', 'Create New'],
      ['Existing Success Plan', 'Existing Success Plan'],
    ]);
    // BACK brings the radio choice back.
    expect(fieldOf(screens[2]!, 'IP_Field_SuccessPlanOptionSelection').value).toBe('Existing Success Plan');
    expect(screens[3]?.actions).toEqual(['BACK', 'NEXT']);

    const [firstVisit, secondVisit] = [screens[4]!, screens[5]!];
    expect(screenText(firstVisit)).toContain('create each of the milestones for this Success Plan called Triage');
    expect(fieldOf(firstVisit, 'Logic')).toMatchObject({ inputType: 'picklist', value: 'Before' });
    expect(choicesOf(firstVisit, 'Logic').map(([, label]) => label)).toEqual(['Before', 'After', 'On']);
    expect(choicesOf(firstVisit, 'Date')).toEqual(DATES.map((value) => [value, value]));
    expect(fieldOf(firstVisit, 'Would_you_like_to_add_another')).toMatchObject({ inputType: 'radio', required: false, value: null });
    expect(fieldOf(secondVisit, 'IP_Field_TaskSubject').value).toBe('File patent');
    expect(fieldOf(secondVisit, 'Would_you_like_to_add_another').value).toBe('Yes');

    const plans = run.records.all('TTS_Success_Plans__c');
    expect(plans.map((plan) => plan.Title__c)).toEqual(['Triage']);
    const planId = plans[0]?.Id;
    expect(run.vars.NewSuccessPlanId).toBe(planId);
    expect(screenText(screens[6]!)).toContain('The new Success Plan called Triage has been saved with related milestones.');
    expect(fieldOf(screens[6]!, 'IP_Field_ContinueToApplyPlan')).toMatchObject({ inputType: 'checkbox', value: true });

    const milestones = run.records.all('TTS_Milestone__c');
    expect(milestones.map((milestone) => [milestone.Subject__c, milestone.IP_Milestone_Description__c, milestone.Date__c, milestone.When__c, milestone.Number_of_Days__c, milestone.Success_Plans__c])).toEqual([
      ['File patent', 'Draft the claims', 'Disclosure Date', 'After', 5, planId],
      ['Review', 'Internal review', 'Created Date', 'Before', 3, planId],
    ]);

    // Disclosure date 1 Feb + 5 days; created date (the date of 10 Jan 15:30 GMT) − 3 days.
    const tasks = run.records.all('Task');
    expect(tasks.map((task) => [task.Subject, task.Description, task.ActivityDate, task.Status, task.WhatId])).toEqual([
      ['File patent', 'Draft the claims', '2024-02-06', 'Not Started', ipId],
      ['Review', 'Internal review', '2024-01-07', 'Not Started', ipId],
    ]);
    expect(run.outputs).toMatchObject({ CreatedDate: '2024-01-10', IPOwnerId: OWNER });
    expect(screens[7]?.actions).toEqual(['FINISH']);
  });

  it('applies an existing plan picked from a record choice set, skipping a milestone whose date is blank', async () => {
    let ipId = '';
    let onboarding = '';
    const run = await runBothWays(FLOW, () => {
      const made = technology();
      ipId = made.ipId;
      onboarding = made.records.insert('TTS_Success_Plans__c', { Title__c: 'Onboarding' });
      const other = made.records.insert('TTS_Success_Plans__c', { Title__c: 'Annual review' });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: onboarding, Subject__c: 'Press release', IP_Milestone_Description__c: 'Announce', Date__c: 'Public Disclosure Date', When__c: 'After', Number_of_Days__c: 10 });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: onboarding, Subject__c: 'Kick-off', IP_Milestone_Description__c: 'Meet the inventors', Date__c: 'Disclosure Date', When__c: 'On', Number_of_Days__c: 4 });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: onboarding, Subject__c: 'Triage', IP_Milestone_Description__c: 'First look', Date__c: 'Created Date', When__c: 'After', Number_of_Days__c: 2 });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: other, Subject__c: 'Renewal', IP_Milestone_Description__c: 'n/a', Date__c: 'Created Date', When__c: 'After', Number_of_Days__c: 365 });
      return options(made.records, made.ipId, [
        { screen: 'IP_Screen_SuccessPlanOption', values: { IP_Field_SuccessPlanOptionSelection: 'Existing Success Plan' } },
        { screen: 'IP_Screen_ChooseSuccessPlan', values: { IP_Picklist_CurrentSuccessPlanList: onboarding } },
        { screen: 'IP_Screen_BlankPublicDiscDate' },
        { screen: 'IP_Screen_SuccessPlanFinalScreen' },
      ]);
    });

    expect(run.status).toBe('finished');
    const choose = run.screens[1]!;
    // Options sorted by title; the value is the record Id.
    expect(choicesOf(choose, 'IP_Picklist_CurrentSuccessPlanList')).toEqual([
      [run.records.all('TTS_Success_Plans__c')[1]?.Id, 'Annual review'],
      [onboarding, 'Onboarding'],
    ]);
    expect(choose.actions).toEqual(['BACK', 'NEXT']);

    const blank = run.screens[2]!;
    expect(screenText(blank)).toContain('The Public Disclosure Date is blank and it is required for this step, which has the subject (Press release).');
    expect(fieldOf(blank, 'IP_Field_PublicDiscDateDecision')).toMatchObject({ inputType: 'picklist', value: 'Skip' });
    expect(choicesOf(blank, 'IP_Field_PublicDiscDateDecision')).toEqual([
      ['Skip', 'Skip Current Step'],
      ['EndSetup', 'End Success Plan Setup'],
    ]);

    // "On" is neither After nor Before: the date itself.
    const tasks = run.records.all('Task');
    expect(tasks.map((task) => [task.Subject, task.ActivityDate, task.WhatId])).toEqual([
      ['Kick-off', '2024-02-01', ipId],
      ['Triage', '2024-01-12', ipId],
    ]);
    expect(run.records.all('TTS_Milestone__c')).toHaveLength(4);
  });

  it('ends the setup without creating tasks when the user chooses to end at a blank date', async () => {
    const run = await runBothWays(FLOW, () => {
      const made = technology();
      const plan = made.records.insert('TTS_Success_Plans__c', { Title__c: 'Onboarding' });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: plan, Subject__c: 'Triage', IP_Milestone_Description__c: 'First look', Date__c: 'Created Date', When__c: 'After', Number_of_Days__c: 2 });
      made.records.insert('TTS_Milestone__c', { Success_Plans__c: plan, Subject__c: 'Press release', IP_Milestone_Description__c: 'Announce', Date__c: 'Public Disclosure Date', When__c: 'After', Number_of_Days__c: 10 });
      return options(made.records, made.ipId, [
        { values: { IP_Field_SuccessPlanOptionSelection: 'Existing Success Plan' } },
        { values: { IP_Picklist_CurrentSuccessPlanList: plan } },
        { screen: 'IP_Screen_BlankPublicDiscDate', values: { IP_Field_PublicDiscDateDecision: 'EndSetup' } },
        { screen: 'IP_Screen_EndScreen' },
      ]);
    });
    expect(run.status).toBe('finished');
    expect(run.screens.at(-1)?.actions).toEqual(['BACK', 'PAUSE', 'FINISH']);
    // The first milestone's task was only built in memory; nothing was saved.
    expect((run.vars.TaskToCreateCollection as unknown[]).length).toBe(1);
    expect(run.records.all('Task')).toEqual([]);
  });

  it('refuses a record choice that is not among the options', async () => {
    const run = await runBothWays(FLOW, () => {
      const made = technology();
      const plan = made.records.insert('TTS_Success_Plans__c', { Title__c: 'Onboarding' });
      return options(made.records, made.ipId, [
        { values: { IP_Field_SuccessPlanOptionSelection: 'Existing Success Plan' } },
        { screen: 'IP_Screen_ChooseSuccessPlan', values: { IP_Picklist_CurrentSuccessPlanList: 'a0X000000000000AAA' } },
        { screen: 'IP_Screen_ChooseSuccessPlan', values: { IP_Picklist_CurrentSuccessPlanList: plan } },
        { screen: 'IP_Screen_SuccessPlanFinalScreen' },
      ]);
    });
    expect(run.screens[2]?.errors).toEqual({ IP_Picklist_CurrentSuccessPlanList: 'Select a valid choice.' });
    // The plan has no milestones: no tasks, an empty insert is no request.
    expect(run.records.all('Task')).toEqual([]);
    expect(run.status).toBe('finished');
  });
});

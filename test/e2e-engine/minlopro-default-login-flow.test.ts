/**
 * `awesomeandrey__minlopro-dx/Minlopro_DefaultLoginFlow.flow-meta.xml`: a login flow. It looks up
 * the running user (a lookup with a fault connector), shows the login inputs and the user in
 * read-only fields laid out in sections, and returns `LoginFlow_FinishLocation` and
 * `LoginFlow_ForceLogout`; when the lookup fails it shows the fault and forces a logout.
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { runBothWays } from './support/run-both-ways.js';
import { fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('awesomeandrey__minlopro-dx/Minlopro_DefaultLoginFlow.flow-meta.xml');
const FINISH_LOCATION = '/lightning/o/Account/list?filterName=__Recent';
const USER_ID = '005000000000042AAA';
const LOGIN_INPUTS = {
  LoginFlow_UserId: USER_ID,
  LoginFlow_LoginType: 'Application',
  LoginFlow_LoginSubType: 'Standard',
  LoginFlow_IpAddress: '203.0.113.7',
  LoginFlow_Platform: 'Mac OSX',
  LoginFlow_Application: 'Browser',
  LoginFlow_UserAgent: 'Mozilla/5.0',
  LoginFlow_SessionLevel: 'STANDARD',
  LoginFlow_Community: null,
};

function users(): MemoryRecords {
  return new MemoryRecords({ User: [{ Id: USER_ID, Name: 'Ada Lovelace', Username: 'ada@minlopro.example' }, { Name: 'Someone Else', Username: 'else@minlopro.example' }] });
}

describeWithShared('Minlopro - Default Login Flow', () => {
  it('shows the login details and the running user read-only, and lets the user in', async () => {
    const run = await runBothWays(FLOW, () => ({ inputs: LOGIN_INPUTS, records: users(), screens: [{ screen: 'UserDetailsScreen' }] }));

    expect(run.status).toBe('finished');
    const details = run.screens[0]!;
    expect(details.label).toBe('User Details Screen');
    // The only screen: no Back, no Pause, Finish relabelled.
    expect(details.actions).toEqual(['FINISH']);
    expect(details.labels.finish).toBe('Take me to Minlopro!');
    expect(details.fields.map((section) => [section.name, section.inputType, section.label, section.fields.map((column) => column.width)])).toEqual([
      ['FlowInputVariables', 'section', 'Flow Input Variables', [6, 6]],
      ['UserInfo', 'section', 'User Info', [6, 6]],
      ['FlowOutputVariables', 'section', 'Flow Output Variables', [6, 6]],
    ]);
    const shown = (name: string): unknown => fieldOf(details, name).value;
    expect(['LoginType', 'LoginSubType', 'IpAddress', 'Platform', 'Application', 'UserAgent', 'SessionLevel', 'UserId', 'Community'].map(shown)).toEqual([
      'Application',
      'Standard',
      '203.0.113.7',
      'Mac OSX',
      'Browser',
      'Mozilla/5.0',
      'STANDARD',
      USER_ID,
      null,
    ]);
    expect(fieldOf(details, 'FullName')).toMatchObject({ label: 'Full Name', value: 'Ada Lovelace', readOnly: true, required: false });
    expect(fieldOf(details, 'Username')).toMatchObject({ value: 'ada@minlopro.example', readOnly: true });
    expect(fieldOf(details, 'FinishLocation')).toMatchObject({ value: FINISH_LOCATION, readOnly: false });
    // A required Boolean is a checkbox: never required.
    expect(fieldOf(details, 'ForceLogout')).toMatchObject({ inputType: 'checkbox', value: false, required: false });

    expect(run.records.log).toEqual(['query User']);
    expect(run.outputs).toEqual({ LoginFlow_FinishLocation: FINISH_LOCATION, LoginFlow_ForceLogout: false });
  });

  it('returns the output variables unchanged when the user edits the output fields, which nothing assigns back', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: LOGIN_INPUTS,
      records: users(),
      screens: [{ screen: 'UserDetailsScreen', values: { FinishLocation: '/lightning/page/home', ForceLogout: true } }],
    }));
    expect(run.vars).toMatchObject({ FinishLocation: '/lightning/page/home', ForceLogout: true });
    expect(run.outputs).toEqual({ LoginFlow_FinishLocation: FINISH_LOCATION, LoginFlow_ForceLogout: false });
  });

  it('shows blank user fields when no user has the Id: finding nothing is not a fault', async () => {
    const run = await runBothWays(FLOW, () => ({ inputs: { LoginFlow_UserId: '005000000000099AAA' }, records: users(), screens: [{ screen: 'UserDetailsScreen' }] }));
    expect(run.status).toBe('finished');
    expect(fieldOf(run.screens[0]!, 'FullName').value).toBeNull();
    expect(fieldOf(run.screens[0]!, 'Username').value).toBeNull();
    expect(run.vars.GetRunningUser).toBeUndefined();
    expect(run.outputs).toEqual({ LoginFlow_FinishLocation: FINISH_LOCATION, LoginFlow_ForceLogout: false });
  });

  it('takes the fault connector when the user lookup fails: shows the fault message and forces a logout', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: LOGIN_INPUTS,
      records: new FailingRecords().failOnce('query', 'User', 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: not-an-id'),
      screens: [{ screen: 'UnknownUserScreen' }],
    }));

    expect(run.status).toBe('finished');
    const unknown = run.screens[0]!;
    expect(unknown.label).toBe('Unknown User Screen');
    expect(screenText(unknown)).toBe('invalid ID field: not-an-id Force logout...');
    // It has a connector (to the assignment): Next, relabelled.
    expect(unknown.actions).toEqual(['NEXT']);
    expect(unknown.labels.next).toBe('Force Logout');
    expect(run.outputs).toEqual({ LoginFlow_FinishLocation: FINISH_LOCATION, LoginFlow_ForceLogout: true });
  });
});

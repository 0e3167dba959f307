/**
 * `UnofficialSF__LightningFlowComponents/Change_Owner_Account.flow-meta.xml`: a test-mode decision,
 * a lookup of Accounts, one configuration screen (sections and columns, visibility rules, radio
 * buttons, a `flowruntime:lookup`), Boolean formulas over the answers, the `ChangeOwner` Apex
 * action and a results screen.
 */
import { expect, it } from 'vitest';
import type { FlowValue } from '../../src/engine/index.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { ActionCallError, MemoryActions } from '../engine/support/memory-actions.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { runBothWays } from './support/run-both-ways.js';
import { choicesOf, fieldOf, screenText, visibleFieldNames } from './support/screen-fields.js';

const FLOW = corpusFlow('UnofficialSF__LightningFlowComponents/Change_Owner_Account.flow-meta.xml');
const ACCOUNT_ID = '001000000000001AAA';
const NEW_OWNER = '005000000000009AAA';

/** The ChangeOwner invocable, answering as the Apex class would. */
function changeOwner(outputs: Record<string, FlowValue> = { success: true, errorMessage: null }): MemoryActions {
  return new MemoryActions({ 'apex:ChangeOwner': () => outputs });
}

const ACCOUNTS: Record<string, Record<string, FlowValue>[]> = { Account: [{ Id: ACCOUNT_ID, Name: 'Acme' }, { Name: 'Globex' }] };

/** Every checkbox of the configuration screen, unchecked. */
const UNCHECKED = {
  New_owner_must_have_at_least_read_access_on_the_record: false,
  Also_transfer_this_record_s_Notes_Attachments_and_Google_Docs: false,
  Also_transfer_this_record_s_Open_Activities: false,
  Keep_the_Account_Team_with_the_account: false,
  Also_change_ownership_of_CONTACTS_associated_with_this_Account: false,
  Also_transfer_CONTRACTS_owned_by_the_previous_owner_and_associated_with_this_Acc: false,
  Also_change_ownership_of_cases_owned_by_this_owner: false,
  Also_transfer_draft_Orders_associated_with_this_account: false,
  Transfer_closed_opportunities_associated_with_the_account: false,
  Transfer_open_opportunities_associated_with_the_account: false,
  Keep_the_Opportunity_Team_with_the_Opportunity_instead_of_deleting_it: false,
};

describeWithShared('Change Owner (Account)', () => {
  it('shows the configuration screen with its sections, hidden dependent fields and the owner lookup', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: changeOwner(),
      screens: [{ screen: 'Configure_Change_Owner', values: { newUserId: { recordId: NEW_OWNER } } }, { screen: 'Results_Screen' }],
    }));
    const configure = run.screens[0]!;
    expect(configure.label).toBe('Configure Change Owner');
    // The first screen: no Back; Pause allowed; a connector, so Next.
    expect(configure.actions).toEqual(['PAUSE', 'NEXT']);

    const lookup = fieldOf(configure, 'newUserId');
    expect(lookup).toMatchObject({ inputType: 'lookup', label: 'Select New Owner', required: true, visible: true, extensionName: 'flowruntime:lookup' });
    expect(lookup.inputs).toEqual({ objectApiName: 'Account', fieldApiName: 'LastModifiedById', label: 'Select New Owner', required: true });

    // Checkboxes are never required, whatever isRequired says; defaults apply.
    expect(fieldOf(configure, 'New_owner_must_have_at_least_read_access_on_the_record')).toMatchObject({ inputType: 'checkbox', required: false, value: false });
    expect(fieldOf(configure, 'Also_transfer_this_record_s_Open_Activities')).toMatchObject({ inputType: 'checkbox', required: false });

    // Sections: a header section with one full-width column; a header-less one with 1 + 11 columns.
    const accountSection = fieldOf(configure, 'Options_Specific_to_Changing_the_Owner_of_Accounts');
    expect(accountSection).toMatchObject({ inputType: 'section', label: 'For Account Ownership Changes Only' });
    expect(accountSection.fields.map((column) => [column.inputType, column.width])).toEqual([['column', 12]]);
    const teamSection = fieldOf(configure, 'Configure_Change_Owner_Section2');
    expect(teamSection.fields.map((column) => [column.width, column.fields.map((field) => field.name)])).toEqual([
      [1, []],
      [11, ['dispAccountTeam']],
    ]);
    expect(fieldOf(configure, 'dispAccountTeam').text).toContain('If unchecked, the Account Team is deleted.');

    // Visibility rules: fields that depend on an unchecked box are hidden.
    const visible = visibleFieldNames(configure);
    expect(visible).not.toContain('Configure_Change_Owner_Section3');
    expect(visible).not.toContain('Transfer_which_cases');
    expect(visible).not.toContain('Which_Opportunities');
    expect(visible).not.toContain('Previous_Owner_Will_Retain_Read_Write_Access');
    expect(visible).toContain('Transfer_Related');
    expect(choicesOf(configure, 'Transfer_which_cases')).toEqual([
      ['open', 'Open cases only'],
      ['all', 'All Cases'],
    ]);
    expect(choicesOf(configure, 'Transfer_Related').map(([, label]) => label)).toEqual([
      "Don't transfer Archived or Published versions",
      'Transfer Archived versions',
      'Transfer Published versions',
      'Transfer both Archived and Published versions',
    ]);

    // isTestMode defaults to true: every Account is read (Get_Accounts2), not those in `ids`.
    expect((run.vars.Get_Accounts2 as FlowValue[]).map((account) => (account as { Name: string }).Name)).toEqual(['Acme', 'Globex']);
    expect(run.vars.Get_Accounts).toBeUndefined();
  });

  it('passes the answers and the formulas over them to the ChangeOwner action and shows its result', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: changeOwner(),
      screens: [
        {
          screen: 'Configure_Change_Owner',
          values: {
            ...UNCHECKED,
            newUserId: { recordId: NEW_OWNER },
            Also_transfer_this_record_s_Open_Activities: true,
            Keep_the_Account_Team_with_the_account: true,
            Also_change_ownership_of_cases_owned_by_this_owner: true,
            Transfer_which_cases: 'all',
            Transfer_open_opportunities_associated_with_the_account: true,
            Which_Opportunities: 'All opportunities',
            Transfer_Related: 'Transfer Published versions',
          },
        },
        { screen: 'Results_Screen' },
      ],
    }));

    expect(run.status).toBe('finished');
    expect(run.actions.calls).toHaveLength(1);
    const call = run.actions.calls[0]!;
    expect([call.actionType, call.actionName]).toEqual(['apex', 'ChangeOwner']);
    expect(call.inputs).toEqual({
      targetRecordId: ACCOUNT_ID,
      newOwnerId: NEW_OWNER,
      TransferOrders: false,
      TransferContacts: false,
      TransferContracts: false,
      TransferNotesAndAttachments: false,
      TransferOpenActivities: true,
      EnforceNewOwnerHasReadAccess: false,
      KeepAccountTeam: true,
      TransferOwnedClosedOpportunities: false,
      TransferOwnedOpenOpportunities: true,
      // AND(open opportunities, Which_Opportunities = "All opportunities")
      TransferOthersOpenOpportunities: true,
      // IF(AND(Transfer_which_cases = "all", cases box), False, True) and its negation
      TransferOwnedOpenCases: false,
      TransferAllOwnedCases: true,
    });
    const results = run.screens[1]!;
    expect(results.actions).toEqual(['BACK', 'PAUSE', 'FINISH']);
    expect(screenText(results)).toBe('Ownership change successful? true Error Message:');
    expect(run.vars.Change_Owner).toEqual({ success: true, errorMessage: null });
  });

  it('rejects Next without a new owner, showing the fields the checked boxes made visible; "open cases only" flows into the formulas', async () => {
    const run = await runBothWays(FLOW, (): ScriptOptions => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: changeOwner({ success: false, errorMessage: 'The new owner cannot read the account.' }),
      screens: [
        {
          screen: 'Configure_Change_Owner',
          values: {
            Also_change_ownership_of_cases_owned_by_this_owner: true,
            Transfer_open_opportunities_associated_with_the_account: true,
            Keep_the_Opportunity_Team_with_the_Opportunity_instead_of_deleting_it: true,
          },
        },
        {
          screen: 'Configure_Change_Owner',
          values: { newUserId: { recordId: NEW_OWNER }, Transfer_which_cases: 'open', Which_Opportunities: 'Just the opportunities owned by the previous owner' },
        },
        { screen: 'Results_Screen' },
      ],
    }));

    const rejected = run.screens[1]!;
    expect(rejected.name).toBe('Configure_Change_Owner');
    expect(rejected.errors).toEqual({ newUserId: 'Complete this field.' });
    expect(run.screens.filter((screen) => screen.name === 'Configure_Change_Owner')).toHaveLength(2);
    const visible = visibleFieldNames(rejected);
    expect(visible).toEqual(expect.arrayContaining(['Configure_Change_Owner_Section3', 'Transfer_which_cases', 'Which_Opportunities', 'Previous_Owner_Will_Retain_Read_Write_Access']));
    expect(fieldOf(rejected, 'Also_change_ownership_of_cases_owned_by_this_owner').value).toBe(true);

    expect(run.actions.calls).toHaveLength(1);
    expect(run.actions.calls[0]?.inputs).toMatchObject({
      newOwnerId: NEW_OWNER,
      TransferOwnedOpenOpportunities: true,
      TransferOthersOpenOpportunities: false,
      TransferOwnedOpenCases: true,
      TransferAllOwnedCases: false,
    });
    // Previous_Owner_Will_Retain_Read_Write_Access was visible and unchecked: stored as false.
    expect(run.vars.Previous_Owner_Will_Retain_Read_Write_Access).toBe(false);
    expect(screenText(run.screens[2]!)).toBe('Ownership change successful? false Error Message: The new owner cannot read the account.');
  });

  it('does not store an answer given in a field hidden by its visibility rule', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: changeOwner(),
      screens: [{ values: { ...UNCHECKED, newUserId: { recordId: NEW_OWNER }, Transfer_which_cases: 'all', Which_Opportunities: 'All opportunities' } }, {}],
    }));
    expect(run.vars.Transfer_which_cases).toBeUndefined();
    expect(run.vars.Which_Opportunities).toBeUndefined();
    expect(run.actions.calls[0]?.inputs).toMatchObject({ TransferOthersOpenOpportunities: false, TransferOwnedOpenCases: true, TransferAllOwnedCases: false });
  });

  it('goes BACK from the results to the configuration with every answer restored, and runs the action again on Next', async () => {
    const answers = {
      ...UNCHECKED,
      newUserId: { recordId: NEW_OWNER },
      Also_transfer_draft_Orders_associated_with_this_account: true,
      Transfer_open_opportunities_associated_with_the_account: true,
      Which_Opportunities: 'All opportunities',
      Transfer_Related: 'Transfer Archived versions',
    };
    const run = await runBothWays(FLOW, () => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: changeOwner(),
      screens: [
        { screen: 'Configure_Change_Owner', values: answers },
        { screen: 'Results_Screen', action: 'BACK' },
        { screen: 'Configure_Change_Owner', values: { Also_transfer_draft_Orders_associated_with_this_account: false } },
        { screen: 'Results_Screen' },
      ],
    }));
    const back = run.screens[2]!;
    expect(back.name).toBe('Configure_Change_Owner');
    expect(fieldOf(back, 'newUserId').value).toMatchObject({ recordId: NEW_OWNER });
    expect(fieldOf(back, 'Also_transfer_draft_Orders_associated_with_this_account').value).toBe(true);
    expect(fieldOf(back, 'Which_Opportunities')).toMatchObject({ value: 'All opportunities', visible: true });
    expect(fieldOf(back, 'Transfer_Related').value).toBe('Transfer Archived versions');
    expect(back.actions).toEqual(['PAUSE', 'NEXT']);
    // The action between the two screens runs again: Salesforce does not undo it on BACK.
    expect(run.actions.calls.map((call) => call.inputs.TransferOrders)).toEqual([true, false]);
    expect(run.actions.calls.map((call) => call.inputs.TransferOthersOpenOpportunities)).toEqual([true, true]);
  });

  it('ends in error naming the action when the Apex action fails, as it has no fault connector', async () => {
    const run = await runBothWays(FLOW, () => ({
      inputs: { recordId: ACCOUNT_ID },
      records: ACCOUNTS,
      actions: new MemoryActions({
        'apex:ChangeOwner': () => {
          throw new ActionCallError('APEX_ERROR', 'System.DmlException: Insert failed.');
        },
      }),
      screens: [{ values: { newUserId: { recordId: NEW_OWNER } } }],
    }));
    expect(run.status).toBe('error');
    expect(run.fault).toEqual({ code: 'APEX_ERROR', message: 'System.DmlException: Insert failed.', element: 'Change_Owner' });
    expect(run.screens.map((screen) => screen.name)).toEqual(['Configure_Change_Owner']);
  });
});

/**
 * The web UI in a real browser (Debian's chromium through playwright-core) against the real
 * server and the demo org, through the UI only: run "Change Address" on a Contact, pause it,
 * find it in the Contact's Paused Flows, resume it with the values back, finish it; access of a
 * second user; delete with confirmation; column choice; validation at the field; Back; bulk
 * delete in Setup; markup in flows rendered inert. Screenshots: `test-results/screenshots/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, chromiumAvailable, CLIENT_SECRET, startEmbeddingSite, type EmbeddingSite, launchBrowser, screenshot, signIn, startSite, type TestBrowser, type TestSite } from './support/browser-harness.js';
import { eventually, expectLocator } from './support/waiting.js';

const STEP_TIMEOUT_MS = 120_000;
const run = chromiumAvailable();

async function contactId(site: TestSite, lastName: string): Promise<string> {
  const [contact] = await site.server.storage.records.query({ object: 'Contact', filters: [{ field: 'LastName', operator: 'EqualTo', value: lastName }] });
  if (contact?.Id === undefined) throw new Error(`No demo Contact ${lastName}.`);
  return contact.Id;
}

async function accountId(site: TestSite, name: string): Promise<string> {
  const [account] = await site.server.storage.records.query({ object: 'Account', filters: [{ field: 'Name', operator: 'EqualTo', value: name }] });
  if (account?.Id === undefined) throw new Error(`No demo Account ${name}.`);
  return account.Id;
}

function pausedFlows(page: Page) {
  return page.locator('.eddy-paused-flows');
}

function pausedRows(page: Page) {
  return pausedFlows(page).locator('tbody tr');
}

/** Runs Change Address from the record page and fills the first screen. */
async function startChangeAddress(page: Page, address: { street: string; city: string; postalCode: string; country: string }): Promise<void> {
  await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'Change Address' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('heading', { name: 'New Mailing Address' }).waitFor();
  await page.getByLabel('Street', { exact: false }).fill(address.street);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('Postal Code').fill(address.postalCode);
  await page.getByLabel('Country').fill(address.country);
}

/** Pauses the shown screen with a reason and goes back to the record. */
async function pauseWithReason(page: Page, reason: string): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause this flow' });
  const reasonBox = dialog.getByLabel('Why are you pausing? (optional)');
  await reasonBox.fill('x'.repeat(300));
  await expectLocator(reasonBox).toHaveValue('x'.repeat(255));
  await reasonBox.fill(reason);
  await dialog.getByRole('button', { name: 'Pause', exact: true }).click();
  const confirmation = page.getByRole('dialog', { name: 'Flow paused' });
  await expectLocator(confirmation.getByTestId('paused-text')).toContainText('Your address change is saved');
  await confirmation.getByRole('button', { name: /Back to the Contact/ }).click();
  await pausedFlows(page).waitFor();
}

async function openRowMenu(page: Page, rowText: string): Promise<void> {
  const row = pausedRows(page).filter({ hasText: rowText });
  await row.getByRole('button', { name: /^Actions for/ }).click();
}

describe.skipIf(!run)('web UI in a browser', () => {
  let site: TestSite;
  let crmSite: EmbeddingSite;
  let admin: TestBrowser;
  let wile: string;
  let pausedInterviewId: string;

  beforeAll(async () => {
    crmSite = await startEmbeddingSite();
    site = await startSite({ embedOrigins: [crmSite.origin] });
    wile = await contactId(site, 'Coyote');
    admin = await launchBrowser();
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await admin?.close();
    await site?.close();
    await crmSite?.close();
  });

  it('signs in and shows the current user', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Username').fill('admin@eddy.local');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectLocator(page.getByRole('alert')).toContainText('The username or password is not correct.');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await expectLocator(page.getByTestId('current-user')).toHaveText(/\S/);
    await screenshot(page, '02-home');
  }, STEP_TIMEOUT_MS);

  it('shows a validation error at its field, then pauses with a reason and lists the interview on the Contact', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/lightning/r/Contact/${wile}/view`);
    await page.getByRole('heading', { name: 'Wile E. Coyote' }).waitFor();
    await expectLocator(pausedFlows(page).getByText('No paused flows')).toBeVisible();
    await screenshot(page, '03-record-page');

    await startChangeAddress(page, { street: '42 Wallaby Way', city: 'Sydney', postalCode: '!!', country: 'Australia' });
    await screenshot(page, '04-runner-first-screen');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const error = page.locator('[data-field-error="Postal_Code"]');
    await expectLocator(error).toContainText('Enter a postal code of 3 to 10');
    await expectLocator(page.getByLabel('Postal Code')).toHaveAttribute('aria-invalid', 'true');
    await expectLocator(page.getByLabel('Street')).toHaveValue('42 Wallaby Way');
    await screenshot(page, '05-runner-validation-error');

    await page.getByLabel('Postal Code').fill('2000');
    await pauseWithReason(page, 'Waiting for the new postcode to be confirmed');
    // The list loads after the page is back: wait for its row, never count it once.
    const rows = pausedRows(page);
    await expectLocator(rows).toHaveCount(1);
    await expectLocator(rows.first()).toContainText('Waiting for the new postcode to be confirmed');
    await expectLocator(rows.first()).toContainText('Change Address');
    pausedInterviewId = (await rows.first().getAttribute('data-interview-id')) ?? '';
    expect(pausedInterviewId).toMatch(/^0Fo/);
    await screenshot(page, '06-record-paused-flows');
  }, STEP_TIMEOUT_MS);

  it('opens the row menu above everything, never clipped', async () => {
    const { page } = admin;
    await openRowMenu(page, 'Waiting for the new postcode');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const viewport = page.viewportSize();
    // Placed once measured: wait for the menu to be within the viewport.
    await eventually(async () => {
      const box = await menu.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= (viewport?.height ?? 0);
    }, 'the row menu is entirely within the viewport').toBe(true);
    // The menu lives outside the card (a portal), so no overflow of the card can cut it (it is open: absence means something).
    await expectLocator(page.locator('.eddy-paused-flows [role="menu"]')).toHaveCount(0);
    await screenshot(page, '07-row-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    const opener = pausedRows(page).first().getByRole('button', { name: /^Actions for/ });
    await expectLocator(opener).toBeFocused();
  }, STEP_TIMEOUT_MS);

  it('remembers the chosen columns and their order on the page', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Choose columns' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose columns' });
    await dialog.getByText('Current Element').click();
    await dialog.getByRole('button', { name: 'Move Owner earlier' }).click();
    await screenshot(page, '08-column-chooser');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const expected = ['Interview Label', 'Pause Reason', 'Owner', 'Paused Date'];
    const headers = async (): Promise<string[]> => (await pausedFlows(page).locator('thead th').allTextContents()).map((text) => text.trim()).filter((text) => text !== '' && text !== 'Actions');
    await eventually(headers, 'column headers of the Paused Flows list').toEqual(expected);
    await page.reload();
    await pausedRows(page).first().waitFor();
    await eventually(headers, 'column headers of the Paused Flows list after a reload').toEqual(expected);
  }, STEP_TIMEOUT_MS);

  it('hides the interview from a user without access, also at its address', async () => {
    const other = await launchBrowser();
    try {
      const { page } = other;
      await signIn(page, site.url, 'grace@eddy.local', ADMIN_PASSWORD, `/lightning/r/Contact/${wile}/view`);
      await page.getByRole('heading', { name: 'Wile E. Coyote' }).waitFor();
      await pausedFlows(page).getByText('No paused flows').waitFor();
      await screenshot(page, '09-other-user-record');
      await page.goto(`${site.url}/interview/${pausedInterviewId}`);
      await page.getByText('This flow interview cannot be opened.').waitFor();
      await expectLocator(page.getByRole('textbox', { name: 'Street' })).toHaveCount(0);
      await screenshot(page, '10-other-user-interview-url');
    } finally {
      await other.close();
    }
  }, STEP_TIMEOUT_MS);

  it('resumes with the entered values back, goes Back with values kept, and finishes updating the Contact', async () => {
    const { page } = admin;
    await openRowMenu(page, 'Waiting for the new postcode');
    await page.getByRole('menuitem', { name: 'Resume' }).click();
    await page.getByRole('heading', { name: 'New Mailing Address' }).waitFor();
    await expectLocator(page.getByLabel('Street')).toHaveValue('42 Wallaby Way');
    await expectLocator(page.getByLabel('City')).toHaveValue('Sydney');
    await expectLocator(page.getByLabel('Postal Code')).toHaveValue('2000');
    await expectLocator(page.getByLabel('Country')).toHaveValue('Australia');
    await screenshot(page, '11-resumed');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirm the New Address' }).waitFor();
    await expectLocator(page.locator('[data-field="Summary"]')).toContainText('42 Wallaby Way');
    await screenshot(page, '12-confirm-screen');
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await page.getByRole('heading', { name: 'New Mailing Address' }).waitFor();
    await expectLocator(page.getByLabel('Street')).toHaveValue('42 Wallaby Way');
    await expectLocator(page.getByLabel('Postal Code')).toHaveValue('2000');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Save Address', exact: true }).click();
    await page.getByRole('heading', { name: 'Wile E. Coyote' }).waitFor();
    await page.locator('[data-field="MailingStreet"]').getByText('42 Wallaby Way').waitFor();
    await expectLocator(page.locator('[data-field="MailingCity"]')).toContainText('Sydney');
    await pausedFlows(page).getByText('No paused flows').waitFor();
    await screenshot(page, '13-finished-record-updated');
    const [contact] = await site.server.storage.records.query({ object: 'Contact', filters: [{ field: 'Id', operator: 'EqualTo', value: wile }], fields: ['MailingStreet', 'MailingPostalCode'] });
    expect(contact).toMatchObject({ MailingStreet: '42 Wallaby Way', MailingPostalCode: '2000' });
  }, STEP_TIMEOUT_MS);

  it('deletes a paused interview only after confirmation', async () => {
    const { page } = admin;
    await startChangeAddress(page, { street: '1 Road Runner Lane', city: 'Mesa', postalCode: '85201', country: 'USA' });
    await pauseWithReason(page, 'To be deleted');
    await openRowMenu(page, 'To be deleted');
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    let dialog = page.getByRole('dialog', { name: 'Delete paused interview?' });
    await screenshot(page, '14-delete-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectLocator(dialog).toBeHidden();
    await expectLocator(pausedRows(page)).toHaveCount(1);
    await expectLocator(pausedRows(page).first()).toContainText('To be deleted');
    await openRowMenu(page, 'To be deleted');
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    dialog = page.getByRole('dialog', { name: 'Delete paused interview?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await pausedFlows(page).getByText('No paused flows').waitFor();
  }, STEP_TIMEOUT_MS);

  it('says where an interview lives when its record association changed', async () => {
    const { page } = admin;
    const hank = await contactId(site, 'Scorpio');
    await page.goto(`${site.url}/lightning/r/Contact/${wile}/view`);
    await page.getByRole('heading', { name: 'Wile E. Coyote' }).waitFor();
    await startChangeAddress(page, { street: 'Moving Street', city: 'Elsewhere', postalCode: '99999', country: 'USA' });
    await pauseWithReason(page, 'Will move to Hank');
    const moving = (await pausedRows(page).filter({ hasText: 'Will move to Hank' }).getAttribute('data-interview-id')) ?? '';
    // An integration re-links the interview (as a Lead conversion would): not something the UI does.
    const integration = await site.server.storage.directory.getUserByUsername('admin@eddy.local');
    await site.server.storage.interviews.setRecordRelations(moving, [hank], integration?.Id ?? '');
    await page.reload();
    const notice = page.getByText('A paused interview that was on this record now lives on');
    await notice.waitFor();
    await page.getByRole('link', { name: 'Hank Scorpio' }).click();
    await page.getByRole('heading', { name: 'Hank Scorpio' }).waitFor();
    await expectLocator(pausedRows(page).filter({ hasText: 'Will move to Hank' })).toHaveCount(1);
    await screenshot(page, '15a-moved-interview');
    await openRowMenu(page, 'Will move to Hank');
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete paused interview?' }).getByRole('button', { name: 'Delete' }).click();
    await pausedFlows(page).getByText('No paused flows').waitFor();
  }, STEP_TIMEOUT_MS);

  it('embeds the Paused Flows list in another web app with a token', async () => {
    const { page } = admin;
    const hank = await contactId(site, 'Scorpio');
    await page.goto(`${site.url}/lightning/r/Contact/${hank}/view`);
    await page.getByRole('heading', { name: 'Hank Scorpio' }).waitFor();
    await startChangeAddress(page, { street: 'Embedded Street', city: 'Springfield', postalCode: '12345', country: 'USA' });
    await pauseWithReason(page, 'Shown in the CRM');
    const token = await fetch(`${site.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'eddy-demo', client_secret: CLIENT_SECRET, username: 'admin@eddy.local', password: ADMIN_PASSWORD }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const crm = await launchBrowser();
    try {
      crmSite.setPage(
        `<!doctype html><html><head><title>CRM</title><script type="module" src="${site.url}/embed/paused-flows.js"></script></head><body><h1>CRM contact page</h1><div style="overflow:hidden;height:260px;border:1px solid #ccc"><eddy-paused-flows record-id="${hank}" token="${token}" server="${site.url}"></eddy-paused-flows></div></body></html>`,
      );
      await crm.page.goto(`${crmSite.origin}/contacts/${hank}`);
      const embedded = crm.page.locator('eddy-paused-flows');
      await embedded.locator('tbody tr').filter({ hasText: 'Shown in the CRM' }).waitFor();
      await screenshot(crm.page, '15b-embedded-list');
      await embedded.getByRole('button', { name: /^Actions for/ }).click();
      const menu = embedded.getByRole('menu');
      await menu.waitFor();
      await eventually(async () => (await menu.boundingBox())?.height ?? 0, 'height of the embedded row menu').toBeGreaterThan(0);
      await crm.page.keyboard.press('ArrowDown');
      await crm.page.keyboard.press('Enter');
      await embedded.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await embedded.getByText('No paused flows on this record.').waitFor();
    } finally {
      await crm.close();
    }
  }, STEP_TIMEOUT_MS);

  it('lets an admin bulk-delete paused interviews in Setup', async () => {
    const { page } = admin;
    const hank = await contactId(site, 'Scorpio');
    for (const reason of ['Bulk one', 'Bulk two']) {
      await page.goto(`${site.url}/lightning/r/Contact/${hank}/view`);
      await page.getByRole('heading', { name: 'Hank Scorpio' }).waitFor();
      await startChangeAddress(page, { street: reason, city: 'Cypress Creek', postalCode: '12345', country: 'USA' });
      await pauseWithReason(page, reason);
    }
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const mine = page.locator('.eddy-paused-flows');
    await mine.locator('tbody tr').filter({ hasText: 'Bulk two' }).waitFor();
    await expectLocator(mine.locator('tbody tr').filter({ hasText: 'Bulk two' })).toContainText('Hank Scorpio');
    const counts = page.locator('table[aria-labelledby="flow-counts-heading"]');
    await counts.getByRole('rowheader', { name: 'Change Address' }).waitFor();
    await screenshot(page, '14a-home-with-paused');
    await page.getByRole('link', { name: 'Setup' }).click();
    await page.getByRole('link', { name: 'Paused and Waiting Interviews' }).click();
    const table = page.locator('table[aria-labelledby="setup-interviews-title"]');
    await table.locator('tbody tr').first().waitFor();
    await page.getByLabel('Filter').fill('Bulk');
    // Exactly the two Bulk rows: not a stale unfiltered list that happens to have two rows.
    await eventually(async () => (await table.locator('tbody tr').allTextContents()).map((text) => text.includes('Bulk')), 'rows shown for the filter "Bulk"').toEqual([true, true]);
    await screenshot(page, '15-setup-interviews');
    await page.getByLabel('Select all shown interviews').check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 interviews?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No interviews match the filter').or(page.getByText('No paused or waiting interviews')).waitFor();
    await page.getByLabel('Filter').fill('');
    await screenshot(page, '16-setup-interviews-deleted');
    const left = await site.server.storage.interviews.list({ statuses: ['Paused'] }, 'system');
    expect(left.filter((interview) => interview.PauseLabel?.startsWith('Bulk'))).toHaveLength(0);
  }, STEP_TIMEOUT_MS);

  it('renders script and event-handler markup from a flow inert', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Flows', exact: true }).click();
    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
    await page.getByLabel('Metadata files').setInputFiles({ name: 'Xss_Display.flow-meta.xml', mimeType: 'text/xml', buffer: readFileSync(join(import.meta.dirname, 'fixtures/Xss_Display.flow-meta.xml')) });
    await page.locator('[aria-label="Deploy results"] [data-outcome="ok"]').waitFor();
    await screenshot(page, '17-setup-flows-deployed');
    const markupRow = page.locator('tr[data-flow="Xss_Display"]');
    await markupRow.getByRole('button', { name: /Markup Test/ }).click();
    await page.getByRole('button', { name: 'Actions for Markup Test version 1' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate', exact: true }).click();
    await markupRow.getByText('Inactive').waitFor();
    await page.getByRole('button', { name: 'Actions for Markup Test version 1' }).click();
    await page.getByRole('menuitem', { name: 'Activate', exact: true }).click();
    await markupRow.getByText('Version 1').waitFor();
    await page.goto(`${site.url}/flow/Xss_Display`);
    await page.getByRole('heading', { name: 'Markup Screen' }).waitFor();
    await page.getByRole('button', { name: /Help for/ }).click();
    await page.locator('.eddy-help-text').waitFor();
    const rich = page.locator('[data-field="Rich_Text"]');
    // The rich text is rendered (absence checks below mean something from here on).
    await expectLocator(rich.locator('strong')).toHaveText('bold');
    await expectLocator(page.locator('.eddy-runner script')).toHaveCount(0);
    await expectLocator(page.locator('.eddy-runner [onerror]')).toHaveCount(0);
    await expectLocator(rich.locator('a')).toHaveAttribute('href', null);
    await expectLocator(page.getByText('Label <img src=x onerror="window.__eddyXss=\'label\'"> stays text', { exact: true })).toHaveCount(1);
    await rich.locator('a').click();
    expect(await page.evaluate(() => (window as unknown as { __eddyXss?: string }).__eddyXss)).toBeUndefined();
    await screenshot(page, '18-markup-inert');
  }, STEP_TIMEOUT_MS);

  it('shows the stages of a multi-stage flow', async () => {
    const { page } = admin;
    const acme = await accountId(site, 'Acme Corporation');
    await page.goto(`${site.url}/lightning/r/Account/${acme}/view`);
    await page.getByRole('heading', { name: 'Acme Corporation' }).waitFor();
    await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'Customer Onboarding' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('heading', { name: 'Company Details' }).waitFor();
    const stages = page.getByRole('navigation', { name: 'Flow stages' });
    await expectLocator(stages.locator('[aria-current="step"]')).toContainText('Company');
    await screenshot(page, '19-stages-first');
    await page.getByLabel('Industry').selectOption({ label: 'Technology' });
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Contact Person' }).waitFor();
    await expectLocator(stages.locator('[aria-current="step"]')).toContainText('Contact Person');
    await screenshot(page, '20-stages-second');
    await page.getByLabel('Last Name').fill('Runner');
    await page.getByRole('textbox', { name: 'Email' }).fill('not-an-email');
    // SLDS draws radios and checkboxes over visually hidden inputs: users click the labels.
    await page.locator('[data-field="Preferred_Channel"] label', { hasText: 'Phone' }).click();
    await expectLocator(page.getByRole('radio', { name: 'Phone' })).toBeChecked();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.locator('[data-field-error="Contact_Email"]').waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill('road@runner.example');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Preferences' }).waitFor();
    // Shown because the previous screen chose Phone (the server evaluated the visibility rule).
    await page.getByLabel('Best hours to call').fill('9-11');
    await page.locator('[data-field="Topics"] label', { hasText: 'Events' }).click();
    await page.locator('[data-field="Topics"] label', { hasText: 'Training' }).click();
    await page.locator('[data-field="Welcome_Pack"] label').click();
    await expectLocator(page.getByRole('switch', { name: 'Send a welcome pack' })).toBeChecked();
    await page.getByLabel('Notes').fill('Prefers mornings');
    await screenshot(page, '20a-stages-preferences');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await expectLocator(page.locator('[data-field="Review_Text"]')).toContainText('road@runner.example');
    await page.getByRole('button', { name: 'Complete Onboarding' }).click();
    await page.getByRole('heading', { name: 'Acme Corporation' }).waitFor();
    const [account] = await site.server.storage.records.query({ object: 'Account', filters: [{ field: 'Id', operator: 'EqualTo', value: acme }], fields: ['Description'] });
    expect(String(account?.Description)).toMatch(/^Onboarded \(Technology\)\. Contact by Phone\. Topics: Events; Training\. Notes: Prefers mornings$/);
  }, STEP_TIMEOUT_MS);

  it('works at phone width', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      const { page } = phone;
      await signIn(page, site.url, 'admin@eddy.local', ADMIN_PASSWORD, `/lightning/r/Contact/${wile}/view`);
      await page.getByRole('heading', { name: 'Wile E. Coyote' }).waitFor();
      // Measured once the page's lists have loaded (a loaded table is what could overflow).
      await pausedFlows(page).getByText('No paused flows').or(pausedRows(page).first()).waitFor();
      await eventually(() => page.evaluate(() => document.documentElement.scrollWidth), 'page width at phone size').toBeLessThanOrEqual(390);
      await screenshot(page, '21-phone-record');
      await startChangeAddress(page, { street: 'Phone Street', city: 'Tiny', postalCode: '1000', country: 'Belgium' });
      await screenshot(page, '22-phone-runner');
    } finally {
      await phone.close();
    }
  }, STEP_TIMEOUT_MS);

  it('signs out', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
    await page.goto(`${site.url}/lightning/page/home`);
    await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
  }, STEP_TIMEOUT_MS);
});

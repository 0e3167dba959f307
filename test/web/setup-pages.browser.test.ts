/**
 * Setup's admin pages in a real browser (Debian's chromium through playwright-core) against the
 * real server and the demo org: Process Automation Settings ("Let users pause flows" off, then a
 * runner screen offers no Pause; org-wide email addresses), Sharing Settings (a sharing rule
 * added with the group pickers, then deleted), Outbox (empty, then the email a flow sent),
 * Background Jobs (that email's delivery job, cancelled and retried from its row), and a standard
 * user kept out of all four. Screenshots: `test-results/screenshots/setup-*.png`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_MAILER_MESSAGE } from '../../src/runtime/email/email-delivery.js';
import { FlowService } from '../../src/runtime/flows/flow-service.js';
import { ADMIN_PASSWORD, chromiumAvailable, launchBrowser, screenshot, signIn, startSite, type TestBrowser, type TestSite } from './support/browser-harness.js';
import { expectLocator } from './support/waiting.js';

const STEP_TIMEOUT_MS = 120_000;
const run = chromiumAvailable();

const EMAIL_SUBJECT = 'Outbox test from a flow';
const EMAIL_TO = 'road.runner@example.com';

/** A screen flow whose only screen is followed by a Send Email action. */
const EMAIL_FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls>
        <name>Send_Note</name>
        <label>Send Note</label>
        <locationX>176</locationX>
        <locationY>242</locationY>
        <actionName>emailSimple</actionName>
        <actionType>emailSimple</actionType>
        <inputParameters>
            <name>emailAddresses</name>
            <value><stringValue>${EMAIL_TO}</stringValue></value>
        </inputParameters>
        <inputParameters>
            <name>emailSubject</name>
            <value><stringValue>${EMAIL_SUBJECT}</stringValue></value>
        </inputParameters>
        <inputParameters>
            <name>emailBody</name>
            <value><stringValue>Beep beep.</stringValue></value>
        </inputParameters>
    </actionCalls>
    <apiVersion>62.0</apiVersion>
    <interviewLabel>Outbox Email</interviewLabel>
    <label>Outbox Email</label>
    <processType>Flow</processType>
    <screens>
        <name>Confirm</name>
        <label>Confirm</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <allowBack>false</allowBack>
        <allowFinish>true</allowFinish>
        <allowPause>true</allowPause>
        <connector><targetReference>Send_Note</targetReference></connector>
        <fields>
            <name>Intro</name>
            <fieldText>&lt;p&gt;Send the note?&lt;/p&gt;</fieldText>
            <fieldType>DisplayText</fieldType>
        </fields>
        <showFooter>true</showFooter>
        <showHeader>true</showHeader>
    </screens>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector><targetReference>Confirm</targetReference></connector>
    </start>
    <status>Active</status>
</Flow>
`;

describe.skipIf(!run)('Setup admin pages in a browser', () => {
  let site: TestSite;
  let admin: TestBrowser;

  beforeAll(async () => {
    site = await startSite();
    const adminUser = await site.server.storage.directory.getUserByUsername('admin@eddy.local');
    if (adminUser === undefined) throw new Error('The demo org has no admin@eddy.local.');
    await new FlowService(site.server.storage).deploy(adminUser.Id, [{ path: 'flows/Outbox_Email.flow-meta.xml', content: EMAIL_FLOW }], { activate: true });
    admin = await launchBrowser();
    await signIn(admin.page, site.url, 'admin@eddy.local', ADMIN_PASSWORD);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await admin?.close();
    await site?.close();
  });

  it('turns off "Let users pause flows" from the keyboard, after which a flow screen offers no Pause', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/lightning/r/Contact/${await contactId(site, 'Coyote')}/view`);
    await runChangeAddress(page);
    await expectLocator(page.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(1);

    await page.goto(`${site.url}/setup/automation`);
    const allowPause = page.getByRole('checkbox', { name: 'Let users pause flows' });
    await allowPause.waitFor({ state: 'attached' });
    await expectLocator(allowPause).toBeChecked(true);
    await allowPause.focus();
    await page.keyboard.press('Space');
    await page.getByText('Users can no longer pause flows.').waitFor();
    await screenshot(page, 'setup-01-automation-pause-off');
    expect((await site.server.storage.settings.getOrganization()).allowPause).toBe(false);
    await page.reload();
    await page.getByRole('checkbox', { name: 'Let users pause flows' }).waitFor({ state: 'attached' });
    await expectLocator(page.getByRole('checkbox', { name: 'Let users pause flows' })).toBeChecked(false);

    await page.goto(`${site.url}/lightning/r/Contact/${await contactId(site, 'Coyote')}/view`);
    await runChangeAddress(page);
    // The footer is there (Next), so no Pause in it means something.
    await expectLocator(page.getByRole('button', { name: 'Next', exact: true })).toHaveCount(1);
    await expectLocator(page.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);
    await screenshot(page, 'setup-02-runner-without-pause');
  }, STEP_TIMEOUT_MS);

  it('adds and removes an org-wide email address', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/setup/automation`);
    await page.getByLabel('Display Name').fill('Acme Support');
    await page.getByRole('textbox', { name: 'Email Address' }).fill('support@acme.example');
    await page.getByRole('button', { name: 'Add address' }).click();
    const row = page.getByRole('row').filter({ hasText: 'support@acme.example' });
    await expectLocator(row).toContainText('Acme Support');
    await screenshot(page, 'setup-03-org-wide-address');
    expect((await site.server.storage.settings.listOrgWideEmailAddresses()).map((entry) => entry.Address)).toContain('support@acme.example');

    await page.getByRole('button', { name: 'Remove support@acme.example' }).click();
    await page.getByRole('dialog', { name: 'Remove this address?' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    expect((await site.server.storage.settings.listOrgWideEmailAddresses()).map((entry) => entry.Address)).not.toContain('support@acme.example');
  }, STEP_TIMEOUT_MS);

  it('adds a Flow Interview sharing rule with the group pickers and deletes it', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/setup/sharing`);
    await page.getByRole('heading', { name: 'Flow Interview sharing rules' }).waitFor();
    await page.getByText('No sharing rules').waitFor();
    await page.getByLabel(/^\*?\s*Label$/).fill('Team interviews to the queue');
    await expectLocator(page.getByLabel('Rule Name')).toHaveValue('Team_interviews_to_the_queue');
    await page.getByLabel('Interviews owned by members of').selectOption({ label: 'Support Team' });
    await page.getByLabel('Share with').selectOption({ label: 'Support Queue (queue)' });
    await page.getByLabel('Access Level').selectOption({ label: 'Read/Write' });
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.getByTestId('sharing-rules').getByRole('row').filter({ hasText: 'Team interviews to the queue' });
    await expectLocator(row).toContainText('Support Team');
    await expectLocator(row).toContainText('Support Queue');
    await expectLocator(row).toContainText('Read/Write');
    await screenshot(page, 'setup-04-sharing-rule-added');

    await page.reload();
    await row.waitFor();
    await row.getByRole('button', { name: 'Delete sharing rule Team interviews to the queue' }).click();
    await page.getByRole('dialog', { name: 'Delete this sharing rule?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No sharing rules').waitFor();
  }, STEP_TIMEOUT_MS);

  it('shows an empty Outbox, then the email a flow sent, filtered by status', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/setup/outbox`);
    await page.getByText('The outbox is empty').waitFor();
    await screenshot(page, 'setup-05-outbox-empty');

    await page.goto(`${site.url}/flow/Outbox_Email`);
    await page.getByText('Send the note?').waitFor();
    await page.getByRole('button', { name: /^(Finish|Next)$/ }).click();
    await page.getByText('Outbox Email finished.').waitFor();

    await page.goto(`${site.url}/setup/outbox`);
    const row = page.getByTestId('outbox').getByRole('row').filter({ hasText: EMAIL_SUBJECT });
    await expectLocator(row).toContainText(EMAIL_TO);
    await screenshot(page, 'setup-06-outbox-email');
    // Without SMTP_URL nothing delivers the message, so it stays pending.
    await page.getByLabel('Status').selectOption({ label: 'Pending' });
    await row.waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Sent' });
    await page.getByText('No sent messages').waitFor();
    await expectLocator(row).toHaveCount(0);
    // Back to Pending: the row shows again, so the Pending filter was applied (not a stale list).
    await page.getByLabel('Status').selectOption({ label: 'Pending' });
    await expectLocator(row).toContainText('Pending');
  }, STEP_TIMEOUT_MS);

  it('lists the background jobs, and cancels and retries the undelivered email from its row', async () => {
    const { page } = admin;
    await page.goto(`${site.url}/flow/Outbox_Email`);
    await page.getByText('Send the note?').waitFor();
    await page.getByRole('button', { name: /^(Finish|Next)$/ }).click();
    await page.getByText('Outbox Email finished.').waitFor();
    // The server's job runner tries it at once and, without SMTP_URL, queues it again for later.
    const newestEmail = async () => (await site.server.storage.jobs.list({ kinds: ['email.send'], limit: 1 }))[0];
    await expect.poll(async () => (await newestEmail())?.lastError, { timeout: 30_000 }).toBe(NO_MAILER_MESSAGE);
    const job = await newestEmail();
    if (job === undefined) throw new Error('The flow wrote no email job.');

    await page.goto(`${site.url}/setup/jobs`);
    await page.getByLabel('Status').selectOption({ label: 'Queued' });
    const row = page.locator(`[data-job-id="${job.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(NO_MAILER_MESSAGE);
    expect(await row.textContent()).toContain('1 of 8');
    await screenshot(page, 'setup-09-background-jobs');
    await row.getByRole('button', { name: `Cancel job email.send ${job.id}` }).click();
    await page.getByText('Job email.send was cancelled.').waitFor();
    await expect.poll(() => row.count()).toBe(0);

    await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
    await row.waitFor();
    await row.getByRole('button', { name: `Retry job email.send ${job.id}` }).click();
    await page.getByText('Job email.send was queued again.').waitFor();
    await expect.poll(() => row.count()).toBe(0);
    expect(await site.server.storage.jobs.get(job.id)).toMatchObject({ attempts: expect.any(Number) as number, status: expect.stringMatching(/^(queued|running)$/) as string });
  }, STEP_TIMEOUT_MS);

  it('keeps a standard user out of the admin Setup pages with a clear message', async () => {
    const agent = await launchBrowser();
    try {
      await signIn(agent.page, site.url, 'grace@eddy.local', ADMIN_PASSWORD);
      // The header shows the signed-in user, so its links are there: no Setup among them.
      await agent.page.getByRole('link', { name: 'Home', exact: true }).waitFor();
      await expectLocator(agent.page.getByRole('link', { name: 'Setup' })).toHaveCount(0);
      for (const [path, title] of [['automation', 'Process Automation Settings'], ['sharing', 'Sharing Settings'], ['outbox', 'Outbox'], ['jobs', 'Background Jobs']] as const) {
        await agent.page.goto(`${site.url}/setup/${path}`);
        const alert = agent.page.getByRole('alert').filter({ hasText: 'permissions' });
        await expectLocator(alert).toContainText(`You don’t have the permissions to open ${title}.`);
        await expectLocator(agent.page.getByRole('checkbox')).toHaveCount(0);
      }
      await screenshot(agent.page, 'setup-07-standard-user-refused');
    } finally {
      await agent.close();
    }
  }, STEP_TIMEOUT_MS);
});

async function contactId(site: TestSite, lastName: string): Promise<string> {
  const [contact] = await site.server.storage.records.query({ object: 'Contact', filters: [{ field: 'LastName', operator: 'EqualTo', value: lastName }] });
  if (contact?.Id === undefined) throw new Error(`No demo Contact ${lastName}.`);
  return contact.Id;
}

/** Starts Change Address from the record page and waits for its first screen. */
async function runChangeAddress(page: TestBrowser['page']): Promise<void> {
  await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'Change Address' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('heading', { name: 'New Mailing Address' }).waitFor();
}

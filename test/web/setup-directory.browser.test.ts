/**
 * Setup → Users and Groups and Queues in a real browser against the demo org, as its admin
 * (who has Manage Users): a new user with a permission set, a new queue with that user as a
 * member, the user deactivated, the queue deleted after confirmation. Every step is checked in
 * the database the server writes to. A user without Manage Users sees the lists without forms.
 * Screenshots: `test-results/screenshots/directory-*.png`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, chromiumAvailable, launchBrowser, screenshot, signIn, startSite, type TestBrowser, type TestSite } from './support/browser-harness.js';
import { expectLocator } from './support/waiting.js';

const STEP_TIMEOUT_MS = 120_000;
const run = chromiumAvailable();

const USERNAME = 'lin.browser@eddy.local';

describe.skipIf(!run)('Setup users, groups and queues in a browser', () => {
  let site: TestSite;
  let admin: TestBrowser;

  beforeAll(async () => {
    site = await startSite();
    admin = await launchBrowser();
    await signIn(admin.page, site.url, 'admin@eddy.local', ADMIN_PASSWORD);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await admin?.close();
    await site?.close();
  });

  it('creates a user with a permission set, puts them in a new queue, deactivates them and deletes the queue', async () => {
    const { page } = admin;
    const directory = site.server.storage.directory;
    await page.goto(`${site.url}/setup/users`);
    await page.getByRole('heading', { name: 'New User' }).waitFor();
    await expectLocator(page.getByText('Eddy’s REST API does not offer creating users')).toHaveCount(0);
    await page.getByLabel('First Name').fill('Lin');
    await page.getByLabel(/Last Name$/).fill('Browser');
    await page.getByLabel(/Username$/).fill(USERNAME);
    await page.getByLabel(/Email$/).fill(USERNAME);
    await page.getByLabel('Role').selectOption({ label: 'Support Agent' });
    const flowUser = page.getByRole('checkbox', { name: 'Flow User' });
    await flowUser.focus();
    await page.keyboard.press('Space');
    await expectLocator(flowUser).toBeChecked();
    await page.getByRole('button', { name: 'Create user' }).click();
    const userRow = page.getByRole('row').filter({ hasText: USERNAME });
    await expectLocator(userRow).toContainText('Flow User');
    await expectLocator(userRow).toContainText('Support Agent');
    await screenshot(page, 'directory-01-user-created');
    const created = await directory.getUserByUsername(USERNAME);
    expect(created).toMatchObject({ Name: 'Lin Browser', IsActive: true });
    expect((await directory.permissionSetsOf(created?.Id ?? '')).map((set) => set.Name)).toEqual(['Flow_User']);

    await page.goto(`${site.url}/setup/groups`);
    await page.getByRole('heading', { name: 'New Group or Queue' }).waitFor();
    await page.getByLabel(/Group Name$/).fill('Browser Queue');
    await page.getByLabel('Type').selectOption({ label: 'Queue' });
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const queueRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Browser Queue' }) });
    await queueRow.waitFor();
    await page.getByLabel('Add a member to Browser Queue').selectOption({ label: 'Lin Browser' });
    await queueRow.getByRole('button', { name: 'Add', exact: true }).click();
    await queueRow.getByRole('button', { name: 'Remove Lin Browser from Browser Queue' }).waitFor();
    await screenshot(page, 'directory-02-queue-with-member');
    const queue = (await directory.listGroups('Queue')).find((group) => group.Name === 'Browser Queue');
    expect(queue).toBeDefined();
    expect((await directory.listGroupMembers(queue?.Id ?? '')).map((member) => member.UserOrGroupId)).toEqual([created?.Id]);

    await page.goto(`${site.url}/setup/users`);
    await page.getByRole('button', { name: 'Deactivate Lin Browser', exact: true }).click();
    await page.getByRole('button', { name: 'Activate Lin Browser', exact: true }).waitFor();
    await expectLocator(userRow).toContainText('No');
    await screenshot(page, 'directory-03-user-deactivated');
    expect((await directory.getUserByUsername(USERNAME))?.IsActive).toBe(false);

    await page.goto(`${site.url}/setup/groups`);
    await page.getByRole('button', { name: 'Delete Browser Queue' }).click();
    await page.getByRole('dialog', { name: 'Delete queue Browser Queue?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await queueRow.waitFor({ state: 'detached' });
    expect((await directory.listGroups('Queue')).map((group) => group.Name)).not.toContain('Browser Queue');
  }, STEP_TIMEOUT_MS);

  it('shows a manager without Manage Users the lists without forms', async () => {
    const manager = await launchBrowser();
    try {
      const ada = await site.server.storage.directory.getUserByUsername('ada@eddy.local');
      const flowManager = (await site.server.storage.directory.listPermissionSets()).find((set) => set.Name === 'Flow_Manager');
      if (ada === undefined || flowManager === undefined) throw new Error('The demo org has no ada@eddy.local or Flow_Manager.');
      await site.server.storage.directory.assignPermissionSet(ada.Id, flowManager.Id);
      await signIn(manager.page, site.url, 'ada@eddy.local', ADMIN_PASSWORD);
      await manager.page.goto(`${site.url}/setup/users`);
      await manager.page.getByRole('row').filter({ hasText: 'admin@eddy.local' }).waitFor();
      await manager.page.getByText('creating and changing them needs the Manage Users permission').waitFor();
      await expectLocator(manager.page.getByRole('heading', { name: 'New User' })).toHaveCount(0);
      await expectLocator(manager.page.getByRole('button', { name: /^Deactivate / })).toHaveCount(0);
      await manager.page.goto(`${site.url}/setup/groups`);
      await manager.page.getByRole('rowheader', { name: 'Support Queue' }).waitFor();
      await expectLocator(manager.page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
    } finally {
      await manager.close();
    }
  }, STEP_TIMEOUT_MS);
});

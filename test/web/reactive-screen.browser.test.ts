/**
 * Conditional visibility on the same screen, in a real browser: typing a nickname shows a
 * display text that merges it, choosing Phone shows the phone number field — without pressing
 * Next, keeping what was typed and the focus — and the flow then submits. A screen without
 * visibility rules makes no preview requests. Screenshots: `test-results/screenshots/reactive-*.png`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowService } from '../../src/runtime/flows/flow-service.js';
import { ADMIN_PASSWORD, chromiumAvailable, launchBrowser, screenshot, signIn, startSite, type TestBrowser, type TestSite } from './support/browser-harness.js';

const STEP_TIMEOUT_MS = 120_000;
const run = chromiumAvailable();
const FLOW_FILE = fileURLToPath(new URL('../fixtures/runtime/Reactive_Contact.flow-meta.xml', import.meta.url));

describe.skipIf(!run)('reactive screens in a browser', () => {
  let site: TestSite;
  let admin: TestBrowser;

  beforeAll(async () => {
    site = await startSite();
    const adminUser = await site.server.storage.directory.getUserByUsername('admin@eddy.local');
    await new FlowService(site.server.storage).deploy(adminUser?.Id ?? '', [{ path: 'flows/Reactive_Contact.flow-meta.xml', content: readFileSync(FLOW_FILE, 'utf8') }], { activate: true });
    admin = await launchBrowser();
    await signIn(admin.page, site.url, 'admin@eddy.local', ADMIN_PASSWORD);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await admin?.close();
    await site?.close();
  });

  it('shows and hides fields as the user types and selects, then submits', async () => {
    const { page } = admin;
    const previews: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/preview')) previews.push(request.postData() ?? '');
    });
    await page.goto(`${site.url}/flow/Reactive_Contact`);
    await page.getByRole('heading', { name: 'How to Reach You' }).waitFor();
    expect(await page.getByLabel('Phone number').count()).toBe(0);
    expect(await page.locator('[data-field="Nickname_Note"]').count()).toBe(0);

    await page.getByLabel('Full name').fill('Ada Lovelace');
    const nickname = page.getByLabel('Nickname');
    await nickname.pressSequentially('Countess', { delay: 20 });
    const note = page.locator('[data-field="Nickname_Note"]');
    await note.waitFor();
    await expect(note.textContent()).resolves.toContain('We will call you Countess.');
    expect(await nickname.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await nickname.inputValue()).toBe('Countess');

    await page.getByLabel('Preferred channel').selectOption({ label: 'Phone' });
    const phone = page.getByLabel('Phone number');
    await phone.waitFor();
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ada Lovelace');
    await phone.fill('555-0100');
    await screenshot(page, 'reactive-01-phone-shown');
    await page.getByLabel('Preferred channel').selectOption({ label: 'Email' });
    await phone.waitFor({ state: 'detached' });
    await page.getByLabel('Preferred channel').selectOption({ label: 'Phone' });
    await phone.waitFor();
    expect(await phone.inputValue()).toBe('555-0100');
    expect(previews.length).toBeGreaterThan(0);
    // Debounced: far fewer requests than keystrokes and changes.
    expect(previews.length).toBeLessThan(12);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirm' }).waitFor();
    await expect(page.locator('[data-field="Summary"]').textContent()).resolves.toContain('Thanks Ada Lovelace: by Phone at 555-0100.');
    const before = previews.length;
    await page.getByLabel('Comment').pressSequentially('No rules here', { delay: 20 });
    await page.waitForTimeout(600);
    expect(previews.length).toBe(before);
    await screenshot(page, 'reactive-02-confirm');

    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByText('Reactive Contact finished.').waitFor();
    const finished = await site.server.storage.interviews.list({ statuses: ['Completed'] }, 'system');
    expect(finished.some((interview) => interview.InterviewLabel === 'Reactive Contact')).toBe(true);
  }, STEP_TIMEOUT_MS);
});

/**
 * Conditional visibility on the same screen, in a real browser: typing a nickname shows a
 * display text that merges it, choosing Phone shows the phone number field — without pressing
 * Next, keeping what was typed and the focus — and the flow then submits. A screen without
 * visibility rules makes no preview requests. The page's clock is Playwright's fake clock, paused
 * once the screen shows: the runner's preview debounce fires only when the test moves the clock
 * on, so the number of previews does not depend on how fast a busy machine types.
 * Screenshots: `test-results/screenshots/reactive-*.png`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowService } from '../../src/runtime/flows/flow-service.js';
import { PREVIEW_DELAY_MS } from '../../src/web/src/runner/screen-preview.js';
import { ADMIN_PASSWORD, chromiumAvailable, launchBrowser, screenshot, signIn, startSite, type TestBrowser, type TestSite } from './support/browser-harness.js';
import { expectLocator } from './support/waiting.js';

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
    /** Moves the page's paused clock past the preview debounce: a pending preview is sent now. */
    const debounce = () => page.clock.runFor(PREVIEW_DELAY_MS * 2);
    await page.clock.install();
    await page.goto(`${site.url}/flow/Reactive_Contact`);
    await page.getByRole('heading', { name: 'How to Reach You' }).waitFor();
    // From here on the page's timers run only when the test moves the clock.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    // The screen is rendered (its always-shown fields are there): the hidden ones are absent.
    await page.getByLabel('Preferred channel').waitFor();
    await expectLocator(page.getByLabel('Phone number')).toHaveCount(0);
    await expectLocator(page.locator('[data-field="Nickname_Note"]')).toHaveCount(0);

    await page.getByLabel('Full name').fill('Ada Lovelace');
    const nickname = page.getByLabel('Nickname');
    await nickname.pressSequentially('Countess', { delay: 20 });
    expect(previews).toEqual([]);
    await debounce();
    const note = page.locator('[data-field="Nickname_Note"]');
    await expectLocator(note).toContainText('We will call you Countess.');
    // Debounced: nine edits (a name, eight keystrokes) made one request.
    expect(previews).toHaveLength(1);
    await expectLocator(nickname).toBeFocused();
    await expectLocator(nickname).toHaveValue('Countess');

    await page.getByLabel('Preferred channel').selectOption({ label: 'Phone' });
    await debounce();
    const phone = page.getByLabel('Phone number');
    await phone.waitFor();
    await expectLocator(page.getByLabel('Full name')).toHaveValue('Ada Lovelace');
    await phone.fill('555-0100');
    await screenshot(page, 'reactive-01-phone-shown');
    await page.getByLabel('Preferred channel').selectOption({ label: 'Email' });
    await debounce();
    await phone.waitFor({ state: 'detached' });
    await page.getByLabel('Preferred channel').selectOption({ label: 'Phone' });
    await debounce();
    await phone.waitFor();
    await expectLocator(phone).toHaveValue('555-0100');
    expect(previews.length).toBeGreaterThan(0);
    // Debounced: far fewer requests than keystrokes and changes.
    expect(previews.length).toBeLessThan(12);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirm' }).waitFor();
    await expectLocator(page.locator('[data-field="Summary"]')).toContainText('Thanks Ada Lovelace: by Phone at 555-0100.');
    const before = previews.length;
    await page.getByLabel('Comment').pressSequentially('No rules here', { delay: 20 });
    // Any preview these edits scheduled is sent now, before the Finish request below; the
    // finished page shows only after Finish's answer, so its request was seen by then.
    await debounce();
    await screenshot(page, 'reactive-02-confirm');

    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByText('Reactive Contact finished.').waitFor();
    expect(previews.length).toBe(before);
    const finished = await site.server.storage.interviews.list({ statuses: ['Completed'] }, 'system');
    expect(finished.some((interview) => interview.InterviewLabel === 'Reactive Contact')).toBe(true);
  }, STEP_TIMEOUT_MS);
});

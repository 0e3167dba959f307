/**
 * Waiting assertions for the browser tests. playwright-core ships no `expect`, and reading a
 * page once (`count()`, `textContent()`, `isVisible()`...) races the page: a list still loading,
 * a re-render not done yet. These poll the page until the condition holds or {@link UI_WAIT_MS}
 * passes, then fail with the last value seen (vitest's `expect.poll`). Never a fixed sleep.
 *
 * ```ts
 * await expectLocator(rows).toHaveCount(1);
 * await expectLocator(row).toContainText('Change Address');
 * await eventually(() => menu.boundingBox()).not.toBeNull();
 * ```
 *
 * An absence check (`toHaveCount(0)`, `toBeHidden()`) passes at once when the thing is absent, so
 * it means something only after waiting for what shows the page is ready (the list loaded, the
 * screen rendered): wait for that first.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** How long a waiting assertion waits: the browser's own default timeout (see `launchBrowser`). */
export const UI_WAIT_MS = 20_000;

/** How often the page is read again. */
const POLL_INTERVAL_MS = 50;

/** `expect.poll` with the browser tests' patience: `await eventually(() => read()).toBe(x)`. */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: UI_WAIT_MS, interval: POLL_INTERVAL_MS, ...(message === undefined ? {} : { message }) });
}

/**
 * The text of the one element `locator` matches, without waiting for it (so each poll is quick);
 * a description instead when it matches none or several, which no expected text equals.
 */
async function textOfOne(locator: Locator): Promise<string> {
  const texts = await locator.allTextContents();
  return texts.length === 1 ? (texts[0] ?? '') : `<${texts.length} elements match ${String(locator)}>`;
}

/** Reads `read` of the one element `locator` matches, or describes why there is none. */
async function ofOne<T>(locator: Locator, read: (one: Locator) => Promise<T>): Promise<T | string> {
  const count = await locator.count();
  if (count !== 1) return `<${count} elements match ${String(locator)}>`;
  try {
    // The element may go between the count and the read: that read counts as a miss.
    return await read(locator);
  } catch (error) {
    return `<${String(locator)} could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}>`;
  }
}

/** Waiting assertions on a locator, named after Playwright's own. */
export function expectLocator(locator: Locator) {
  const name = String(locator);
  return {
    /** Waits until `locator` matches exactly `count` elements. */
    async toHaveCount(count: number): Promise<void> {
      await eventually(() => locator.count(), `number of elements matching ${name}`).toBe(count);
    },
    /** Waits until the one element's text contains `text`. */
    async toContainText(text: string): Promise<void> {
      await eventually(() => textOfOne(locator), `text of ${name}`).toContain(text);
    },
    /** Waits until the one element's text is `expected` (a string: exactly; a RegExp: matching). */
    async toHaveText(expected: string | RegExp): Promise<void> {
      if (typeof expected === 'string') await eventually(() => textOfOne(locator), `text of ${name}`).toBe(expected);
      else await eventually(() => textOfOne(locator), `text of ${name}`).toMatch(expected);
    },
    /** Waits until the texts of the elements, trimmed, are `expected` in this order. */
    async toHaveTexts(expected: readonly string[]): Promise<void> {
      await eventually(async () => (await locator.allTextContents()).map((text) => text.trim()), `texts of ${name}`).toEqual(expected);
    },
    /** Waits until the one input's value is `value`. */
    async toHaveValue(value: string): Promise<void> {
      await eventually(() => ofOne(locator, (one) => one.inputValue({ timeout: UI_WAIT_MS })), `value of ${name}`).toBe(value);
    },
    /** Waits until the one element's attribute `attribute` is `value` (`null`: absent). */
    async toHaveAttribute(attribute: string, value: string | null): Promise<void> {
      await eventually(() => ofOne(locator, (one) => one.getAttribute(attribute, { timeout: UI_WAIT_MS })), `attribute ${attribute} of ${name}`).toBe(value);
    },
    /** Waits until the one checkbox, radio or switch is checked (`true`) or not (`false`). */
    async toBeChecked(checked = true): Promise<void> {
      await eventually(() => ofOne(locator, (one) => one.isChecked({ timeout: UI_WAIT_MS })), `checked state of ${name}`).toBe(checked);
    },
    /** Waits until the one element has the focus. */
    async toBeFocused(): Promise<void> {
      await eventually(() => ofOne(locator, (one) => one.evaluate((element) => element === document.activeElement)), `focus of ${name}`).toBe(true);
    },
    /** Waits until the one element is visible. */
    async toBeVisible(): Promise<void> {
      await locator.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    },
    /** Waits until no element matches, or the one that does is hidden. */
    async toBeHidden(): Promise<void> {
      await locator.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    },
  };
}

/**
 * Live visibility: on a screen whose model is `reactive` (some field has a visibility rule), the
 * runner asks the runtime API to preview the screen with the values being entered, shortly after
 * the user stops changing them, and shows the fields that preview makes visible — as Salesforce
 * shows and hides fields at once. The rules stay the server's; the runner only asks. Screens
 * without visibility rules make no requests.
 */
import { useEffect, useRef } from 'react';
import type { ScreenModel } from '../../../engine/index.js';
import type { EddyApi } from '../api/eddy-api.js';
import { type FieldValues, isValueField, walkFields } from './screen-values.js';

/** How long after the last change the screen is previewed. */
export const PREVIEW_DELAY_MS = 250;

/** What to preview: every editable value field's value, shown or not (a hidden field's value may matter to another rule). */
export function previewValues(screen: ScreenModel, values: FieldValues): FieldValues {
  const entered: FieldValues = {};
  for (const field of walkFields(screen.fields)) {
    if (!isValueField(field) || field.readOnly === true || field.disabled === true) continue;
    entered[field.name] = Object.hasOwn(values, field.name) ? (values[field.name] ?? null) : field.value;
  }
  return entered;
}

/**
 * Previews `screen` with `values` {@link PREVIEW_DELAY_MS} after each user edit (`edits` counts
 * them; it is 0 right after a screen is shown) and hands the previewed model to `apply`. Only the
 * answer for the newest edit of the same screen is applied: an older answer, one that arrives
 * after another screen is shown, or one for another screen is dropped. A failed preview changes
 * nothing (the submission still validates).
 */
export function useScreenPreview(api: EddyApi, interviewId: string, screen: ScreenModel | undefined, values: FieldValues, edits: number, apply: (previewed: ScreenModel) => void): void {
  const latest = useRef(0);
  useEffect(() => {
    if (edits === 0 || screen?.reactive !== true) return undefined;
    const ticket = ++latest.current;
    const aborter = new AbortController();
    const timer = setTimeout(() => {
      api.previewScreen(interviewId, previewValues(screen, values), aborter.signal).then(
        (previewed) => {
          if (ticket === latest.current && previewed?.name === screen.name) apply(previewed);
        },
        () => undefined,
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      // A newer edit or another screen: this edit's answer is stale.
      latest.current++;
      clearTimeout(timer);
      aborter.abort();
    };
    // Runs per edit: `screen` and `values` are those of that edit; a preview applied must not preview again.
  }, [api, interviewId, edits]);
}

/** `<screens>`: arriving at a screen starts a fresh visit; the model and submissions live in `../screen.ts`. */
import type { ScreenElement } from '../../flow-model/index.js';
import type { ElementContext, Outcome } from '../element-outcome.js';
import type { RequestResult } from '../protocol.js';
import { resumeScreenQuery } from '../screens/screen.js';

/** Shows the screen (after fetching any record choices it needs). */
export function executeScreen(_element: ScreenElement, ctx: ElementContext): Outcome {
  delete ctx.frame.draft;
  delete ctx.frame.errors;
  delete ctx.frame.choices;
  return { kind: 'screen' };
}

/** Takes the records of a record choice set the screen asked for. */
export function resumeScreen(element: ScreenElement, ctx: ElementContext, result: RequestResult): Outcome {
  return resumeScreenQuery(element, ctx, result);
}

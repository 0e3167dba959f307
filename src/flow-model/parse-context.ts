/** Collects the diagnostics found while parsing one flow file. */
import { diagnostic, type DiagnosticCode } from './diagnostic-codes.js';
import type { Diagnostic, Severity } from './model.js';

/** Passed to every element parser: where to report what the model cannot represent. */
export class ParseContext {
  readonly #diagnostics: Diagnostic[] = [];

  /** Reports a problem about `element` (or the flow when `undefined`). */
  report(code: DiagnosticCode, severity: Severity, element: string | undefined, message: string, construct?: string): void {
    this.#diagnostics.push(diagnostic(code, severity, element, message, construct));
  }

  /** Reports a required tag that is missing or empty (`FLOW_INVALID`). */
  missing(element: string | undefined, what: string, tag: string): void {
    this.report('FLOW_INVALID', 'error', element, `${what} has no <${tag}>.`);
  }

  /** The diagnostics reported so far. */
  get diagnostics(): readonly Diagnostic[] {
    return this.#diagnostics;
  }
}

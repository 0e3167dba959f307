/**
 * The catalogue of validation diagnostic codes, with the severity each is reported at.
 * `docs/flow-model.md` explains each one; codes are stable (tools and tests match on them).
 */
import type { Diagnostic, Severity } from './model.js';

/** Every diagnostic code `parseFlowXml`, `validateFlow` and `checkAgainstSchema` (the org-dependent ones) report. */
export const DIAGNOSTIC_CODES = {
  XML_MALFORMED: 'XML_MALFORMED',
  VALUE_TOO_LONG: 'VALUE_TOO_LONG',
  FLOW_INVALID: 'FLOW_INVALID',
  START_MISSING: 'START_MISSING',
  START_AMBIGUOUS: 'START_AMBIGUOUS',
  CONNECTOR_DANGLING: 'CONNECTOR_DANGLING',
  REFERENCE_UNKNOWN: 'REFERENCE_UNKNOWN',
  NAME_DUPLICATE: 'NAME_DUPLICATE',
  ELEMENT_UNREACHABLE: 'ELEMENT_UNREACHABLE',
  WAIT_IN_SCREEN_FLOW: 'WAIT_IN_SCREEN_FLOW',
  TYPE_MISMATCH: 'TYPE_MISMATCH',
  CONDITION_LOGIC_INVALID: 'CONDITION_LOGIC_INVALID',
  UNSUPPORTED_ELEMENT: 'UNSUPPORTED_ELEMENT',
  UNSUPPORTED_ACTION_TYPE: 'UNSUPPORTED_ACTION_TYPE',
  UNSUPPORTED_PROCESS_TYPE: 'UNSUPPORTED_PROCESS_TYPE',
  UNSUPPORTED_FUNCTION: 'UNSUPPORTED_FUNCTION',
  TRIGGER_ELEMENT_NOT_ALLOWED: 'TRIGGER_ELEMENT_NOT_ALLOWED',
  OBJECT_UNKNOWN: 'OBJECT_UNKNOWN',
  FIELD_UNKNOWN: 'FIELD_UNKNOWN',
  PICKLIST_VALUE_UNKNOWN: 'PICKLIST_VALUE_UNKNOWN',
  ACTION_UNKNOWN: 'ACTION_UNKNOWN',
} as const;

/** A diagnostic code. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

/** Builds a diagnostic; `construct` names the unsupported thing for `UNSUPPORTED_*` codes. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  element: string | undefined,
  message: string,
  construct?: string,
): Diagnostic {
  return construct === undefined ? { code, severity, element, message } : { code, severity, element, message, construct };
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((item) => item.severity === 'error');
}

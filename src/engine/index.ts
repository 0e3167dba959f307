/** The engine layer's public API: compile a flow, start and step interviews, answer requests through ports. */
export { compileFlow, CompiledFlow, type IndexedScreenField } from './compile.js';
export { start, step, type StartContext } from './step.js';
export { renderInterviewLabel } from './interview-label.js';
export { DEFAULT_MAX_ELEMENTS } from './interpreter.js';
export {
  runUntilRest,
  answerRequest,
  flowFaultsOnly,
  type RecordPort,
  type ActionPort,
  type FlowPort,
  type FaultPolicy,
  type PortFault,
  type Ports,
  type RecordQuery,
  type RecordUpdateWhere,
  type RecordDeleteWhere,
} from './driver.js';
export { migrateState, StateMigrationError } from './migrate-state.js';
export { StepInputError, type StepInputErrorCode } from './step-input-error.js';
export { FlowFault } from './fault.js';
export { FAULT_CODES, type FaultCode } from './fault-codes.js';
export { matchesFilters } from './record-filters.js';
export { meetsEntryConditions } from './triggers/entry-conditions.js';
export { STANDARD_COMPONENTS, componentContract, type ComponentContract, type ComponentOutput } from './screens/screen-components.js';
export { REQUIRED_MESSAGE, INVALID_MESSAGE, INVALID_CHOICE_MESSAGE } from './screens/screen.js';
export { ORIGIN_DATE_TIME } from './globals.js';
export { getPath, setPath, getField } from './value-path.js';
export type { TypedValue } from './typed-value.js';
export { coerceValue, valueToText, isBlank, valuesEqual, compareValues, applyAssignment, formatDate, formatDateTime, formatNumber, formatTime, parseDateText, parseDateTimeText, parseNumberText, parseTimeText } from './values.js';
export { evaluateCondition, evaluateLogic, type ConditionExtra } from './conditions.js';
export { compileFormula, type CompiledFormula, type FormulaContext } from './formulas/formula.js';
export { renderTemplate, type RenderTemplateOptions } from './template.js';
export {
  STATE_SCHEMA_VERSION,
  type Awaiting,
  type CachedChoice,
  type ComponentRegistry,
  type Effect,
  type Fault,
  type FaultMessage,
  type FlowRecord,
  type FlowValue,
  type Frame,
  type InterviewGlobals,
  type InterviewState,
  type JsonValue,
  type NavigationAction,
  type PendingRequest,
  type Request,
  type RequestResult,
  type ResolvedFilter,
  type ScreenChoice,
  type ScreenComponentDefinition,
  type ScreenErrors,
  type ScreenFieldModel,
  type ScreenModel,
  type ScreenVisit,
  type StepContext,
  type StepInput,
  type StepResult,
  type UserContext,
  type WaitCondition,
  type WaitEventCondition,
} from './protocol.js';

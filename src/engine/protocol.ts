/**
 * The step protocol between the pure engine and the runtime.
 *
 * `start()` and `step()` run elements until the interview cannot go on without the outside
 * world and return `{ state, awaiting, effects }`. `awaiting` says why it stopped (a screen,
 * an effect that needs an answer, a wait, or the end); `effects` are fire-and-forget requests
 * (emails, notifications) the runtime stores in its outbox in the same transaction.
 * Everything here is plain JSON-serialisable data.
 */
import type { ConditionOperator, FlowDataType, LogicNode } from '../flow-model/index.js';
import type { CompiledFlow } from './compile.js';
import type { FaultCode } from './fault-codes.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A record as flows see it: Salesforce field names, plus `attributes.type`.
 * Dates are `YYYY-MM-DD`, date-times ISO-8601 UTC strings.
 */
export interface FlowRecord {
  attributes: { type: string };
  Id?: string;
  [field: string]: JsonValue | undefined;
}

/** A value held by a flow variable: JSON, with records as {@link FlowRecord}. */
export type FlowValue = JsonValue;

/** A serialisable fault: why an interview failed. */
export interface Fault {
  readonly code: FaultCode;
  readonly message: string;
  readonly element: string | undefined;
  /**
   * A Custom Error's messages one by one, each at its field or for the whole record (no
   * `field`): what a record-triggered flow's failed save reports. Absent for other faults.
   */
  readonly errors?: readonly FaultMessage[];
}

/** One message of a Custom Error element. */
export interface FaultMessage {
  readonly message: string;
  /** The field it is shown at (`fieldSelection` of a field error). */
  readonly field?: string;
}

/** The interview's own globals (`$Flow.*`). */
export interface InterviewGlobals {
  readonly guid: string;
  /** ISO date-time. */
  readonly startTime: string;
  currentRecord: string | null;
  currentStage: string | null;
  activeStages: string[];
  faultMessage: string | null;
}

/** One entry of the screen history, for BACK. */
export interface ScreenVisit {
  /** The screen element's name. */
  readonly screen: string;
  /** Values entered on it, by field name. */
  readonly values: Record<string, FlowValue>;
}

/** A (sub)flow frame: subflows run inside the same interview. */
export interface Frame {
  /** The flow's API name. */
  readonly flow: string;
  /**
   * The flow version a subflow frame runs (`CompiledFlow.versionId`), when known: the runtime
   * loads that version to resume the frame. Absent on the root frame (the interview row names
   * its version) and in states written before it existed (then the flow is looked up by name).
   */
  readonly version?: string;
  /** Element being executed (or the screen shown). */
  current: string | null;
  /** Variable values by resource name (only those set). */
  vars: Record<string, FlowValue>;
  /** Loop positions by loop element name. */
  loops: Record<string, number>;
  /** Screens shown, most recent last; used by BACK. */
  history: ScreenVisit[];
  /** Values of screens entered then left by BACK, restored on NEXT (UseStoredValues). */
  stored: Record<string, Record<string, FlowValue>>;
  /** Elements visited (for `WasVisited`), by name; only elements some `WasVisited` condition names. */
  visited: string[];
  /** The outcome each decision last took, for decisions whose outcomes are read as `{!Outcome}`; omitted when none. */
  outcomes?: Record<string, string>;
  /** Choice resources selected on submitted screens (for `WasSelected`); omitted when none. */
  selected?: string[];
  /** Values entered on the shown screen but not submitted (a pause, a rejected submission, BACK); omitted when none. */
  draft?: Record<string, FlowValue>;
  /** Record choice set options fetched for the shown screen's visit, by choice set name; omitted when none. */
  choices?: Record<string, CachedChoice[]>;
  /** Errors shown on the current screen (a rejected submission, a Custom Error); omitted when none. */
  errors?: ScreenErrors;
}

/** Errors shown on a screen: by field name, and for the whole screen. */
export interface ScreenErrors {
  readonly fields: Record<string, string>;
  readonly page: readonly string[];
}

/** One option of a record choice set, kept while its screen is shown. */
export interface CachedChoice {
  readonly value: FlowValue;
  readonly label: string;
  /** Fields the choice set's `outputAssignments` copy when the option is selected. */
  readonly fields?: Record<string, FlowValue>;
}

/** Current state schema version. Bump and add a migration when the shape changes. */
export const STATE_SCHEMA_VERSION = 1;

/** The persisted state of an interview: plain JSON, only what resuming needs. */
export interface InterviewState {
  readonly schemaVersion: typeof STATE_SCHEMA_VERSION;
  status: 'running' | 'screen' | 'awaitingEffect' | 'waiting' | 'finished' | 'error';
  globals: InterviewGlobals;
  /** Frames: `[root, subflow, sub-subflow...]`; the last one is executing. */
  frames: Frame[];
  /** The outstanding request when `status` is `awaitingEffect`. */
  pending: PendingRequest | null;
  /** Elements executed since the last screen or wait (the runaway-loop guard). */
  executed: number;
  /** The resume condition when `status` is `waiting`. */
  waiting: WaitCondition | null;
  fault: Fault | null;
}

/** A record filter with its value resolved. */
export interface ResolvedFilter {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: FlowValue;
}

/** Requests the engine needs answered before it can go on. */
export type Request =
  | {
      readonly kind: 'recordQuery';
      readonly object: string;
      readonly filters: readonly ResolvedFilter[];
      /** Condition logic over `filters` indexes. */
      readonly logic: LogicNode;
      /** Fields to return; empty means all. */
      readonly fields: readonly string[];
      readonly sort: { readonly field: string; readonly order: 'Asc' | 'Desc' } | undefined;
      readonly limit: number | undefined;
    }
  | { readonly kind: 'recordCreate'; readonly records: readonly FlowRecord[] }
  | { readonly kind: 'recordUpdate'; readonly records: readonly FlowRecord[] }
  | {
      readonly kind: 'recordUpdateWhere';
      readonly object: string;
      readonly filters: readonly ResolvedFilter[];
      readonly logic: LogicNode;
      readonly values: Record<string, FlowValue>;
    }
  | { readonly kind: 'recordDelete'; readonly object: string | undefined; readonly ids: readonly string[] }
  | { readonly kind: 'recordDeleteWhere'; readonly object: string; readonly filters: readonly ResolvedFilter[]; readonly logic: LogicNode }
  | {
      readonly kind: 'action';
      readonly actionType: string;
      readonly actionName: string;
      readonly inputs: Record<string, FlowValue>;
    }
  /** The runtime must provide the subflow's definition (through `StepContext.flows`) and answer `subflowReady`. */
  | { readonly kind: 'subflow'; readonly flowName: string };

/** A request awaiting an answer, with the element that made it. */
export interface PendingRequest {
  readonly element: string;
  readonly request: Request;
}

/** The answer to a {@link Request}. */
export type RequestResult =
  | { readonly kind: 'records'; readonly records: readonly FlowRecord[] }
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'actionOutputs'; readonly outputs: Record<string, FlowValue> }
  | { readonly kind: 'subflowReady' };

/** What a waiting interview waits for. */
export interface WaitCondition {
  readonly element: string;
  /** Events whose conditions held; the first to occur resumes the interview. */
  readonly events: readonly WaitEventCondition[];
}

/** One event a waiting interview can be resumed by. */
export type WaitEventCondition =
  | { readonly kind: 'alarm'; readonly event: string; readonly resumeAt: string }
  /** `DateRefAlarmEvent`: relative to a record's date field; the runtime reads the field and adds the offset. */
  | {
      readonly kind: 'recordAlarm';
      readonly event: string;
      readonly object: string;
      readonly field: string;
      readonly recordId: string | null;
      readonly offset: number;
      readonly offsetUnit: 'Hours' | 'Days';
    }
  | { readonly kind: 'platformEvent'; readonly event: string; readonly eventType: string; readonly filters: Record<string, FlowValue> };

/** Fire-and-forget effects. */
export type Effect =
  | {
      readonly kind: 'email';
      readonly element: string;
      readonly to: readonly string[];
      /** Record Ids (users, contacts, leads) whose email address the runtime looks up (`recipientId`). */
      readonly recipientIds: readonly string[];
      readonly cc: readonly string[];
      readonly bcc: readonly string[];
      readonly subject: string;
      readonly body: string;
      readonly isHtml: boolean;
      readonly senderAddress: string | undefined;
      /** For `emailAlert`: the alert's name and the record it is about. */
      readonly alert: { readonly name: string; readonly recordId: string | undefined } | undefined;
    }
  | {
      readonly kind: 'notification';
      readonly element: string;
      readonly typeId: string | undefined;
      readonly recipients: readonly string[];
      readonly title: string;
      readonly body: string;
      readonly targetId: string | undefined;
    }
  | { readonly kind: 'log'; readonly element: string; readonly message: string };

/** A choice offered on a screen. */
export interface ScreenChoice {
  readonly value: FlowValue;
  readonly label: string;
  /** The choice resource's name (for `WasSelected`), if it came from one. */
  readonly name: string | undefined;
}

/** One field of a screen as the UI shows it. */
export interface ScreenFieldModel {
  readonly name: string;
  readonly fieldType: string;
  /**
   * Normalised input type the UI renders: text, textarea, password, number, currency, checkbox, date, dateTime, time,
   * radio, picklist, multiPicklist, checkboxGroup, displayText, section, column; for components: email, phone, url,
   * toggle, slider, name, address, lookup, datatable, dependentPicklists, fileUpload, image, message, richText, or
   * `component` for a registered custom component.
   */
  readonly inputType: string;
  readonly dataType: FlowDataType | undefined;
  readonly label: string | undefined;
  /** Display text; `isRichText` says whether it is HTML (to sanitise) or plain. */
  readonly text: string | undefined;
  readonly isRichText: boolean;
  readonly helpText: string | undefined;
  readonly value: FlowValue;
  readonly required: boolean;
  /** `isReadOnly`: shown but not editable (its value is kept as is); the engine always sets it. */
  readonly readOnly?: boolean;
  /** `isDisabled`: shown greyed out and not editable. */
  readonly disabled?: boolean;
  readonly scale: number | undefined;
  readonly choices: readonly ScreenChoice[];
  readonly visible: boolean;
  readonly extensionName: string | undefined;
  /** Resolved component inputs (`ComponentInstance`). */
  readonly inputs: Record<string, FlowValue>;
  /** Region width (1..12) for columns. */
  readonly width: number | undefined;
  readonly fields: readonly ScreenFieldModel[];
}

/** Navigation actions of a screen. */
export type NavigationAction = 'NEXT' | 'BACK' | 'PAUSE' | 'FINISH';

/** A screen as the UI shows it. */
export interface ScreenModel {
  readonly name: string;
  readonly label: string;
  readonly helpText: string | undefined;
  readonly fields: readonly ScreenFieldModel[];
  /** Which actions apply; PAUSE is listed when the screen allows it (the org setting is the runtime's). */
  readonly actions: readonly NavigationAction[];
  readonly labels: { readonly next: string | undefined; readonly back: string | undefined; readonly pause: string | undefined; readonly finish: string | undefined };
  readonly pausedText: string | undefined;
  readonly showHeader: boolean;
  readonly showFooter: boolean;
  readonly stages: { readonly current: string | null; readonly active: readonly string[]; readonly all: readonly { readonly name: string; readonly label: string }[] };
  /** Field-level errors of the last submission, by field name. */
  readonly errors: Record<string, string>;
  /** Screen-level errors (a Custom Error element without a field, a component's failure). */
  readonly pageErrors: readonly string[];
  /**
   * Some field's visibility depends on values (visibility rules): a client previews the screen
   * (`preview` input) as the user changes it, so fields appear and disappear at once. The engine
   * always sets it.
   */
  readonly reactive?: boolean;
}

/** Why `step` stopped. */
export type Awaiting =
  | { readonly kind: 'screen'; readonly screen: ScreenModel }
  | { readonly kind: 'request'; readonly element: string; readonly request: Request }
  | { readonly kind: 'wait'; readonly wait: WaitCondition }
  | { readonly kind: 'finished'; readonly outputs: Record<string, FlowValue> }
  | { readonly kind: 'failed'; readonly fault: Fault };

/** Input to `step`. */
export type StepInput =
  | { readonly kind: 'navigate'; readonly action: 'NEXT' | 'BACK' | 'FINISH'; readonly values: Record<string, FlowValue> }
  /** Record the values entered on the current screen before a pause; invalid values are dropped. */
  | { readonly kind: 'pause'; readonly values: Record<string, FlowValue> }
  | { readonly kind: 'requestResult'; readonly result: RequestResult }
  | { readonly kind: 'requestFailed'; readonly error: { readonly code: FaultCode; readonly message: string } }
  | { readonly kind: 'waitEvent'; readonly event: string; readonly outputs: Record<string, FlowValue> }
  /** Re-render the current screen (after a resume) without changing anything. */
  | { readonly kind: 'show' }
  /**
   * Render the current screen as it would be with `values` entered (visibility, display text),
   * changing nothing: the result's state is the input state; nothing is validated or stored.
   */
  | { readonly kind: 'preview'; readonly values: Record<string, FlowValue> };

/** The result of `start`/`step`. */
export interface StepResult {
  readonly state: InterviewState;
  readonly awaiting: Awaiting;
  readonly effects: readonly Effect[];
}

/** The running user, as `$User` sees it. */
export interface UserContext {
  readonly Id: string;
  readonly Username: string;
  readonly FirstName?: string | null;
  readonly LastName?: string | null;
  readonly Email?: string | null;
  readonly [field: string]: FlowValue | undefined;
}

/** Context for `start`/`step`: time is passed in, never read. */
export interface StepContext {
  /** Current time, ISO-8601. */
  readonly now: string;
  readonly user?: UserContext;
  /** `$Organization` fields. */
  readonly organization?: Record<string, FlowValue>;
  /** `$Label` values by API name (from deployed labels). */
  readonly labels?: Record<string, string>;
  /** `$Record` and `$Record__Prior` for record-triggered flows. */
  readonly record?: FlowRecord | null;
  readonly recordPrior?: FlowRecord | null;
  /** Resolves subflow definitions by API name (the runtime preloads them). */
  readonly flows?: (apiName: string) => CompiledFlow | undefined;
  /** Screen components outside `flowruntime:*`, by extension name. */
  readonly components?: ComponentRegistry;
  /** Element executions allowed between two screens/waits before a runaway-loop fault (default 2000). */
  readonly maxElementsPerTransaction?: number;
  /** The org setting "Let users pause flows" (default true): when false, no screen offers PAUSE. */
  readonly allowPause?: boolean;
  /** Picklist values for picklist choice sets, by `Object.Field` (matched case-insensitively). */
  readonly picklists?: Readonly<Record<string, readonly { readonly value: string; readonly label: string }[]>>;
  /**
   * Picklist values of `object.field` (any case), or undefined when it is not a picklist; asked
   * before `picklists`. The runtime answers from the org's describe, which is immutable data.
   */
  readonly picklist?: (object: string, field: string) => readonly { readonly value: string; readonly label: string }[] | undefined;
  /** `$Profile` fields (`Name`, `Id`...). */
  readonly profile?: Record<string, FlowValue>;
  /** `$UserRole` fields. */
  readonly userRole?: Record<string, FlowValue>;
  /** `$Setup`: hierarchical custom settings by API name, then field. */
  readonly setup?: Record<string, Record<string, FlowValue>>;
  /** `$Permission`: custom permissions the running user has (missing ones are false). */
  readonly permissions?: Record<string, boolean>;
  /** `$Api` values (`Session_ID`, `Partner_Server_URL_xxx`...). */
  readonly api?: Record<string, FlowValue>;
}

/** A custom screen component's contract (`c:*` or namespaced): how it maps inputs/outputs. */
export interface ScreenComponentDefinition {
  /** Output attributes and their data types. */
  readonly outputs: Readonly<Record<string, FlowDataType>>;
  /** Validates the user's submitted outputs; returns a message or undefined. */
  readonly validate?: (outputs: Record<string, FlowValue>, inputs: Record<string, FlowValue>) => string | undefined;
}

/** Custom screen components by extension name. */
export type ComponentRegistry = Readonly<Record<string, ScreenComponentDefinition>>;

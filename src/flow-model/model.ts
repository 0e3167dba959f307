// Over 400 lines: the flow model's types: one discriminated union of elements and resources, read together.
/**
 * The normalised, typed model of a Salesforce flow (`*.flow-meta.xml` / `*.flow`).
 *
 * Everything here is plain, readonly data: lists are always arrays (never "one or many"),
 * optional values are `undefined` (never empty strings standing for nothing), merge fields
 * are parsed into {@link Reference}s, and each element carries a `kind` named after its
 * Salesforce metadata element so that metadata and code can be grepped together.
 */

/** Salesforce flow data types, as spelled in metadata (`<dataType>`). */
export type FlowDataType =
  | 'String'
  | 'Number'
  | 'Currency'
  | 'Boolean'
  | 'Date'
  | 'DateTime'
  | 'Time'
  | 'SObject'
  | 'Picklist'
  | 'Multipicklist'
  | 'Apex'
  | 'Stage'
  | 'Long'
  | 'Reference';

/**
 * A reference to a resource, an element's output or a global, from `{!a.b.c}` or an
 * `elementReference`. `root` keeps the user's spelling (e.g. `$Flow`, `$Record`, `myVar`),
 * `path` is the rest of the dotted name (`['Account', 'Name']`).
 */
export interface Reference {
  readonly root: string;
  readonly path: readonly string[];
  /** The original text, for messages (`$Record.Account.Name`). */
  readonly text: string;
}

/** A value in metadata (`<value>`, `<defaultValue>`, `<rightValue>` ...). */
export type ValueExpr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'dateTime'; readonly value: string }
  | { readonly kind: 'time'; readonly value: string }
  | { readonly kind: 'reference'; readonly ref: Reference }
  /** A `stringValue` containing merge fields, e.g. `Hello {!name}`. */
  | { readonly kind: 'template'; readonly template: Template }
  | { readonly kind: 'formula'; readonly expression: string }
  | { readonly kind: 'null' };

/** Text with merge fields: literal parts and references, in order. */
export interface Template {
  readonly parts: readonly (string | Reference)[];
  /** The original text. */
  readonly text: string;
}

/** A connector to another element. `isGoTo` marks Go-To connectors of auto-layout. */
export interface Connector {
  readonly target: string;
  readonly isGoTo: boolean;
}

/** Decision, wait and filter operators found in metadata. */
export type ConditionOperator =
  | 'EqualTo'
  | 'NotEqualTo'
  | 'GreaterThan'
  | 'GreaterThanOrEqualTo'
  | 'LessThan'
  | 'LessThanOrEqualTo'
  | 'StartsWith'
  | 'EndsWith'
  | 'Contains'
  | 'IsNull'
  | 'IsBlank'
  | 'IsEmpty'
  | 'WasSet'
  | 'WasSelected'
  | 'WasVisited'
  | 'IsChanged'
  | 'In'
  | 'NotIn';

/** One condition: `left operator right`. */
export interface Condition {
  readonly left: Reference;
  readonly operator: ConditionOperator;
  readonly right: ValueExpr;
}

/** Condition logic as a tree; condition indexes are 0-based positions in `conditions`. */
export type LogicNode =
  | { readonly op: 'and' | 'or'; readonly children: readonly LogicNode[] }
  | { readonly op: 'not'; readonly child: LogicNode }
  | { readonly op: 'condition'; readonly index: number };

/** A list of conditions with their logic (`and`, `or`, or custom such as `1 AND (2 OR 3)`). */
export interface ConditionSet {
  readonly conditions: readonly Condition[];
  readonly logic: LogicNode;
  /** The logic as written in metadata (`and`, `or`, `1 AND (2 OR 3)`). */
  readonly logicText: string;
}

/** Assignment operators. */
export type AssignmentOperator =
  | 'Assign'
  | 'Add'
  | 'Subtract'
  | 'AddItem'
  | 'AddAtStart'
  | 'RemoveFirst'
  | 'RemoveAll'
  | 'RemoveAfterFirst'
  | 'RemoveBeforeFirst'
  | 'RemovePosition'
  | 'RemoveUncommon'
  | 'AssignCount';

/** A record filter in record elements and dynamic choice sets. */
export interface RecordFilter {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: ValueExpr;
}

/** A `field = value` pair (record create/update input assignments). */
export interface FieldAssignment {
  readonly field: string;
  readonly value: ValueExpr;
}

/** A record field copied into a resource (record lookup output assignments). */
export interface OutputAssignment {
  readonly field: string;
  readonly target: Reference;
}

/** A named parameter (action/subflow/component inputs). */
export interface InputParameter {
  readonly name: string;
  readonly value: ValueExpr;
}

/** An output parameter mapped to a resource. */
export interface OutputParameter {
  readonly name: string;
  readonly target: Reference;
}

interface ElementBase {
  readonly name: string;
  readonly label: string;
  readonly description: string | undefined;
}

interface WithFault {
  readonly faultConnector: Connector | undefined;
}

/** `<assignments>` */
export interface AssignmentElement extends ElementBase {
  readonly kind: 'assignment';
  readonly items: readonly { readonly target: Reference; readonly operator: AssignmentOperator; readonly value: ValueExpr }[];
  readonly connector: Connector | undefined;
}

/** One outcome of a decision (`<rules>`). */
export interface DecisionOutcome {
  readonly name: string;
  readonly label: string;
  readonly conditions: ConditionSet;
  readonly connector: Connector | undefined;
  /** `doesRequireRecordChangedToMeetCriteria` (record-triggered flows). */
  readonly requireChange: boolean;
}

/** `<decisions>` */
export interface DecisionElement extends ElementBase {
  readonly kind: 'decision';
  readonly outcomes: readonly DecisionOutcome[];
  readonly defaultConnector: Connector | undefined;
  readonly defaultLabel: string | undefined;
}

/** `<loops>` */
export interface LoopElement extends ElementBase {
  readonly kind: 'loop';
  readonly collection: Reference;
  /** Legacy loops assign each item to a variable; newer ones expose `{!LoopName}`. */
  readonly assignNextValueTo: Reference | undefined;
  readonly order: 'Asc' | 'Desc';
  readonly nextValueConnector: Connector | undefined;
  readonly noMoreValuesConnector: Connector | undefined;
}

/** Screen field types (`<fieldType>`). */
export type ScreenFieldType =
  | 'DisplayText'
  | 'InputField'
  | 'LargeTextArea'
  | 'PasswordField'
  | 'RadioButtons'
  | 'DropdownBox'
  | 'MultiSelectCheckboxes'
  | 'MultiSelectPicklist'
  | 'ComponentInstance'
  | 'RegionContainer'
  | 'Region'
  | 'ObjectProvided'
  | 'ComponentInput'
  | 'ComponentChoice'
  | 'ComponentMultiChoice'
  | 'ComponentDisplay';

/** A field of a screen; sections (`RegionContainer`) and columns (`Region`) hold `fields`. */
export interface ScreenField {
  readonly name: string;
  readonly fieldType: ScreenFieldType;
  readonly dataType: FlowDataType | undefined;
  readonly label: Template | undefined;
  readonly text: Template | undefined;
  readonly helpText: Template | undefined;
  readonly defaultValue: ValueExpr | undefined;
  /** `defaultSelectedChoiceReference` */
  readonly defaultChoice: string | undefined;
  readonly required: boolean;
  readonly choices: readonly string[];
  readonly scale: number | undefined;
  readonly validationRule: { readonly formula: string; readonly errorMessage: Template } | undefined;
  readonly visibility: ConditionSet | undefined;
  readonly fields: readonly ScreenField[];
  /** `ComponentInstance`: the component's name, e.g. `flowruntime:email` or `c:myComponent`. */
  readonly extensionName: string | undefined;
  readonly inputParameters: readonly InputParameter[];
  readonly outputParameters: readonly OutputParameter[];
  readonly storeOutputAutomatically: boolean;
  /** `Region`: `inputParameters` width (1..12) is kept in `inputParameters`. */
  readonly regionContainerType: string | undefined;
  /** `ObjectProvided`: the record field the input is bound to (`{!rec.Name}`). */
  readonly objectFieldReference: Reference | undefined;
  /** `inputsOnNextNavToAssocScrn`: `UseStoredValues` | `ResetValues`. */
  readonly revisitBehaviour: 'UseStoredValues' | 'ResetValues';
  /** `isReadOnly` (a value: literal or reference); absent means editable. */
  readonly readOnly?: ValueExpr | undefined;
  /** `isDisabled` (a value: literal or reference); absent means enabled. */
  readonly disabled?: ValueExpr | undefined;
  /** `dataTypeMappings` of generic components, e.g. `T` → `Account`. */
  readonly dataTypeMappings?: readonly DataTypeMapping[];
}

/** A generic type parameter bound by a component or action (`<dataTypeMappings>`), e.g. `T__record` → `Account`. */
export interface DataTypeMapping {
  readonly typeName: string;
  readonly typeValue: string;
}

/** `<screens>` */
export interface ScreenElement extends ElementBase {
  readonly kind: 'screen';
  readonly fields: readonly ScreenField[];
  readonly allowBack: boolean;
  readonly allowFinish: boolean;
  readonly allowPause: boolean;
  readonly showFooter: boolean;
  readonly showHeader: boolean;
  readonly pausedText: Template | undefined;
  readonly helpText: Template | undefined;
  readonly backButtonLabel: string | undefined;
  readonly nextOrFinishButtonLabel: string | undefined;
  readonly pauseButtonLabel: string | undefined;
  readonly connector: Connector | undefined;
  /** `stageReference`: the flow stage this screen belongs to (stage-based screen flows). */
  readonly stageReference?: Reference | undefined;
  /** Screen actions (`<actions>`): flows the screen runs in place; outputs read as `{!Action.Results.x}`. */
  readonly actions?: readonly ScreenAction[];
  /** What starts screen actions (`<triggers>`): an event of a field, and the actions it runs. */
  readonly triggers?: readonly ScreenTrigger[];
}

/** A screen action (`<screens><actions>`). */
export interface ScreenAction {
  readonly name: string;
  readonly label: string;
  readonly actionType: string;
  readonly actionName: string;
  readonly inputParameters: readonly InputParameter[];
}

/** A screen trigger (`<screens><triggers>`): on `eventName` of `eventSource`, run the named screen actions. */
export interface ScreenTrigger {
  readonly eventName: string;
  readonly eventSource: string | undefined;
  readonly actionNames: readonly string[];
}

/** `<recordLookups>` */
export interface RecordLookupElement extends ElementBase, WithFault {
  readonly kind: 'recordLookup';
  readonly object: string;
  readonly filters: readonly RecordFilter[];
  readonly filterLogic: LogicNode;
  readonly filterLogicText: string;
  /** Whether one record (the first) is stored: the tag, else its meaning for the flow's API version (`api-version-rules.ts`). */
  readonly getFirstRecordOnly: boolean;
  /** `<getFirstRecordOnly>` as written; `undefined` when the file leaves it out. */
  readonly getFirstRecordOnlyInFile?: boolean | undefined;
  readonly storeOutputAutomatically: boolean;
  readonly assignNullValuesIfNoRecordsFound: boolean;
  readonly outputReference: Reference | undefined;
  readonly outputAssignments: readonly OutputAssignment[];
  readonly queriedFields: readonly string[];
  readonly sortField: string | undefined;
  readonly sortOrder: 'Asc' | 'Desc' | undefined;
  readonly limit: number | undefined;
  readonly connector: Connector | undefined;
}

/** `<recordCreates>` */
export interface RecordCreateElement extends ElementBase, WithFault {
  readonly kind: 'recordCreate';
  /** `inputReference` shape: a record variable or collection. */
  readonly inputReference: Reference | undefined;
  /** `object + inputAssignments` shape. */
  readonly object: string | undefined;
  readonly inputAssignments: readonly FieldAssignment[];
  readonly assignRecordIdToReference: Reference | undefined;
  readonly storeOutputAutomatically: boolean;
  readonly connector: Connector | undefined;
}

/** `<recordUpdates>` */
export interface RecordUpdateElement extends ElementBase, WithFault {
  readonly kind: 'recordUpdate';
  readonly inputReference: Reference | undefined;
  readonly object: string | undefined;
  readonly filters: readonly RecordFilter[];
  readonly filterLogic: LogicNode;
  readonly filterLogicText: string;
  readonly inputAssignments: readonly FieldAssignment[];
  readonly connector: Connector | undefined;
}

/** `<recordDeletes>` */
export interface RecordDeleteElement extends ElementBase, WithFault {
  readonly kind: 'recordDelete';
  readonly inputReference: Reference | undefined;
  readonly object: string | undefined;
  readonly filters: readonly RecordFilter[];
  readonly filterLogic: LogicNode;
  readonly filterLogicText: string;
  readonly connector: Connector | undefined;
}

/** `<subflows>` */
export interface SubflowElement extends ElementBase, WithFault {
  readonly kind: 'subflow';
  readonly flowName: string;
  readonly inputAssignments: readonly InputParameter[];
  readonly outputAssignments: readonly OutputParameter[];
  readonly storeOutputAutomatically: boolean;
  readonly connector: Connector | undefined;
}

/** `<actionCalls>` */
export interface ActionCallElement extends ElementBase, WithFault {
  readonly kind: 'actionCall';
  readonly actionType: string;
  readonly actionName: string;
  readonly inputParameters: readonly InputParameter[];
  readonly outputParameters: readonly OutputParameter[];
  readonly storeOutputAutomatically: boolean;
  readonly connector: Connector | undefined;
  /** `dataTypeMappings` of generic invocable actions, e.g. `T__record` → `Account`. */
  readonly dataTypeMappings?: readonly DataTypeMapping[];
  /** `flowTransactionModel`: `CurrentTransaction` | `NewTransaction` | `Automatic`. */
  readonly transactionModel?: string | undefined;
}

/** `<collectionProcessors>`: sort, filter (and recommendation mapping, unsupported). */
export interface CollectionProcessorElement extends ElementBase {
  readonly kind: 'collectionProcessor';
  readonly processorType: 'SortCollectionProcessor' | 'FilterCollectionProcessor' | 'RecommendationMapCollectionProcessor' | string;
  readonly collection: Reference;
  readonly sortOptions: readonly { readonly field: string | undefined; readonly order: 'Asc' | 'Desc'; readonly doesPutEmptyStringAndNullFirst: boolean }[];
  readonly limit: number | undefined;
  /** Filter: conditions whose `left` is relative to the current item (`currentItem_<name>.Field`). */
  readonly conditions: ConditionSet | undefined;
  /** Filter: a formula over the current item instead of conditions. */
  readonly formula: string | undefined;
  readonly assignNextValueToReference: Reference | undefined;
  readonly connector: Connector | undefined;
}

/** `<customErrors>` */
export interface CustomErrorElement extends ElementBase {
  readonly kind: 'customError';
  readonly messages: readonly { readonly fieldSelection: string | undefined; readonly isFieldError: boolean; readonly message: Template }[];
  readonly connector: Connector | undefined;
}

/** One event of a wait. */
export interface WaitEvent {
  readonly name: string;
  readonly label: string;
  readonly eventType: string;
  readonly conditions: ConditionSet | undefined;
  readonly inputParameters: readonly InputParameter[];
  readonly outputParameters: readonly OutputParameter[];
  readonly connector: Connector | undefined;
}

/** `<waits>` */
export interface WaitElement extends ElementBase, WithFault {
  readonly kind: 'wait';
  readonly events: readonly WaitEvent[];
  readonly defaultConnector: Connector | undefined;
  readonly defaultLabel: string | undefined;
}

/** `<transforms>`: parsed; its mapping is kept as raw text for diagnostics. */
export interface TransformElement extends ElementBase {
  readonly kind: 'transform';
  readonly dataType: FlowDataType | undefined;
  readonly isCollection: boolean;
  readonly objectType: string | undefined;
  readonly storeOutputAutomatically: boolean;
  readonly assignToReference: Reference | undefined;
  readonly values: readonly { readonly outputFieldApiName: string | undefined; readonly value: ValueExpr | undefined; readonly transformType: string | undefined }[];
  readonly connector: Connector | undefined;
}

/** An orchestration step (`<stageSteps>`). */
export interface OrchestratedStep {
  readonly name: string;
  readonly label: string;
  readonly stepType: 'InteractiveStep' | 'BackgroundStep' | 'ApprovalStep' | string;
  readonly actionName: string | undefined;
  readonly actionType: string | undefined;
  readonly entryConditions: ConditionSet | undefined;
  readonly entryActionName: string | undefined;
  /** `entryActionType` (`flow`): the entry action returns `isOrchestrationConditionMet`. */
  readonly entryActionType?: string | undefined;
  readonly entryActionInputParameters?: readonly InputParameter[];
  readonly exitActionName: string | undefined;
  readonly requiresAsyncProcessing: boolean;
  readonly assignees: readonly { readonly type: string; readonly assignee: ValueExpr }[];
  readonly inputParameters: readonly InputParameter[];
  readonly outputParameters: readonly OutputParameter[];
}

/** `<orchestratedStages>` */
export interface OrchestratedStageElement extends ElementBase {
  readonly kind: 'orchestratedStage';
  readonly steps: readonly OrchestratedStep[];
  readonly exitConditions: ConditionSet | undefined;
  readonly exitActionName: string | undefined;
  /** `exitActionType` (`evaluationFlow`): the exit action returns `isOrchestrationConditionMet`. */
  readonly exitActionType?: string | undefined;
  readonly exitActionInputParameters?: readonly InputParameter[];
  readonly connector: Connector | undefined;
  readonly faultConnector: Connector | undefined;
}

/** An element Eddy recognises but cannot run (`apexPluginCalls`, legacy `steps`, ...). */
export interface UnsupportedElement extends ElementBase {
  readonly kind: 'unsupported';
  readonly xmlTag: string;
  readonly connectors: readonly Connector[];
}

/** Every executable element. */
export type FlowElement =
  | AssignmentElement
  | DecisionElement
  | LoopElement
  | ScreenElement
  | RecordLookupElement
  | RecordCreateElement
  | RecordUpdateElement
  | RecordDeleteElement
  | SubflowElement
  | ActionCallElement
  | CollectionProcessorElement
  | CustomErrorElement
  | WaitElement
  | TransformElement
  | OrchestratedStageElement
  | UnsupportedElement;

/** The kinds of {@link FlowElement}. */
export type FlowElementKind = FlowElement['kind'];

/** `<variables>` */
export interface VariableResource {
  readonly kind: 'variable';
  readonly name: string;
  readonly dataType: FlowDataType;
  readonly isCollection: boolean;
  readonly isInput: boolean;
  readonly isOutput: boolean;
  /** SObject type, or Apex class for `Apex`. */
  readonly objectType: string | undefined;
  readonly apexClass: string | undefined;
  readonly scale: number | undefined;
  readonly defaultValue: ValueExpr | undefined;
  readonly description: string | undefined;
}

/** `<constants>` */
export interface ConstantResource {
  readonly kind: 'constant';
  readonly name: string;
  readonly dataType: FlowDataType;
  readonly value: ValueExpr | undefined;
}

/** `<formulas>` */
export interface FormulaResource {
  readonly kind: 'formula';
  readonly name: string;
  readonly dataType: FlowDataType;
  readonly scale: number | undefined;
  readonly expression: string;
}

/** `<textTemplates>` */
export interface TextTemplateResource {
  readonly kind: 'textTemplate';
  readonly name: string;
  readonly text: Template;
  readonly isViewedAsPlainText: boolean;
}

/** `<choices>` */
export interface ChoiceResource {
  readonly kind: 'choice';
  readonly name: string;
  readonly label: Template;
  readonly dataType: FlowDataType;
  readonly value: ValueExpr | undefined;
  /** A choice with a text input (`userInput`). */
  readonly userInput: { readonly label: Template | undefined; readonly required: boolean } | undefined;
}

/** `<dynamicChoiceSets>`: record choice sets and picklist choice sets. */
export interface DynamicChoiceSetResource {
  readonly kind: 'dynamicChoiceSet';
  readonly name: string;
  readonly dataType: FlowDataType;
  readonly object: string | undefined;
  /** Picklist choice set: `picklistObject` + `picklistField`. */
  readonly picklistObject: string | undefined;
  readonly picklistField: string | undefined;
  readonly displayField: string | undefined;
  readonly valueField: string | undefined;
  readonly filters: readonly RecordFilter[];
  readonly filterLogic: LogicNode;
  /** The filter logic as written in metadata (`and` when absent). */
  readonly filterLogicText?: string;
  readonly sortField: string | undefined;
  readonly sortOrder: 'Asc' | 'Desc' | undefined;
  readonly limit: number | undefined;
  readonly outputAssignments: readonly OutputAssignment[];
  /** Collection choice set: the record collection the choices come from. */
  readonly collectionReference?: Reference | undefined;
}

/** `<stages>`: flow stages (not orchestration stages). */
export interface StageResource {
  readonly kind: 'stage';
  readonly name: string;
  readonly label: string;
  readonly stageOrder: number;
  readonly isActive: boolean;
}

/** Every resource. */
export type FlowResource =
  | VariableResource
  | ConstantResource
  | FormulaResource
  | TextTemplateResource
  | ChoiceResource
  | DynamicChoiceSetResource
  | StageResource;

/** `<start>` of a flow, including record-triggered and scheduled settings. */
export interface FlowStart {
  readonly connector: Connector | undefined;
  readonly object: string | undefined;
  readonly triggerType: string | undefined;
  readonly recordTriggerType: string | undefined;
  readonly filters: readonly RecordFilter[];
  readonly filterLogic: LogicNode;
  /** The filter logic as written in metadata (`and` when absent). */
  readonly filterLogicText?: string;
  readonly filterFormula: string | undefined;
  /** `doesRequireRecordChangedToMeetCriteria`. */
  readonly requireChange?: boolean;
  /** Scheduled flows: `<schedule>`. */
  readonly schedule?: { readonly frequency: string | undefined; readonly startDate: string | undefined; readonly startTime: string | undefined } | undefined;
  readonly scheduledPaths: readonly { readonly name: string; readonly connector: Connector | undefined; readonly offsetNumber: number | undefined; readonly offsetUnit: string | undefined; readonly timeSource: string | undefined; readonly recordField: string | undefined; readonly pathType?: string | undefined }[];
}

/** A parsed, normalised flow. */
export interface FlowDefinition {
  readonly apiName: string;
  readonly label: string;
  readonly description: string | undefined;
  readonly processType: string;
  readonly apiVersion: string | undefined;
  /** Normalised to Salesforce's spelling: Active, Draft, Obsolete, InvalidDraft. */
  readonly status: string | undefined;
  readonly interviewLabel: Template | undefined;
  readonly runInMode: string | undefined;
  readonly isAdditionalPermissionRequiredToRun: boolean;
  readonly start: FlowStart | undefined;
  /** `<triggerOrder>` of a record-triggered flow (1–2,000), when set. */
  readonly triggerOrder?: number | undefined;
  /** The first element: `<start><connector>` or the legacy `<startElementReference>`. */
  readonly startElement: string | undefined;
  readonly elements: readonly FlowElement[];
  readonly resources: readonly FlowResource[];
}

/** Severity of a validation diagnostic. */
export type Severity = 'error' | 'warning' | 'info';

/** One validation finding. `element` names the element or resource concerned, if any. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly element: string | undefined;
  readonly message: string;
  /** For `UNSUPPORTED_*` codes: the construct by name (`element:transforms`, `actionType:quickAction`, `function:ISCHANGED`). */
  readonly construct?: string;
  /** For org checks: the SFDX project file that would define the missing custom object or field. */
  readonly missingFile?: string;
}

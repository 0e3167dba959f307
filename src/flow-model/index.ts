/**
 * The flow-model layer's public API: parse flow metadata into the normalised model, validate it,
 * and the helpers other layers share (references, condition logic, formula syntax, process types).
 */
export type {
  ActionCallElement,
  AssignmentElement,
  AssignmentOperator,
  ChoiceResource,
  CollectionProcessorElement,
  Condition,
  ConditionOperator,
  ConditionSet,
  Connector,
  ConstantResource,
  CustomErrorElement,
  DataTypeMapping,
  DecisionElement,
  DecisionOutcome,
  Diagnostic,
  DynamicChoiceSetResource,
  FieldAssignment,
  FlowDataType,
  FlowDefinition,
  FlowElement,
  FlowElementKind,
  FlowResource,
  FlowStart,
  FormulaResource,
  InputParameter,
  LogicNode,
  LoopElement,
  OrchestratedStageElement,
  OrchestratedStep,
  OutputAssignment,
  OutputParameter,
  RecordCreateElement,
  RecordDeleteElement,
  RecordFilter,
  RecordLookupElement,
  RecordUpdateElement,
  Reference,
  ScreenAction,
  ScreenElement,
  ScreenField,
  ScreenFieldType,
  ScreenTrigger,
  Severity,
  StageResource,
  SubflowElement,
  Template,
  TextTemplateResource,
  TransformElement,
  UnsupportedElement,
  ValueExpr,
  VariableResource,
  WaitElement,
  WaitEvent,
} from './model.js';
export { flowApiNameFromFileName, normaliseStatus, parseFlowXml } from './parse-flow-xml.js';
export type { ParseFlowOptions, ParseFlowResult } from './parse-flow-xml.js';
export { validateFlow } from './validate.js';
export { checkAgainstSchema } from './schema-check/check-against-schema.js';
export type { FlowSchema, SchemaCheckOptions, SchemaField, SchemaObject } from './schema-check/check-against-schema.js';
export { missingMetadataFile } from './schema-check/missing-metadata.js';
export { API_VERSION_RULES, apiVersionRule, applyApiVersionRules, effectiveApiVersion, GET_FIRST_RECORD_ONLY_SINCE, MISSING_API_VERSION } from './api-version-rules.js';
export type { ApiVersionRule } from './api-version-rules.js';
export { validateFlowXml } from './validate-flow-xml.js';
export { DIAGNOSTIC_CODES, hasErrors } from './diagnostic-codes.js';
export { checkXmlText, decodeUtf8, lineAt, MAX_METADATA_FILE_BYTES } from './xml-text.js';
export type { DecodedText, XmlTextProblem } from './xml-text.js';
export { METADATA_TEXT_LIMITS } from './metadata-limits.js';
export type { DiagnosticCode } from './diagnostic-codes.js';
export { hasMergeFields, isMergeFieldName, mergeFieldReferences, parseReference, parseTemplate, templateReferences } from './references.js';
export { joinConditions, parseConditionLogic } from './condition-logic.js';
export type { ConditionLogicResult } from './condition-logic.js';
export { classifyProcessType } from './process-types.js';
export type { ProcessTypeSupport } from './process-types.js';
export { collectUses, elementConnectors, entryConnectors, formulaReferences } from './flow-walk.js';
export type { ConnectorUse, FormulaUse, ReferenceRole, ReferenceUse } from './flow-walk.js';
export { SUPPORTED_ACTION_TYPES } from './validation/support.js';
export { FLOW_GLOBALS, GLOBAL_CONSTANTS, GLOBAL_ROOTS, SYSTEM_GLOBALS } from './global-variables.js';
export {
  FORMULA_FUNCTION_ARITY,
  FormulaSyntaxError,
  formulaFunctions,
  parseFormula,
  rewriteMergeFields,
  UNSUPPORTED_FORMULA_FUNCTIONS,
} from './formula-syntax.js';
export type { FormulaBinaryOperator, FormulaNode, FormulaSyntaxErrorCode, ParsedFormula } from './formula-syntax.js';
export { compareTriggerOrder, recordTriggerOf } from './triggers/record-trigger.js';
export type { RecordTrigger, SaveEvent, TriggerTiming } from './triggers/record-trigger.js';

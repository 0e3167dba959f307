// Over 400 lines: building a screen model and validating its answers share the field walk; splitting them would duplicate it.
/**
 * Screens: the screen model the UI shows, and what happens when the user submits, goes back or
 * pauses. Values a screen shows come, in order, from the frame's `draft` (entered but not
 * submitted: a pause, a rejected submission, BACK), the values stored when the user left the
 * screen by BACK (`stored`, for `UseStoredValues` fields), the field's value from an earlier
 * visit (`UseStoredValues`), and finally its default value.
 *
 * Record choice sets need records: before the model is built, each record choice set of the
 * screen that has no options cached for this visit is fetched with a `recordQuery` request made
 * by the screen element; the options are kept in `frame.choices` until the screen is left.
 */
import type { DynamicChoiceSetResource, ScreenElement, ScreenField, ValueExpr } from '../../flow-model/index.js';
import type { ElementContext, Outcome } from '../element-outcome.js';
import { next } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { CachedChoice, FlowValue, NavigationAction, Request, RequestResult, ScreenChoice, ScreenErrors, ScreenFieldModel, ScreenModel } from '../protocol.js';
import { resolveFilters } from '../record-filters.js';
import { componentContract, type ComponentContract } from './screen-components.js';
import { type Scope, typed } from '../scope.js';
import { StepInputError } from '../step-input-error.js';
import type { TypedValue } from '../typed-value.js';
import { getField, isObjectValue } from '../value-path.js';
import { coerceValue, isBlank, valuesEqual, valueToText } from '../values.js';

/** Salesforce's messages for screen input errors. */
export const REQUIRED_MESSAGE = 'Complete this field.';
export const INVALID_MESSAGE = 'Enter a valid value.';
export const INVALID_CHOICE_MESSAGE = 'Select a valid choice.';

type FieldValues = Record<string, FlowValue>;

const CONTAINERS = new Set(['RegionContainer', 'Region']);
const CHOICE_TYPES = new Set(['RadioButtons', 'DropdownBox', 'MultiSelectCheckboxes', 'MultiSelectPicklist', 'ComponentChoice', 'ComponentMultiChoice']);
const MULTI_TYPES = new Set(['MultiSelectCheckboxes', 'MultiSelectPicklist', 'ComponentMultiChoice']);
/** Components whose entered values Salesforce keeps across a pause. */
const KEPT_ON_PAUSE = new Set(['LargeTextArea', 'PasswordField', 'RadioButtons', 'DropdownBox', 'MultiSelectCheckboxes', 'MultiSelectPicklist']);
const KEPT_INPUT_TYPES = new Set(['String', 'Number', 'Currency', 'Boolean']);
/** Separator of multi-select values, as Salesforce stores them in flow screens. */
const MULTI_SEPARATOR = '; ';

function isValueField(field: ScreenField): boolean {
  return field.fieldType !== 'DisplayText' && field.fieldType !== 'ComponentDisplay' && !CONTAINERS.has(field.fieldType);
}

function* valueFields(fields: readonly ScreenField[]): Generator<ScreenField> {
  for (const field of fields) {
    if (isValueField(field)) yield field;
    if (field.fields.length > 0) yield* valueFields(field.fields);
  }
}

function* allFields(fields: readonly ScreenField[]): Generator<ScreenField> {
  for (const field of fields) {
    yield field;
    if (field.fields.length > 0) yield* allFields(field.fields);
  }
}

/** The screen element the frame shows (a bug if it is not a screen). */
export function currentScreen(ctx: ElementContext): ScreenElement {
  const element = ctx.frame.current === null ? undefined : ctx.flow.element(ctx.frame.current);
  if (element?.kind !== 'screen') throw new StepInputError('INVALID_STEP_INPUT', 'The interview is not showing a screen.');
  return element;
}

// ---------------------------------------------------------------------------------------------
// Choices

function recordChoiceSets(screen: ScreenElement, ctx: ElementContext): DynamicChoiceSetResource[] {
  const sets: DynamicChoiceSetResource[] = [];
  for (const field of allFields(screen.fields)) {
    for (const name of field.choices) {
      const resource = ctx.flow.resource(name);
      if (resource?.kind !== 'dynamicChoiceSet' || !isRecordChoiceSet(resource) || sets.includes(resource)) continue;
      sets.push(resource);
    }
  }
  return sets;
}

function isRecordChoiceSet(set: DynamicChoiceSetResource): boolean {
  return set.picklistField === undefined && set.collectionReference === undefined && set.object !== undefined;
}

function missingChoiceSet(screen: ScreenElement, ctx: ElementContext): DynamicChoiceSetResource | undefined {
  return recordChoiceSets(screen, ctx).find((set) => ctx.frame.choices?.[set.name] === undefined);
}

function choiceQuery(set: DynamicChoiceSetResource, scope: Scope): Request {
  const fields = new Set<string>(['Id']);
  if (set.displayField !== undefined) fields.add(set.displayField);
  if (set.valueField !== undefined) fields.add(set.valueField);
  for (const assignment of set.outputAssignments) fields.add(assignment.field);
  return {
    kind: 'recordQuery',
    object: set.object ?? '',
    filters: resolveFilters(set.filters, scope),
    logic: set.filterLogic,
    fields: [...fields],
    sort: set.sortField === undefined ? undefined : { field: set.sortField, order: set.sortOrder ?? 'Asc' },
    limit: set.limit,
  };
}

function recordChoice(set: DynamicChoiceSetResource, record: FlowValue): CachedChoice {
  const object = isObjectValue(record) ? record : {};
  const value = getField(object, set.valueField ?? 'Id');
  const display = getField(object, set.displayField ?? 'Name');
  if (set.outputAssignments.length === 0) return { value, label: isBlank(display) ? '' : valueToText(display) };
  const fields: Record<string, FlowValue> = {};
  for (const assignment of set.outputAssignments) fields[assignment.field] = getField(object, assignment.field);
  return { value, label: isBlank(display) ? '' : valueToText(display), fields };
}

/** Caches the options of the first record choice set that had none (the screen's query answered). */
export function resumeScreenQuery(screen: ScreenElement, ctx: ElementContext, result: RequestResult): Outcome {
  const set = missingChoiceSet(screen, ctx);
  if (set !== undefined) {
    const records = result.kind === 'records' ? result.records : [];
    ctx.frame.choices = { ...ctx.frame.choices, [set.name]: records.map((record) => recordChoice(set, record as unknown as FlowValue)) };
  }
  return { kind: 'screen', errors: ctx.frame.errors };
}

function lookupPicklist(ctx: ElementContext, object: string, field: string): readonly { value: string; label: string }[] | undefined {
  const fromDescribe = ctx.context.picklist?.(object, field);
  if (fromDescribe !== undefined) return fromDescribe;
  const picklists = ctx.context.picklists;
  if (picklists === undefined) return undefined;
  const key = `${object}.${field}`.toLowerCase();
  for (const [name, values] of Object.entries(picklists)) if (name.toLowerCase() === key) return values;
  return undefined;
}

/** The options of a choice field, from choices, picklist, collection and record choice sets. */
function choicesOf(field: ScreenField, ctx: ElementContext, scope: Scope): ScreenChoice[] {
  const choices: ScreenChoice[] = [];
  for (const name of field.choices) {
    const resource = ctx.flow.resource(name);
    if (resource?.kind === 'choice') {
      const value = resource.value === undefined ? null : scope.evaluate(resource.value, resource.dataType).value;
      choices.push({ value, label: scope.render(resource.label, false), name: resource.name });
    } else if (resource?.kind === 'dynamicChoiceSet') {
      choices.push(...choiceSetOptions(resource, ctx, scope));
    } else {
      throw new FlowFault('UNKNOWN_REFERENCE', `Screen field "${field.name}" uses choice "${name}", which is not a choice or choice set.`);
    }
  }
  return choices;
}

function choiceSetOptions(set: DynamicChoiceSetResource, ctx: ElementContext, scope: Scope): ScreenChoice[] {
  if (set.picklistField !== undefined) {
    const object = set.picklistObject ?? set.object ?? '';
    const values = lookupPicklist(ctx, object, set.picklistField);
    if (values === undefined) {
      throw new FlowFault('UNKNOWN_PICKLIST', `Picklist choice set "${set.name}" needs the values of ${object}.${set.picklistField}: provide them in the context's picklists.`);
    }
    return values.map((entry) => ({ value: entry.value, label: entry.label, name: undefined }));
  }
  if (set.collectionReference !== undefined) {
    const records = scope.resolve(set.collectionReference).value;
    const list = Array.isArray(records) ? records : records === null ? [] : [records];
    return list.map((record) => {
      const choice = recordChoice(set, record);
      return { value: choice.value, label: choice.label, name: undefined };
    });
  }
  return (ctx.frame.choices?.[set.name] ?? []).map((choice) => ({ value: choice.value, label: choice.label, name: undefined }));
}

// ---------------------------------------------------------------------------------------------
// Values

/** The initial value of a field on a fresh visit: its default value, default choice or seeded component outputs. */
function initialValue(field: ScreenField, ctx: ElementContext, scope: Scope): FlowValue {
  if (field.fieldType === 'ObjectProvided') return field.objectFieldReference === undefined ? null : scope.resolve(field.objectFieldReference).value;
  if (field.fieldType === 'ComponentInstance') {
    const contract = componentContract(field.extensionName, ctx.context.components, field.name);
    const inputs = componentInputs(field, scope);
    const outputs: Record<string, FlowValue> = {};
    for (const output of Object.keys(contract.outputs)) {
      const seeded = getField(inputs, output);
      if (seeded !== null) outputs[output] = seeded;
    }
    return Object.keys(outputs).length === 0 ? null : outputs;
  }
  if (field.defaultValue !== undefined) return scope.evaluate(field.defaultValue, field.dataType).value;
  if (field.defaultChoice !== undefined) {
    const choice = ctx.flow.resource(field.defaultChoice);
    if (choice?.kind === 'choice' && choice.value !== undefined) return scope.evaluate(choice.value, choice.dataType).value;
  }
  return null;
}

/** The values the screen shows now, by field name. */
function shownValues(screen: ScreenElement, ctx: ElementContext): FieldValues {
  const { frame, scope } = ctx;
  const draft = frame.draft;
  const stored = frame.stored[screen.name];
  const values: FieldValues = {};
  for (const field of valueFields(screen.fields)) {
    const keep = field.revisitBehaviour === 'UseStoredValues';
    if (draft !== undefined && Object.hasOwn(draft, field.name)) values[field.name] = draft[field.name] ?? null;
    else if (keep && stored !== undefined && Object.hasOwn(stored, field.name)) values[field.name] = stored[field.name] ?? null;
    else if (keep && field.fieldType !== 'ObjectProvided' && Object.hasOwn(frame.vars, field.name)) values[field.name] = frame.vars[field.name] ?? null;
    else values[field.name] = initialValue(field, ctx, scope);
  }
  return values;
}

function bindings(screen: ScreenElement, values: FieldValues): Map<string, TypedValue> {
  const map = new Map<string, TypedValue>();
  for (const field of valueFields(screen.fields)) {
    const value = values[field.name] ?? null;
    map.set(field.name.toLowerCase(), field.fieldType === 'ComponentInstance' ? typed(value) : typed(value, field.dataType, Array.isArray(value)));
  }
  return map;
}

function componentInputs(field: ScreenField, scope: Scope): Record<string, FlowValue> {
  const inputs: Record<string, FlowValue> = {};
  for (const parameter of field.inputParameters) inputs[parameter.name] = scope.evaluate(parameter.value).value;
  return inputs;
}

// ---------------------------------------------------------------------------------------------
// Model

const INPUT_TYPES_BY_DATA_TYPE: Partial<Record<string, string>> = {
  Number: 'number',
  Currency: 'currency',
  Boolean: 'checkbox',
  Date: 'date',
  DateTime: 'dateTime',
  Time: 'time',
};

function inputTypeOf(field: ScreenField, contract: ComponentContract | undefined): string {
  switch (field.fieldType) {
    case 'DisplayText':
    case 'ComponentDisplay':
      return 'displayText';
    case 'LargeTextArea':
      return 'textarea';
    case 'PasswordField':
      return 'password';
    case 'RadioButtons':
      return 'radio';
    case 'DropdownBox':
    case 'ComponentChoice':
      return 'picklist';
    case 'MultiSelectCheckboxes':
    case 'ComponentMultiChoice':
      return 'checkboxGroup';
    case 'MultiSelectPicklist':
      return 'multiPicklist';
    case 'RegionContainer':
      return 'section';
    case 'Region':
      return 'column';
    case 'ComponentInstance':
      return contract?.inputType ?? 'component';
    case 'InputField':
    case 'ObjectProvided':
    case 'ComponentInput':
      return INPUT_TYPES_BY_DATA_TYPE[field.dataType ?? 'String'] ?? 'text';
  }
}

function widthOf(field: ScreenField, scope: Scope): number | undefined {
  if (field.fieldType !== 'Region') return undefined;
  const parameter = field.inputParameters.find((input) => input.name.toLowerCase() === 'width');
  if (parameter === undefined) return undefined;
  const width = Number(scope.evaluate(parameter.value).value);
  return Number.isFinite(width) ? width : undefined;
}

function fieldModel(field: ScreenField, parentVisible: boolean, values: FieldValues, ctx: ElementContext, scope: Scope): ScreenFieldModel {
  const visible = parentVisible && (field.visibility === undefined || scope.test(field.visibility));
  const contract = field.fieldType === 'ComponentInstance' ? componentContract(field.extensionName, ctx.context.components, field.name) : undefined;
  const isDisplay = field.fieldType === 'DisplayText' || field.fieldType === 'ComponentDisplay';
  const inputs = field.inputParameters.length > 0 && field.fieldType !== 'Region' ? componentInputs(field, scope) : {};
  const labelTemplate = isDisplay ? undefined : (field.label ?? field.text);
  const textTemplate = isDisplay ? (field.text ?? field.label) : undefined;
  const componentLabel = getField(inputs, 'label');
  return {
    name: field.name,
    fieldType: field.fieldType,
    inputType: inputTypeOf(field, contract),
    dataType: field.dataType,
    label: labelTemplate !== undefined ? scope.render(labelTemplate, false) : isBlank(componentLabel) ? undefined : valueToText(componentLabel),
    text: textTemplate === undefined ? undefined : scope.render(textTemplate, true),
    isRichText: textTemplate !== undefined,
    helpText: field.helpText === undefined ? undefined : scope.render(field.helpText, false),
    value: isValueField(field) ? (values[field.name] ?? null) : null,
    required: isRequired(field, scope),
    readOnly: isLocked(field.readOnly, scope),
    disabled: isLocked(field.disabled, scope),
    scale: field.scale,
    choices: CHOICE_TYPES.has(field.fieldType) ? choicesOf(field, ctx, scope) : [],
    visible,
    extensionName: field.extensionName,
    inputs,
    width: widthOf(field, scope),
    fields: field.fields.map((child) => fieldModel(child, visible, values, ctx, scope)),
  };
}

function actionsOf(screen: ScreenElement, ctx: ElementContext): NavigationAction[] {
  if (!screen.showFooter) return [];
  const actions: NavigationAction[] = [];
  if (screen.allowBack && ctx.frame.history.length > 0) actions.push('BACK');
  if (screen.allowPause && ctx.context.allowPause !== false) actions.push('PAUSE');
  if (screen.connector !== undefined) actions.push('NEXT');
  else if (screen.allowFinish) actions.push('FINISH');
  return actions;
}

/** Whether some field of the screen has a visibility rule, which the screen's own values may change. */
function hasVisibilityRules(screen: ScreenElement): boolean {
  for (const field of allFields(screen.fields)) if (field.visibility !== undefined) return true;
  return false;
}

/** The screen model for the frame's current screen, showing `values` (by default the values shown now). */
export function buildScreenModel(screen: ScreenElement, ctx: ElementContext, errors: ScreenErrors | undefined, values: FieldValues = shownValues(screen, ctx)): ScreenModel {
  const scope = ctx.scope.withBindings(bindings(screen, values));
  const globals = ctx.state.globals;
  return {
    name: screen.name,
    label: screen.label,
    helpText: screen.helpText === undefined ? undefined : scope.render(screen.helpText, true),
    fields: screen.fields.map((field) => fieldModel(field, true, values, ctx, scope)),
    actions: actionsOf(screen, ctx),
    labels: { next: screen.nextOrFinishButtonLabel, back: screen.backButtonLabel, pause: screen.pauseButtonLabel, finish: screen.nextOrFinishButtonLabel },
    pausedText: screen.pausedText === undefined ? undefined : scope.render(screen.pausedText, false),
    showHeader: screen.showHeader,
    showFooter: screen.showFooter,
    stages: {
      current: globals.currentStage,
      active: [...globals.activeStages],
      all: ctx.flow.stages.map((stage) => ({ name: `${ctx.flow.apiName}:${stage.name}`, label: stage.label })),
    },
    errors: { ...errors?.fields },
    pageErrors: [...(errors?.page ?? [])],
    reactive: hasVisibilityRules(screen),
  };
}

/** The screen to show: a request for record choices still missing, or the model. */
export function presentScreen(screen: ScreenElement, ctx: ElementContext): { kind: 'request'; request: Request } | { kind: 'model'; model: ScreenModel } {
  const missing = missingChoiceSet(screen, ctx);
  if (missing !== undefined) return { kind: 'request', request: choiceQuery(missing, ctx.scope) };
  return { kind: 'model', model: buildScreenModel(screen, ctx, ctx.frame.errors) };
}

// ---------------------------------------------------------------------------------------------
// Submission

/** Submitted values by field name, whatever the case of the keys. */
function canonicalValues(screen: ScreenElement, submitted: Record<string, FlowValue>): FieldValues {
  const byLower = new Map(Object.entries(submitted).map(([key, value]) => [key.toLowerCase(), value]));
  const values: FieldValues = {};
  for (const field of valueFields(screen.fields)) {
    const lower = field.name.toLowerCase();
    if (byLower.has(lower)) values[field.name] = byLower.get(lower) ?? null;
  }
  return values;
}

function multiValues(value: FlowValue): FlowValue[] {
  if (value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(';').map((item) => item.trim()).filter((item) => item !== '');
  return [value];
}

interface Checked {
  readonly value: FlowValue;
  readonly error: string | undefined;
  /** Choice resources selected (choice fields). */
  readonly selected?: readonly ScreenChoice[];
}

/** Coerces one submitted value to the field's type; no required or rule checks. */
function coerceField(field: ScreenField, raw: FlowValue, ctx: ElementContext, scope: Scope): Checked {
  try {
    if (CHOICE_TYPES.has(field.fieldType)) {
      const choices = choicesOf(field, ctx, scope);
      const wanted = MULTI_TYPES.has(field.fieldType) ? multiValues(raw) : raw === null || raw === '' ? [] : [raw];
      const selected: ScreenChoice[] = [];
      for (const item of wanted) {
        const itemType = field.dataType ?? 'String';
        const match = choices.find((choice) => valuesEqual(typed(choice.value, itemType), typed(item, itemType)));
        if (match === undefined) return { value: null, error: INVALID_CHOICE_MESSAGE };
        selected.push(match);
      }
      if (MULTI_TYPES.has(field.fieldType)) {
        const value = selected.length === 0 ? null : selected.map((choice) => valueToText(choice.value)).join(MULTI_SEPARATOR);
        return { value, error: undefined, selected };
      }
      const value = selected[0] === undefined ? null : coerceValue(selected[0].value, field.dataType ?? 'String', { scale: field.scale });
      return { value, error: undefined, selected };
    }
    if (field.fieldType === 'ComponentInstance') {
      const contract = componentContract(field.extensionName, ctx.context.components, field.name);
      const outputs: Record<string, FlowValue> = {};
      const source = isObjectValue(raw) ? raw : {};
      for (const [name, output] of Object.entries(contract.outputs)) {
        const value = getField(source, name);
        outputs[name] = coerceValue(value, output.dataType, { isCollection: output.isCollection ?? false });
      }
      for (const [name, value] of Object.entries(source)) if (!Object.hasOwn(outputs, name) && contract.inputType === 'component') outputs[name] = value;
      if (Object.hasOwn(contract.outputs, 'firstSelectedRow') && outputs.firstSelectedRow === null) {
        const rows = outputs.selectedRows;
        outputs.firstSelectedRow = Array.isArray(rows) ? (rows[0] ?? null) : null;
      }
      return { value: outputs, error: undefined };
    }
    if (field.dataType === undefined) return { value: raw, error: undefined };
    const value = coerceValue(raw, field.dataType, { scale: field.scale });
    return { value: field.dataType === 'Boolean' ? (value ?? false) : value, error: undefined };
  } catch (error) {
    if (error instanceof FlowFault && error.code === 'INVALID_TYPE') return { value: null, error: INVALID_MESSAGE };
    throw error;
  }
}

function isLocked(flag: ValueExpr | undefined, scope: Scope): boolean {
  return flag !== undefined && scope.evaluate(flag, 'Boolean').value === true;
}

function isRequired(field: ScreenField, scope: Scope): boolean {
  if (!isValueField(field)) return false;
  if (isLocked(field.readOnly, scope) || isLocked(field.disabled, scope)) return false;
  if (field.dataType === 'Boolean' && field.fieldType !== 'ComponentInstance') return false;
  // Flow Builder writes isRequired true on every component instance (all of them in the corpus);
  // a component is required only when its `required` input says so.
  if (field.fieldType !== 'ComponentInstance') return field.required;
  const required = field.inputParameters.find((input) => input.name.toLowerCase() === 'required');
  return required !== undefined && scope.evaluate(required.value).value === true;
}

function requiredValue(field: ScreenField, value: FlowValue, ctx: ElementContext): FlowValue {
  if (field.fieldType !== 'ComponentInstance') return value;
  const contract = componentContract(field.extensionName, ctx.context.components, field.name);
  if (contract.requiredOutput === undefined) return 'ok';
  const output = isObjectValue(value) ? getField(value, contract.requiredOutput) : null;
  return Array.isArray(output) && output.length === 0 ? null : output;
}

interface Validation {
  readonly values: FieldValues;
  readonly errors: Record<string, string>;
  /** Fields whose submitted value does not fit their type or choices (dropped, not shown again). */
  readonly invalid: ReadonlySet<string>;
  readonly visible: readonly ScreenField[];
  readonly selected: ReadonlyMap<string, readonly ScreenChoice[]>;
}

/** Coerces and validates the submitted values of the visible fields. */
function validate(screen: ScreenElement, submitted: FieldValues, ctx: ElementContext): Validation {
  const shown = shownValues(screen, ctx);
  const merged: FieldValues = { ...shown, ...submitted };
  const values: FieldValues = {};
  const errors: Record<string, string> = {};
  const selected = new Map<string, readonly ScreenChoice[]>();
  const coerced: FieldValues = { ...merged };
  const invalid = new Set<string>();
  const baseScope = ctx.scope.withBindings(bindings(screen, merged));
  for (const field of valueFields(screen.fields)) {
    const checked = coerceField(field, merged[field.name] ?? null, ctx, baseScope);
    coerced[field.name] = checked.value;
    if (checked.error !== undefined) {
      errors[field.name] = checked.error;
      invalid.add(field.name);
    }
    if (checked.selected !== undefined) selected.set(field.name, checked.selected);
  }
  const scope = ctx.scope.withBindings(bindings(screen, coerced));
  const visible: ScreenField[] = [];
  const visit = (fields: readonly ScreenField[]): void => {
    for (const field of fields) {
      if (field.visibility !== undefined && !scope.test(field.visibility)) continue;
      if (field.fields.length > 0) visit(field.fields);
      if (!isValueField(field)) continue;
      visible.push(field);
      const value = coerced[field.name] ?? null;
      values[field.name] = value;
      if (errors[field.name] !== undefined) continue;
      if (isRequired(field, scope) && isBlank(requiredValue(field, value, ctx))) {
        errors[field.name] = REQUIRED_MESSAGE;
        continue;
      }
      if (field.fieldType === 'ComponentInstance') {
        const contract = componentContract(field.extensionName, ctx.context.components, field.name);
        const message = contract.validate?.(isObjectValue(value) ? value : {}, componentInputs(field, scope));
        if (message !== undefined) {
          errors[field.name] = message;
          continue;
        }
      }
      if (field.validationRule !== undefined && !isBlank(field.fieldType === 'ComponentInstance' ? 'component' : value)) {
        if (scope.formula(field.validationRule.formula, 'Boolean') !== true) errors[field.name] = scope.render(field.validationRule.errorMessage, false);
      }
    }
  };
  visit(screen.fields);
  for (const name of Object.keys(errors)) if (!visible.some((field) => field.name === name)) delete errors[name];
  return { values, errors, invalid, visible, selected };
}

function leaveScreen(ctx: ElementContext): void {
  delete ctx.frame.draft;
  delete ctx.frame.errors;
  delete ctx.frame.choices;
}

/** Stores a valid submission: field values, choice selections, component outputs, record fields. */
function store(screen: ScreenElement, validation: Validation, ctx: ElementContext): void {
  const { scope, frame } = ctx;
  for (const field of validation.visible) {
    const value = validation.values[field.name] ?? null;
    if (field.fieldType === 'ObjectProvided') {
      if (field.objectFieldReference !== undefined) scope.write(field.objectFieldReference, value);
    } else if (field.fieldType === 'ComponentInstance') {
      const outputs = isObjectValue(value) ? value : {};
      for (const parameter of field.outputParameters) scope.write(parameter.target, getField(outputs, parameter.name));
      if (field.storeOutputAutomatically) scope.setVar(field.name, Object.keys(outputs).length === 0 ? null : outputs, false);
    } else {
      scope.setVar(field.name, value, false);
    }
    const chosen = validation.selected.get(field.name);
    if (chosen !== undefined) {
      const names = new Set(field.choices.map((name) => name.toLowerCase()));
      const kept = (frame.selected ?? []).filter((name) => !names.has(name.toLowerCase()));
      for (const choice of chosen) if (choice.name !== undefined) kept.push(choice.name);
      if (kept.length > 0) frame.selected = kept;
      else delete frame.selected;
      assignChoiceOutputs(field, chosen, ctx);
    }
  }
  frame.history.push({ screen: screen.name, values: { ...validation.values } });
  delete frame.stored[screen.name];
}

/** A record choice set's `outputAssignments` from the selected option's record. */
function assignChoiceOutputs(field: ScreenField, chosen: readonly ScreenChoice[], ctx: ElementContext): void {
  for (const name of field.choices) {
    const set = ctx.flow.resource(name);
    if (set?.kind !== 'dynamicChoiceSet' || set.outputAssignments.length === 0) continue;
    const cached = ctx.frame.choices?.[set.name] ?? [];
    const option = cached.find((candidate) => chosen.some((choice) => choice.name === undefined && valuesEqual(typed(choice.value), typed(candidate.value))));
    if (option === undefined) continue;
    for (const assignment of set.outputAssignments) ctx.scope.write(assignment.target, getField(option.fields ?? {}, assignment.field));
  }
}

/**
 * NEXT/FINISH: validates the visible fields (types, required, validation rules, component
 * validation) and either shows the same screen with errors, or stores the values and follows
 * the screen's connector.
 */
export function submitScreen(screen: ScreenElement, ctx: ElementContext, submitted: Record<string, FlowValue>): Outcome {
  const validation = validate(screen, canonicalValues(screen, submitted), ctx);
  if (Object.keys(validation.errors).length > 0) {
    const draft: FieldValues = {};
    // The screen comes back with what the user entered, errors and all (a value a validation
    // rule rejects stays in its field); only values that do not fit the field are dropped.
    for (const field of validation.visible) if (!validation.invalid.has(field.name)) draft[field.name] = validation.values[field.name] ?? null;
    ctx.frame.draft = draft;
    ctx.frame.errors = { fields: validation.errors, page: [] };
    return { kind: 'screen', errors: ctx.frame.errors };
  }
  store(screen, validation, ctx);
  leaveScreen(ctx);
  return next(screen.connector);
}

/**
 * The values entered on the shown screen: the draft (values entered before, e.g. in a rejected
 * submission) updated with the submitted ones, like a submission merges them over the values
 * shown. Only fields `keep` accepts count; submitted values that do not coerce to their field's
 * type are dropped (the field comes back as on a fresh visit).
 */
function enteredValues(screen: ScreenElement, submitted: FieldValues, ctx: ElementContext, keep: (field: ScreenField) => boolean): FieldValues {
  const draft = ctx.frame.draft ?? {};
  const scope = ctx.scope.withBindings(bindings(screen, { ...shownValues(screen, ctx), ...submitted }));
  const values: FieldValues = {};
  for (const field of valueFields(screen.fields)) {
    if (!keep(field)) continue;
    if (!Object.hasOwn(submitted, field.name)) {
      if (Object.hasOwn(draft, field.name)) values[field.name] = draft[field.name] ?? null;
      continue;
    }
    const checked = coerceField(field, submitted[field.name] ?? null, ctx, scope);
    if (checked.error === undefined) values[field.name] = checked.value;
  }
  return values;
}

/**
 * PREVIEW: the shown screen as it would be with `submitted` entered — visibility, display text
 * and everything else rendered from those values — so a client can show fields appear as the
 * user types. Changes nothing in the frame: no draft, no new errors (the last submission's stay
 * as they are shown), no validation. Values that do not fit their field are ignored, as a pause
 * ignores them.
 */
export function previewScreen(screen: ScreenElement, ctx: ElementContext, submitted: Record<string, FlowValue>): ScreenModel {
  const entered = enteredValues(screen, canonicalValues(screen, submitted), ctx, () => true);
  return buildScreenModel(screen, ctx, ctx.frame.errors, { ...shownValues(screen, ctx), ...entered });
}

/**
 * BACK: returns to the previous screen with the values entered there, keeping what was entered
 * on this screen to show if the user comes forward again (`UseStoredValues`).
 */
export function backFromScreen(screen: ScreenElement, ctx: ElementContext, submitted: Record<string, FlowValue>): Outcome {
  const { frame } = ctx;
  const previous = frame.history.pop();
  if (previous === undefined) throw new StepInputError('INVALID_STEP_INPUT', `Screen "${screen.name}" has no previous screen to go back to.`);
  const entered = enteredValues(screen, canonicalValues(screen, submitted), ctx, () => true);
  if (Object.keys(entered).length > 0) frame.stored[screen.name] = { ...frame.stored[screen.name], ...entered };
  leaveScreen(ctx);
  frame.current = previous.screen;
  frame.draft = { ...previous.values };
  return { kind: 'screen' };
}

function keptOnPause(field: ScreenField): boolean {
  if (KEPT_ON_PAUSE.has(field.fieldType)) return true;
  return field.fieldType === 'InputField' && KEPT_INPUT_TYPES.has(field.dataType ?? 'String');
}

/**
 * PAUSE: keeps the valid values of the components Salesforce keeps across a pause (checkbox,
 * checkbox group, currency, long text area, multi-select picklist, number, password, picklist,
 * radio buttons, text); invalid values and other components come back as on a fresh visit.
 */
export function pauseScreen(screen: ScreenElement, ctx: ElementContext, submitted: Record<string, FlowValue>): void {
  const kept = enteredValues(screen, canonicalValues(screen, submitted), ctx, keptOnPause);
  delete ctx.frame.errors;
  if (Object.keys(kept).length > 0) ctx.frame.draft = kept;
  else delete ctx.frame.draft;
}

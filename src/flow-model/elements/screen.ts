/** Parses `<screens>` and their fields (sections and columns nest fields). */
import type { ScreenAction, ScreenElement, ScreenField, ScreenFieldType, ScreenTrigger } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseReference, parseTemplate } from '../references.js';
import {
  parseConditionSet,
  parseConnector,
  parseDataTypeMappings,
  parseElementBase,
  parseInputParameters,
  parseOptionalDataType,
  parseOutputParameters,
  parseReferenceTag,
  parseValueTag,
  requireText,
} from '../values.js';
import { bool, child, list, num, text, texts, trimmed, type XmlNode } from '../xml-node.js';

const FIELD_TYPES: ReadonlySet<string> = new Set<ScreenFieldType>([
  'DisplayText', 'InputField', 'LargeTextArea', 'PasswordField', 'RadioButtons', 'DropdownBox',
  'MultiSelectCheckboxes', 'MultiSelectPicklist', 'ComponentInstance', 'RegionContainer', 'Region',
  'ObjectProvided', 'ComponentInput', 'ComponentChoice', 'ComponentMultiChoice', 'ComponentDisplay',
]);

function parseFieldType(node: XmlNode, context: ParseContext, screen: string, field: string): ScreenFieldType {
  const fieldType = trimmed(node, 'fieldType');
  if (fieldType === undefined) {
    context.missing(screen, `Field "${field}" of screen "${screen}"`, 'fieldType');
    return 'DisplayText';
  }
  if (!FIELD_TYPES.has(fieldType)) {
    context.report('UNSUPPORTED_ELEMENT', 'warning', screen, `Field "${field}" of screen "${screen}" has field type "${fieldType}", which Eddy does not know.`, `fieldType:${fieldType}`);
  }
  return fieldType as ScreenFieldType;
}

function parseField(node: XmlNode, context: ParseContext, screen: string): ScreenField {
  // `ObjectProvided` fields (Dynamic Forms for Flow) have no name: they are named by the record
  // field they edit, e.g. `rec.Name`.
  const objectFieldReference = parseReferenceTag(node, 'objectFieldReference');
  const name = trimmed(node, 'name') ?? objectFieldReference?.text ?? '';
  if (name === '') context.missing(screen, `A field of screen "${screen}"`, 'name');
  const fieldType = parseFieldType(node, context, screen, name);
  const fieldText = text(node, 'fieldText');
  const helpText = text(node, 'helpText');
  const validation = child(node, 'validationRule');
  const formula = validation === undefined ? undefined : text(validation, 'formulaExpression');
  const visibility = child(node, 'visibilityRule');
  const dataTypeMappings = parseDataTypeMappings(node);
  const readOnly = parseValueTag(node, 'isReadOnly', context, screen);
  const disabled = parseValueTag(node, 'isDisabled', context, screen);
  return {
    name,
    fieldType,
    dataType: parseOptionalDataType(node, context, screen, `Field "${name}" of screen "${screen}"`),
    label: fieldText === undefined || fieldType === 'DisplayText' ? undefined : parseTemplate(fieldText),
    text: fieldText === undefined || fieldType !== 'DisplayText' ? undefined : parseTemplate(fieldText),
    helpText: helpText === undefined ? undefined : parseTemplate(helpText),
    defaultValue: parseValueTag(node, 'defaultValue', context, screen),
    defaultChoice: trimmed(node, 'defaultSelectedChoiceReference'),
    required: bool(node, 'isRequired', false),
    choices: texts(node, 'choiceReferences'),
    scale: num(node, 'scale'),
    validationRule:
      validation === undefined || formula === undefined
        ? undefined
        : { formula, errorMessage: parseTemplate(text(validation, 'errorMessage') ?? '') },
    visibility:
      visibility === undefined
        ? undefined
        : parseConditionSet(list(visibility, 'conditions'), text(visibility, 'conditionLogic'), context, screen),
    fields: list(node, 'fields').map((field) => parseField(field, context, screen)),
    extensionName: trimmed(node, 'extensionName'),
    inputParameters: parseInputParameters(list(node, 'inputParameters'), context, screen),
    outputParameters: parseOutputParameters(list(node, 'outputParameters'), context, screen),
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    regionContainerType: trimmed(node, 'regionContainerType'),
    objectFieldReference,
    revisitBehaviour: trimmed(node, 'inputsOnNextNavToAssocScrn') === 'ResetValues' ? 'ResetValues' : 'UseStoredValues',
    ...(readOnly === undefined ? {} : { readOnly }),
    ...(disabled === undefined ? {} : { disabled }),
    ...(dataTypeMappings.length === 0 ? {} : { dataTypeMappings }),
  };
}

/** A screen: its fields (nested in sections and columns), navigation and texts. */
export function parseScreen(node: XmlNode, context: ParseContext): ScreenElement {
  const base = parseElementBase(node, context, 'screen');
  const actions = list(node, 'actions').map((action): ScreenAction => {
    const name = trimmed(action, 'name') ?? '';
    const what = `Screen action "${name}" of "${base.name}"`;
    if (name === '') context.missing(base.name, what, 'name');
    return {
      name,
      label: text(action, 'label')?.trim() ?? name,
      actionType: requireText(action, 'actionType', context, base.name, what),
      actionName: requireText(action, 'actionName', context, base.name, what),
      inputParameters: parseInputParameters(list(action, 'inputParameters'), context, base.name),
    };
  });
  const triggers = list(node, 'triggers').map((trigger): ScreenTrigger => ({
    eventName: trimmed(trigger, 'eventName') ?? '',
    eventSource: trimmed(trigger, 'eventSource'),
    actionNames: list(trigger, 'handlers').flatMap((handler) => texts(handler, 'screenActionName')),
  }));
  const pausedText = text(node, 'pausedText');
  const helpText = text(node, 'helpText');
  const stage = child(node, 'stageReference');
  const stageName = stage === undefined ? undefined : trimmed(stage, 'elementReference');
  const stageReference = stageName === undefined ? undefined : parseReference(stageName);
  return {
    kind: 'screen',
    ...base,
    fields: list(node, 'fields').map((field) => parseField(field, context, base.name)),
    allowBack: bool(node, 'allowBack', true),
    allowFinish: bool(node, 'allowFinish', true),
    allowPause: bool(node, 'allowPause', true),
    showFooter: bool(node, 'showFooter', true),
    showHeader: bool(node, 'showHeader', true),
    pausedText: pausedText === undefined ? undefined : parseTemplate(pausedText),
    helpText: helpText === undefined ? undefined : parseTemplate(helpText),
    backButtonLabel: text(node, 'backButtonLabel'),
    nextOrFinishButtonLabel: text(node, 'nextOrFinishButtonLabel'),
    pauseButtonLabel: text(node, 'pauseButtonLabel'),
    connector: parseConnector(node, 'connector'),
    ...(stageReference === undefined ? {} : { stageReference }),
    ...(actions.length === 0 ? {} : { actions }),
    ...(triggers.length === 0 ? {} : { triggers }),
  };
}

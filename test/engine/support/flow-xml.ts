/** Builds compiled flows from small XML snippets for engine unit tests (through the real parser). */
import { parseFlowXml } from '../../../src/flow-model/parse-flow-xml.js';
import { compileFlow, type CompiledFlow } from '../../../src/engine/index.js';

/** Options of {@link flowFromXml}. */
export interface FlowXmlOptions {
  /** API name (default `Test_Flow`). */
  readonly apiName?: string;
  /** `Flow` (screen flow) or `AutoLaunchedFlow` (default: `Flow` when the body has screens). */
  readonly processType?: string;
  /** The first element; adds `<start>` with a connector to it. */
  readonly start?: string;
  /** Extra XML inside `<start>` (record-triggered flows: object, triggerType...). */
  readonly startExtra?: string;
}

/** Compiles `<Flow>` metadata made of `body`; throws when the parser reports an error. */
export function flowFromXml(body: string, options: FlowXmlOptions = {}): CompiledFlow {
  const processType = options.processType ?? (body.includes('<screens>') ? 'Flow' : 'AutoLaunchedFlow');
  const start =
    options.start === undefined && options.startExtra === undefined
      ? ''
      : `<start>${options.start === undefined ? '' : `<connector><targetReference>${options.start}</targetReference></connector>`}${options.startExtra ?? ''}</start>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>60.0</apiVersion>
  <label>${options.apiName ?? 'Test Flow'}</label>
  <processType>${processType}</processType>
  <status>Active</status>
  ${start}
  ${body}
</Flow>`;
  const { definition, diagnostics } = parseFlowXml(xml, { fileName: `${options.apiName ?? 'Test_Flow'}.flow-meta.xml` });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (definition === undefined || errors.length > 0) {
    throw new Error(`Test flow does not parse: ${errors.map((error) => `${error.code} ${error.message}`).join('; ')}`);
  }
  return compileFlow(definition);
}

/** `<variables>` XML. */
export function variable(name: string, dataType: string, options: { collection?: boolean; input?: boolean; output?: boolean; objectType?: string; defaultValue?: string; scale?: number } = {}): string {
  return `<variables>
    <name>${name}</name>
    <dataType>${dataType}</dataType>
    <isCollection>${options.collection === true}</isCollection>
    <isInput>${options.input === true}</isInput>
    <isOutput>${options.output === true}</isOutput>
    ${options.objectType === undefined ? '' : `<objectType>${options.objectType}</objectType>`}
    ${options.scale === undefined ? '' : `<scale>${options.scale}</scale>`}
    ${options.defaultValue === undefined ? '' : `<value>${options.defaultValue}</value>`}
  </variables>`;
}

/** `<connector>` XML. */
export function connector(target: string, tag = 'connector'): string {
  return `<${tag}><targetReference>${target}</targetReference></${tag}>`;
}

/** A `<value>`-style child: `str('x')`, `num(1)`, `bool(true)`, `ref('a.b')`. */
export const str = (value: string): string => `<stringValue>${value}</stringValue>`;
export const num = (value: number): string => `<numberValue>${value}</numberValue>`;
export const bool = (value: boolean): string => `<booleanValue>${value}</booleanValue>`;
export const ref = (name: string): string => `<elementReference>${name}</elementReference>`;
export const date = (value: string): string => `<dateValue>${value}</dateValue>`;
export const dateTime = (value: string): string => `<dateTimeValue>${value}</dateTimeValue>`;

/** One `<assignments>` element; items are `[target, operator, valueXml]`. */
export function assignment(name: string, items: readonly (readonly [string, string, string])[], next?: string): string {
  return `<assignments>
    <name>${name}</name><label>${name}</label>
    ${items.map(([target, operator, value]) => `<assignmentItems><assignToReference>${target}</assignToReference><operator>${operator}</operator><value>${value}</value></assignmentItems>`).join('')}
    ${next === undefined ? '' : connector(next)}
  </assignments>`;
}

/** A condition XML: `[left, operator, rightXml]`. */
export function conditions(items: readonly (readonly [string, string, string])[]): string {
  return items
    .map(([left, operator, right]) => `<conditions><leftValueReference>${left}</leftValueReference><operator>${operator}</operator><rightValue>${right}</rightValue></conditions>`)
    .join('');
}

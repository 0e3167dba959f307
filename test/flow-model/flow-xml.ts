/** Builds small flow XML documents for tests. */
import { parseFlowXml, validateFlow, type Diagnostic, type FlowDefinition, type FlowElement } from '../../src/flow-model/index.js';

/** A `<Flow>` document around `body`; `processType` and `label` are added unless given as `null`. */
export function flowXml(body: string, options: { processType?: string | null; label?: string | null } = {}): string {
  const processType = options.processType === undefined ? 'AutoLaunchedFlow' : options.processType;
  const label = options.label === undefined ? 'Test Flow' : options.label;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Flow xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <apiVersion>60.0</apiVersion>',
    label === null ? '' : `    <label>${label}</label>`,
    processType === null ? '' : `    <processType>${processType}</processType>`,
    body,
    '</Flow>',
  ].join('\n');
}

/** Parses `xml`, failing the test when the XML itself is rejected. */
export function parse(xml: string, fileName = 'Test_Flow.flow-meta.xml'): { definition: FlowDefinition; diagnostics: Diagnostic[] } {
  const result = parseFlowXml(xml, { fileName });
  if (result.definition === undefined) throw new Error(`parse failed: ${JSON.stringify(result.diagnostics)}`);
  return { definition: result.definition, diagnostics: result.diagnostics };
}

/** Parses a flow body and returns the element named `name`, checked to be of `kind`. */
export function element<K extends FlowElement['kind']>(body: string, name: string, kind: K): Extract<FlowElement, { kind: K }> {
  const { definition } = parse(flowXml(body));
  const found = definition.elements.find((item) => item.name === name);
  if (found === undefined || found.kind !== kind) throw new Error(`no ${kind} named ${name}`);
  return found as Extract<FlowElement, { kind: K }>;
}

/** Parse + validate diagnostics of a flow body. */
export function diagnosticsOf(body: string, options: { processType?: string | null; label?: string | null } = {}): Diagnostic[] {
  const result = parseFlowXml(flowXml(body, options), { fileName: 'Test_Flow.flow-meta.xml' });
  if (result.definition === undefined) return result.diagnostics;
  return [...result.diagnostics, ...validateFlow(result.definition)];
}

/** The codes of diagnostics, optionally only those of one severity. */
export function codes(diagnostics: readonly Diagnostic[], severity?: Diagnostic['severity']): string[] {
  return diagnostics.filter((item) => severity === undefined || item.severity === severity).map((item) => item.code);
}

/** A start connected to `target`. */
export function startAt(target: string): string {
  return `<start><locationX>0</locationX><locationY>0</locationY><connector><targetReference>${target}</targetReference></connector></start>`;
}

/** A String variable. */
export function variable(name: string, dataType = 'String', extra = ''): string {
  return `<variables><name>${name}</name><dataType>${dataType}</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput>${extra}</variables>`;
}

/** An assignment setting `target` to a value fragment (e.g. `<stringValue>x</stringValue>`). */
export function assignment(name: string, target: string, value: string, operator = 'Assign', next?: string): string {
  const connector = next === undefined ? '' : `<connector><targetReference>${next}</targetReference></connector>`;
  return `<assignments><name>${name}</name><label>${name}</label><locationX>0</locationX><locationY>0</locationY><assignmentItems><assignToReference>${target}</assignToReference><operator>${operator}</operator><value>${value}</value></assignmentItems>${connector}</assignments>`;
}

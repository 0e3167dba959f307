/** `validateFlowXml`: parse and validate in one call, as the CLI and the runtime's loader need. */
import type { Diagnostic, FlowDefinition } from './model.js';
import { parseFlowXml, type ParseFlowOptions } from './parse-flow-xml.js';
import { validateFlow } from './validate.js';

/** Parses flow XML and validates the result: parse diagnostics first, then validation's. */
export function validateFlowXml(xml: string, options: ParseFlowOptions = {}): { definition: FlowDefinition | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseFlowXml(xml, options);
  if (parsed.definition === undefined) return parsed;
  return { definition: parsed.definition, diagnostics: [...parsed.diagnostics, ...validateFlow(parsed.definition)] };
}

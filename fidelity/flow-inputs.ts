/**
 * The inputs a user (or the flow's caller) would give a flow: every input variable gets a
 * plausible value of its type. An sObject input gets a sample record of its object; a text
 * input that the flow uses as a record Id (`Id = {!recordId}` in a Get/Update/Delete Records
 * filter, or assigned to a lookup field) gets the Id of a sample record of that object — as a
 * screen flow launched from a record page gets its `recordId`.
 */
import type { FlowDefinition, FlowElement, RecordFilter, ValueExpr, VariableResource } from '../src/flow-model/index.js';
import type { FlowValue } from '../src/engine/index.js';
import { type SampleRecords, today } from './sample-records.js';

/** What the inputs of one start are made of, for the report. */
export interface FlowInputs {
  readonly values: Record<string, FlowValue>;
  /** Input variables left unset, with why (an Apex-defined type, an unknown object...). */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

function referencesVariable(value: ValueExpr, name: string): boolean {
  return value.kind === 'reference' && value.ref.root.toLowerCase() === name.toLowerCase() && value.ref.path.length === 0;
}

/** Where the inputs come from: sample records, the time, and the other flows of the repository (for subflows). */
export interface InputSources {
  readonly records: SampleRecords;
  readonly now: Date;
  /** The definition of another flow of the repository, by API name. */
  readonly flow: (apiName: string) => FlowDefinition | undefined;
}

/**
 * The object whose Id a text variable holds, from how the flow uses it: compared with `Id` or a
 * lookup field in a record filter, assigned to a lookup field, or passed to a subflow's input
 * that is used so (two levels deep).
 */
export async function objectOfIdVariable(definition: FlowDefinition, name: string, sources: InputSources, depth = 0): Promise<string | undefined> {
  const schema = await sources.records.schema();
  const fromFilters = (object: string | undefined, filters: readonly RecordFilter[]): string | undefined => {
    if (object === undefined) return undefined;
    for (const filter of filters) {
      if (!referencesVariable(filter.value, name)) continue;
      if (filter.field.toLowerCase() === 'id') return object;
      const target = schema.field(object, filter.field)?.referenceTo[0];
      if (target !== undefined) return target;
    }
    return undefined;
  };
  const fromElement = (element: FlowElement): string | undefined => {
    if (element.kind === 'recordLookup' || element.kind === 'recordDelete') return fromFilters(element.object, element.filters);
    if (element.kind === 'recordUpdate') return fromFilters(element.object, element.filters) ?? fromAssignments(element.object, element.inputAssignments);
    if (element.kind === 'recordCreate') return fromAssignments(element.object, element.inputAssignments);
    return undefined;
  };
  const fromAssignments = (object: string | undefined, assignments: readonly { readonly field: string; readonly value: ValueExpr }[]): string | undefined => {
    if (object === undefined) return undefined;
    for (const assignment of assignments) {
      if (!referencesVariable(assignment.value, name)) continue;
      const target = schema.field(object, assignment.field)?.referenceTo[0];
      if (target !== undefined) return target;
    }
    return undefined;
  };
  for (const element of definition.elements) {
    const found = fromElement(element);
    if (found !== undefined) return found;
  }
  if (depth >= 2) return undefined;
  for (const element of definition.elements) {
    if (element.kind !== 'subflow') continue;
    const subflow = sources.flow(element.flowName);
    if (subflow === undefined) continue;
    for (const input of element.inputAssignments) {
      if (!referencesVariable(input.value, name)) continue;
      const found = await objectOfIdVariable(subflow, input.name, sources, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The object type of a record variable the reference names, if any. */
function objectTypeOf(definition: FlowDefinition, root: string): string | undefined {
  const resource = definition.resources.find((candidate) => candidate.kind === 'variable' && candidate.name.toLowerCase() === root.toLowerCase());
  return resource?.kind === 'variable' ? resource.objectType?.toLowerCase() : undefined;
}

/**
 * Whether the caller passes new (unsaved) records in this input: the flow creates records of
 * its object (from the variable itself, or from a variable of the same object it fills from it)
 * and never updates or deletes records of that object by reference.
 */
function isCreatedFrom(definition: FlowDefinition, variable: VariableResource): boolean {
  const type = variable.objectType?.toLowerCase();
  if (type === undefined) return false;
  let creates = false;
  for (const element of definition.elements) {
    if ((element.kind === 'recordUpdate' || element.kind === 'recordDelete') && element.inputReference !== undefined && objectTypeOf(definition, element.inputReference.root) === type) return false;
    if (element.kind === 'recordCreate' && element.inputReference !== undefined && objectTypeOf(definition, element.inputReference.root) === type) creates = true;
  }
  return creates;
}

async function valueFor(variable: VariableResource, definition: FlowDefinition, sources: InputSources): Promise<FlowValue | { readonly skip: string }> {
  const { records, now } = sources;
  const many = (value: FlowValue): FlowValue => (variable.isCollection ? [value] : value);
  switch (variable.dataType) {
    case 'String':
    case 'Reference': {
      const object = await objectOfIdVariable(definition, variable.name, sources);
      if (object !== undefined) return many(await records.idOf(object));
      // A record Id of an object the flow does not reveal: the caller (a page of some object) is unknown.
      if (/ids?$/i.test(variable.name) || variable.dataType === 'Reference') return { skip: 'a record Id of an object the flow does not reveal' };
      return many(`Fidelity ${variable.name}`);
    }
    case 'Picklist':
    case 'Multipicklist':
      return many(`Fidelity ${variable.name}`);
    case 'Number':
    case 'Currency':
    case 'Long':
      return many(1);
    case 'Boolean':
      return many(true);
    case 'Date':
      return many(today(now));
    case 'DateTime':
      return many(now.toISOString());
    case 'Time':
      return many('12:00:00.000Z');
    case 'SObject': {
      if (variable.objectType === undefined) return { skip: 'an sObject variable without an object type' };
      const record = isCreatedFrom(definition, variable) ? await records.newRecordOf(variable.objectType) : await records.recordOf(variable.objectType);
      return many(record as unknown as FlowValue);
    }
    case 'Apex':
      return { skip: `an Apex-defined type (${variable.apexClass ?? 'unknown class'}) the corpus does not define` };
    case 'Stage':
      return { skip: 'a stage' };
  }
}

/** Plausible values for every input variable of `definition`. */
export async function plausibleInputs(definition: FlowDefinition, sources: InputSources): Promise<FlowInputs> {
  const values: Record<string, FlowValue> = {};
  const skipped: { name: string; reason: string }[] = [];
  for (const resource of definition.resources) {
    if (resource.kind !== 'variable' || !resource.isInput) continue;
    // A variable with a default keeps it: the caller need not pass it.
    if (resource.defaultValue !== undefined && resource.defaultValue.kind !== 'null') continue;
    const value = await valueFor(resource, definition, sources);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'skip' in value && typeof value.skip === 'string') {
      skipped.push({ name: resource.name, reason: value.skip });
    } else {
      values[resource.name] = value as FlowValue;
    }
  }
  return { values, skipped };
}

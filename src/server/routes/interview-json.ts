/**
 * Interviews as JSON: the seed's `FlowInterview` (the FlowInterview record plus `CurrentElement`,
 * `GuidedFlowName`, `HasFinished` and `outputs` as `[{ name, value }]`) and the runtime API's
 * view (the record, what it awaits, its screen model, wait, outputs or fault, its flow's label).
 */
import type { JsonValue } from '../../engine/index.js';
import type { FlowInterviewSummary, InterviewView } from '../../runtime/index.js';
import { recordAttributes } from '../describe-shapes.js';

/** FlowInterview fields as the describe lists them, in order (Eddy's own fields are left out). */
const RECORD_FIELDS = [
  'Id', 'Name', 'CurrentElement', 'Guid', 'InterviewLabel', 'PauseLabel', 'OwnerId', 'WasPausedFromScreen', 'InterviewStatus', 'FlowVersionViewId', 'Error',
  'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById',
] as const;

/** A FlowInterview row as a REST record (`attributes` first, Eddy's own fields left out). */
export function interviewRecord(row: FlowInterviewSummary, apiVersion: string): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = { attributes: recordAttributes('FlowInterview', row.Id, apiVersion) };
  const source = row as unknown as Record<string, JsonValue | undefined>;
  for (const field of RECORD_FIELDS) record[field] = source[field] ?? null;
  record.IsDeleted = false;
  return record;
}

/**
 * The seed's `FlowInterview`: the record, `GuidedFlowName` (the flow's API name), `HasFinished`
 * (completed or failed) and `outputs`. `CurrentElement` is left out when there is none (the seed
 * types it as a string).
 */
export function seedFlowInterview(view: InterviewView, apiVersion: string): Record<string, JsonValue> {
  // Built field by field rather than deleting CurrentElement afterwards: `delete` turns the object
  // into a slow dictionary for JSON.stringify, and this is the hottest read of the API.
  const body: Record<string, JsonValue> = {};
  for (const [field, value] of Object.entries(interviewRecord(view.interview, apiVersion))) {
    if (field !== 'CurrentElement' || value !== null) body[field] = value;
  }
  body.GuidedFlowName = view.interview.flowApiName;
  body.HasFinished = view.awaiting === 'finished' || view.awaiting === 'failed';
  body.outputs = Object.entries(view.outputs ?? {}).map(([name, value]) => ({ name, value }));
  return body;
}

/** The runtime API's answer for an interview. */
export function runtimeView(view: InterviewView, flowLabel: string | null, apiVersion: string): Record<string, JsonValue> {
  const { version: concurrencyVersion, flowApiName } = view.interview;
  const body: Record<string, JsonValue> = {
    interview: { ...interviewRecord(view.interview, apiVersion), flowApiName, version: concurrencyVersion },
    awaiting: view.awaiting,
    flowLabel,
  };
  if (view.screen) {
    body.screen = JSON.parse(JSON.stringify(view.screen)) as JsonValue;
    body.pausedText = view.screen.pausedText ?? null;
  }
  if (view.wait) body.wait = JSON.parse(JSON.stringify(view.wait)) as JsonValue;
  if (view.outputs) body.outputs = view.outputs as JsonValue;
  if (view.fault) body.fault = { code: view.fault.code, message: view.fault.message, element: view.fault.element ?? null };
  return body;
}

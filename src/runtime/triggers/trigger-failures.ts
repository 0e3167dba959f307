/**
 * What a faulted record-triggered run leaves: the save error the client sees, and — in a
 * transaction of its own, after the save's transaction has committed or rolled back — the
 * failed interview in Setup's failed runs and Salesforce's flow error email to the flow's last
 * modifier (through the outbox and the job runner). Salesforce sends that email even when the
 * save rolls back, so it cannot be written in the save's transaction.
 *
 * As Salesforce keeps one failed interview per batch ("per transaction batch of ≤200 failures:
 * 1 saved"), one save records one failed run and sends one email per flow and fault, naming how
 * many records it failed.
 */
import { randomUUID } from 'node:crypto';
import type { Fault, InterviewState } from '../../engine/index.js';
import { STATE_SCHEMA_VERSION } from '../../engine/index.js';
import { addToOutbox } from '../email/outbox.js';
import type { EmailPayload } from '../interviews/effect-outbox.js';
import { failureChanges } from '../interviews/interview-changes.js';
import type { Storage } from '../ports/index.js';
import type { SaveError } from './save-types.js';
import type { ActiveTrigger } from './trigger-registry.js';

/** A triggered run that ended in an unhandled fault. */
export interface TriggerFailure {
  readonly trigger: ActiveTrigger;
  readonly fault: Fault;
  /** The triggering record (none for a create that failed before it was written). */
  readonly recordId: string | null;
  /** The user who saved. */
  readonly userId: string;
}

/**
 * The errors a record gets when a flow faults: a Custom Error's messages as
 * `FIELD_CUSTOM_VALIDATION_EXCEPTION` (at their field, or for the record), anything else as
 * `CANNOT_EXECUTE_FLOW_TRIGGER` naming the flow's label and the element.
 */
export function faultErrors(trigger: ActiveTrigger, fault: Fault): SaveError[] {
  if (fault.code === 'CUSTOM_ERROR') {
    const messages = fault.errors ?? [{ message: fault.message }];
    return messages.map((entry) => ({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: entry.message, fields: entry.field === undefined ? [] : [entry.field] }));
  }
  return [{ statusCode: 'CANNOT_EXECUTE_FLOW_TRIGGER', message: cannotExecuteMessage(trigger, fault), fields: [] }];
}

/** Salesforce's wording for a record-triggered flow that failed the save. */
export function cannotExecuteMessage(trigger: ActiveTrigger, fault: Fault): string {
  const where = fault.element === undefined ? '' : ` at element "${fault.element}"`;
  return `We can't save this record because the “${trigger.label}” process failed. Give your Salesforce admin these details. An unhandled fault has occurred in this flow${where}: ${fault.message}`;
}

/** The subject of the flow error email. */
export function errorEmailSubject(trigger: ActiveTrigger, fault: Fault): string {
  return `Error Occurred During Flow "${trigger.label}": ${fault.message}`.slice(0, 255);
}

/**
 * Records the failures of one save after its transaction: per flow and fault, one failed
 * interview (Error, at the element, with the message, the record and the user) and one email to
 * the flow's last modifier. Does nothing when there are none.
 */
export async function recordTriggerFailures(storage: Storage, failures: readonly TriggerFailure[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  const byFlow = new Map<string, { first: TriggerFailure; records: string[] }>();
  for (const failure of failures) {
    const key = `${failure.trigger.versionId}:${failure.fault.code}:${failure.fault.element ?? ''}:${failure.fault.message}`;
    const entry = byFlow.get(key) ?? { first: failure, records: [] };
    if (failure.recordId !== null) entry.records.push(failure.recordId);
    byFlow.set(key, entry);
  }
  await storage.transaction(async (tx) => {
    const org = await tx.settings.getOrganization();
    for (const { first, records } of byFlow.values()) {
      const { trigger, fault } = first;
      const recordId = first.recordId;
      const state: InterviewState = {
        schemaVersion: STATE_SCHEMA_VERSION,
        status: 'error',
        globals: { guid: randomUUID(), startTime: now.toISOString(), currentRecord: recordId, currentStage: null, activeStages: [], faultMessage: fault.message },
        frames: [{ flow: trigger.developerName, current: fault.element ?? null, vars: {}, loops: {}, history: [], stored: {}, visited: [] }],
        pending: null,
        waiting: null,
        fault,
        executed: 0,
      };
      const interview = await tx.interviews.create(
        {
          Guid: state.globals.guid,
          FlowVersionViewId: trigger.versionId,
          OwnerId: first.userId,
          InterviewLabel: `${trigger.label} ${recordId ?? ''}`.trim().slice(0, 1000),
          ...failureChanges({ fault }),
          state,
        },
        first.userId,
      );
      if (recordId !== null && (await tx.records.exists(recordId))) await tx.interviews.setRecordRelations(interview.Id, [recordId], first.userId);
      const modifier = await tx.directory.getUser(trigger.lastModifiedById);
      const saver = await tx.directory.getUser(first.userId);
      const to = modifier?.Email;
      if (to === undefined || to === null || to === '') continue;
      const payload: EmailPayload = {
        element: fault.element ?? 'start',
        from: org.automatedProcessUserEmail ?? to,
        to: [to],
        cc: [],
        bcc: [],
        subject: errorEmailSubject(trigger, fault),
        body: [
          `An error occurred with your "${trigger.label}" flow (${trigger.developerName}, version ${trigger.versionNumber}, record-triggered on ${trigger.trigger.object}).`,
          '',
          `Error element ${fault.element ?? '(start)'}.`,
          `${fault.code}: ${fault.message}`,
          '',
          `Flow interview details: current user ${saver?.Username ?? first.userId} (${first.userId}); start time ${now.toISOString()}.`,
          `Triggering record${records.length === 1 ? '' : 's'}: ${records.length === 0 ? '(a new record, not saved)' : records.join(', ')}.`,
          `Failed interview: ${interview.Id}.`,
        ].join('\n'),
        isHtml: false,
        unresolvedRecipientIds: [],
      };
      await addToOutbox(tx, { kind: 'email', payload, interviewId: interview.Id });
    }
  });
}

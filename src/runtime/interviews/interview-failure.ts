/**
 * Failed runs. A run that ends in an unhandled fault is Salesforce's failed transaction: the
 * service throws {@link RunFailed} so that the run's record writes and effects roll back, then
 * records the interview as `Error` with the fault in a transaction of its own, here: created so
 * when the start failed, saved so otherwise, letting go of what it held (its wait, its record and
 * stage relations).
 */
import { migrateState } from '../../engine/index.js';
import type { Fault, InterviewState } from '../../engine/index.js';
import { failureChanges } from './interview-changes.js';
import type { JobCompletion } from '../jobs/job-runner.js';
import type { Storage, StorageSession, StoredInterview } from '../ports/index.js';
import { clearWait } from '../waits/wait-jobs.js';

/** A run that ended in an unhandled fault: thrown to roll the transaction back. */
export class RunFailed extends Error {
  readonly state: InterviewState;
  readonly fault: Fault;
  readonly flowApiName: string;

  constructor(state: InterviewState, fault: Fault, flowApiName: string) {
    super(fault.message);
    this.name = 'RunFailed';
    this.state = state;
    this.fault = fault;
    this.flowApiName = flowApiName;
  }
}

/** Records a failed start in a transaction of its own: the interview is created in error. */
export async function recordStartFailure(
  storage: Storage,
  row: { readonly guid: string; readonly versionId: string; readonly ownerId: string },
  failed: RunFailed,
): Promise<StoredInterview> {
  return storage.transaction(async (tx) =>
    tx.interviews.create({ Guid: row.guid, FlowVersionViewId: row.versionId, OwnerId: row.ownerId, ...failureChanges(failed), state: failedState(failed) }, row.ownerId),
  );
}

/** Records a failed run in a transaction of its own (the run's writes were rolled back). */
export async function recordFailure(
  storage: Storage,
  interview: StoredInterview,
  failed: RunFailed,
  actorId: string,
  job: JobCompletion | undefined,
): Promise<StoredInterview> {
  return storage.transaction(async (tx) => saveFailed(tx, interview, { fault: failed.fault, state: failedState(failed) }, actorId, job));
}

/** After the last retry: the waiting interview is recorded as failed (if it still waits there). */
export async function recordResumeFailure(
  storage: Storage,
  payload: { readonly interviewId: string; readonly version: number; readonly element: string },
  attempts: number,
  message: string,
): Promise<void> {
  await storage.transaction(async (tx) => {
    const interview = await tx.interviews.get(payload.interviewId);
    if (interview === undefined || interview.version !== payload.version) return;
    const state = migrateState(interview.state);
    const fault: Fault = { code: 'RESUME_FAILED', message: `The interview could not resume after ${attempts} attempts: ${message}`, element: payload.element };
    await saveFailed(tx, interview, { fault, state: { ...state, status: 'error', fault, waiting: null } }, interview.CreatedById, undefined);
  });
}

/**
 * Saves the interview as failed, completes the job that ran it (before its wait is cleared,
 * which would cancel that job), and drops its wait and relations.
 */
async function saveFailed(
  tx: StorageSession,
  interview: StoredInterview,
  failed: { readonly fault: Fault; readonly state: InterviewState },
  actorId: string,
  job: JobCompletion | undefined,
): Promise<StoredInterview> {
  const saved = await tx.interviews.save(interview.Id, interview.version, { ...failureChanges(failed), state: failed.state }, actorId);
  const prior = migrateState(interview.state).waiting;
  await job?.complete(tx);
  if (prior !== null) await clearWait(tx, interview.Id, interview.version, prior);
  await tx.interviews.setRecordRelations(interview.Id, [], actorId);
  await tx.interviews.setStageRelations(interview.Id, [], actorId);
  return saved;
}

/** The engine state stored for a failed run: in error with its fault, waiting for nothing. */
function failedState(failed: RunFailed): InterviewState {
  return failed.state.status === 'error' ? failed.state : { ...failed.state, status: 'error', fault: failed.fault, waiting: null };
}

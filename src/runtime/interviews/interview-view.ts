/**
 * What the interview service answers: the FlowInterview row (without its engine state), the
 * flow's API name, and what the interview waits for — a screen to submit, a paused screen to
 * resume, an event, or nothing more (finished with outputs, or failed with a fault).
 */
import type { Awaiting, Fault, FlowValue, ScreenModel, WaitCondition } from '../../engine/index.js';
import type { FlowInterviewSummary } from '../ports/index.js';

/** A FlowInterview's public fields, the flow's API name and the optimistic-concurrency `version`. */
export interface InterviewRecordView extends FlowInterviewSummary {
  /** The flow's API name (`DeveloperName` of its definition). */
  readonly flowApiName: string;
}

/** Where an interview is, from its user's point of view. */
export type InterviewAwaiting = 'screen' | 'paused' | 'waiting' | 'finished' | 'failed';

/** An interview as the service returns it. */
export interface InterviewView {
  readonly interview: InterviewRecordView;
  readonly awaiting: InterviewAwaiting;
  /** `screen`: the screen to submit; `paused`: the screen it will resume on (with the values kept). */
  readonly screen?: ScreenModel;
  /** `waiting`: the wait element and the events that can resume it. */
  readonly wait?: WaitCondition;
  /** `finished`: the flow's output variables. */
  readonly outputs?: Record<string, FlowValue>;
  /** `failed`: why. */
  readonly fault?: Fault;
}

/** The public fields of a stored interview, with its flow's API name. */
export function toInterviewRecordView(interview: FlowInterviewSummary, flowApiName: string): InterviewRecordView {
  return {
    Id: interview.Id,
    Name: interview.Name,
    Guid: interview.Guid,
    InterviewLabel: interview.InterviewLabel,
    PauseLabel: interview.PauseLabel,
    CurrentElement: interview.CurrentElement,
    InterviewStatus: interview.InterviewStatus,
    OwnerId: interview.OwnerId,
    WasPausedFromScreen: interview.WasPausedFromScreen,
    FlowVersionViewId: interview.FlowVersionViewId,
    Error: interview.Error,
    CreatedDate: interview.CreatedDate,
    CreatedById: interview.CreatedById,
    LastModifiedDate: interview.LastModifiedDate,
    LastModifiedById: interview.LastModifiedById,
    flowDefinitionId: interview.flowDefinitionId,
    version: interview.version,
    flowApiName,
  };
}

/** Builds the view of a stored interview from what its engine state awaits. */
export function toInterviewView(interview: FlowInterviewSummary, flowApiName: string, awaiting: Awaiting): InterviewView {
  const record = toInterviewRecordView(interview, flowApiName);
  switch (awaiting.kind) {
    case 'screen':
      return { interview: record, awaiting: interview.InterviewStatus === 'Paused' ? 'paused' : 'screen', screen: awaiting.screen };
    case 'wait':
      return { interview: record, awaiting: 'waiting', wait: awaiting.wait };
    case 'finished':
      return { interview: record, awaiting: 'finished', outputs: awaiting.outputs };
    case 'failed':
      return { interview: record, awaiting: 'failed', fault: awaiting.fault };
    case 'request':
      throw new Error(`Interview ${interview.Id} rests on a request (${awaiting.request.kind}); requests are answered before an interview is stored.`);
  }
}

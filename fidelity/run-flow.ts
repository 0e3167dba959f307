/**
 * Runs one corpus flow the way a user would, through the production interview service (one
 * transaction per operation, the engine's request loop, the record store): a screen flow is
 * started with its inputs and each screen answered with plausible values (`answer-screen.ts`),
 * the first screen that allows it paused and resumed; an autolaunched flow is started with
 * plausible inputs (`flow-inputs.ts`); a record-triggered flow is fired by saving a record of its
 * object through the save pipeline (`fireBySave`). Flows that only a platform event, a schedule, an
 * orchestration or Process Builder starts are not run, and say why.
 */
import { classifyProcessType, type FlowDefinition, parseFlowXml, recordTriggerOf, type RecordTrigger } from '../src/flow-model/index.js';
import type { Fault, FlowRecord, FlowValue, ScreenModel } from '../src/engine/index.js';
import { isRequestError, type InterviewView } from '../src/runtime/index.js';
import { type Classification, classifyFault, type OutcomeClass, type SeenFault } from './classify.js';
import type { CorpusFlow } from './corpus.js';
import type { FidelityOrg } from './fidelity-org.js';
import { answerScreen } from './answer-screen.js';
import { type InputSources, plausibleInputs } from './flow-inputs.js';
import type { PortError } from './port-errors.js';
import { UnknownObjectError } from './sample-records.js';

/** How one flow's run ended, for the report. */
export interface FlowOutcome {
  readonly path: string;
  readonly repository: string;
  readonly apiName: string;
  readonly processType: string | undefined;
  readonly triggerType: string | undefined;
  readonly apiVersion: string | undefined;
  readonly class: OutcomeClass;
  readonly cause: string;
  readonly subject?: string;
  /** The first fault of the run: the interview's, or an error a port threw that a fault connector handled. */
  readonly fault?: SeenFault & { readonly handled: boolean };
  /** Screens shown (a re-shown screen counts again). */
  readonly screens: number;
  /** Whether the run paused at a screen and resumed. */
  readonly pausedAndResumed: boolean;
  /** Input variables given at the start, and those left unset with why. */
  readonly inputs: readonly string[];
  readonly skippedInputs: readonly { readonly name: string; readonly reason: string }[];
  readonly durationMs: number;
}

/** Limits of one run. */
export interface RunLimits {
  /** Wall-clock limit of one flow (default 20 s). */
  readonly timeLimitMs: number;
  /** Screens shown before the run counts as stuck (default 40). */
  readonly maxScreens: number;
}

/** The run did not end in time. */
class TimeLimitError extends Error {}

/** The run cannot go on for a reason the runner classifies itself. */
class Stop extends Error {
  readonly classification: Classification;

  constructor(classification: Classification) {
    super(classification.cause);
    this.classification = classification;
  }
}

const TRIGGERS: Readonly<Record<string, string>> = {
  PlatformEvent: 'platform-event-triggered: Eddy does not start flows on events yet',
};

/** Why a deployed flow is not started, or undefined when it is. */
function notRunReason(definition: FlowDefinition): string | undefined {
  const support = classifyProcessType(definition.processType);
  if (support === 'orchestration') return 'orchestration: Eddy does not run orchestrations yet';
  if (support === 'processBuilder') return 'Process Builder: Eddy does not run processes';
  const trigger = definition.start?.triggerType;
  if (trigger !== undefined && TRIGGERS[trigger] !== undefined) return TRIGGERS[trigger];
  if (trigger === 'Scheduled' && definition.start?.object !== undefined) return 'scheduled over records: Eddy does not run schedules yet';
  return undefined;
}

/** Races `work` against the deadline; the work itself goes on (the caller waits for it before the next flow). */
function beforeDeadline<T>(work: Promise<T>, deadline: number, pending: Set<Promise<unknown>>): Promise<T> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  pending.add(settled);
  void settled.then(() => pending.delete(settled));
  const left = deadline - performance.now();
  if (left <= 0) return Promise.reject(new TimeLimitError());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError()), left);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What a screen's field errors say, in one line. */
function screenErrors(screen: ScreenModel): string {
  return [...Object.entries(screen.errors).map(([field, error]) => `${field}: ${error}`), ...screen.pageErrors].join('; ');
}

/** Runs `flow` in `org`; never throws for a flow's own failure (a bug of the runner or of Eddy is reported as an Eddy fault). */
export async function runCorpusFlow(org: FidelityOrg, flow: CorpusFlow, xml: string, limits: RunLimits, now: Date, flowNamed: InputSources['flow']): Promise<FlowOutcome> {
  const started = performance.now();
  const deadline = started + limits.timeLimitMs;
  const pending = new Set<Promise<unknown>>();
  const { definition } = parseFlowXml(xml, { fileName: `${flow.apiName}.flow-meta.xml` });
  let screens = 0;
  let pausedAndResumed = false;
  let inputs: string[] = [];
  let skippedInputs: { name: string; reason: string }[] = [];
  org.portErrors.take();

  const outcome = (classification: Classification, fault?: SeenFault & { handled: boolean }): FlowOutcome => ({
    path: flow.path,
    repository: flow.repository,
    apiName: flow.apiName,
    processType: definition?.processType ?? flow.manifest.processType,
    triggerType: definition?.start?.triggerType ?? flow.manifest.triggerType,
    apiVersion: definition?.apiVersion ?? flow.manifest.apiVersion,
    class: classification.class,
    cause: classification.cause,
    ...(classification.subject === undefined ? {} : { subject: classification.subject }),
    ...(fault === undefined ? {} : { fault }),
    screens,
    pausedAndResumed,
    inputs,
    skippedInputs,
    durationMs: Math.round(performance.now() - started),
  });

  const deployed = org.deployed.get(flow.path);
  if (deployed === undefined || deployed.status === 'refused' || deployed.versionId === undefined) {
    return outcome({ class: 'not-run', cause: 'refused at deploy', subject: deployed?.reason ?? 'not deployed' });
  }
  if (deployed.versionStatus === 'InvalidDraft' || definition === undefined) {
    const error = deployed.diagnostics.find((d) => d.severity === 'error');
    return outcome({ class: 'not-run', cause: `invalid flow: ${error?.code ?? 'parse error'}`, subject: error?.message ?? deployed.reason ?? '' });
  }
  const reason = notRunReason(definition);
  if (reason !== undefined) return outcome({ class: 'not-run', cause: reason });
  const trigger = recordTriggerOf(definition);
  if (trigger !== undefined) {
    try {
      return await beforeDeadline(fireBySave(org, definition, trigger, outcome, xml), deadline, pending);
    } catch (error) {
      const handled = org.portErrors.take()[0];
      const fault = handled === undefined ? undefined : { ...handled, handled: true };
      if (error instanceof TimeLimitError) return outcome({ class: 'stuck', cause: `time limit (${limits.timeLimitMs} ms)` }, fault);
      if (error instanceof UnknownObjectError) return outcome(classifyFault({ code: 'INVALID_TYPE', message: error.message }));
      if (isRequestError(error)) return outcome({ class: 'eddy-fault', cause: `request refused: ${error.code}`, subject: error.message }, fault);
      return outcome({ class: 'eddy-fault', cause: 'Eddy threw (a bug)', subject: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, fault);
    } finally {
      await Promise.all(pending);
    }
  }

  const { interviews } = org.runtime;
  const actor = org.adminId;
  /** The first port error of the run, if any (a fault a connector may have handled). */
  const firstPortError = (errors: readonly PortError[]): PortError | undefined => errors[0];
  let portErrors: PortError[] = [];
  const ended = (view: InterviewView): FlowOutcome => {
    portErrors = [...portErrors, ...org.portErrors.take()];
    const handled = firstPortError(portErrors);
    if (view.awaiting === 'failed') {
      const fault: Fault = view.fault ?? { code: 'RESUME_FAILED', message: view.interview.Error ?? 'failed without a fault', element: view.interview.CurrentElement ?? '' };
      // A port error before the fault that is not the fault itself was handled by a fault connector first.
      const first = handled !== undefined && handled.message !== fault.message ? { ...handled, handled: true } : { code: fault.code, message: fault.message, element: fault.element, handled: false };
      return outcome(classifyFault(first, xml), first);
    }
    const result: Classification = view.awaiting === 'waiting' ? { class: 'waiting', cause: `waits at ${view.interview.CurrentElement ?? 'a wait element'}` } : { class: 'finished', cause: 'ran to the end' };
    if (handled !== undefined) {
      // The flow went down a fault path; what a user sees is that path, unless Salesforce would have raised the same error.
      const classification = classifyFault(handled, xml);
      if (classification.class !== 'flow-fault') return outcome(classification, { ...handled, handled: true });
    }
    return outcome(result);
  };

  try {
    let given: Awaited<ReturnType<typeof plausibleInputs>>;
    try {
      given = await beforeDeadline(plausibleInputs(definition, { records: org.samples, now, flow: flowNamed }), deadline, pending);
    } catch (error) {
      if (error instanceof UnknownObjectError) throw new Stop({ ...classifyFault({ code: 'INVALID_TYPE', message: error.message }), cause: `input record: ${classifyFault({ code: 'INVALID_TYPE', message: error.message }).cause}` });
      throw error;
    }
    inputs = Object.keys(given.values);
    skippedInputs = [...given.skipped];
    let view = await beforeDeadline(interviews.start(actor, flow.apiName, { inputs: given.values, versionId: deployed.versionId }), deadline, pending);
    const visits = new Map<string, number>();
    while (view.awaiting === 'screen' && view.screen !== undefined) {
      screens += 1;
      if (screens > limits.maxScreens) throw new Stop({ class: 'stuck', cause: `no end after ${limits.maxScreens} screens`, subject: view.screen.name });
      const screen = view.screen;
      const visit = visits.get(screen.name) ?? 0;
      visits.set(screen.name, visit + 1);
      if (visit >= 3 && screenErrors(screen) !== '') throw new Stop({ class: 'stuck', cause: 'a screen refuses plausible answers', subject: `${screen.name}: ${screenErrors(screen)}` });
      const values: Record<string, FlowValue> = await beforeDeadline(answerScreen(screen, org.samples, now, visit), deadline, pending);
      if (!pausedAndResumed && screen.actions.includes('PAUSE')) {
        const paused = await beforeDeadline(interviews.pause(actor, view.interview.Id, { values, reason: 'Fidelity run' }), deadline, pending);
        if (paused.awaiting !== 'paused') throw new Stop({ class: 'eddy-fault', cause: 'pause did not pause', subject: `${screen.name}: ${paused.awaiting}` });
        const resumed = await beforeDeadline(interviews.resume(actor, view.interview.Id), deadline, pending);
        if (resumed.awaiting !== 'screen' || resumed.screen?.name !== screen.name) {
          throw new Stop({ class: 'eddy-fault', cause: 'resume did not return to the paused screen', subject: `${screen.name} → ${resumed.screen?.name ?? resumed.awaiting}` });
        }
        pausedAndResumed = true;
        view = resumed;
        continue;
      }
      const action = screen.actions.includes('NEXT') ? 'NEXT' : screen.actions.includes('FINISH') ? 'FINISH' : undefined;
      if (action === undefined) {
        // A screen without a footer (an image, a message) is where the user's journey ends, in Salesforce too.
        if (!screen.showFooter) return outcome({ class: 'finished', cause: 'rests on a screen without navigation (showFooter false)', subject: screen.name });
        throw new Stop({ class: 'stuck', cause: 'a screen offers neither Next nor Finish', subject: screen.name });
      }
      view = await beforeDeadline(interviews.navigate(actor, view.interview.Id, { action, values }), deadline, pending);
    }
    return ended(view);
  } catch (error) {
    const handled = firstPortError([...portErrors, ...org.portErrors.take()]);
    const fault = handled === undefined ? undefined : { ...handled, handled: true };
    if (error instanceof Stop) return outcome(error.classification, fault);
    if (error instanceof TimeLimitError) return outcome({ class: 'stuck', cause: `time limit (${limits.timeLimitMs} ms)` }, fault);
    if (isRequestError(error)) return outcome({ class: 'eddy-fault', cause: `request refused: ${error.code}`, subject: error.message }, fault);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return outcome({ class: 'eddy-fault', cause: 'Eddy threw (a bug)', subject: message }, fault);
  } finally {
    await Promise.all(pending);
  }
}

/**
 * Fires a record-triggered flow as a user's save would: a new record of its object for a create
 * trigger; for an update trigger, the sample record saved with its name changed; for a delete
 * trigger, a new record deleted. The save goes through the runtime's save pipeline, so every
 * active triggered flow of the repository on that object runs, in trigger order. A save that
 * succeeds counts as the flow's end (whether its entry conditions held is what Salesforce would
 * decide the same way); a refused save is classified by the first error a port threw inside
 * the flow (an unknown Apex action, an object the corpus lacks...), else by the save's error.
 * A refusal that names another flow of the repository is not this flow's outcome: not-run.
 */
async function fireBySave(
  org: FidelityOrg,
  definition: FlowDefinition,
  trigger: RecordTrigger,
  outcome: (classification: Classification, fault?: SeenFault & { handled: boolean }) => FlowOutcome,
  xml: string,
): Promise<FlowOutcome> {
  const { saves } = org.runtime;
  const actor = org.adminId;
  const event = trigger.events.includes('create') ? 'create' : trigger.events.includes('update') ? 'update' : 'delete';
  const fresh = async (): Promise<string> => {
    const [created] = await saves.save(actor, { operation: 'create', object: trigger.object, records: [await org.samples.newRecordOf(trigger.object)] });
    if (created === undefined || !created.success || created.id === null) throw new SaveRefused(created?.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'no result' });
    return created.id;
  };
  org.portErrors.take();
  let results;
  try {
    if (event === 'create') {
      results = await saves.save(actor, { operation: 'create', object: trigger.object, records: [await org.samples.newRecordOf(trigger.object)] });
    } else if (event === 'update') {
      const id = await org.samples.idOf(trigger.object);
      const schema = await org.samples.schema();
      const name = ['Name', 'LastName', 'Subject', 'Title', 'Description'].map((field) => schema.field(trigger.object, field)).find((field) => field?.updateable === true);
      const record = { attributes: { type: trigger.object }, Id: id, ...(name === undefined ? {} : { [name.name]: 'Fidelity changed' }) } as FlowRecord;
      results = await saves.save(actor, { operation: 'update', object: trigger.object, records: [record] });
    } else {
      const id = await fresh();
      org.portErrors.take();
      results = await saves.save(actor, { operation: 'delete', object: trigger.object, records: [{ attributes: { type: trigger.object }, Id: id } as FlowRecord] });
    }
  } catch (error) {
    if (error instanceof SaveRefused) return outcome({ class: 'not-run', cause: `a sample ${trigger.object} could not be created to fire it`, subject: `${error.error.statusCode}: ${error.error.message}` });
    throw error;
  }
  const handled = org.portErrors.take()[0];
  const failed = results.find((result) => !result.success);
  const how = `fired by a ${event} of ${trigger.object}`;
  if (failed === undefined) return outcome({ class: 'finished', cause: `${how}: the save succeeded` });
  const error = failed.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'the save failed without an error', fields: [] };
  const label = definition.label ?? '';
  if (error.statusCode === 'CANNOT_EXECUTE_FLOW_TRIGGER' && label !== '' && !error.message.includes(label)) {
    return outcome({ class: 'not-run', cause: 'another triggered flow of the repository refused the save', subject: error.message });
  }
  if (error.statusCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION') return outcome({ class: 'flow-fault', cause: "the flow's own Custom Error refused the save", subject: error.message });
  const first = handled ?? { code: error.statusCode, message: error.message };
  return outcome(classifyFault(first, xml), { ...first, handled: false });
}

/** The sample record a triggered flow needs could not be saved. */
class SaveRefused extends Error {
  readonly error: { readonly statusCode: string; readonly message: string };

  constructor(error: { readonly statusCode: string; readonly message: string }) {
    super(error.message);
    this.error = error;
  }
}

/**
 * What a deploy reports: one entry per flow file and per object or field file, and a summary.
 * Plain data, printed by the CLI and returned as JSON by the API.
 */
import type { Diagnostic } from '../../flow-model/index.js';
import type { ObjectMetadataDiagnostic } from '../org/object-metadata.js';
import type { FlowVersionStatus } from '../ports/index.js';
import type { TriggerRunOrder, TriggerSummary } from './trigger-report.js';

/** A metadata file to deploy: its path (used to recognise what it is) and its text. */
export interface DeployFile {
  readonly path: string;
  readonly content: string;
}

/**
 * What happened to a flow file: a new flow (`created`), a new version of a known flow
 * (`updated`), the same source as the latest version so no new version (`unchanged`, only with
 * `skipUnchanged`), or nothing stored (`refused`, with the `reason`).
 */
export type FlowDeployStatus = 'created' | 'updated' | 'unchanged' | 'refused';

/** The outcome for one flow file. */
export interface FlowDeployResult {
  readonly path: string;
  /** The flow's API name (from the file name). */
  readonly apiName: string;
  readonly status: FlowDeployStatus;
  /** The stored version (absent when refused). */
  readonly versionId?: string;
  readonly versionNumber?: number;
  /** The version's status after the deploy. */
  readonly versionStatus?: FlowVersionStatus;
  /** Whether activation was asked for (`--activate`, or `<status>Active</status>` in the file). */
  readonly activationRequested: boolean;
  /** Whether the version is the active one after the deploy. */
  readonly activated: boolean;
  /** Why the file was refused, or why it was not activated when activation was asked for. */
  readonly reason?: string;
  /** Parse and validation findings (errors make the version an InvalidDraft). */
  readonly diagnostics: readonly Diagnostic[];
  /** A record-triggered flow's object, timing and events. */
  readonly trigger?: TriggerSummary;
}

/** What happened to an object or field file: stored anew, stored over an older definition, skipped, or refused. */
export type ObjectDeployStatus = 'created' | 'updated' | 'ignored' | 'refused';

/** The outcome for one object (`objects/X__c/X__c.object-meta.xml`) or field (`objects/X/fields/Y.field-meta.xml`) file. */
export interface ObjectFileDeployResult {
  readonly path: string;
  readonly kind: 'object' | 'field';
  /** `Animal__c`, or `Animal__c.Breed__c` for a field. */
  readonly name: string;
  readonly status: ObjectDeployStatus;
  readonly reason?: string;
  readonly diagnostics: readonly ObjectMetadataDiagnostic[];
}

/** The object metadata part of a deploy. */
export interface ObjectsDeployResult {
  readonly files: readonly ObjectFileDeployResult[];
  readonly createdObjects: readonly string[];
  readonly updatedObjects: readonly string[];
  /** `Object.Field` names. */
  readonly createdFields: readonly string[];
  readonly updatedFields: readonly string[];
}

/** A file that is neither a flow nor object metadata (a layout, an Apex class, ...): not deployed. */
export interface IgnoredFile {
  readonly path: string;
  readonly reason: string;
}

/** Counts over a deploy. `activated` counts files asked to be active whose version is active after it. */
export interface DeploySummary {
  readonly flows: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly refused: number; readonly activated: number; readonly activationRefused: number; readonly invalid: number };
  readonly objects: { readonly created: number; readonly updated: number; readonly ignored: number; readonly refused: number };
  readonly fields: { readonly created: number; readonly updated: number; readonly ignored: number; readonly refused: number };
  readonly ignoredFiles: number;
  /** Whether everything asked for happened: no file refused and no activation refused. */
  readonly ok: boolean;
}

/**
 * One problem of one component, in the shape of Salesforce's Metadata API `DeployMessage`
 * (`DeployResult.details.componentFailures`), so tools that read Salesforce deploy results read
 * Eddy's the same way.
 */
export interface ComponentFailure {
  readonly componentType: 'Flow';
  /** The flow's API name. */
  readonly fullName: string;
  /** The file's path as deployed. */
  readonly fileName: string;
  /** `Element_Name: message`, or the message alone for the flow as a whole. */
  readonly problem: string;
  readonly problemType: 'Error';
  readonly success: false;
  readonly created: false;
  readonly changed: false;
  readonly deleted: false;
}

/** The result of `FlowService.deploy`. */
export interface DeployResult {
  readonly flows: readonly FlowDeployResult[];
  readonly objects: ObjectsDeployResult;
  readonly ignored: readonly IgnoredFile[];
  /** After the deploy: the active record-triggered flows of the objects the deployed record-triggered flows are on, by object and timing, in run order. */
  readonly triggers: readonly TriggerRunOrder[];
  readonly summary: DeploySummary;
  /** Every error that refused a flow or its activation, as Salesforce's deploy result lists them. */
  readonly details: { readonly componentFailures: readonly ComponentFailure[] };
}

/**
 * The component failures of a deploy: a refused file's errors (or its reason), and the errors of a
 * version whose activation was asked for and refused.
 */
export function componentFailures(flows: readonly FlowDeployResult[]): ComponentFailure[] {
  const failures: ComponentFailure[] = [];
  const failure = (flow: FlowDeployResult, problem: string): ComponentFailure => ({
    componentType: 'Flow', fullName: flow.apiName, fileName: flow.path, problem, problemType: 'Error', success: false, created: false, changed: false, deleted: false,
  });
  for (const flow of flows) {
    const failed = flow.status === 'refused' || (flow.activationRequested && !flow.activated);
    if (!failed) continue;
    const errors = flow.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) failures.push(failure(flow, flow.reason ?? 'not deployed'));
    for (const error of errors) failures.push(failure(flow, error.element === undefined ? error.message : `${error.element}: ${error.message}`));
  }
  return failures;
}

/** Counts the results into a {@link DeploySummary}. */
export function summariseDeploy(flows: readonly FlowDeployResult[], objects: ObjectsDeployResult, ignored: readonly IgnoredFile[]): DeploySummary {
  const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;
  const objectFiles = objects.files.filter((f) => f.kind === 'object');
  const fieldFiles = objects.files.filter((f) => f.kind === 'field');
  const tally = (files: readonly ObjectFileDeployResult[]) => ({
    created: count(files, (f) => f.status === 'created'),
    updated: count(files, (f) => f.status === 'updated'),
    ignored: count(files, (f) => f.status === 'ignored'),
    refused: count(files, (f) => f.status === 'refused'),
  });
  const activationRefused = count(flows, (f) => f.status !== 'refused' && f.activationRequested && !f.activated);
  const refused = count(flows, (f) => f.status === 'refused');
  const summary = {
    flows: {
      created: count(flows, (f) => f.status === 'created'),
      updated: count(flows, (f) => f.status === 'updated'),
      unchanged: count(flows, (f) => f.status === 'unchanged'),
      refused,
      activated: count(flows, (f) => f.activated && f.activationRequested),
      activationRefused,
      invalid: count(flows, (f) => f.versionStatus === 'InvalidDraft'),
    },
    objects: tally(objectFiles),
    fields: tally(fieldFiles),
    ignoredFiles: ignored.length,
  };
  return { ...summary, ok: refused === 0 && activationRefused === 0 && summary.objects.refused === 0 && summary.fields.refused === 0 };
}

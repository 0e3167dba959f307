/**
 * Turns a flow file into the version to store: parses and validates it, takes its status from the
 * file (Active, else Draft), and makes a flow with validation errors an `InvalidDraft` that cannot
 * be activated. A file that is not usable flow metadata (malformed XML — which includes a file
 * over the size limit, a DOCTYPE, a character XML forbids — or another root element), or text
 * over Salesforce's metadata limits (`VALUE_TOO_LONG`), is refused: nothing is stored for it.
 */
import { hasErrors, validateFlowXml } from '../../flow-model/index.js';
import type { Diagnostic, FlowDefinition } from '../../flow-model/index.js';
import { flowApiNameFromPath, isValidFlowApiName } from './deploy-files.js';
import type { DeployFile } from './deploy-result.js';
import type { NewFlowVersion } from '../ports/index.js';

/** A flow file ready to store, or the reason it cannot be. */
export type PreparedFlow =
  | { readonly kind: 'refused'; readonly apiName: string; readonly reason: string; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'version';
      readonly apiName: string;
      /** The version to store; `Status` is `Draft` or `InvalidDraft` (activation is decided by the caller). */
      readonly version: NewFlowVersion & { readonly Status: 'Draft' | 'InvalidDraft' };
      /** The file says `<status>Active</status>`. */
      readonly activeInFile: boolean;
      readonly diagnostics: readonly Diagnostic[];
      /** The parsed flow (for the org check). */
      readonly definition: FlowDefinition;
    };

/** Diagnostics that make a version an InvalidDraft, as one line for a reason. */
export function describeErrors(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = errors.slice(0, 3).map((d) => `${d.code}${d.element === undefined ? '' : ` (${d.element})`}: ${d.message}`);
  const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
  return `${errors.length} validation error${errors.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}`;
}

/** Parses and validates one flow file into the version to store. */
export function prepareFlowVersion(file: DeployFile): PreparedFlow {
  const apiName = flowApiNameFromPath(file.path);
  if (!isValidFlowApiName(apiName)) {
    const reason = `"${apiName}" (the file name) is not a valid flow API name: it must begin with a letter and use only letters, digits and single underscores (at most 80 characters).`;
    return { kind: 'refused', apiName, reason, diagnostics: [] };
  }
  const { definition, diagnostics } = validateFlowXml(file.content, { fileName: `${apiName}.flow-meta.xml` });
  if (definition === undefined) {
    const reason = diagnostics.find((d) => d.severity === 'error')?.message ?? 'The file is not flow metadata.';
    return { kind: 'refused', apiName, reason, diagnostics };
  }
  // Salesforce refuses text over its metadata limits outright: not even an InvalidDraft is stored.
  const tooLong = diagnostics.filter((d) => d.code === 'VALUE_TOO_LONG');
  if (tooLong.length > 0) {
    const more = tooLong.length > 1 ? `; and ${tooLong.length - 1} more` : '';
    return { kind: 'refused', apiName, reason: `${tooLong[0]?.message ?? ''}${more}`, diagnostics };
  }
  const apiVersion = definition.apiVersion === undefined ? null : Number(definition.apiVersion);
  return {
    kind: 'version',
    apiName,
    activeInFile: definition.status === 'Active',
    diagnostics,
    definition,
    version: {
      DeveloperName: apiName,
      MasterLabel: definition.label,
      ProcessType: definition.processType,
      Status: hasErrors(diagnostics) ? 'InvalidDraft' : 'Draft',
      Description: definition.description ?? null,
      ApiVersion: apiVersion !== null && Number.isFinite(apiVersion) ? apiVersion : null,
      RunInMode: definition.runInMode ?? null,
      IsAdditionalPermissionRequiredToRun: definition.isAdditionalPermissionRequiredToRun,
      source: file.content,
      diagnostics,
    },
  };
}

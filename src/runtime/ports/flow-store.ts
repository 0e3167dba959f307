/** The flow store: flow definitions and their versions. */
import type { Diagnostic } from '../../flow-model/index.js';
import type { AuditFields } from './common.js';

/** Tooling `Flow.Status`. `InvalidDraft`: stored with validation errors, cannot be activated. */
export type FlowVersionStatus = 'Active' | 'Draft' | 'Obsolete' | 'InvalidDraft';

/** A FlowDefinition (prefix 300): one per flow API name. */
export interface FlowDefinitionRecord extends AuditFields {
  readonly Id: string;
  readonly DeveloperName: string;
  readonly MasterLabel: string;
  readonly Description: string | null;
  readonly ActiveVersionId: string | null;
  readonly LatestVersionId: string | null;
  readonly NamespacePrefix: string | null;
  /** The latest version's process type. */
  readonly ProcessType: string;
  /** The per-flow restriction of the active version, else of the latest version. */
  readonly IsAdditionalPermissionRequiredToRun: boolean;
}

/** A flow version (Tooling `Flow`, prefix 301) without its source. */
export interface FlowVersionRecord extends AuditFields {
  readonly Id: string;
  readonly DefinitionId: string;
  readonly VersionNumber: number;
  readonly Status: FlowVersionStatus;
  readonly MasterLabel: string;
  readonly ProcessType: string;
  readonly Description: string | null;
  readonly ApiVersion: number | null;
  readonly RunInMode: string | null;
  readonly IsAdditionalPermissionRequiredToRun: boolean;
  /** `DeveloperName-VersionNumber`. */
  readonly FullName: string;
}

/** A flow version with its metadata source and the diagnostics it had when deployed. */
export interface StoredFlowVersion extends FlowVersionRecord {
  /** The `*.flow-meta.xml` text. */
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What deploying a flow version needs. */
export interface NewFlowVersion {
  readonly DeveloperName: string;
  readonly MasterLabel: string;
  readonly ProcessType: string;
  /** `Active` also activates it (the previous active version becomes `Obsolete`). */
  readonly Status: 'Active' | 'Draft' | 'InvalidDraft';
  readonly Description?: string | null;
  readonly ApiVersion?: number | null;
  readonly RunInMode?: string | null;
  readonly IsAdditionalPermissionRequiredToRun?: boolean;
  readonly source: string;
  readonly diagnostics?: readonly Diagnostic[];
}

/** Flow definitions and their versions. */
export interface FlowStore {
  /**
   * Stores a new version (number = latest + 1; the definition is created with the first one).
   * `InvalidDraft` cannot be `Active` (`INVALID_OPERATION`); at most 50 versions (`LIMIT_EXCEEDED`).
   */
  deployVersion(input: NewFlowVersion, actorId: string): Promise<{ definition: FlowDefinitionRecord; version: StoredFlowVersion }>;
  getDefinition(id: string): Promise<FlowDefinitionRecord | undefined>;
  /** By API name, case-insensitively. */
  getDefinitionByName(developerName: string): Promise<FlowDefinitionRecord | undefined>;
  listDefinitions(): Promise<FlowDefinitionRecord[]>;
  getVersion(id: string): Promise<StoredFlowVersion | undefined>;
  /** Versions of a definition, newest first. */
  listVersions(definitionId: string): Promise<FlowVersionRecord[]>;
  /** Makes the version the active one; the previously active version becomes `Obsolete`. */
  activate(versionId: string, actorId: string): Promise<FlowDefinitionRecord>;
  /** Deactivates the flow's active version (it becomes `Obsolete`); paused interviews stay resumable. */
  deactivate(definitionId: string, actorId: string): Promise<FlowDefinitionRecord>;
  /**
   * Sets a version's `Description` (null clears it); the definition's follows when this is its
   * latest version, as on deploy. `NOT_FOUND` for an unknown version.
   */
  setVersionDescription(versionId: string, description: string | null, actorId: string): Promise<FlowVersionRecord>;
  /**
   * Deletes a version that is not active and has no paused, waiting or running interviews
   * (`DELETE_FAILED` otherwise); deleting the last version deletes the definition.
   */
  deleteVersion(versionId: string): Promise<void>;
}

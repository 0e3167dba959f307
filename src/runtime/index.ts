/**
 * The runtime layer's public API: the services (interviews, flows, directory, settings), the
 * ports storage and the adapters implement, the error catalogue, the org's schema and ids, and
 * the composition (`createRuntime`). Outer layers (storage, adapters, server, cli, web) import
 * this file only; the lint rule refuses deep imports.
 */
export * from './access/access-cache.js';
export * from './access/sharing.js';
export * from './actions/action-registry.js';
export * from './demo/demo-flows.js';
export * from './directory/user-service.js';
export * from './email/check-message.js';
export * from './email/html-to-text.js';
export * from './email/memory-mailer.js';
export * from './email/outbox.js';
export * from './errors.js';
export * from './flows/deploy-files.js';
export * from './flows/deploy-result.js';
export * from './flows/flow-service.js';
export * from './flows/trigger-report.js';
export * from './flows/org-check.js';
export * from './interviews/interview-service.js';
export { MAX_LIST_LIMIT, MAX_LIST_OFFSET } from './interviews/interview-input.js';
export * from './jobs/job-runner.js';
export * from './jobs/job-service.js';
export * from './org/content-versions.js';
export * from './org/create-defaults.js';
export * from './org/field-builders.js';
export * from './org/ids.js';
export * from './org/object-metadata.js';
export * from './org/org-bootstrap.js';
export * from './org/org-schema.js';
export * from './org/record-validation.js';
export * from './org/settings-service.js';
export * from './org/system-objects.js';
export * from './ports/index.js';
export * from './runtime.js';
export * from './triggers/record-save-service.js';
export type { RecursionPolicy, SaveFrame } from './triggers/save-pipeline.js';
export { MAX_SAVE_DEPTH } from './triggers/save-pipeline.js';
export * from './triggers/save-types.js';
export * from './query/query-service.js';
export * from './identity/login-limiter.js';
export * from './identity/oauth-error.js';
export * from './identity/oauth-service.js';
export * from './identity/password-hasher.js';
export * from './identity/token-service.js';

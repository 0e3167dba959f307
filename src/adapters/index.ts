/**
 * The adapters layer: what connects the runtime's ports to the world outside the database —
 * SMTP, action modules on disk, and configuration from the environment. The server and the CLI
 * import this file; storage (the database adapters) is its peer.
 */
export * from './actions/load-action-modules.js';
export * from './config/eddy-config.js';
export * from './configured-runtime.js';
export * from './smtp/smtp-mailer.js';

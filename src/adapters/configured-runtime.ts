/**
 * The runtime with its adapters plugged in, for the composition roots: an SMTP mailer when a
 * URL is configured (closed when the runtime stops) and action modules loaded from a folder.
 */
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime/index.js';
import { loadActionModules } from './actions/load-action-modules.js';
import { createSmtpMailer } from './smtp/smtp-mailer.js';

/** {@link RuntimeOptions} plus what the adapters need. */
export interface ConfiguredRuntimeOptions extends RuntimeOptions {
  /** `smtp://` or `smtps://`: deliver email through this server (ignored when `mailer` is given). */
  readonly smtpUrl?: string | undefined;
  /** A folder of invocable action modules to load into the registry. */
  readonly actionsFolder?: string | undefined;
}

/** Builds the runtime, its SMTP mailer and its actions; `stop()` also closes the mailer it made. */
export async function createConfiguredRuntime(options: ConfiguredRuntimeOptions): Promise<Runtime> {
  const { smtpUrl, actionsFolder, ...runtimeOptions } = options;
  const smtp = options.mailer === undefined && smtpUrl !== undefined && smtpUrl !== '' ? createSmtpMailer(smtpUrl) : undefined;
  try {
    const runtime = await createRuntime({ ...runtimeOptions, ...(smtp === undefined ? {} : { mailer: smtp }) });
    if (actionsFolder !== undefined) await loadActionModules(actionsFolder, runtime.actions);
    return {
      ...runtime,
      async stop() {
        try {
          await runtime.stop();
        } finally {
          smtp?.close();
        }
      },
    };
  } catch (error) {
    smtp?.close();
    throw error;
  }
}

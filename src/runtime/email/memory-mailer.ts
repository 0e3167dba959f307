/** An in-memory mailer, for tests and for running without SMTP: validates like the SMTP one and records messages. */
import type { MailError, Mailer, MailMessage } from '../ports/mailer.js';
import { checkMessage } from './check-message.js';

/** A mailer that keeps what it is given, in order; `failWith` makes the next sends fail. */
export interface MemoryMailer extends Mailer {
  readonly sent: readonly (MailMessage & { readonly messageId: string })[];
  /** Makes every later send reject with `error` (or succeed again with `undefined`). */
  failWith(error: MailError | undefined): void;
}

/** An in-memory {@link Mailer}: validates like the SMTP one and records messages. */
export function createMemoryMailer(): MemoryMailer {
  const sent: (MailMessage & { readonly messageId: string })[] = [];
  let failure: MailError | undefined;
  return {
    sent,
    failWith(error) {
      failure = error;
    },
    send(message) {
      try {
        const checked = checkMessage(message);
        if (failure !== undefined) throw failure;
        const messageId = `<${sent.length + 1}.memory@eddy.invalid>`;
        sent.push({ ...message, text: checked.text, messageId });
        return Promise.resolve({ messageId, rejected: [] });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

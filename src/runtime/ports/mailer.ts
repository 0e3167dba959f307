/**
 * The mail port: what the runtime hands to be sent, and how a send fails. Failures are
 * {@link MailError}s whose `permanent` flag says whether to give up (the server refused the
 * message or an address is invalid) or retry later (the server is down, timed out or answered
 * 4xx). The SMTP implementation is an adapter (`src/adapters/smtp`).
 */

/** An email to send. Addresses are `user@host` or `Name <user@host>`. */
export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly subject: string;
  readonly text?: string;
  /** An HTML body; a plain-text alternative is derived from it when `text` is not given. */
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the server accepted. */
export interface MailReceipt {
  /** The `Message-ID` header, with its angle brackets. */
  readonly messageId: string;
  /** Recipients the server refused while accepting the others. */
  readonly rejected: readonly string[];
}

/** Sends email. */
export interface Mailer {
  /** Sends one message; rejects with a {@link MailError}. */
  send(message: MailMessage): Promise<MailReceipt>;
}

/** Stable codes of {@link MailError}. */
export type MailErrorCode =
  /** An address cannot be parsed, or there is no recipient (permanent). */
  | 'INVALID_ADDRESS'
  /** The server refused with a 5xx reply (permanent). */
  | 'MAIL_REJECTED'
  /** The server answered 4xx (or 503): try again later (transient). */
  | 'MAIL_DEFERRED'
  /** The server could not be reached, or timed out (transient). */
  | 'MAIL_UNREACHABLE'
  /** The SMTP URL or credentials configuration is wrong (permanent until reconfigured). */
  | 'MAIL_CONFIG'
  /** Anything else (transient). */
  | 'MAIL_FAILED';

/** A failed send; `permanent` says whether retrying the same message can succeed. */
export class MailError extends Error {
  readonly code: MailErrorCode;
  readonly permanent: boolean;
  /** The SMTP reply code, when the server answered. */
  readonly responseCode: number | undefined;

  constructor(code: MailErrorCode, message: string, options: { permanent: boolean; responseCode?: number | undefined; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MailError';
    this.code = code;
    this.permanent = options.permanent;
    this.responseCode = options.responseCode;
  }
}

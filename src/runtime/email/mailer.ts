/**
 * Sending email: the {@link Mailer} port the outbox delivers through, an SMTP implementation
 * (nodemailer, pooled) and an in-memory one for tests and for running without `SMTP_URL`.
 *
 * Failures are {@link MailError}s whose `permanent` flag tells the outbox to give up (the
 * server refused the message or an address is invalid) or retry later (the server is down,
 * timed out or answered 4xx).
 */
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { htmlToText } from './html-to-text.js';

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

/** A mailer holding connections, to be closed at shutdown. */
export interface SmtpMailer extends Mailer {
  /** Closes pooled connections; later sends fail. */
  close(): void;
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

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** Time allowed to connect and receive the greeting; default 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Inactivity allowed on an open connection; default 30 s. */
  readonly socketTimeoutMs?: number;
  /** Pooled connections; default 2. */
  readonly maxConnections?: number;
}

/**
 * A pooled SMTP mailer for `smtp://[user:pass@]host[:port]` or `smtps://...` (TLS from the
 * start). nodemailer's URL query options apply (`?ignoreTLS=true`, `?tls.rejectUnauthorized=false`).
 * Throws `MAIL_CONFIG` for a URL that is not smtp/smtps.
 */
export function createSmtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): SmtpMailer {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new MailError('MAIL_CONFIG', 'SMTP_URL is not a valid URL; expected smtp://user:pass@host:port or smtps://...', { permanent: true });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailError('MAIL_CONFIG', `SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`, { permanent: true });
  }
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    connectionTimeout: connectionTimeoutMs,
    greetingTimeout: connectionTimeoutMs,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
  });
  return {
    async send(message) {
      const checked = checkMessage(message);
      try {
        const info = await transport.sendMail({
          from: checked.from,
          to: [...message.to],
          cc: message.cc === undefined ? undefined : [...message.cc],
          bcc: message.bcc === undefined ? undefined : [...message.bcc],
          subject: message.subject,
          text: checked.text,
          html: message.html,
          headers: message.headers === undefined ? undefined : { ...message.headers },
        });
        return { messageId: info.messageId, rejected: [...info.rejected] };
      } catch (error) {
        throw classifySmtpError(error, message);
      }
    },
    close() {
      transport.close();
    },
  };
}

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

/** Validates addresses; returns the text body to send (derived from HTML when missing). */
function checkMessage(message: MailMessage): { from: string; text: string | undefined } {
  const recipients = [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])];
  if (recipients.length === 0) throw new MailError('INVALID_ADDRESS', `Email "${message.subject}" has no recipients.`, { permanent: true });
  for (const address of [message.from, ...recipients]) {
    if (!isValidAddress(address)) {
      throw new MailError('INVALID_ADDRESS', `Email "${message.subject}": "${address}" is not a valid email address.`, { permanent: true });
    }
  }
  const text = message.text ?? (message.html === undefined ? undefined : htmlToText(message.html));
  return { from: message.from, text };
}

const MAILBOX = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;

function isValidAddress(address: string): boolean {
  if (/[\r\n]/.test(address)) return false;
  const parsed = addressparser(address, { flatten: true });
  return parsed.length === 1 && parsed[0] !== undefined && MAILBOX.test(parsed[0].address);
}

interface NodemailerFailure {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly permanent?: unknown;
}

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONFIGURATION = new Set(['ENOAUTH', 'ECONFIG', 'EREQUIRETLS', 'EOAUTH2']);

/** Maps a nodemailer error to a {@link MailError}: 5xx permanent, 4xx and network failures transient. */
function classifySmtpError(error: unknown, message: MailMessage): MailError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as NodemailerFailure;
  const detail = typeof failure.message === 'string' ? failure.message : String(error);
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const text = `Sending email "${message.subject}" failed: ${detail}`;
  if (responseCode !== undefined) {
    // nodemailer sets `permanent` from the reply class (5xx except 503); compute it the same way if absent.
    const permanent = typeof failure.permanent === 'boolean' ? failure.permanent : responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return new MailError(permanent ? 'MAIL_REJECTED' : 'MAIL_DEFERRED', text, { permanent, responseCode, cause: error });
  }
  if (code !== undefined && UNREACHABLE.has(code)) return new MailError('MAIL_UNREACHABLE', text, { permanent: false, cause: error });
  if (code !== undefined && CONFIGURATION.has(code)) return new MailError('MAIL_CONFIG', text, { permanent: true, cause: error });
  if (code === 'EENVELOPE') return new MailError('INVALID_ADDRESS', text, { permanent: true, cause: error });
  return new MailError('MAIL_FAILED', text, { permanent: false, cause: error });
}

/** The checks every mailer makes before sending: valid addresses, and a text body derived from HTML. */
import addressparser from 'nodemailer/lib/addressparser';
import { MailError, type MailMessage } from '../ports/mailer.js';
import { htmlToText } from './html-to-text.js';

/** Validates addresses; returns the text body to send (derived from HTML when missing). */
export function checkMessage(message: MailMessage): { from: string; text: string | undefined } {
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

/**
 * Turns an interview's fire-and-forget effects into outbox messages (delivery jobs, see
 * `email/outbox.ts`), inside the transaction that commits the interview's new state — so an
 * email is sent if and only if the step that asked for it committed. Everything the sender needs is resolved here (recipients' addresses,
 * the sender address), so delivery after commit reads nothing else.
 *
 * Sender address: the effect's `senderAddress` when it is one of the org-wide email addresses,
 * else the org's automated process email when set, else the running user's email.
 */
import type { Effect, JsonValue } from '../../engine/index.js';
import { addToOutbox } from '../email/outbox.js';
import { isValidId } from '../org/ids.js';
import type { OrgWideEmailAddressRecord, StorageSession } from '../ports/index.js';

/** The payload of an `email` message: ready to send. */
export interface EmailPayload {
  readonly [key: string]: JsonValue;
  readonly element: string;
  /** `Name <address>` or `address`. */
  readonly from: string;
  readonly to: string[];
  readonly cc: string[];
  readonly bcc: string[];
  readonly subject: string;
  readonly body: string;
  readonly isHtml: boolean;
  /** `recipientIds` that named no record with an email address. */
  readonly unresolvedRecipientIds: string[];
}

/** Who runs the step that produced the effects. */
export interface EffectSender {
  readonly userEmail: string;
}

/**
 * Adds the effects to the outbox of `session` (log effects are not kept); returns how many
 * messages were added.
 */
export async function enqueueEffects(session: StorageSession, effects: readonly Effect[], interviewId: string | null, sender: EffectSender): Promise<number> {
  let added = 0;
  let fromAddress: string | undefined;
  const resolveFrom = async (requested: string | undefined): Promise<string> => {
    if (requested !== undefined && requested.trim() !== '') {
      const match = (await session.settings.listOrgWideEmailAddresses()).find((a) => a.Address.toLowerCase() === requested.trim().toLowerCase());
      if (match !== undefined) return formatOrgWide(match);
    }
    fromAddress ??= (await session.settings.getOrganization()).automatedProcessUserEmail ?? sender.userEmail;
    return fromAddress;
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'email': {
        const resolved = await resolveRecipients(session, effect.recipientIds);
        const payload: EmailPayload = {
          element: effect.element,
          from: await resolveFrom(effect.senderAddress),
          to: unique([...effect.to, ...resolved.addresses]),
          cc: unique([...effect.cc]),
          bcc: unique([...effect.bcc]),
          subject: effect.subject,
          body: effect.body,
          isHtml: effect.isHtml,
          unresolvedRecipientIds: resolved.unresolved,
        };
        const alert: JsonValue = effect.alert === undefined ? null : { name: effect.alert.name, recordId: effect.alert.recordId ?? null };
        await addToOutbox(session, effect.alert === undefined ? { kind: 'email', payload, interviewId } : { kind: 'emailAlert', payload: { ...payload, alert }, interviewId });
        added++;
        break;
      }
      case 'notification':
        await addToOutbox(session, {
          kind: 'notification',
          payload: {
            element: effect.element,
            typeId: effect.typeId ?? null,
            recipients: [...effect.recipients],
            title: effect.title,
            body: effect.body,
            targetId: effect.targetId ?? null,
          },
          interviewId,
        });
        added++;
        break;
      case 'log':
        break;
    }
  }
  return added;
}

function formatOrgWide(address: OrgWideEmailAddressRecord): string {
  const name = address.DisplayName.replace(/["\\\r\n]/g, '').trim();
  return name === '' ? address.Address : `"${name}" <${address.Address}>`;
}

async function resolveRecipients(session: StorageSession, ids: readonly string[]): Promise<{ addresses: string[]; unresolved: string[] }> {
  const addresses: string[] = [];
  const unresolved: string[] = [];
  for (const id of ids) {
    const record = isValidId(id) ? await session.records.getById(id, ['Email']) : undefined;
    const email = record?.['Email'];
    if (typeof email === 'string' && email !== '') addresses.push(email);
    else unresolved.push(id);
  }
  return { addresses, unresolved };
}

function unique(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

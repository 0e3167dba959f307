/**
 * The one access check every read and change of an interview goes through: who acts (an
 * existing, active user, with this operation's view of the access cache) and whether they may
 * read, resume or delete the interview. The rule itself is `sharing.ts`'s; this answers it with
 * the catalogue's errors.
 */
import type { AccessView } from '../access/access-cache.js';
import { InsufficientAccessError, NotFoundError } from '../errors.js';
import type { StorageSession, StoredInterview, UserRecord } from '../ports/index.js';
import type { AccessSubject, InterviewAccess } from '../access/sharing.js';

/** The acting user and what the access rules know about them. */
export interface Actor {
  readonly user: UserRecord;
  readonly subject: AccessSubject;
  /** This operation's view of the access cache. */
  readonly view: AccessView;
}

/**
 * THE access check of every read and change: the interview if `actor` may `need` it.
 * Unreadable interviews are `NotFoundError` (revealing nothing); readable ones the user may not
 * resume or delete are `InsufficientAccessError`.
 */
export async function loadForUser(
  session: StorageSession,
  actor: Actor,
  id: string,
  need: keyof Pick<InterviewAccess, 'read' | 'resume' | 'delete'>,
  forUpdate: boolean | 'wait' = false,
): Promise<{ interview: StoredInterview; access: InterviewAccess }> {
  const found = await session.interviews.getForUser(id, actor.subject, { lookups: actor.view, forUpdate });
  if (found === undefined) throw new NotFoundError(`No interview with Id ${id}.`, ['interviewId']);
  if (!found.access[need]) {
    const what = need === 'resume' ? 'resume or change' : need;
    throw new InsufficientAccessError(`You may read interview ${id} but not ${what} it.`);
  }
  return found;
}

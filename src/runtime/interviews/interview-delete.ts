/**
 * Deleting one interview, whoever asks: the REST `DELETE` of an interview and a flow's Delete
 * Records on FlowInterview go through the same access rule (`docs/interview-access.md`: read
 * access plus Manage Flow or ownership) and remove the same things (its waits; its relations and
 * shares go with the row).
 */
import { migrateState } from '../../engine/index.js';
import type { StorageSession } from '../ports/index.js';
import { clearWait } from '../waits/wait-jobs.js';
import { type Actor, loadForUser } from './interview-access.js';

/**
 * Deletes interview `id` as `actor` in `session` (a transaction): `NOT_FOUND` when they may not
 * see it, `INSUFFICIENT_ACCESS` when they may see but not delete it.
 */
export async function deleteInterviewAs(session: StorageSession, actor: Actor, id: string): Promise<void> {
  const { interview } = await loadForUser(session, actor, id, 'delete', true);
  await session.interviews.save(id, interview.version, {}, actor.user.Id);
  const waiting = migrateState(interview.state).waiting;
  if (waiting !== null) await clearWait(session, id, interview.version, waiting);
  await session.interviews.delete(id);
}

/**
 * The engine's {@link RecordPort} of an interview step: business records through the save
 * pipeline's port (`triggers/record-save-service.ts`: reads from the store, writes firing
 * record-triggered flows), inside the step's transaction, so the writes commit or roll back
 * with the interview's new state. Updates of `User` and `Group` records go to the directory,
 * where they live (`directory/flow-directory-updates.ts`).
 *
 * FlowInterview is not a business record: a flow's Get Records on it finds only the interviews
 * the running user may see, and its Delete Records deletes them by the one interview access rule
 * (read access plus Manage Flow or ownership, `docs/interview-access.md`), as `DELETE
 * /sobjects/FlowInterview/{id}` does.
 */
import type { FlowRecord, RecordPort } from '../../engine/index.js';
import { directoryObjectOf, updateDirectoryRecordsWhere } from '../directory/flow-directory-updates.js';
import { KEY_PREFIXES } from '../org/ids.js';
import type { StorageSession } from '../ports/index.js';
import { type Actor, loadForUser } from './interview-access.js';
import { deleteInterviewAs } from './interview-delete.js';

const INTERVIEW = 'flowinterview';

type QueryRequest = Omit<Parameters<RecordPort['query']>[0], 'kind'>;

function isInterview(object: string): boolean {
  return object.toLowerCase() === INTERVIEW;
}

/** A Delete Records of interviews: by object name, or (records in a variable) by their Ids' key prefix. */
function deletesInterviews(object: string | undefined, ids: readonly string[]): boolean {
  if (object !== undefined) return isInterview(object);
  return ids.length > 0 && ids.every((id) => id.startsWith(KEY_PREFIXES.FlowInterview));
}

/** Record operations of one interview step run by `actorId`: FlowInterview by the interview access rule (`actor()` resolves the running user), User and Group through the directory, everything else through `business`. */
export function storageRecordPort(session: StorageSession, actorId: string, business: RecordPort, actor: () => Promise<Actor>): RecordPort {
  const records = session.records;

  /** The interviews matching `request` that the running user may read, in order, at most `limit`. */
  const visibleInterviews = async (request: QueryRequest): Promise<FlowRecord[]> => {
    const who = await actor();
    const all = await records.query({ object: request.object, filters: request.filters, logic: request.logic, fields: request.fields, sort: request.sort });
    const visible: FlowRecord[] = [];
    for (const row of all) {
      if (request.limit !== undefined && visible.length >= request.limit) break;
      const id = typeof row.Id === 'string' ? row.Id : undefined;
      if (id === undefined) continue;
      const found = await session.interviews.getForUser(id, who.subject, { lookups: who.view });
      if (found?.access.read === true) visible.push(row);
    }
    return visible;
  };

  /** All or nothing, as a DML delete: every interview is checked (and locked) before any is deleted. */
  const deleteInterviews = async (ids: readonly string[]): Promise<void> => {
    const who = await actor();
    for (const id of ids) await loadForUser(session, who, id, 'delete', true);
    for (const id of ids) await deleteInterviewAs(session, who, id);
  };

  return {
    query: (request) => (isInterview(request.object) ? visibleInterviews(request) : business.query(request)),
    create: (list) => business.create(list),
    // Updates of User and Group reach the directory through the save pipeline (`triggers/save-pipeline.ts`).
    update: (list) => business.update(list),
    updateWhere: (request) => {
      const object = directoryObjectOf(request.object);
      if (object === undefined) return business.updateWhere(request);
      return updateDirectoryRecordsWhere(session, object, { object: request.object, filters: request.filters, logic: request.logic }, request.values, actorId);
    },
    delete: (object, ids) => (deletesInterviews(object, ids) ? deleteInterviews(ids) : business.delete(object, ids)),
    deleteWhere: async (request) => {
      if (!isInterview(request.object)) return business.deleteWhere(request);
      const matched = await visibleInterviews({ object: request.object, filters: request.filters, logic: request.logic, fields: ['Id'], sort: undefined, limit: undefined });
      await deleteInterviews(matched.map((row) => row.Id as string));
      return matched.length;
    },
  };
}

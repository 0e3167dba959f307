/**
 * The engine's {@link RecordPort} over the storage's {@link RecordStore}: record elements of a
 * running interview read and write through the session they are given, so inside a transaction
 * their writes commit or roll back with the interview's new state. Updates of `User` and `Group`
 * records go to the directory, where they live (`directory/flow-directory-updates.ts`).
 */
import type { FlowRecord, RecordPort } from '../../engine/index.js';
import { directoryObjectOf, type DirectoryObject, updateDirectoryRecords, updateDirectoryRecordsWhere } from '../directory/flow-directory-updates.js';
import type { StorageSession } from '../ports/index.js';

/** Record operations of one interview step, written on behalf of `actorId`. */
export function storageRecordPort(session: StorageSession, actorId: string): RecordPort {
  const { records } = session;
  return {
    query: (request) =>
      records.query({
        object: request.object,
        filters: request.filters,
        logic: request.logic,
        fields: request.fields,
        sort: request.sort,
        limit: request.limit,
      }),
    create: (list) => records.create(list, actorId),
    update: async (list) => {
      const directory = new Map<DirectoryObject, FlowRecord[]>();
      const others: FlowRecord[] = [];
      for (const record of list) {
        const object = directoryObjectOf(record.attributes?.type);
        if (object === undefined) others.push(record);
        else directory.set(object, [...(directory.get(object) ?? []), record]);
      }
      if (others.length > 0) await records.update(others, actorId);
      for (const [object, rows] of directory) await updateDirectoryRecords(session, object, rows, actorId);
    },
    updateWhere: (request) => {
      const query = { object: request.object, filters: request.filters, logic: request.logic };
      const object = directoryObjectOf(request.object);
      return object === undefined ? records.updateWhere(query, request.values, actorId) : updateDirectoryRecordsWhere(session, object, query, request.values, actorId);
    },
    delete: (_object, ids) => records.delete(ids),
    deleteWhere: (request) => records.deleteWhere({ object: request.object, filters: request.filters, logic: request.logic }),
  };
}

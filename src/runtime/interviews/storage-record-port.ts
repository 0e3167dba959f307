/**
 * The engine's {@link RecordPort} over the storage's {@link RecordStore}: record elements of a
 * running interview read and write through the session they are given, so inside a transaction
 * their writes commit or roll back with the interview's new state.
 */
import type { RecordPort } from '../../engine/index.js';
import type { RecordStore } from '../ports/index.js';

/** Record operations of one interview step, written on behalf of `actorId`. */
export function storageRecordPort(records: RecordStore, actorId: string): RecordPort {
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
    update: (list) => records.update(list, actorId),
    updateWhere: (request) => records.updateWhere({ object: request.object, filters: request.filters, logic: request.logic }, request.values, actorId),
    delete: (_object, ids) => records.delete(ids),
    deleteWhere: (request) => records.deleteWhere({ object: request.object, filters: request.filters, logic: request.logic }),
  };
}

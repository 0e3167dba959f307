/**
 * Update Records on `User` and `Group` from a running flow. Users and groups live in the
 * directory, not in the record store, so their updates go through it, with the rules of
 * `PATCH /sobjects/User` (and the directory's for groups):
 *
 * - users: only the org's standard users may be changed (not the Automated Process user); the
 *   fields are type-checked against the describe; a Username must stay unique
 *   (`DUPLICATE_USERNAME`); a manager must exist; nobody deactivates their own user;
 * - groups: public groups and queues only (role and organization groups follow the hierarchy);
 *   a DeveloperName must stay unique; the `Type` is set once.
 *
 * As in Salesforce, a record a flow read with all its fields may be written back: its read-only
 * fields (`Name` of a user, `CreatedDate`, `UserType`...) are ignored. Every check comes before
 * the write, so a fault a flow handles leaves no change behind. Flows write any object's records
 * without object permissions (system context), so a flow may update users and groups although
 * its running user lacks Manage Users, which the REST API requires.
 */
import type { FlowRecord, FlowValue } from '../../engine/index.js';
import { InvalidCrossReferenceKeyError, InvalidOperationError, MissingArgumentError } from '../errors.js';
import { validateRecordWrite } from '../org/record-validation.js';
import type { GroupChanges, RecordFilterQuery, StorageSession, UserChanges } from '../ports/index.js';

/** The objects whose records the directory keeps. */
export type DirectoryObject = 'User' | 'Group';

/** `User` or `Group` when `object` (a record's `attributes.type` or a request's object) is one, else undefined. */
export function directoryObjectOf(object: string | undefined): DirectoryObject | undefined {
  const lower = object?.toLowerCase();
  return lower === 'user' ? 'User' : lower === 'group' ? 'Group' : undefined;
}

/** Applies a flow's updates of User or Group records (`object`), one at a time, as `actorId`. */
export async function updateDirectoryRecords(session: StorageSession, object: DirectoryObject, records: readonly FlowRecord[], actorId: string): Promise<void> {
  const schema = await session.schema.load();
  for (const record of records) {
    const { attributes: _attributes, Id: rawId, ...fields } = record;
    if (typeof rawId !== 'string' || rawId === '') throw new MissingArgumentError('Id not specified in an update call', ['Id']);
    const write = validateRecordWrite(schema, object, { ...fields, Id: rawId }, 'update', { readOnlyFields: 'ignore' });
    const id = write.id as string;
    if (object === 'User') {
      const user = await session.directory.getUser(id);
      if (user === undefined) throw new InvalidCrossReferenceKeyError(`invalid cross reference id: ${id}`, ['Id']);
      if (user.UserType !== 'Standard') throw new InvalidOperationError(`${user.Username} is the org's ${user.Name} user and cannot be changed.`, ['Id']);
      if (user.Id === actorId && write.values.IsActive === false) throw new InvalidOperationError('You cannot deactivate your own user.', ['IsActive']);
      await session.directory.updateUser(user.Id, write.values as UserChanges, actorId);
    } else {
      const group = await session.directory.getGroup(id);
      if (group === undefined) throw new InvalidCrossReferenceKeyError(`invalid cross reference id: ${id}`, ['Id']);
      // A record read back carries its Type; writing the same value is no change.
      const { Type: type, ...changes } = write.values;
      if (type !== undefined && type !== group.Type) throw new InvalidOperationError(`The Type of group ${group.Name} is set when it is created and cannot be changed.`, ['Type']);
      await session.directory.updateGroup(group.Id, changes as GroupChanges, actorId);
    }
  }
}

/** Update Records on User or Group by filters: the matching records get `values`; returns how many. */
export async function updateDirectoryRecordsWhere(session: StorageSession, object: DirectoryObject, query: RecordFilterQuery, values: Readonly<Record<string, FlowValue>>, actorId: string): Promise<number> {
  const rows = await session.records.query({ ...query, fields: ['Id'] });
  await updateDirectoryRecords(session, object, rows.map((row) => ({ ...values, attributes: { type: object }, Id: row.Id }) as FlowRecord), actorId);
  return rows.length;
}

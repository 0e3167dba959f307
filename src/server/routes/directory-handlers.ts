/**
 * The directory's sObjects written through the REST API, as Salesforce serves them:
 *
 * - `User`: `POST` creates (201 `{ id, success, errors }`), `PATCH` changes (204; `IsActive:
 *   false` deactivates: the user's tokens stop working on their next request). No `DELETE`
 *   (Salesforce never deletes users): 405.
 * - `Group`: `POST` creates a public group (`Type: 'Regular'`) or a queue, `DELETE` deletes one
 *   (role and organization groups are Eddy's to maintain).
 * - `GroupMember`, `PermissionSetAssignment`: `POST` adds, `DELETE` removes (no `PATCH`, as in
 *   Salesforce).
 *
 * Every write needs Manage Users (403 `INSUFFICIENT_ACCESS` otherwise), checked before the body
 * is; any active user may read these objects by Id, as SOQL lets them. Bodies are checked
 * against the describe (`INVALID_FIELD`, `INVALID_FIELD_FOR_INSERT_UPDATE`, `MALFORMED_ID`,
 * `REQUIRED_FIELD_MISSING`, ...) and references against the data (`INVALID_CROSS_REFERENCE_KEY`)
 * before anything is stored; a taken username is `DUPLICATE_USERNAME`, a taken developer name,
 * membership or assignment `DUPLICATE_VALUE`.
 */
import type { FlowRecord } from '../../engine/index.js';
import { DuplicateValueError, InsufficientAccessError, InvalidFieldForInsertUpdateError, InvalidOperationError, NotFoundError, sameId, validateRecordWrite } from '../../runtime/index.js';
import type { NewUser, UserChanges } from '../../runtime/index.js';
import { type Actor, actorOf } from '../auth/authenticate.js';
import { notFound } from '../http-errors.js';
import type { ServerContext } from '../server-context.js';
import { restRecord, type SObjectHandlers, type SObjectRequest } from './sobject-routes.js';

/** Group fields a create may set (the rest of the describe is Eddy's to fill in). */
const GROUP_CREATE_FIELDS: ReadonlySet<string> = new Set(['Name', 'DeveloperName', 'Type', 'Email', 'DoesIncludeBosses']);

/** The caller, when they hold Manage Users. */
function requireManageUsers(call: SObjectRequest): Actor {
  const actor = actorOf(call.request);
  if (!actor.subject.permissions.manageUsers) {
    throw new InsufficientAccessError(`Changing ${call.object.name} records needs the Manage Users permission; ${actor.user.Username} does not have it.`);
  }
  return actor;
}

/** Reads a directory record by Id with the requested fields (404 when there is none). */
function readHandler(context: ServerContext): Required<Pick<SObjectHandlers, 'get'>> {
  return {
    async get(call, id, fields) {
      const record = await context.storage.records.getById(id, fields.length > 0 ? fields : undefined);
      if (!record || !sameId(String(record.Id), id)) throw notFound();
      return restRecord(record as FlowRecord, call.version);
    },
  };
}

/** 201 with Salesforce's save result. */
function created(call: SObjectRequest, id: string): unknown {
  return call.reply.code(201).send({ id, success: true, errors: [] });
}

/** `User`: create and update; users are deactivated, never deleted. */
export function userHandlers(context: ServerContext): SObjectHandlers {
  const directory = context.storage.directory;
  return {
    ...readHandler(context),

    async create(call, body) {
      const actor = requireManageUsers(call);
      const user = await directory.createUser(body as unknown as NewUser, actor.userId);
      return created(call, user.Id);
    },

    async update(call, id, body) {
      const actor = requireManageUsers(call);
      const { Id: bodyId, ...changes } = body;
      if (bodyId !== undefined && (typeof bodyId !== 'string' || !sameId(bodyId, id))) {
        throw new InvalidFieldForInsertUpdateError('Unable to change the Id of a record.', ['Id']);
      }
      const user = await directory.getUser(id);
      if (!user) throw notFound();
      if (user.UserType !== 'Standard') throw new InvalidOperationError(`${user.Username} is the org's ${user.Name} user and cannot be changed.`, ['Id']);
      await context.storage.transaction(async (tx) => {
        const saved = await tx.directory.updateUser(user.Id, changes as UserChanges, actor.userId);
        // Judged on the stored value, whatever spelling of false the body used ("false", 0, null).
        if (saved.Id === actor.userId && !saved.IsActive) throw new InvalidOperationError('You cannot deactivate your own user.', ['IsActive']);
      });
    },
  };
}

/** `Group`: create and delete public groups and queues. */
export function groupHandlers(context: ServerContext): SObjectHandlers {
  const directory = context.storage.directory;
  return {
    ...readHandler(context),

    async create(call, body) {
      const actor = requireManageUsers(call);
      // The developer name, required by the describe, is derived from the name when absent (as
      // Salesforce's Setup page does), so the check stands in a valid one for it.
      const derivesDeveloperName = body.DeveloperName === undefined || body.DeveloperName === null;
      const { values } = validateRecordWrite(call.schema, 'Group', derivesDeveloperName ? { ...body, DeveloperName: 'Derived' } : body, 'create');
      for (const key of Object.keys(body)) {
        const name = call.schema.field('Group', key)?.name ?? key;
        if (key !== 'attributes' && !GROUP_CREATE_FIELDS.has(name)) throw new InvalidFieldForInsertUpdateError(`Unable to create the field ${name} of Group: Eddy sets it.`, [name]);
      }
      if (values.Type !== 'Regular' && values.Type !== 'Queue') {
        throw new InvalidOperationError(`Groups of type ${String(values.Type)} are maintained by Eddy; create a public group (Regular) or a queue (Queue).`, ['Type']);
      }
      const group = await directory.createGroup(
        {
          Name: String(values.Name),
          Type: values.Type,
          ...(derivesDeveloperName ? {} : { DeveloperName: String(values.DeveloperName) }),
          ...(values.Email !== undefined ? { Email: values.Email as string | null } : {}),
          ...(typeof values.DoesIncludeBosses === 'boolean' ? { DoesIncludeBosses: values.DoesIncludeBosses } : {}),
        },
        actor.userId,
      );
      return created(call, group.Id);
    },

    async delete(call, id) {
      requireManageUsers(call);
      try {
        await directory.deleteGroup(id);
      } catch (error) {
        if (error instanceof NotFoundError) throw notFound();
        throw error;
      }
    },
  };
}

/** `GroupMember`: add a user or group to a public group or queue, remove a membership. */
export function groupMemberHandlers(context: ServerContext): SObjectHandlers {
  return {
    ...readHandler(context),

    async create(call, body) {
      requireManageUsers(call);
      const { values } = validateRecordWrite(call.schema, 'GroupMember', body, 'create');
      const groupId = String(values.GroupId);
      const memberId = String(values.UserOrGroupId);
      const member = await context.storage.transaction(async (tx) => {
        const existing = (await tx.directory.listGroupMembers(groupId)).find((row) => row.UserOrGroupId === memberId);
        if (existing) throw new DuplicateValueError(`duplicate value found: UserOrGroupId duplicates value on record with id: ${existing.Id}`, ['UserOrGroupId']);
        return tx.directory.addGroupMember(groupId, memberId);
      });
      return created(call, member.Id);
    },

    async delete(call, id) {
      requireManageUsers(call);
      await context.storage.transaction(async (tx) => {
        const member = await tx.directory.getGroupMember(id);
        if (!member) throw notFound();
        await tx.directory.removeGroupMember(member.GroupId, member.UserOrGroupId);
      });
    },
  };
}

/** `PermissionSetAssignment`: assign a permission set to a user, take it back. */
export function permissionSetAssignmentHandlers(context: ServerContext): SObjectHandlers {
  return {
    ...readHandler(context),

    async create(call, body) {
      requireManageUsers(call);
      const { values } = validateRecordWrite(call.schema, 'PermissionSetAssignment', body, 'create');
      const userId = String(values.AssigneeId);
      const setId = String(values.PermissionSetId);
      const assignment = await context.storage.transaction(async (tx) => {
        const existing = (await tx.directory.permissionSetsOf(userId)).some((set) => set.Id === setId);
        if (existing) throw new DuplicateValueError(`duplicate value found: the permission set ${setId} is already assigned to ${userId}`, ['PermissionSetId']);
        return tx.directory.assignPermissionSet(userId, setId);
      });
      return created(call, assignment.Id);
    },

    async delete(call, id) {
      requireManageUsers(call);
      await context.storage.transaction(async (tx) => {
        const assignment = await tx.directory.getPermissionSetAssignment(id);
        if (!assignment) throw notFound();
        await tx.directory.unassignPermissionSet(assignment.AssigneeId, assignment.PermissionSetId);
      });
    },
  };
}

/** The directory's handlers by lower-cased object name, for the sObject routes' registry. */
export function directoryHandlers(context: ServerContext): [string, SObjectHandlers][] {
  return [
    ['user', userHandlers(context)],
    ['group', groupHandlers(context)],
    ['groupmember', groupMemberHandlers(context)],
    ['permissionsetassignment', permissionSetAssignmentHandlers(context)],
  ];
}

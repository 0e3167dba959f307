/**
 * The permission check of setup operations (deploying flows, managing users): the acting user
 * must exist, be active, and hold at least one of the permissions an operation names.
 */
import { InsufficientAccessError } from '../errors.js';
import type { Directory, UserRecord } from '../ports/index.js';
import type { UserPermissions } from './sharing.js';

/** A user permission by its key in {@link UserPermissions}. */
export type PermissionName = keyof UserPermissions;

/** How Salesforce's Setup spells each permission, for messages. */
export const PERMISSION_LABELS: Readonly<Record<PermissionName, string>> = {
  runFlows: 'Run Flows',
  manageFlow: 'Manage Flow',
  customizeApplication: 'Customize Application',
  viewAllData: 'View All Data',
  manageUsers: 'Manage Users',
};

/** The acting user with their permissions. */
export interface Actor {
  readonly user: UserRecord;
  readonly permissions: UserPermissions;
}

/**
 * The acting user; `InsufficientAccessError` when there is no such active user (an unknown
 * actor is refused the same way as one without permissions: nothing is revealed).
 */
export async function loadActor(directory: Directory, actorId: string): Promise<Actor> {
  const user = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(actorId) ? await directory.getUser(actorId) : undefined;
  if (user === undefined || !user.IsActive) throw new InsufficientAccessError(`User ${actorId} does not exist or is not active.`);
  return { user, permissions: await directory.permissionsOf(user.Id) };
}

/**
 * The acting user, when they hold one of `anyOf`; otherwise `InsufficientAccessError` with a
 * message naming the operation and the permissions it needs (`Deploying flows needs the
 * Customize Application or Manage Flow permission.`).
 */
export async function requirePermission(directory: Directory, actorId: string, anyOf: readonly PermissionName[], operation: string): Promise<Actor> {
  const actor = await loadActor(directory, actorId);
  if (anyOf.length > 0 && !anyOf.some((name) => actor.permissions[name])) {
    const names = anyOf.map((name) => PERMISSION_LABELS[name]);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    throw new InsufficientAccessError(`${operation} needs the ${list} permission; ${actor.user.Username} does not have it.`);
  }
  return actor;
}

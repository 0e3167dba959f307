/**
 * The engine's {@link StepContext} for one operation: the time, the running user (`$User`), the
 * org (`$Organization`), `$Label` values, `$UserRole`, `$Profile`, picklist values for picklist
 * choice sets, and the registered screen components. Read inside the operation's session, so a
 * step sees the same data as the rest of its transaction.
 */
import type { ComponentRegistry, FlowValue, StepContext, UserContext } from '../../engine/index.js';
import type { AccessView } from '../access/access-cache.js';
import type { OrgSchema } from '../org/org-schema.js';
import type { StorageSession, UserRecord } from '../ports/index.js';
import type { UserPermissions } from '../access/sharing.js';

/** The picklist lookup of a describe, built once per describe. */
const PICKLISTS = new WeakMap<OrgSchema, NonNullable<StepContext['picklist']>>();

/** `$User`: the user's fields as flows read them. */
export function userContext(user: UserRecord): UserContext {
  return {
    Id: user.Id,
    Username: user.Username,
    FirstName: user.FirstName,
    LastName: user.LastName,
    Name: user.Name,
    Email: user.Email,
    Alias: user.Alias,
    CommunityNickname: user.CommunityNickname,
    IsActive: user.IsActive,
    UserRoleId: user.UserRoleId,
    ManagerId: user.ManagerId,
    Title: user.Title,
    Department: user.Department,
    CompanyName: user.CompanyName,
    Phone: user.Phone,
    MobilePhone: user.MobilePhone,
    TimeZoneSidKey: user.TimeZoneSidKey,
    LocaleSidKey: user.LocaleSidKey,
    LanguageLocaleKey: user.LanguageLocaleKey,
    EmailEncodingKey: user.EmailEncodingKey,
    UserType: user.UserType,
    FederationIdentifier: user.FederationIdentifier,
  };
}

/**
 * The engine's picklist lookup over the describe (active values only). A function rather than a
 * table of every picklist, so standard objects are read only when a flow uses one of their
 * picklists.
 */
export function picklistLookupOf(schema: OrgSchema): NonNullable<StepContext['picklist']> {
  const cached = PICKLISTS.get(schema);
  if (cached !== undefined) return cached;
  const lookup = (object: string, field: string): readonly { readonly value: string; readonly label: string }[] | undefined => {
    const describe = schema.field(object, field);
    if (describe === undefined || (describe.type !== 'picklist' && describe.type !== 'multipicklist')) return undefined;
    return describe.picklistValues.filter((v) => v.active).map((v) => ({ value: v.value, label: v.label }));
  };
  PICKLISTS.set(schema, lookup);
  return lookup;
}

/**
 * `$Profile`: Eddy has permission sets, not profiles; flows that test `$Profile.Name` see
 * "System Administrator" for users with Manage Flow and Customize Application, else
 * "Standard User".
 */
export function profileOf(permissions: UserPermissions): Record<string, FlowValue> {
  return { Id: null, Name: permissions.manageFlow && permissions.customizeApplication ? 'System Administrator' : 'Standard User' };
}

/** What {@link buildStepContext} needs. */
export interface StepContextInput {
  readonly session: StorageSession;
  readonly user: UserRecord;
  readonly permissions: UserPermissions;
  readonly now: Date;
  readonly components?: ComponentRegistry | undefined;
  /** The operation's view of the access cache: org, labels, describe and roles come from it. */
  readonly cache?: AccessView | undefined;
}

/** The step context for one operation by (or, for waits, on behalf of) `user`. */
export async function buildStepContext(input: StepContextInput): Promise<StepContext> {
  const { session, user } = input;
  // One read after another: inside a transaction they share one connection.
  const cache = input.cache;
  const org = cache ? await cache.organization() : await session.settings.getOrganization();
  const labels = cache ? await cache.labels() : await session.settings.getLabels();
  const schema = cache ? await cache.schema() : await session.records.schema();
  const roles = user.UserRoleId === null ? [] : cache ? await cache.roles() : await session.directory.listRoles();
  const role = roles.find((r) => r.Id === user.UserRoleId);
  return {
    now: input.now.toISOString(),
    user: userContext(user),
    organization: { Id: org.Id, Name: org.Name, TimeZoneSidKey: org.TimeZoneSidKey },
    labels,
    allowPause: org.allowPause,
    picklist: picklistLookupOf(schema),
    profile: profileOf(input.permissions),
    userRole: role === undefined ? { Id: null, Name: null, DeveloperName: null } : { Id: role.Id, Name: role.Name, DeveloperName: role.DeveloperName },
    setup: {},
    permissions: {},
    ...(input.components === undefined ? {} : { components: input.components }),
  };
}


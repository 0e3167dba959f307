/**
 * What an empty embedded org gets on first use: the standard permission sets, the default
 * business hours every Salesforce org has, and, when there is no user yet besides the Automated
 * Process user, an administrator (`admin@eddy.local`) holding every permission. Idempotent and
 * safe when several processes start at once.
 */
import type { FlowRecord } from '../../engine/index.js';
import { DuplicateValueError } from '../errors.js';
import type { NewPermissionSet, PermissionSetRecord, Storage, StorageSession, UserRecord } from '../ports/index.js';
import { DEFAULT_BUSINESS_HOURS_QUERY } from './create-defaults.js';

/** The administrator created in an empty org. */
export const DEFAULT_ADMIN_USERNAME = 'admin@eddy.local';

/** The permission set that makes a user an administrator. */
export const ADMIN_PERMISSION_SET = 'Eddy_Administrator';

/** The standard permission sets every org has (by `Name`). */
export const STANDARD_PERMISSION_SETS: readonly NewPermissionSet[] = [
  {
    Name: ADMIN_PERMISSION_SET,
    Label: 'Eddy Administrator',
    Description: 'Everything: run and manage flows, customize the application, view all data, manage users.',
    PermissionsRunFlow: true,
    PermissionsManageInteraction: true,
    PermissionsCustomizeApplication: true,
    PermissionsViewAllData: true,
    PermissionsManageUsers: true,
  },
  { Name: 'Flow_User', Label: 'Flow User', Description: 'Run flows (Run Flows).', PermissionsRunFlow: true },
  {
    Name: 'Flow_Manager',
    Label: 'Flow Manager',
    Description: 'Run flows, deploy and manage flows and their interviews (Run Flows, Manage Flow).',
    PermissionsRunFlow: true,
    PermissionsManageInteraction: true,
  },
  { Name: 'View_All_Data', Label: 'View All Data', Description: 'Read every flow interview (View All Data).', PermissionsViewAllData: true },
];

/** What {@link bootstrapOrg} did. */
export interface BootstrapResult {
  /** Permission sets created now (by Name). */
  readonly createdPermissionSets: readonly string[];
  /** The administrator, when it was created now. */
  readonly createdAdmin: UserRecord | undefined;
  /** The Id of the default business hours, when they were created now. */
  readonly createdBusinessHoursId?: string | undefined;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * The business hours a new Salesforce org has: "Default", active, 24 hours a day (start and end
 * 00:00) seven days a week, in the org's time zone. `Case.BusinessHoursId` defaults to it.
 */
export function defaultBusinessHours(timeZoneSidKey: string): FlowRecord {
  const record: Record<string, string | boolean> = { Name: 'Default', IsActive: true, IsDefault: true, TimeZoneSidKey: timeZoneSidKey };
  for (const day of DAYS) {
    record[`${day}StartTime`] = '00:00:00.000Z';
    record[`${day}EndTime`] = '00:00:00.000Z';
  }
  return { attributes: { type: 'BusinessHours' }, ...record } as FlowRecord;
}

async function hasDefaultBusinessHours(session: StorageSession): Promise<boolean> {
  return (await session.records.query({ ...DEFAULT_BUSINESS_HOURS_QUERY, fields: ['Id'], limit: 1 })).length > 0;
}

async function missingSets(session: StorageSession): Promise<NewPermissionSet[]> {
  const existing = new Set((await session.directory.listPermissionSets()).map((set) => set.Name.toLowerCase()));
  return STANDARD_PERMISSION_SETS.filter((set) => !existing.has(set.Name.toLowerCase()));
}

async function hasStandardUser(session: StorageSession): Promise<boolean> {
  return (await session.directory.listUsers()).some((user) => user.UserType === 'Standard');
}

/** Creates the standard permission sets that are missing, and the administrator in an org without users. */
export async function bootstrapOrg(storage: Storage): Promise<BootstrapResult> {
  if ((await missingSets(storage)).length === 0 && (await hasStandardUser(storage)) && (await hasDefaultBusinessHours(storage))) return { createdPermissionSets: [], createdAdmin: undefined };
  for (let attempt = 0; ; attempt++) {
    try {
      return await storage.transaction(async (tx) => {
        const actorId = (await tx.settings.getOrganization()).automatedProcessUserId;
        const created: PermissionSetRecord[] = [];
        for (const set of await missingSets(tx)) created.push(await tx.directory.createPermissionSet(set, actorId));
        let admin: UserRecord | undefined;
        if (!(await hasStandardUser(tx))) {
          admin = await tx.directory.createUser(
            { Username: DEFAULT_ADMIN_USERNAME, Email: DEFAULT_ADMIN_USERNAME, FirstName: 'Eddy', LastName: 'Admin', Alias: 'admin' },
            actorId,
          );
          const adminSet = (await tx.directory.listPermissionSets()).find((set) => set.Name.toLowerCase() === ADMIN_PERMISSION_SET.toLowerCase());
          if (adminSet !== undefined) await tx.directory.assignPermissionSet(admin.Id, adminSet.Id);
        }
        let businessHoursId: string | undefined;
        if (!(await hasDefaultBusinessHours(tx))) {
          const timeZone = (await tx.settings.getOrganization()).TimeZoneSidKey;
          [businessHoursId] = await tx.records.create([defaultBusinessHours(timeZone)], actorId);
        }
        return { createdPermissionSets: created.map((set) => set.Name), createdAdmin: admin, ...(businessHoursId === undefined ? {} : { createdBusinessHoursId: businessHoursId }) };
      });
    } catch (error) {
      // Another process bootstrapped at the same moment and won the race on a unique name
      // (DUPLICATE_VALUE, whether our check or the database's unique index saw it first): what
      // it made is there now, and the next attempt finds it. Anything else is thrown.
      if (attempt < 2 && error instanceof DuplicateValueError) continue;
      throw error;
    }
  }
}

/**
 * The org's administrator: `admin@eddy.local` when active, else the first active user (by
 * username) who may customize the application; undefined when there is none.
 */
export async function findAdmin(session: StorageSession): Promise<UserRecord | undefined> {
  const byName = await session.directory.getUserByUsername(DEFAULT_ADMIN_USERNAME);
  if (byName?.IsActive === true) return byName;
  const users = (await session.directory.listUsers()).filter((user) => user.IsActive && user.UserType === 'Standard');
  users.sort((a, b) => a.Username.localeCompare(b.Username));
  for (const user of users) {
    if ((await session.directory.permissionsOf(user.Id)).customizeApplication) return user;
  }
  return undefined;
}

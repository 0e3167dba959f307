/** Who may open Setup and each of its pages (the API enforces the same rules; this only hides what would fail). */
import type { UserPermissionFlags } from '../../api/eddy-api.js';
import type { SetupPage } from '../../routes.js';

/** Setup pages in menu order, with their titles. */
export const SETUP_PAGE_TITLES: Readonly<Record<SetupPage, string>> = {
  flows: 'Flows',
  interviews: 'Paused and Waiting Interviews',
  automation: 'Process Automation Settings',
  users: 'Users',
  groups: 'Groups and Queues',
  sharing: 'Sharing Settings',
  outbox: 'Outbox',
  jobs: 'Background Jobs',
};

/**
 * Whether the user may open a Setup page: Manage Flow or Customize Application (View All Data
 * reads interviews, Manage Users the users, groups and queues). The admin settings (automation, sharing) change only with Customize
 * Application: see {@link canChangeSetupSettings}.
 */
export function canOpenSetupPage(permissions: UserPermissionFlags, page: SetupPage): boolean {
  switch (page) {
    case 'flows':
    case 'interviews':
      return permissions.manageFlow || permissions.customizeApplication || permissions.viewAllData;
    case 'users':
    case 'groups':
      return permissions.customizeApplication || permissions.manageFlow || permissions.manageUsers;
    case 'automation':
    case 'sharing':
    case 'outbox':
    case 'jobs':
      return permissions.customizeApplication || permissions.manageFlow;
  }
}

/** Whether Setup shows in the header at all. */
export function canOpenSetup(permissions: UserPermissionFlags): boolean {
  return permissions.manageFlow || permissions.customizeApplication || permissions.viewAllData || permissions.manageUsers;
}

/** Whether the user may create and change users, permission set assignments, groups and queues (the API's rule: Manage Users). */
export function canManageUsers(permissions: UserPermissionFlags): boolean {
  return permissions.manageUsers;
}

/** Whether the user may change the process automation and sharing settings (the API's rule: Customize Application). */
export function canChangeSetupSettings(permissions: UserPermissionFlags): boolean {
  return permissions.customizeApplication;
}

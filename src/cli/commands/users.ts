// Over 400 lines: every `eddy users` subcommand (users, roles, groups, permission sets, flow access) is a few lines of commander wiring, kept together.
/**
 * `eddy users`: users, roles, groups and queues, and permission sets of the embedded org.
 *
 * ```
 * eddy users [list] [--json]
 * eddy users add <username> [--first-name F] [--last-name L] [--email E] [--role R] [--manager U] [--permission-set P ...]
 * eddy users update <username> [--first-name F] [--last-name L] [--email E] [--role R|--no-role] [--manager U] [--active|--inactive]
 * eddy users assign <username> <permissionSet...>      eddy users unassign <username> <permissionSet...>
 * eddy users set-password <username> [--password-stdin]
 * eddy users roles [list]                               eddy users roles add <name> [--parent R] [--developer-name D]
 * eddy users groups [list]                              eddy users groups add <name> [--queue] [--email E] [--developer-name D]
 * eddy users groups members <group>                     eddy users groups add-member|remove-member <group> <userOrGroup...>
 * eddy users permission-sets [list]                     eddy users permission-sets add <Name> [--label L] [--run-flows] [--manage-flow] [--customize-application] [--view-all-data]
 * eddy users permission-sets enable-flow <permissionSet> <FlowApiName>   (and disable-flow)
 * ```
 * Users are named by username, roles/groups/permission sets by name or Id.
 */
import type { Command } from 'commander';
import { systemClock } from '../../runtime/index.js';
import type { GroupMemberSummary, GroupRecord, PermissionSetRecord, UserRoleRecord, UserService, UserSummary } from '../../runtime/index.js';
import { OAuthService } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { addRuntimeOptions, type CliSession, CommandFailedError, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';
import { closeTerminal, LineReader, TerminalClosedError, type TerminalIo } from '../terminal/index.js';

interface JsonOption {
  readonly json?: boolean;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function flags(set: PermissionSetRecord): string {
  const names = [
    set.PermissionsRunFlow ? 'Run Flows' : undefined,
    set.PermissionsManageInteraction ? 'Manage Flow' : undefined,
    set.PermissionsCustomizeApplication ? 'Customize Application' : undefined,
    set.PermissionsViewAllData ? 'View All Data' : undefined,
    set.PermissionsManageUsers ? 'Manage Users' : undefined,
  ].filter((name): name is string => name !== undefined);
  return names.length === 0 ? '-' : names.join(', ');
}

/** `eddy users` as a table. */
export function renderUsersText(users: readonly UserSummary[]): string {
  return formatTable(
    ['USERNAME', 'NAME', 'ID', 'ACTIVE', 'ROLE', 'MANAGER', 'PERMISSION SETS'],
    users.map(({ user, role, manager, permissionSets }) => [
      user.Username,
      user.Name,
      user.Id,
      user.IsActive ? 'yes' : 'no',
      role?.Name ?? '-',
      manager?.Username ?? '-',
      user.UserType === 'AutomatedProcess' ? '(system user)' : permissionSets.map((s) => s.Name).join(', ') || '-',
    ]),
  );
}

function renderUser(summary: UserSummary): string {
  const { user, role, manager, permissionSets } = summary;
  return [
    `${user.Username} (${user.Name}, ${user.Id})`,
    `  email: ${user.Email}`,
    `  role: ${role?.Name ?? '-'}`,
    `  manager: ${manager?.Username ?? '-'}`,
    `  active: ${user.IsActive ? 'yes' : 'no'}`,
    `  permission sets: ${permissionSets.map((s) => s.Name).join(', ') || '-'}`,
    '',
  ].join('\n');
}

async function permissionSetIds(users: UserService, actorId: string, refs: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) ids.push((await users.findPermissionSet(actorId, ref)).Id);
  return ids;
}

async function memberId(users: UserService, actorId: string, ref: string): Promise<string> {
  if (ref.includes('@') || ref.startsWith('005')) return (await users.findUser(actorId, ref)).Id;
  return (await users.findGroup(actorId, ref)).Id;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An action that runs `work` with the session and prints what it returns (exit code 0). */
function action<A extends unknown[]>(context: CommandContext, work: (session: CliSession, ...args: A) => Promise<string>) {
  // commander calls actions with the arguments, then the options, then the command.
  return async (...args: unknown[]): Promise<void> => {
    const options = args[args.length - 2] as RuntimeOptions;
    await runWithRuntime(context, options, async (session) => {
      context.stdout.write(await work(session, ...(args.slice(0, -2) as A)));
      return EXIT_CODES.ok;
    });
  };
}

function registerUserCommands(users: Command, context: CommandContext): void {
  addRuntimeOptions(users.command('list', { isDefault: true }).description('List users (default).').option('--json', 'print JSON', false)).action(
    async (options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async (session) => {
        const list = await session.users.listUsers(session.actor.Id);
        context.stdout.write(options.json === true ? json(list) : renderUsersText(list));
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(
    users
      .command('add')
      .description('Create a user (with the Flow_User permission set unless --permission-set is given).')
      .argument('<username>', 'the username, an email-like name (ada@example.com)')
      .option('--first-name <name>')
      .option('--last-name <name>', 'default: the part of the username before @')
      .option('--email <email>', 'default: the username')
      .option('--role <role>', 'role name or Id')
      .option('--manager <username>')
      .option('--permission-set <name>', 'assign this permission set (repeatable)', collect),
  ).action(
    async (
      username: string,
      options: RuntimeOptions & { firstName?: string; lastName?: string; email?: string; role?: string; manager?: string; permissionSet?: string[] },
    ) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const role = options.role === undefined ? null : (await users.findRole(actor.Id, options.role)).Id;
        const manager = options.manager === undefined ? null : (await users.findUser(actor.Id, options.manager)).Id;
        const created = await users.createUser(actor.Id, {
          Username: username,
          Email: options.email ?? username,
          FirstName: options.firstName ?? null,
          LastName: options.lastName ?? (username.split('@')[0] || username),
          UserRoleId: role,
          ManagerId: manager,
          permissionSetIds: await permissionSetIds(users, actor.Id, options.permissionSet ?? ['Flow_User']),
        });
        context.stdout.write(`Created user ${created.user.Username} (${created.user.Id}) with ${created.permissionSets.map((s) => s.Name).join(', ') || 'no permission sets'}.\n`);
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(
    users
      .command('update')
      .description("Change a user's names, email, role, manager, or deactivate them.")
      .argument('<username>')
      .option('--first-name <name>')
      .option('--last-name <name>')
      .option('--email <email>')
      .option('--role <role>', 'role name or Id')
      .option('--no-role', 'remove the role')
      .option('--manager <username>')
      .option('--active', 'activate the user')
      .option('--inactive', 'deactivate the user'),
  ).action(
    async (
      username: string,
      options: RuntimeOptions & { firstName?: string; lastName?: string; email?: string; role?: string | false; manager?: string; active?: boolean; inactive?: boolean },
    ) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const user = await users.findUser(actor.Id, username);
        const role = options.role === false ? { UserRoleId: null } : options.role === undefined ? {} : { UserRoleId: (await users.findRole(actor.Id, options.role)).Id };
        const manager = options.manager === undefined ? {} : { ManagerId: (await users.findUser(actor.Id, options.manager)).Id };
        const updated = await users.updateUser(actor.Id, user.Id, {
          ...(options.firstName === undefined ? {} : { FirstName: options.firstName }),
          ...(options.lastName === undefined ? {} : { LastName: options.lastName }),
          ...(options.email === undefined ? {} : { Email: options.email }),
          ...(options.inactive === true ? { IsActive: false } : options.active === true ? { IsActive: true } : {}),
          ...role,
          ...manager,
        });
        context.stdout.write(renderUser(updated));
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(users.command('show').description('Show a user with their role and permission sets.').argument('<username>').option('--json', 'print JSON', false)).action(
    async (username: string, options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const summary = await users.getUser(actor.Id, username);
        context.stdout.write(options.json === true ? json(summary) : renderUser(summary));
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(users.command('assign').description('Assign permission sets to a user.').argument('<username>').argument('<permissionSets...>')).action(
    action(context, async ({ users, actor }, username: string, sets: string[]) => {
      const user = await users.findUser(actor.Id, username);
      for (const id of await permissionSetIds(users, actor.Id, sets)) await users.assignPermissionSet(actor.Id, user.Id, id);
      return renderUser(await users.getUser(actor.Id, user.Id));
    }),
  );

  addRuntimeOptions(users.command('unassign').description('Remove permission sets from a user.').argument('<username>').argument('<permissionSets...>')).action(
    action(context, async ({ users, actor }, username: string, sets: string[]) => {
      const user = await users.findUser(actor.Id, username);
      for (const id of await permissionSetIds(users, actor.Id, sets)) await users.unassignPermissionSet(actor.Id, user.Id, id);
      return renderUser(await users.getUser(actor.Id, user.Id));
    }),
  );
}

function renderRoles(roles: readonly UserRoleRecord[]): string {
  const byId = new Map(roles.map((r) => [r.Id, r]));
  return formatTable(['NAME', 'DEVELOPER NAME', 'ID', 'PARENT'], roles.map((r) => [r.Name, r.DeveloperName, r.Id, (r.ParentRoleId && byId.get(r.ParentRoleId)?.Name) || '-']));
}

/** Shortest password `eddy users set-password` accepts (Salesforce's default policy). */
export const MIN_PASSWORD_LENGTH = 8;

/** All of `input` as text. */
async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** The new password: the whole of stdin without its final line break, or asked twice at the terminal without echo. */
async function readNewPassword(username: string, fromStdin: boolean, io: TerminalIo): Promise<string> {
  if (fromStdin) {
    const password = (await readAll(io.input)).replace(/\r?\n$/, '');
    if (/[\r\n]/.test(password)) throw new CommandFailedError('the password on stdin must be one line.');
    return password;
  }
  const reader = LineReader.for(io);
  try {
    const password = await reader.ask(`New password for ${username}: `, { secret: true });
    const again = await reader.ask('Type it again: ', { secret: true });
    if (password !== again) throw new CommandFailedError('the passwords do not match; nothing was changed.');
    return password;
  } catch (error) {
    if (error instanceof TerminalClosedError) throw new CommandFailedError(`no password was given (${error.message}); nothing was changed.`);
    throw error;
  } finally {
    closeTerminal(io);
  }
}

function registerPasswordCommand(users: Command, context: CommandContext): void {
  addRuntimeOptions(
    users
      .command('set-password')
      .description("Set a user's password for OAuth logins (argon2id); their access tokens are revoked. Asks at the terminal without echo.")
      .argument('<username>')
      .option('--password-stdin', 'read the password from stdin (for scripts)', false),
  ).action(async (username: string, options: RuntimeOptions & { passwordStdin?: boolean }) => {
    const io: TerminalIo = { input: process.stdin, output: process.stdout };
    const fromStdin = options.passwordStdin === true;
    if (!fromStdin && !(process.stdin.isTTY && process.stdout.isTTY)) {
      throw new UsageError('there is no terminal to ask for the password; pipe it in with --password-stdin.');
    }
    await runWithRuntime(context, options, async ({ storage, users, actor }) => {
      // Permission and user first, so nobody types a password that would be refused.
      const user = await users.userForPasswordChange(actor.Id, username);
      const password = await readNewPassword(user.Username, fromStdin, io);
      if (password.length < MIN_PASSWORD_LENGTH) throw new CommandFailedError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters; nothing was changed.`);
      const changed = await new OAuthService({ storage, clock: systemClock }).setPassword(user.Id, password);
      context.stdout.write(changed ? `Set the password of ${user.Username}; their access tokens were revoked.\n` : `${user.Username} already has this password; nothing was changed.\n`);
      return EXIT_CODES.ok;
    });
  });
}

function registerRoleCommands(users: Command, context: CommandContext): void {
  const roles = users.command('roles').description('List and create roles (a hierarchy: --parent).');
  addRuntimeOptions(roles.command('list', { isDefault: true }).description('List roles (default).').option('--json', 'print JSON', false)).action(
    async (options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const list = await users.listRoles(actor.Id);
        context.stdout.write(options.json === true ? json(list) : renderRoles(list));
        return EXIT_CODES.ok;
      });
    },
  );
  addRuntimeOptions(
    roles.command('add').description('Create a role.').argument('<name>').option('--parent <role>', 'the parent role').option('--developer-name <name>'),
  ).action(async (name: string, options: RuntimeOptions & { parent?: string; developerName?: string }) => {
    await runWithRuntime(context, options, async ({ users, actor }) => {
      const parent = options.parent === undefined ? null : (await users.findRole(actor.Id, options.parent)).Id;
      const role = await users.createRole(actor.Id, { Name: name, ParentRoleId: parent, ...(options.developerName === undefined ? {} : { DeveloperName: options.developerName }) });
      context.stdout.write(`Created role ${role.Name} (${role.DeveloperName}, ${role.Id}).\n`);
      return EXIT_CODES.ok;
    });
  });
}

function renderGroups(groups: readonly GroupRecord[]): string {
  return formatTable(['NAME', 'DEVELOPER NAME', 'TYPE', 'ID'], groups.map((g) => [g.Name, g.DeveloperName, g.Type, g.Id]));
}

function renderMembers(members: readonly GroupMemberSummary[]): string {
  return formatTable(
    ['MEMBER', 'KIND', 'ID'],
    members.map((m) => (m.kind === 'user' ? [m.user.Username, 'user', m.user.Id] : [m.group.Name, m.group.Type, m.group.Id])),
  );
}

function registerGroupCommands(users: Command, context: CommandContext): void {
  const groups = users.command('groups').description('List and create public groups and queues, and their members.');
  addRuntimeOptions(groups.command('list', { isDefault: true }).description('List public groups and queues (default).').option('--json', 'print JSON', false)).action(
    async (options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const list = await users.listGroups(actor.Id);
        context.stdout.write(options.json === true ? json(list) : renderGroups(list));
        return EXIT_CODES.ok;
      });
    },
  );
  addRuntimeOptions(
    groups.command('add').description('Create a public group (or a queue).').argument('<name>').option('--queue', 'create a queue', false).option('--email <email>').option('--developer-name <name>'),
  ).action(async (name: string, options: RuntimeOptions & { queue?: boolean; email?: string; developerName?: string }) => {
    await runWithRuntime(context, options, async ({ users, actor }) => {
      const group = await users.createGroup(actor.Id, {
        Name: name,
        Type: options.queue === true ? 'Queue' : 'Regular',
        ...(options.email === undefined ? {} : { Email: options.email }),
        ...(options.developerName === undefined ? {} : { DeveloperName: options.developerName }),
      });
      context.stdout.write(`Created ${group.Type === 'Queue' ? 'queue' : 'group'} ${group.Name} (${group.DeveloperName}, ${group.Id}).\n`);
      return EXIT_CODES.ok;
    });
  });
  addRuntimeOptions(groups.command('members').description('List the members of a group or queue.').argument('<group>').option('--json', 'print JSON', false)).action(
    async (ref: string, options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const group = await users.findGroup(actor.Id, ref);
        const members = await users.groupMembers(actor.Id, group.Id);
        context.stdout.write(options.json === true ? json(members) : renderMembers(members));
        return EXIT_CODES.ok;
      });
    },
  );
  addRuntimeOptions(groups.command('add-member').description('Add users (by username) or groups to a group or queue.').argument('<group>').argument('<members...>')).action(
    action(context, async ({ users, actor }, ref: string, members: string[]) => {
      const group = await users.findGroup(actor.Id, ref);
      for (const member of members) await users.addGroupMember(actor.Id, group.Id, await memberId(users, actor.Id, member));
      return renderMembers(await users.groupMembers(actor.Id, group.Id));
    }),
  );
  addRuntimeOptions(groups.command('remove-member').description('Remove users or groups from a group or queue.').argument('<group>').argument('<members...>')).action(
    action(context, async ({ users, actor }, ref: string, members: string[]) => {
      const group = await users.findGroup(actor.Id, ref);
      for (const member of members) await users.removeGroupMember(actor.Id, group.Id, await memberId(users, actor.Id, member));
      return renderMembers(await users.groupMembers(actor.Id, group.Id));
    }),
  );
}

function registerPermissionSetCommands(users: Command, context: CommandContext): void {
  const sets = users.command('permission-sets').description('List and create permission sets; enable restricted flows for them.');
  addRuntimeOptions(sets.command('list', { isDefault: true }).description('List permission sets (default).').option('--json', 'print JSON', false)).action(
    async (options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const list = await users.listPermissionSets(actor.Id);
        context.stdout.write(options.json === true ? json(list) : formatTable(['NAME', 'LABEL', 'ID', 'PERMISSIONS'], list.map((s) => [s.Name, s.Label, s.Id, flags(s)])));
        return EXIT_CODES.ok;
      });
    },
  );
  addRuntimeOptions(
    sets
      .command('add')
      .description('Create a permission set.')
      .argument('<Name>', 'API name (letters, digits, underscores)')
      .option('--label <label>')
      .option('--description <text>')
      .option('--run-flows', 'Run Flows', false)
      .option('--manage-flow', 'Manage Flow', false)
      .option('--customize-application', 'Customize Application', false)
      .option('--view-all-data', 'View All Data', false)
      .option('--manage-users', 'Manage Users', false),
  ).action(
    async (
      name: string,
      options: RuntimeOptions & {
        label?: string;
        description?: string;
        runFlows?: boolean;
        manageFlow?: boolean;
        customizeApplication?: boolean;
        viewAllData?: boolean;
        manageUsers?: boolean;
      },
    ) => {
      await runWithRuntime(context, options, async ({ users, actor }) => {
        const set = await users.createPermissionSet(actor.Id, {
          Name: name,
          ...(options.label === undefined ? {} : { Label: options.label }),
          ...(options.description === undefined ? {} : { Description: options.description }),
          PermissionsRunFlow: options.runFlows === true,
          PermissionsManageInteraction: options.manageFlow === true,
          PermissionsCustomizeApplication: options.customizeApplication === true,
          PermissionsViewAllData: options.viewAllData === true,
          PermissionsManageUsers: options.manageUsers === true,
        });
        context.stdout.write(`Created permission set ${set.Name} (${set.Id}): ${flags(set)}.\n`);
        return EXIT_CODES.ok;
      });
    },
  );
  addRuntimeOptions(
    sets.command('enable-flow').description('Let holders of a permission set run a flow that restricts access to enabled permission sets.').argument('<permissionSet>').argument('<FlowApiName>'),
  ).action(
    action(context, async ({ users, actor }, ref: string, flow: string) => {
      const set = await users.findPermissionSet(actor.Id, ref);
      const definition = await users.enableFlowAccess(actor.Id, set.Id, flow);
      return `Enabled ${definition.DeveloperName} for ${set.Name}.\n`;
    }),
  );
  addRuntimeOptions(sets.command('disable-flow').description('Take back what enable-flow gave.').argument('<permissionSet>').argument('<FlowApiName>')).action(
    action(context, async ({ users, actor }, ref: string, flow: string) => {
      const set = await users.findPermissionSet(actor.Id, ref);
      const definition = await users.disableFlowAccess(actor.Id, set.Id, flow);
      return `Disabled ${definition.DeveloperName} for ${set.Name}.\n`;
    }),
  );
}

/** Registers `users` and its subcommands on the program. */
export function registerUsersCommand(program: Command, context: CommandContext): void {
  const users = program.command('users').description('Manage users, roles, groups and queues, and permission sets of the embedded org.');
  registerUserCommands(users, context);
  registerPasswordCommand(users, context);
  registerRoleCommands(users, context);
  registerGroupCommands(users, context);
  registerPermissionSetCommands(users, context);
}

/**
 * The interview access table of `docs/interview-access.md`, read from the document and checked
 * cell by cell through every path: SOQL, the REST sObject, the runtime API, the lists the web UI
 * uses and the CLI's commands (run in this process over the same database). A `yes` must succeed
 * on every path; a `no` must be refused the same way on every path — 404 when the user may not
 * see the interview, 403 when they may — and change nothing.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { deleteInterview, listInterviews, showInterview, type ListedInterview } from '../../src/cli/commands/interviews.js';
import { resumeInterview } from '../../src/cli/commands/resume.js';
import type { CommandContext } from '../../src/cli/command-context.js';
import type { CliSession } from '../../src/cli/open-runtime.js';
import { UserService } from '../../src/runtime/directory/user-service.js';
import { FlowService } from '../../src/runtime/flows/flow-service.js';
import type { UserRecord } from '../../src/runtime/ports/index.js';
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows } from './support/test-flows.js';

const OPERATIONS = ['see', 'resume', 'navigate', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];
type Setting = 'on' | 'off';
type Row = { readonly user: string; readonly cells: Readonly<Record<Operation, boolean>> };

/** The two tables of the document, by setting. */
function readTables(): Record<Setting, Row[]> {
  const text = readFileSync(fileURLToPath(new URL('../../docs/interview-access.md', import.meta.url)), 'utf8');
  const table = (heading: string): Row[] => {
    const start = text.indexOf(heading);
    if (start < 0) throw new Error(`docs/interview-access.md has no "${heading}"`);
    const lines = text.slice(start).split('\n').slice(1);
    const rows = lines.slice(lines.findIndex((line) => line.startsWith('|'))).filter((line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
    const [header, , ...body] = rows.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(header).toEqual(['user', ...OPERATIONS]);
    return body.map(([user = '', ...cells]) => {
      for (const cell of cells) if (cell !== 'yes' && cell !== 'no') throw new Error(`"${cell}" in the row "${user}" is neither yes nor no`);
      return { user, cells: Object.fromEntries(OPERATIONS.map((op, i) => [op, cells[i] === 'yes'])) as Record<Operation, boolean> };
    });
  };
  return {
    on: table('### "Let users resume shared flow interviews" on'),
    off: table('### "Let users resume shared flow interviews" off'),
  };
}

const TABLES = readTables();

/** Answers to Demo_Support_Request's two screens in the terminal runner. */
const TERMINAL_ANSWERS = 'Printer broken\nIt smokes\nn\nf\n';

/** A terminal with the answers typed ahead (the input stays open: the runner closes it when the flow ends). */
function terminal(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  const input = new PassThrough();
  input.write(TERMINAL_ANSWERS);
  const output = new PassThrough();
  output.resume();
  return { input, output };
}

function commandContext(): CommandContext & { text(): string } {
  let out = '';
  const stream = { write: (chunk: string) => ((out += chunk), true) };
  return { stdout: stream, stderr: stream, setExitCode: () => undefined, text: () => out };
}

/** The outcome of a path: done, or refused with a status (404 or 403). */
type Outcome = 'ok' | 404 | 403;

const CODE_STATUS: Readonly<Record<string, Outcome>> = { NOT_FOUND: 404, INSUFFICIENT_ACCESS: 403 };

/** A CLI function's outcome: `ok` for exit code 0, 404/403 for the access errors, else the code. */
async function outcomeOf(run: () => Promise<number>): Promise<Outcome | string> {
  try {
    const exitCode = await run();
    return exitCode === 0 ? 'ok' : `exit code ${exitCode}`;
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return CODE_STATUS[code] ?? code;
  }
}

function httpOutcome(status: number, okStatus: number): Outcome | number {
  return status === okStatus ? 'ok' : status;
}

forEachDatabase('interview access table', (ctx) => {
  let server: TestServer | undefined;
  let runtime: Runtime | undefined;
  afterEach(async () => {
    await server?.app.close();
    await runtime?.stop();
    server = undefined;
    runtime = undefined;
  });

  const setUp = async (setting: Setting) => {
    runtime = await createRuntime({ storage: ctx.db(), clock: ctx.clock() });
    const s = await createTestServer(ctx.db(), ctx.clock(), { runtime });
    server = s;
    const own = runtime;
    await deployTestFlows(s.db, s.systemId);
    await s.db.settings.updateOrganization({ resumeSharedInterviews: setting === 'on' }, s.systemId);
    const ceo = await s.db.directory.createRole({ Name: 'CEO' }, s.systemId);
    const manager = await s.db.directory.createRole({ Name: 'Support Manager', ParentRoleId: ceo.Id }, s.systemId);
    const agent = await s.db.directory.createRole({ Name: 'Support Agent', ParentRoleId: manager.Id }, s.systemId);
    const owner = await s.createUser('owner', { runFlows: true, roleId: agent.Id });
    const users: Record<string, UserRecord> = {
      'without Run Flows or Manage Flow': await s.createUser('noperms'),
      'the owner': owner,
      'another Run Flows user': await s.createUser('other', { runFlows: true }),
      'shared with them, Read': await s.createUser('reader', { runFlows: true }),
      'shared with them, Edit': await s.createUser('editor', { runFlows: true }),
      "in a role above the owner's": await s.createUser('boss', { runFlows: true, roleId: manager.Id }),
      'View All Data': await s.createUser('viewall', { runFlows: true, viewAllData: true }),
      'Manage Flow': await s.createUser('mflow', { manageFlow: true }),
      'Manage Flow and View All Data': await s.createUser('flowadmin', { runFlows: true, manageFlow: true, viewAllData: true }),
    };
    const ownerToken = await s.tokenFor(owner);
    /** A new interview of the owner at Demo_Support_Request's first screen, shared Read and Edit; paused when asked. */
    const interview = async (state: 'running' | 'paused'): Promise<{ id: string; version: number }> => {
      const started = await s.call(ownerToken, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
      expect(started.statusCode, started.body).toBe(201);
      const id = started.json().interview.Id as string;
      let version = started.json().interview.version as number;
      await s.db.interviews.share(id, users['shared with them, Read']!.Id, 'Read', owner.Id);
      await s.db.interviews.share(id, users['shared with them, Edit']!.Id, 'Edit', owner.Id);
      if (state === 'paused') {
        const paused = await s.call(ownerToken, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'PAUSE', values: { Subject: 'Later' }, version });
        expect(paused.json().awaiting, paused.body).toBe('paused');
        version = paused.json().interview.version as number;
      }
      return { id, version };
    };
    const cli = (actor: UserRecord): CliSession => ({
      storage: ctx.db(),
      flows: new FlowService(ctx.db()),
      users: new UserService(ctx.db()),
      actor,
      runtime: () => Promise.resolve(own),
      close: () => Promise.resolve(),
    });
    const versionOf = async (id: string): Promise<number | undefined> => (await s.db.interviews.get(id))?.version;
    return { s, users, interview, cli, versionOf };
  };

  for (const setting of ['on', 'off'] as const) {
    for (const operation of OPERATIONS) {
      it(`answers "${operation}" as the table says with "Let users resume shared flow interviews" ${setting}, on every path`, { timeout: 120_000 }, async () => {
        const { s, users, interview, cli, versionOf } = await setUp(setting);
        const expected: Record<string, Record<string, unknown>> = {};
        const actual: Record<string, Record<string, unknown>> = {};
        for (const row of TABLES[setting]) {
          const user = users[row.user];
          if (user === undefined) throw new Error(`The table's row "${row.user}" names no user of this test`);
          const token = await s.tokenFor(user);
          const refused: Outcome = row.cells.see ? 403 : 404;
          const want: Outcome = row.cells[operation] ? 'ok' : refused;
          const got: Record<string, unknown> = {};
          const wanted: Record<string, unknown> = {};
          /** Runs a state-changing path on a fresh interview; a refusal must leave it unchanged. */
          const change = async (path: string, state: 'running' | 'paused', run: (id: string, version: number) => Promise<Outcome | number | string>) => {
            const { id, version } = await interview(state);
            wanted[path] = want;
            got[path] = await run(id, version);
            if (got[path] !== 'ok') got[`${path} left it unchanged`] = (await versionOf(id)) === version;
            if (want !== 'ok') wanted[`${path} left it unchanged`] = true;
          };
          switch (operation) {
            case 'see': {
              const { id } = await interview('paused');
              const soql = await s.call(token, 'GET', `/query?q=${encodeURIComponent(`SELECT Id FROM FlowInterview WHERE Id = '${id}'`)}`);
              const listed = await s.call(token, 'GET', '/eddy/interviews?scope=flow&flowApiName=Demo_Support_Request');
              const all = await s.call(token, 'GET', '/eddy/interviews?scope=all');
              const cliList = commandContext();
              await listInterviews(cli(user), { flow: 'Demo_Support_Request', json: true }, cliList);
              Object.assign(wanted, {
                soql: row.cells.see ? 1 : 0,
                'GET /sobjects/FlowInterview': want,
                'GET /eddy/interviews/{id}/screen': want,
                'list scope=flow': row.cells.see,
                // Setup's list of every interview is for Manage Flow users, and shows what they can see.
                'list scope=all': (await s.db.directory.permissionsOf(user.Id)).manageFlow ? row.cells.see : 403,
                'eddy interviews show': want === 'ok' ? 'ok' : 404,
                'eddy interviews --flow': row.cells.see,
              });
              Object.assign(got, {
                soql: soql.json().totalSize,
                'GET /sobjects/FlowInterview': httpOutcome((await s.call(token, 'GET', `/sobjects/FlowInterview/${id}`)).statusCode, 200),
                'GET /eddy/interviews/{id}/screen': httpOutcome((await s.call(token, 'GET', `/eddy/interviews/${id}/screen`)).statusCode, 200),
                'list scope=flow': (listed.json().records as { Id: string }[]).some((r) => r.Id === id),
                'list scope=all': all.statusCode === 200 ? (all.json().records as { Id: string }[]).some((r) => r.Id === id) : all.statusCode,
                'eddy interviews show': await outcomeOf(() => showInterview(cli(user), id, { json: true }, commandContext())),
                'eddy interviews --flow': (JSON.parse(cliList.text()) as ListedInterview[]).some((i) => i.Id === id),
              });
              break;
            }
            case 'resume':
              await change('POST /eddy/interviews/{id}/resume', 'paused', async (id) => httpOutcome((await s.call(token, 'POST', `/eddy/interviews/${id}/resume`)).statusCode, 200));
              await change('eddy resume', 'paused', (id) => outcomeOf(() => resumeInterview(cli(user), id, terminal())));
              break;
            case 'navigate':
              await change('POST /eddy/interviews/{id}/navigate', 'running', async (id, version) => {
                const preview = await s.call(token, 'POST', `/eddy/interviews/${id}/preview`, { values: { Subject: 'x' } });
                got['POST /eddy/interviews/{id}/preview'] = httpOutcome(preview.statusCode, 200);
                wanted['POST /eddy/interviews/{id}/preview'] = want;
                const response = await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'NEXT', values: { Subject: 'Printer broken' }, version });
                return httpOutcome(response.statusCode, 200);
              });
              await change('eddy resume (a running interview: its screens)', 'running', (id) => outcomeOf(() => resumeInterview(cli(user), id, terminal())));
              break;
            case 'delete':
              await change('DELETE /sobjects/FlowInterview/{id}', 'paused', async (id) => httpOutcome((await s.call(token, 'DELETE', `/sobjects/FlowInterview/${id}`)).statusCode, 204));
              await change('eddy interviews delete', 'paused', (id) => outcomeOf(() => deleteInterview(cli(user), id, commandContext())));
              break;
          }
          expected[row.user] = wanted;
          actual[row.user] = got;
        }
        expect(actual).toEqual(expected);
      });
    }
  }
});

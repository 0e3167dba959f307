/**
 * The two servers S3 loads, in one process: Eddy's server as `eddy serve` starts it
 * (`startServer`: the database, the runtime with its background work, the Fastify app), and a
 * bare Fastify app with one route that reads the same FlowInterview row by primary key with a
 * prepared better-sqlite3 statement and returns it as JSON — the floor any REST read pays.
 */
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { SQLITE_BUSY_TIMEOUT_MS } from '../../src/storage/index.js';
import { createScratch, type Scratch } from '../support/bench-database.js';
import { BENCH_FLOW, openEddyOrg } from '../support/eddy-org.js';

/** The API version S3 calls. */
export const S3_API_VERSION = 'v59.0';

const CLIENT_ID = 'bench-app';
const CLIENT_SECRET = 'bench-secret-0123456789abcdef';
const PASSWORD = 'Bench password 0123456789!';

/** Where to send the load. */
export interface S3Targets {
  /** `GET /services/data/v59.0/sobjects/FlowInterview/{id}` on Eddy. */
  readonly eddyUrl: string;
  /** The bare route for the same row. */
  readonly bareUrl: string;
  /** Headers for Eddy (the bearer token). */
  readonly eddyHeaders: Readonly<Record<string, string>>;
  readonly interviewId: string;
}

/** The running servers. */
export interface S3Servers extends S3Targets {
  close(): Promise<void>;
}

function bareServer(file: string): { app: FastifyInstance; db: Database.Database } {
  const db = new Database(file, { readonly: true });
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const byId = db.prepare<[string], Record<string, unknown>>('select * from flow_interviews where "Id" = ?');
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/bare/FlowInterview/:id', async (request, reply) => {
    const row = byId.get(request.params.id);
    if (row === undefined) return reply.code(404).send([{ errorCode: 'NOT_FOUND', message: 'Not found' }]);
    return row;
  });
  return { app, db };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The server has no address.');
  return `http://127.0.0.1:${address.port}`;
}

/** Prepares an org with a paused interview on a scratch SQLite file and starts both servers. */
export async function startS3Servers(): Promise<S3Servers> {
  const scratch = await createScratch({ kind: 'sqlite' }, 's3');
  if (scratch.kind !== 'sqlite') throw new Error('S3 runs on SQLite.');
  let eddy: RunningServer | undefined;
  let bare: ReturnType<typeof bareServer> | undefined;
  try {
    const { userId, username, interviewId } = await prepareOrg(scratch);
    eddy = await startServer({ port: 0, host: '127.0.0.1', database: scratch.file, env: {}, print: () => undefined });
    await eddy.app.oauth.setPassword(userId, PASSWORD);
    await eddy.app.oauth.registerConnectedApp({ name: 'Bench App', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, userId);
    const token = await login(eddy.url, username);
    const eddyUrl = `${eddy.url}/services/data/${S3_API_VERSION}/sobjects/FlowInterview/${interviewId}`;
    const eddyHeaders = { Authorization: `Bearer ${token}` };
    const check = await fetch(eddyUrl, { headers: eddyHeaders });
    if (check.status !== 200) throw new Error(`S3: GET FlowInterview answered ${check.status}: ${await check.text()}`);
    bare = bareServer(scratch.file);
    const bareUrl = `${await listen(bare.app)}/bare/FlowInterview/${interviewId}`;
    const running = { eddy, bare };
    return {
      eddyUrl,
      bareUrl,
      eddyHeaders,
      interviewId,
      async close() {
        await running.bare.app.close();
        running.bare.db.close();
        await running.eddy.close();
        await scratch.remove();
      },
    };
  } catch (error) {
    await bare?.app.close();
    bare?.db.close();
    await eddy?.close();
    await scratch.remove();
    throw error;
  }
}

/** The benchmark org with one paused interview of the flow user's. */
async function prepareOrg(scratch: Scratch): Promise<{ userId: string; username: string; interviewId: string }> {
  const org = await openEddyOrg(scratch);
  try {
    const started = await org.runtime.interviews.start(org.userId, BENCH_FLOW);
    await org.runtime.interviews.pause(org.userId, started.interview.Id);
    const user = await org.database.directory.getUser(org.userId);
    if (user === undefined) throw new Error('The flow user is missing.');
    return { userId: org.userId, username: user.Username, interviewId: started.interview.Id };
  } finally {
    await org.close();
  }
}

async function login(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, username, password: PASSWORD }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || typeof body.access_token !== 'string') throw new Error(`S3: login failed (${response.status}): ${JSON.stringify(body)}`);
  return body.access_token;
}

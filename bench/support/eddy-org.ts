/**
 * An Eddy org for a benchmark: the database opened as production opens it (`openDatabase`:
 * SQLite in WAL with `synchronous=FULL`, or PostgreSQL), the standard permission sets and the
 * administrator (`bootstrapOrg`), the benchmark flow deployed and activated through the flow
 * service, and a user who may only run flows (the Flow_User permission set).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bootstrapOrg, DEFAULT_ADMIN_USERNAME } from '../../src/runtime/org/org-bootstrap.js';
import type { Storage } from '../../src/runtime/ports/index.js';
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { openDatabase, type EddyDatabase } from '../../src/storage/index.js';
import type { Scratch } from './bench-database.js';

/** The benchmark flow's API name. */
export const BENCH_FLOW = 'Bench_Approval';

/** The benchmark flow's metadata file. */
export const BENCH_FLOW_FILE = fileURLToPath(new URL('../flows/Bench_Approval.flow-meta.xml', import.meta.url));

/** An opened benchmark org. */
export interface EddyOrg {
  readonly database: EddyDatabase;
  readonly runtime: Runtime;
  readonly adminId: string;
  /** A user with Run Flows only. */
  readonly userId: string;
  close(): Promise<void>;
}

/** Options of {@link openEddyOrg}. */
export interface EddyOrgOptions {
  /** The storage the runtime uses, built over the opened database (default: the database itself). */
  readonly wrapStorage?: (database: EddyDatabase) => Storage;
  /** PostgreSQL pool size (default 10, as in production). */
  readonly poolSize?: number;
}

/** Opens Eddy on `scratch`, deploys the benchmark flow and creates the flow user. */
export async function openEddyOrg(scratch: Scratch, options: EddyOrgOptions = {}): Promise<EddyOrg> {
  const database =
    scratch.kind === 'sqlite'
      ? await openDatabase({ file: scratch.file })
      : await openDatabase({ url: scratch.url, schema: scratch.schema, ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }) });
  try {
    await bootstrapOrg(database);
    const admin = await database.directory.getUserByUsername(DEFAULT_ADMIN_USERNAME);
    if (admin === undefined) throw new Error('The org has no administrator after bootstrap.');
    const runtime = await createRuntime({ storage: options.wrapStorage?.(database) ?? database });
    const deployed = await runtime.flows?.deploy(admin.Id, [{ path: `flows/${BENCH_FLOW}.flow-meta.xml`, content: readFileSync(BENCH_FLOW_FILE, 'utf8') }], { activate: true });
    if (deployed === undefined || !deployed.summary.ok || deployed.flows[0]?.activated !== true) {
      throw new Error(`The benchmark flow did not deploy: ${JSON.stringify(deployed?.flows[0] ?? 'no flow service')}`);
    }
    const flowUser = (await database.directory.listPermissionSets()).find((set) => set.Name === 'Flow_User');
    if (flowUser === undefined) throw new Error('The org has no Flow_User permission set.');
    const user = await database.directory.createUser({ Username: 'bench.user@example.com', Email: 'bench.user@example.com', FirstName: 'Bench', LastName: 'User' }, admin.Id);
    await database.directory.assignPermissionSet(user.Id, flowUser.Id);
    return {
      database,
      runtime,
      adminId: admin.Id,
      userId: user.Id,
      async close() {
        await runtime.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

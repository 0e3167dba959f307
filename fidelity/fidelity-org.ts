/**
 * A fresh Eddy for one repository of the corpus, opened as production opens it: a SQLite file in
 * a temporary folder (`openDatabase`), the org bootstrapped (standard permission sets, the
 * administrator), the runtime built over it (`createRuntime`, with SOQL and an in-memory mailer),
 * and the repository's flows deployed and activated through the flow service. Flows of one
 * repository are deployed together, so their subflows resolve; `Name-2.flow-meta.xml` files are
 * deployed as successive versions of `Name`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapOrg, createMemoryMailer, createRuntime, DEFAULT_ADMIN_USERNAME, type FlowDeployResult, type Runtime } from '../src/runtime/index.js';
import { type EddyDatabase, openDatabase, SoqlEngine } from '../src/storage/index.js';
import type { CorpusFlow } from './corpus.js';
import { ObservedActionRegistry, observedStorage, PortErrorLog } from './port-errors.js';
import { SampleRecords } from './sample-records.js';

/** An opened org with one repository's flows deployed. */
export interface FidelityOrg {
  readonly database: EddyDatabase;
  readonly runtime: Runtime;
  readonly adminId: string;
  /** Errors the record store and the actions threw, per flow run. */
  readonly portErrors: PortErrorLog;
  readonly samples: SampleRecords;
  /** The deploy result of each corpus file, by its corpus path. */
  readonly deployed: ReadonlyMap<string, FlowDeployResult>;
  close(): Promise<void>;
}

/**
 * The deploys, in order: unversioned files first, then version 1, 2, ... of the versioned ones;
 * a second file with the same API name (`X.flow` beside `X.flow-meta.xml`) goes in a later
 * deploy, as a newer version.
 */
export function deployBatches(flows: readonly CorpusFlow[]): CorpusFlow[][] {
  const batches = new Map<string, { readonly level: number; readonly repeat: number; readonly flows: CorpusFlow[] }>();
  const seen = new Map<string, number>();
  for (const flow of flows) {
    const level = flow.versionSuffix ?? 0;
    const name = `${level}:${flow.apiName.toLowerCase()}`;
    const repeat = seen.get(name) ?? 0;
    seen.set(name, repeat + 1);
    const key = `${level}:${repeat}`;
    const batch = batches.get(key) ?? { level, repeat, flows: [] };
    batch.flows.push(flow);
    batches.set(key, batch);
  }
  return [...batches.values()].sort((a, b) => a.level - b.level || a.repeat - b.repeat).map((batch) => batch.flows);
}

/** Opens a fresh org and deploys `flows` (all of one repository) from `corpusFolder`. */
export async function openFidelityOrg(corpusFolder: string, flows: readonly CorpusFlow[], now: Date): Promise<FidelityOrg> {
  const folder = mkdtempSync(join(tmpdir(), 'eddy-fidelity-'));
  const database = await openDatabase({ file: join(folder, 'eddy.db') });
  const portErrors = new PortErrorLog();
  let runtime: Runtime | undefined;
  try {
    await bootstrapOrg(database);
    const admin = await database.directory.getUserByUsername(DEFAULT_ADMIN_USERNAME);
    if (admin === undefined) throw new Error('The org has no administrator after bootstrap.');
    runtime = await createRuntime({
      storage: observedStorage(database, portErrors),
      actions: new ObservedActionRegistry(portErrors),
      mailer: createMemoryMailer(),
      soql: new SoqlEngine(database),
    });
    const flowService = runtime.flows;
    if (flowService === undefined) throw new Error('The runtime has no flow service.');

    const deployed = new Map<string, FlowDeployResult>();
    for (const batch of deployBatches(flows)) {
      const files = batch.map((flow) => ({
        path: `force-app/main/default/flows/${flow.apiName}.flow-meta.xml`,
        content: readFileSync(join(corpusFolder, flow.path), 'utf8'),
        flow,
      }));
      const result = await flowService.deploy(admin.Id, files.map(({ path, content }) => ({ path, content })), { activate: true });
      for (const outcome of result.flows) {
        const file = files.find((candidate) => candidate.path === outcome.path);
        if (file !== undefined) deployed.set(file.flow.path, outcome);
      }
    }
    const opened = runtime;
    return {
      database,
      runtime: opened,
      adminId: admin.Id,
      portErrors,
      samples: new SampleRecords(database, admin.Id, now),
      deployed,
      async close() {
        try {
          await opened.stop();
          await database.close();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await runtime?.stop();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

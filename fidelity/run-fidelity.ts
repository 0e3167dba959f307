/**
 * The fidelity run: every flow of the corpus, one fresh org per repository, one flow after the
 * other in this process, each within its time limit; the outcomes and their summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FlowDefinition, parseFlowXml } from '../src/flow-model/index.js';
import { type CorpusFlow, listCorpus } from './corpus.js';
import { openFidelityOrg } from './fidelity-org.js';
import { type FidelityReport, summarise } from './report.js';
import { type FlowOutcome, type RunLimits, runCorpusFlow } from './run-flow.js';

/** Options of {@link runFidelity}. */
export interface FidelityOptions {
  /** The corpus folder (`../shared/flows`). */
  readonly corpusFolder: string;
  /** Keeps the corpus paths (`owner__repo/Name.flow-meta.xml`) it matches; default all. */
  readonly only?: (path: string) => boolean;
  readonly limits?: Partial<RunLimits>;
  /** The time the run's sample data is dated at (default now). */
  readonly now?: Date;
  /** Called after each flow, for progress. */
  readonly onFlow?: (outcome: FlowOutcome, done: number, total: number) => void;
}

/** Default limits: 20 s and 40 screens per flow. */
export const DEFAULT_LIMITS: RunLimits = { timeLimitMs: 20_000, maxScreens: 40 };

/** Runs the corpus and returns the report. */
export async function runFidelity(options: FidelityOptions): Promise<FidelityReport> {
  const started = performance.now();
  const limits: RunLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? new Date();
  const flows = listCorpus(options.corpusFolder, options.only);
  const byRepository = new Map<string, CorpusFlow[]>();
  for (const flow of flows) byRepository.set(flow.repository, [...(byRepository.get(flow.repository) ?? []), flow]);
  const outcomes: FlowOutcome[] = [];
  for (const [, repositoryFlows] of byRepository) {
    const org = await openFidelityOrg(options.corpusFolder, repositoryFlows, now);
    // The repository's flows by API name (the latest file of a name wins), for subflow lookups.
    const definitions = new Map<string, FlowDefinition>();
    for (const flow of repositoryFlows) {
      const { definition } = parseFlowXml(readFileSync(join(options.corpusFolder, flow.path), 'utf8'), { fileName: `${flow.apiName}.flow-meta.xml` });
      if (definition !== undefined) definitions.set(flow.apiName.toLowerCase(), definition);
    }
    const flowNamed = (apiName: string): FlowDefinition | undefined => definitions.get(apiName.toLowerCase());
    try {
      for (const flow of repositoryFlows) {
        const xml = readFileSync(join(options.corpusFolder, flow.path), 'utf8');
        const outcome = await runCorpusFlow(org, flow, xml, limits, now, flowNamed);
        outcomes.push(outcome);
        options.onFlow?.(outcome, outcomes.length, flows.length);
      }
    } finally {
      await org.close();
    }
  }
  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    corpus: options.corpusFolder,
    limits,
    durationMs: Math.round(performance.now() - started),
    summary: summarise(outcomes),
    flows: outcomes,
  };
}

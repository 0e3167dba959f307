/**
 * The fidelity report: every flow's outcome, counts by class and by cause, and the success rate
 * over the flows that need nothing outside the corpus; as JSON (for tools) and Markdown (to read).
 */
import { OUTCOME_CLASSES, type OutcomeClass } from './classify.js';
import type { FlowOutcome, RunLimits } from './run-flow.js';

/** One cause within a class, with how many flows it stopped and which. */
export interface CauseCount {
  readonly class: OutcomeClass;
  readonly cause: string;
  readonly count: number;
  /** The subjects (what is missing or wrong), most frequent first, with their counts. */
  readonly subjects: readonly { readonly subject: string; readonly count: number }[];
  readonly flows: readonly string[];
}

/** The report's summary. */
export interface FidelitySummary {
  readonly flows: number;
  readonly byClass: Readonly<Record<OutcomeClass, number>>;
  readonly byCause: readonly CauseCount[];
  /**
   * Flows that need nothing outside the corpus and that Eddy starts (every class but
   * `needs-metadata` and `not-run`), and how many of them finished or wait at a wait element.
   */
  readonly success: { readonly runnable: number; readonly succeeded: number; readonly ratio: number };
}

/** The whole report (`fidelity-report.json`). */
export interface FidelityReport {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly corpus: string;
  readonly limits: RunLimits;
  readonly durationMs: number;
  readonly summary: FidelitySummary;
  readonly flows: readonly FlowOutcome[];
}

/** Counts outcomes by class and cause. */
export function summarise(outcomes: readonly FlowOutcome[]): FidelitySummary {
  const byClass = Object.fromEntries(OUTCOME_CLASSES.map((name) => [name, 0])) as Record<OutcomeClass, number>;
  const causes = new Map<string, { class: OutcomeClass; cause: string; flows: string[]; subjects: Map<string, number> }>();
  for (const outcome of outcomes) {
    byClass[outcome.class] += 1;
    const key = `${outcome.class}\u0000${outcome.cause}`;
    const entry = causes.get(key) ?? { class: outcome.class, cause: outcome.cause, flows: [], subjects: new Map<string, number>() };
    entry.flows.push(outcome.path);
    if (outcome.subject !== undefined) entry.subjects.set(outcome.subject, (entry.subjects.get(outcome.subject) ?? 0) + 1);
    causes.set(key, entry);
  }
  const byCause = [...causes.values()]
    .map((entry) => ({
      class: entry.class,
      cause: entry.cause,
      count: entry.flows.length,
      subjects: [...entry.subjects.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([subject, count]) => ({ subject, count })),
      flows: entry.flows,
    }))
    .sort((a, b) => OUTCOME_CLASSES.indexOf(a.class) - OUTCOME_CLASSES.indexOf(b.class) || b.count - a.count || a.cause.localeCompare(b.cause));
  const runnable = outcomes.length - byClass['needs-metadata'] - byClass['not-run'];
  const succeeded = byClass.finished + byClass.waiting;
  return { flows: outcomes.length, byClass, byCause, success: { runnable, succeeded, ratio: runnable === 0 ? 0 : succeeded / runnable } };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** The report as Markdown: the summary tables, the Eddy faults in full, then every flow. */
export function reportMarkdown(report: FidelityReport): string {
  const { summary } = report;
  const lines: string[] = [
    '# Fidelity report',
    '',
    `${summary.flows} flows of \`${report.corpus}\`, run ${report.generatedAt} in ${(report.durationMs / 1000).toFixed(1)} s ` +
      `(limits: ${report.limits.timeLimitMs} ms and ${report.limits.maxScreens} screens per flow).`,
    '',
    `**Success: ${summary.success.succeeded} of ${summary.success.runnable} flows that need nothing outside the corpus ` +
      `(${percent(summary.success.ratio)}) ran to their end or wait at a wait element.**`,
    '',
    '| class | flows |',
    '|---|---:|',
    ...OUTCOME_CLASSES.map((name) => `| ${name} | ${summary.byClass[name]} |`),
    '',
    '## By cause',
    '',
    '| class | cause | flows | what (count) |',
    '|---|---|---:|---|',
    ...summary.byCause.map(
      (entry) =>
        `| ${entry.class} | ${cell(entry.cause)} | ${entry.count} | ${cell(
          entry.subjects
            .slice(0, 8)
            .map((s) => `${s.subject} (${s.count})`)
            .join(', ') + (entry.subjects.length > 8 ? `, and ${entry.subjects.length - 8} more` : ''),
        )} |`,
    ),
    '',
    '## Eddy faults and stuck flows',
    '',
    '| flow | class | cause | element | first fault |',
    '|---|---|---|---|---|',
    ...report.flows
      .filter((flow) => flow.class === 'eddy-fault' || flow.class === 'stuck')
      .map(
        (flow) =>
          `| ${cell(flow.path)} | ${flow.class} | ${cell(flow.cause)}${flow.subject === undefined ? '' : `: ${cell(flow.subject)}`} | ${cell(flow.fault?.element ?? '')} | ${
            flow.fault === undefined ? '' : cell(`${flow.fault.handled ? '(handled) ' : ''}${flow.fault.code}: ${flow.fault.message}`).slice(0, 300)
          } |`,
      ),
    '',
    '## Every flow',
    '',
    '| flow | type | class | cause | screens | paused |',
    '|---|---|---|---|---:|---|',
    ...report.flows.map(
      (flow) =>
        `| ${cell(flow.path)} | ${cell(`${flow.processType ?? ''}${flow.triggerType === undefined ? '' : ` ${flow.triggerType}`}`)} | ${flow.class} | ${cell(flow.cause)}${
          flow.subject === undefined ? '' : `: ${cell(flow.subject).slice(0, 160)}`
        } | ${flow.screens} | ${flow.pausedAndResumed ? 'yes' : ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

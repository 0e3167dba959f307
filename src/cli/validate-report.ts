/**
 * The report of `eddy validate`: per-file results, the summary (with every unsupported construct
 * by name and count), and its two renderings (JSON and text).
 */
import type { Diagnostic } from '../flow-model/index.js';

/** A diagnostic as reported: `element` is `null` when the diagnostic is about the whole flow. */
export interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly element: string | null;
  readonly message: string;
  readonly construct?: string;
}

/** One validated file. `ok` means no error-level diagnostic. */
export interface FileReport {
  readonly path: string;
  readonly flow: string;
  readonly processType: string | null;
  readonly ok: boolean;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

/** Totals: files, files without errors, error and warning diagnostics, and unsupported constructs by count. */
export interface ValidateSummary {
  readonly files: number;
  readonly ok: number;
  readonly errors: number;
  readonly warnings: number;
  /** `UNSUPPORTED_*` diagnostics by construct (`actionType:quickAction`, `function:ISCHANGED` ...), most frequent first. */
  readonly unsupported: Readonly<Record<string, number>>;
}

/** The whole report, as `--json` prints it. */
export interface ValidateReport {
  readonly files: readonly FileReport[];
  readonly summary: ValidateSummary;
}

/** The report entry of one file. */
export function fileReport(path: string, flow: string, processType: string | undefined, diagnostics: readonly Diagnostic[]): FileReport {
  return {
    path,
    flow,
    processType: processType === undefined || processType === '' ? null : processType,
    ok: !diagnostics.some((item) => item.severity === 'error'),
    diagnostics: diagnostics.map((item) => ({
      code: item.code,
      severity: item.severity,
      element: item.element ?? null,
      message: item.message,
      ...(item.construct === undefined ? {} : { construct: item.construct }),
    })),
  };
}

/** Sums up file reports. */
export function summarise(files: readonly FileReport[]): ValidateReport {
  let errors = 0;
  let warnings = 0;
  const unsupported = new Map<string, number>();
  for (const file of files) {
    for (const item of file.diagnostics) {
      if (item.severity === 'error') errors += 1;
      if (item.severity === 'warning') warnings += 1;
      if (item.construct !== undefined) unsupported.set(item.construct, (unsupported.get(item.construct) ?? 0) + 1);
    }
  }
  const sorted = [...unsupported].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    files,
    summary: { files: files.length, ok: files.filter((file) => file.ok).length, errors, warnings, unsupported: Object.fromEntries(sorted) },
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The human-readable report: per file OK or ERROR with its diagnostics, then the summary. */
export function renderText(report: ValidateReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`${file.ok ? 'OK   ' : 'ERROR'} ${file.path}${file.processType === null ? '' : ` (${file.processType})`}`);
    for (const item of file.diagnostics) {
      const element = item.element === null ? '' : ` [${item.element}]`;
      lines.push(`      ${item.severity.padEnd(7)} ${item.code}${element}: ${item.message}`);
    }
  }
  const { summary } = report;
  lines.push('');
  lines.push(
    `${plural(summary.files, 'file')}: ${summary.ok} OK, ${summary.files - summary.ok} with errors; ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}.`,
  );
  const constructs = Object.entries(summary.unsupported);
  if (constructs.length > 0) {
    lines.push('Unsupported constructs:');
    const width = Math.max(...constructs.map(([name]) => name.length));
    for (const [name, count] of constructs) lines.push(`  ${name.padEnd(width)}  ${count}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON report (`--json`). */
export function renderJson(report: ValidateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

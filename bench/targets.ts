/** The targets, checked against a report. */

/** One target and whether the measured value meets it. */
export interface TargetCheck {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly met: boolean;
}

/** The numbers the targets are about (those of the scenarios that ran). */
export interface TargetInputs {
  readonly S1?: { readonly ratioVsBpmnEngine: number; readonly ratioVsRawLimit: number; readonly bytesPerPausedInterview: number };
  readonly S2?: { readonly p99Ms1M: number; readonly ratio1Mto10k: number };
  readonly S3?: { readonly ratioVsBare: number };
  readonly S6?: { readonly startRatio?: number; readonly rssRatio?: number };
}

/** Checks every target whose scenario ran. */
export function checkTargets(report: TargetInputs): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (name: string, value: number, target: string, met: boolean): void => {
    checks.push({ name, value, target, met: Number.isFinite(value) && met });
  };
  if (report.S1) {
    add('S1.ratioVsBpmnEngine', report.S1.ratioVsBpmnEngine, '≥ 20', report.S1.ratioVsBpmnEngine >= 20);
    add('S1.ratioVsRawLimit', report.S1.ratioVsRawLimit, '≥ 0.30', report.S1.ratioVsRawLimit >= 0.3);
    add('S1.bytesPerPausedInterview', report.S1.bytesPerPausedInterview, '< 1,024', report.S1.bytesPerPausedInterview < 1024);
  }
  if (report.S2) {
    add('S2.p99Ms1M', report.S2.p99Ms1M, '< 2 ms', report.S2.p99Ms1M < 2);
    add('S2.ratio1Mto10k', report.S2.ratio1Mto10k, '< 1.5', report.S2.ratio1Mto10k < 1.5);
  }
  if (report.S3) add('S3.ratioVsBare', report.S3.ratioVsBare, '≥ 0.70', report.S3.ratioVsBare >= 0.7);
  // The standard object catalogue may cost start-up time and memory, at most 20% over the reference revision.
  if (report.S6?.startRatio !== undefined) add('S6.startRatio', report.S6.startRatio, '≤ 1.20', report.S6.startRatio <= 1.2);
  if (report.S6?.rssRatio !== undefined) add('S6.rssRatio', report.S6.rssRatio, '≤ 1.20', report.S6.rssRatio <= 1.2);
  return checks;
}

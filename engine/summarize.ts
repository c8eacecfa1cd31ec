// Counting and verdicts. Blocking = a failed error-severity rule; to verify = an unknown result.
import type { Counts, RuleResult, Severity, Status, Verdict } from '../schemas/results.js';

export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, unknown: 0, notApplicable: 0, blocking: 0, warnings: 0, toVerify: 0 };
}

export function addResult(counts: Counts, result: Pick<RuleResult, 'status' | 'severity'>): void {
  switch (result.status) {
    case 'pass':
      counts.pass++;
      break;
    case 'fail':
      counts.fail++;
      if (result.severity === 'error') counts.blocking++;
      if (result.severity === 'warning') counts.warnings++;
      break;
    case 'unknown':
      counts.unknown++;
      counts.toVerify++;
      break;
    case 'not-applicable':
      counts.notApplicable++;
      break;
  }
}

export function addCounts(into: Counts, from: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += from[key];
}

// An unknown on an error-severity rule leaves the verdict open: we cannot say "ready" without it.
export function verdictOf(results: Iterable<Pick<RuleResult, 'status' | 'severity'>>): Verdict {
  let incomplete = false;
  for (const result of results) {
    if (result.status === 'fail' && result.severity === 'error') return 'not-ready';
    if (result.status === 'unknown' && result.severity === 'error') incomplete = true;
  }
  return incomplete ? 'incomplete' : 'ready';
}

export function combineVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let combined: Verdict = 'ready';
  for (const verdict of verdicts) {
    if (verdict === 'not-ready') return 'not-ready';
    if (verdict === 'incomplete') combined = 'incomplete';
  }
  return combined;
}

const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };
export type FailOn = Severity | 'none';

// Exit-code threshold: a fail counts at its severity, an unknown counts as a warning.
export function effectiveLevel(result: { status: Status; severity: Severity }): number {
  if (result.status === 'fail') return SEVERITY_RANK[result.severity];
  if (result.status === 'unknown') return SEVERITY_RANK.warning;
  return 0;
}

export function meetsThreshold(result: { status: Status; severity: Severity }, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const level = effectiveLevel(result);
  return level > 0 && level >= SEVERITY_RANK[failOn];
}

// Small pieces every document reporter (sarif, html, markdown, junit) shares: wording of verdicts
// and targets, result order, values shown as evidence. Pure functions over the results types.
import type { HostResult, ResultsDocument, RuleInfo, RuleResult, Status, Target, Verdict } from '../schemas/results.js';

const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 };
const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

// Failures first (blocking before warnings), then what could not be checked, then passes.
export function sortResults(results: RuleResult[]): RuleResult[] {
  return [...results].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export function verdictWord(verdict: Verdict): string {
  return verdict === 'ready' ? 'READY' : verdict === 'not-ready' ? 'NOT READY' : 'INCOMPLETE';
}

export function statusWord(result: Pick<RuleResult, 'status' | 'severity'>): string {
  if (result.status === 'fail') return result.severity === 'error' ? 'FAIL' : result.severity === 'warning' ? 'WARNING' : 'NOTE';
  if (result.status === 'unknown') return 'UNKNOWN';
  return result.status === 'pass' ? 'PASS' : 'N/A';
}

// "host HV-01" or "VM lab-01 on host HV-01": the target in words, for messages and headings.
export function targetLabel(host: Pick<HostResult, 'host'>, target: Pick<Target, 'kind' | 'name'>): string {
  return target.kind === 'host' ? `host ${host.host}` : `VM ${target.name} on host ${host.host}`;
}

export function inputLabel(host: Pick<HostResult, 'input' | 'inputLine' | 'source'>): string {
  if (host.input === 'live') return `this machine (${host.source})`;
  return `${host.input === '-' ? 'standard input' : host.input}${host.inputLine ? `:${host.inputLine}` : ''} (${host.source})`;
}

// Evidence values as people read them; null is how the facts say "could not tell".
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function collectionProblems(host: HostResult): HostResult['diagnostics'] {
  return host.diagnostics.filter((run) => run.status !== 'ok');
}

// Rule text written with {{path}} placeholders, shown outside any one result: name the fact instead.
export function withPlaceholdersNamed(template: string): string {
  return template.replace(/\{\{\s*(?:[a-z]+\s+)?([A-Za-z0-9_.]+)\s*\}\}/g, '<$1>');
}

// The rules a document ran, by id: results name their rule; its references, tags and rationale
// live once in the document's catalog.
export type RuleIndex = (ruleId: string) => RuleInfo | undefined;

export function ruleIndex(results: ResultsDocument): RuleIndex {
  const byId = new Map(results.rules.map((rule) => [rule.id, rule]));
  return (ruleId) => byId.get(ruleId);
}

export function referencesOf(rules: RuleIndex, ruleId: string): RuleInfo['references'] {
  return rules(ruleId)?.references ?? [];
}

export function isHttpUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\/[^\s]+$/i.test(url);
}

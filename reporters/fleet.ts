// What the fleet views of the document reporters share (html, markdown): per host the rule ids it
// failed or could not decide, the order "needs attention first", and numbers as people read them.
// Pure functions over the results types; deterministic (no locale, no clock).
import type { HostResult, ResultsDocument } from '../schemas/results.js';
import { notCollectedText } from './not-collected.js';
import { sortResults } from './report-common.js';

// A document is a fleet when it holds more than one host: then reports lead with the overview.
export function isFleet(results: Pick<ResultsDocument, 'hosts'>): boolean {
  return results.hosts.length > 1;
}

// Rule ids of a host's findings over all its targets, each once: failed ones (blocking first), then
// the ones that could not be decided. The same rule can be in both (failed on one VM, unknown on another).
export function hostFindings(host: HostResult): { failed: string[]; unknown: string[] } {
  const failed: string[] = [];
  const unknown: string[] = [];
  const results = sortResults(host.targets.flatMap((target) => target.results));
  for (const result of results) {
    if (result.status === 'fail' && !failed.includes(result.ruleId)) failed.push(result.ruleId);
    else if (result.status === 'unknown' && !unknown.includes(result.ruleId)) unknown.push(result.ruleId);
  }
  return { failed, unknown };
}

// "KVM-005, HVV-002, HVH-002?": ? marks a requirement that could not be decided (as in the text report).
export function findingsText(findings: { failed: string[]; unknown: string[] }): string {
  return [...findings.failed, ...findings.unknown.map((id) => `${id}?`)].join(', ');
}

// What a fleet table says about a host: why it was not collected (reporters/not-collected.ts), or its findings.
export function hostSummaryText(host: HostResult): string {
  return notCollectedText(host) ?? findingsText(hostFindings(host));
}

const VERDICT_RANK: Record<HostResult['verdict'], number> = { 'not-ready': 0, incomplete: 1, ready: 2 };

// Host positions (into results.hosts) worst first: not ready, then incomplete, then ready; input
// order within each. The default order of the fleet tables, and the order hosts get detail in.
export function attentionOrder(hosts: readonly Pick<HostResult, 'verdict'>[]): number[] {
  return hosts.map((_, index) => index).sort((a, b) => VERDICT_RANK[hosts[a]!.verdict] - VERDICT_RANK[hosts[b]!.verdict] || a - b);
}

export function needsAttention(host: Pick<HostResult, 'verdict'>): boolean {
  return host.verdict !== 'ready';
}

// 12345 → "12,345", without Intl: the same bytes whatever the locale of the machine.
export function formatCount(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// Share of the fleet, as a whole percent; "<1%" rather than a misleading "0%" for a few hosts.
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  if (part > 0 && (part * 100) / whole < 1) return '<1%';
  return `${Math.round((part * 100) / whole)}%`;
}

export const plural = (count: number, word: string, many = `${word}s`) => `${formatCount(count)} ${count === 1 ? word : many}`;

// Collected names can be any length: lists that must stay bounded show at most `max` characters.
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

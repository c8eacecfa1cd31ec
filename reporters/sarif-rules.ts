// SARIF tool.driver.rules and notification descriptors: what each nestready rule checks, why, and
// how to fix it, in the shape GitHub code scanning shows at the top of an alert.
import type * as Sarif from 'sarif';
import { TOOL_URI } from '../schemas/constants.js';
import type { RuleInfo, RuleResult, Severity } from '../schemas/results.js';
import { isHttpUrl, withPlaceholdersNamed } from './report-common.js';

// fail → the rule's severity (error/warning/note are SARIF levels too); unknown → warning, because
// a requirement nobody could check is not a pass (the same weight --fail-on gives it); pass → none.
export function sarifLevel(result: Pick<RuleResult, 'status' | 'severity'>): Sarif.Result.level {
  if (result.status === 'unknown') return 'warning';
  if (result.status === 'fail') return result.severity;
  return 'none';
}

function defaultLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity;
}

// A stable, non-localised identifier: "/dev/kvm exists" → "DevKvmExists".
export function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

// Markdown in help.markdown: rule data, not collected data, but a title may still hold * or _.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function helpText(rule: RuleInfo): string {
  const references = rule.references.map((reference) => `- ${reference.title}${reference.url ? `: ${reference.url}` : ''}`);
  const fix = rule.remediation ? `\n\nHow to fix: ${withPlaceholdersNamed(rule.remediation)}` : '';
  return `${rule.rationale}${fix}\n\nReferences:\n${references.join('\n')}`;
}

function helpMarkdown(rule: RuleInfo): string {
  const references = rule.references.map((reference) =>
    isHttpUrl(reference.url) ? `- [${escapeMarkdown(reference.title)}](${reference.url})` : `- ${escapeMarkdown(reference.title)}`,
  );
  const fix = rule.remediation ? `\n\n**How to fix:** ${escapeMarkdown(withPlaceholdersNamed(rule.remediation))}` : '';
  return (
    `**${escapeMarkdown(rule.id)}** (revision ${rule.revision}, ${rule.scope} rule): ${escapeMarkdown(rule.rationale)}${fix}` +
    `\n\nThe exact commands, with this host's and VM's names filled in, are in each result's remediation.` +
    `\n\n**References**\n\n${references.join('\n')}`
  );
}

export function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: rule.references.find((reference) => isHttpUrl(reference.url))?.url ?? TOOL_URI,
    defaultConfiguration: { level: defaultLevel(rule.severity) },
    properties: {
      tags: [...new Set(['nested-virtualization', ...rule.tags])],
      precision: 'very-high',
      revision: rule.revision,
      scope: rule.scope,
    },
  };
}

// Notifications nestready itself raises, referenced by id and index from invocations[0].
export const NOTIFICATIONS = {
  collector: { id: 'NR-COLLECTOR', name: 'CollectorProblem', text: 'A fact collector failed or returned partial facts; results that need those facts are unknown.' },
  input: { id: 'NR-INPUT', name: 'UnreadableInput', text: 'An input could not be read as a facts document; it was not evaluated.' },
  truncated: { id: 'NR-TRUNCATED', name: 'ResultsTruncated', text: "More results than GitHub code scanning accepts in one run; the least severe were left out." },
} as const;

export type NotificationKind = keyof typeof NOTIFICATIONS;

export function notificationDescriptors(): Sarif.ReportingDescriptor[] {
  return Object.values(NOTIFICATIONS).map((item) => ({ id: item.id, name: item.name, shortDescription: { text: item.text } }));
}

export function notificationRef(kind: NotificationKind): Sarif.ReportingDescriptorReference {
  return { id: NOTIFICATIONS[kind].id, index: Object.keys(NOTIFICATIONS).indexOf(kind) };
}

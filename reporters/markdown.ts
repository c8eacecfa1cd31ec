// Markdown report for ticket comments and GitHub job summaries ($GITHUB_STEP_SUMMARY). Pure.
// Every collected string is hostile: it is escaped so that it renders as the literal text (no HTML,
// no links, no emphasis, no table breaks) and only ever appears after fixed text on its line;
// commands sit in fenced blocks whose fence is longer than any backtick run inside them.
import type { HostResult, ResultsDocument, RuleResult, Target } from '../schemas/results.js';
import { collectionProblems, formatValue, inputLabel, isHttpUrl, referencesOf, ruleIndex, sortResults, statusWord, verdictWord, type RuleIndex } from './report-common.js';
import { renderFleetMarkdown } from './markdown-fleet.js';

export const ICONS: Record<string, string> = { FAIL: '❌', WARNING: '⚠️', NOTE: 'ℹ️', UNKNOWN: '❔', PASS: '✅', 'N/A': '➖' };
export const VERDICT_ICONS = { ready: '✅', 'not-ready': '❌', incomplete: '❔' } as const;

// Control and bidi-override characters would reorder or hide text: show them as escapes.
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Inline text: one line, HTML as entities, the punctuation that could start emphasis, code, a link,
// math or a table cell backslash-escaped. Line-start syntax (#, -, 1.) cannot trigger: hostile text
// never starts a line.
export function escapeMarkdown(text: string): string {
  return visible(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]|~$<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function codeBlock(language: string, lines: string[]): string[] {
  const body = lines.map(visible);
  const longest = Math.max(0, ...body.map((line) => Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + language, ...body, fence];
}

function targetTitle(target: Target): string {
  return target.kind === 'host' ? `Host **${escapeMarkdown(target.name)}**` : `VM **${escapeMarkdown(target.name)}**`;
}

function countsLine(counts: HostResult['counts']): string {
  return `${counts.blocking} blocking, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}, ${counts.toVerify} to verify, ${counts.pass} passed`;
}

function findingsTable(host: HostResult): string[] {
  const rows: string[] = [];
  for (const target of host.targets) {
    for (const result of sortResults(target.results)) {
      if (result.status === 'pass' || result.status === 'not-applicable') continue;
      const word = statusWord(result);
      rows.push(`| ${ICONS[word]} ${word} | ${escapeMarkdown(result.ruleId)} | ${targetTitle(target)} | ${escapeMarkdown(result.message)} |`);
    }
  }
  if (rows.length === 0) return ['No failed or unchecked requirements.', ''];
  return ['| Status | Rule | Target | Finding |', '| --- | --- | --- | --- |', ...rows, ''];
}

function fixSection(target: Target, result: RuleResult, rules: RuleIndex): string[] {
  const remediation = result.remediation!;
  const lines = [`#### ${escapeMarkdown(result.ruleId)} on ${targetTitle(target)}: ${escapeMarkdown(rules(result.ruleId)?.title ?? '')}`, ''];
  lines.push(`Fix: ${escapeMarkdown(remediation.text)}`, '');
  for (const command of remediation.commands) {
    const notes = [command.where ? `run ${escapeMarkdown(command.where)}` : '', command.irreversible ? '**irreversible: cannot be undone**' : ''].filter(Boolean);
    if (notes.length > 0) lines.push(`Command (${notes.join('; ')}):`, '');
    lines.push(...codeBlock(command.shell === 'powershell' ? 'powershell' : command.shell === 'sh' ? 'sh' : 'text', command.run.split(/\r?\n/)), '');
  }
  const evidence = Object.entries(result.evidence).map(([path, value]) => `${escapeMarkdown(path)} = ${escapeMarkdown(formatValue(value))}`);
  if (evidence.length > 0) lines.push(`Evidence: ${evidence.join('; ')}`, '');
  const references = referencesOf(rules, result.ruleId).map((ref) => (isHttpUrl(ref.url) ? `[${escapeMarkdown(ref.title)}](<${ref.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMarkdown(ref.title)));
  if (references.length > 0) lines.push(`References: ${references.join(' · ')}`, '');
  return lines;
}

export function hostSection(host: HostResult, rules: RuleIndex): string[] {
  const lines: string[] = [];
  lines.push(`### ${VERDICT_ICONS[host.verdict]} Host ${escapeMarkdown(host.host)}: ${verdictWord(host.verdict)}`, '');
  lines.push(`Input: ${escapeMarkdown(inputLabel(host))} · profile ${escapeMarkdown(host.profile)}${host.collectedAt ? ` · collected ${escapeMarkdown(host.collectedAt)}` : ''} · ${countsLine(host.counts)}`, '');
  const problems = collectionProblems(host);
  if (problems.length > 0) {
    lines.push('**Collection problems** (facts these collectors provide are unknown):', '');
    for (const run of problems) lines.push(`- ${escapeMarkdown(run.name)}: **${run.status}**${run.error ? `: ${escapeMarkdown(run.error)}` : ''}`);
    lines.push('');
  }
  lines.push(...findingsTable(host));
  for (const target of host.targets) {
    for (const result of sortResults(target.results)) if (result.status === 'fail' && result.remediation) lines.push(...fixSection(target, result, rules));
  }
  const passed = host.targets.flatMap((target) => target.results.filter((r) => r.status === 'pass').map((r) => `${escapeMarkdown(r.ruleId)} (${target.kind === 'host' ? 'host' : `VM ${escapeMarkdown(target.name)}`})`));
  if (passed.length > 0) lines.push(`Passed: ${passed.join(', ')}`, '');
  return lines;
}

export function renderMarkdown(results: ResultsDocument): string {
  // Several hosts: the fleet summary (bounded in size whatever the fleet; markdown-fleet.ts).
  if (results.hosts.length > 1) return renderFleetMarkdown(results);
  const { summary } = results;
  const lines = [`## ${VERDICT_ICONS[summary.verdict]} nestready: nested virtualization ${verdictWord(summary.verdict)}`, ''];
  const hosts = summary.hosts === 1 ? '' : `${summary.hosts} hosts (${summary.ready} ready, ${summary.notReady} not ready, ${summary.incomplete} incomplete) · `;
  lines.push(`${hosts}${countsLine(summary.counts)} · nestready ${escapeMarkdown(results.tool.version)} · ${escapeMarkdown(results.generatedAt)}`, '');
  const rules = ruleIndex(results);
  for (const host of results.hosts) lines.push(...hostSection(host, rules));
  if (results.inputErrors.length > 0) {
    lines.push('### ❗ Unreadable inputs', '');
    for (const error of results.inputErrors) lines.push(`- ${escapeMarkdown(error.input)}${error.line ? `:${error.line}` : ''}: ${escapeMarkdown(error.message)}`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

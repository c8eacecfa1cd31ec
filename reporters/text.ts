// Terminal report: per host and target, one line per requirement with a mark and the actual
// values; remediation commands under each failure; a final verdict line. Pure: (results, options).
import type { HostResult, ResultsDocument, RuleResult, Status, Target } from '../schemas/results.js';
import { notCollectedText } from './not-collected.js';

export interface TextReportOptions {
  color?: boolean;
  quiet?: boolean;
  // Every requirement of every host. The default for a single host; a fleet gets one line per host
  // and the most common failing requirements instead, unless details are asked for.
  details?: boolean;
}

const MARKS: Record<Status, string> = { fail: '✗', unknown: '?', pass: '✓', 'not-applicable': '-' };
const ORDER: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 };
const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

type Paint = (code: string, text: string) => string;

function painter(enabled: boolean): Paint {
  return enabled ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

// Collected strings are hostile: never let one move the cursor or recolour the terminal.
export function sanitizeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function statusColor(result: RuleResult): string {
  if (result.status === 'pass') return '32';
  if (result.status === 'unknown') return '33';
  if (result.status === 'not-applicable') return '2';
  return result.severity === 'error' ? '31' : result.severity === 'warning' ? '33' : '36';
}

function sortResults(results: RuleResult[]): RuleResult[] {
  return [...results].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.ruleId < b.ruleId ? -1 : 1),
  );
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

function renderResult(result: RuleResult, paint: Paint, titles: Map<string, string>): string[] {
  const label = result.status === 'fail' ? result.severity : result.status;
  const head = `  ${paint(statusColor(result), MARKS[result.status])} ${paint('1', result.ruleId)} ${sanitizeForTerminal(titles.get(result.ruleId) ?? '')}  ${paint(statusColor(result), `[${label}]`)}`;
  const lines = [head, indent(sanitizeForTerminal(result.message), '      ')];
  if (result.remediation) {
    lines.push(`      ${paint('1', 'fix:')} ${sanitizeForTerminal(result.remediation.text)}`);
    for (const command of result.remediation.commands) {
      const prompt = command.shell === 'powershell' ? 'PS>' : '$';
      const where = command.where ? paint('2', `   # ${sanitizeForTerminal(command.where)}`) : '';
      const warning = command.irreversible ? paint('31', '   # IRREVERSIBLE') : '';
      lines.push(`        ${prompt} ${sanitizeForTerminal(command.run)}${where}${warning}`);
    }
  }
  return lines;
}

function renderTarget(target: Target, paint: Paint, titles: Map<string, string>): string[] {
  const lines = [paint('1', target.kind === 'host' ? `Host ${sanitizeForTerminal(target.name)}` : `VM ${sanitizeForTerminal(target.name)}`)];
  const applicable = sortResults(target.results.filter((result) => result.status !== 'not-applicable'));
  for (const result of applicable) lines.push(...renderResult(result, paint, titles));
  const skipped = target.results.filter((result) => result.status === 'not-applicable').map((result) => result.ruleId);
  if (skipped.length > 0) lines.push(paint('2', `  - not applicable here: ${skipped.join(', ')}`));
  return lines;
}

function verdictWord(verdict: HostResult['verdict']): string {
  return verdict === 'ready' ? 'READY' : verdict === 'not-ready' ? 'NOT READY' : 'INCOMPLETE';
}

function verdictColor(verdict: HostResult['verdict']): string {
  return verdict === 'ready' ? '1;32' : verdict === 'not-ready' ? '1;31' : '1;33';
}

export function verdictLine(results: ResultsDocument): string {
  const { summary } = results;
  const counts = `${summary.counts.blocking} blocking, ${summary.counts.toVerify} to verify`;
  const errors = summary.inputErrors > 0 ? `, ${summary.inputErrors} unreadable input${summary.inputErrors === 1 ? '' : 's'}` : '';
  if (summary.hosts === 1 && summary.inputErrors === 0) {
    return `nested virtualization: ${verdictWord(summary.verdict)} — ${counts}${summary.counts.warnings ? `, ${summary.counts.warnings} warning${summary.counts.warnings === 1 ? '' : 's'}` : ''}`;
  }
  return `nested virtualization: ${verdictWord(summary.verdict)} — ${summary.hosts} hosts: ${summary.ready} ready, ${summary.notReady} not ready, ${summary.incomplete} incomplete${errors}; ${counts}`;
}

function renderDiagnostics(host: HostResult, paint: Paint): string[] {
  const problems = host.diagnostics.filter((run) => run.status !== 'ok');
  if (problems.length === 0) return [];
  return [
    paint('1', 'Collection problems'),
    ...problems.map((run) => `  ${paint('33', '!')} ${run.name}: ${run.status}${run.error ? ` — ${sanitizeForTerminal(run.error)}` : ''}`),
  ];
}

function renderFleetSummary(results: ResultsDocument, paint: Paint): string[] {
  const { summary } = results;
  const lines = [
    paint('1', `Fleet: ${summary.hosts} hosts — ${summary.ready} ready, ${summary.notReady} not ready, ${summary.incomplete} incomplete${summary.inputErrors ? `, ${summary.inputErrors} unreadable inputs` : ''}`),
  ];
  if (summary.failingRules.length > 0) lines.push('', paint('1', 'Most common findings'));
  for (const rule of summary.failingRules) {
    const mark = paint(statusColor({ status: rule.status, severity: rule.severity } as RuleResult), MARKS[rule.status]);
    const more = rule.hosts > rule.exampleHosts.length ? ` … (+${rule.hosts - rule.exampleHosts.length})` : '';
    lines.push(`  ${mark} ${String(rule.hosts).padStart(6)} host${rule.hosts === 1 ? ' ' : 's'}  ${paint('1', rule.ruleId)} ${sanitizeForTerminal(rule.title)} [${rule.status === 'fail' ? rule.severity : 'unknown'}]`);
    lines.push(paint('2', `           ${rule.exampleHosts.map(sanitizeForTerminal).join(', ')}${more}`));
  }
  return lines;
}

function hostLine(host: HostResult, paint: Paint): string {
  const findings = host.targets
    .flatMap((target) => target.results.filter((result) => result.status === 'fail' || result.status === 'unknown').map((result) => (result.status === 'unknown' ? `${result.ruleId}?` : result.ruleId)))
    .filter((id, index, all) => all.indexOf(id) === index);
  const where = `${sanitizeForTerminal(host.input)}${host.inputLine ? `:${host.inputLine}` : ''}`;
  // A host that was never reached (Invoke-NestreadyFleet.ps1's remoting failure): the reason, not 28 "?".
  const notCollected = notCollectedText(host);
  const detail = notCollected ? `  ${paint('33', sanitizeForTerminal(notCollected))}` : findings.length ? `  ${findings.join(', ')}` : '';
  return `  ${paint(verdictColor(host.verdict), verdictWord(host.verdict).padEnd(10))} ${sanitizeForTerminal(host.host)}  ${paint('2', where)}${detail}`;
}

export function renderText(results: ResultsDocument, options: TextReportOptions = {}): string {
  const paint = painter(options.color ?? false);
  const verdict = paint(verdictColor(results.summary.verdict), verdictLine(results));
  if (options.quiet) return verdict + '\n';
  const out: string[] = [];
  const details = options.details ?? results.hosts.length <= 1;
  // Results name their rule; its title is in the document's rule catalog.
  const titles = new Map(results.rules.map((rule) => [rule.id, rule.title]));
  if (details) {
    for (const host of results.hosts) {
      const where = host.input === 'live' ? `this machine, ${host.source}` : `${sanitizeForTerminal(host.input)}${host.inputLine ? `:${host.inputLine}` : ''}, ${host.source}`;
      out.push(paint('2', `nestready ${results.tool.version} · profile ${host.profile} · ${where}${host.collectedAt ? ` · ${host.collectedAt}` : ''}`));
      for (const target of host.targets) out.push(...renderTarget(target, paint, titles), '');
      out.push(...renderDiagnostics(host, paint));
      if (results.hosts.length > 1) out.push(`  → ${paint(verdictColor(host.verdict), verdictWord(host.verdict))} (${host.counts.blocking} blocking, ${host.counts.toVerify} to verify)`, '');
    }
  } else {
    out.push(paint('1', 'Hosts') + paint('2', '  (findings: rule ids; ? = could not be decided; --details shows every requirement)'));
    for (const host of results.hosts) out.push(hostLine(host, paint));
    out.push('', ...renderFleetSummary(results, paint), '');
  }
  for (const error of results.inputErrors) {
    out.push(`${paint('31', 'unreadable input')} ${sanitizeForTerminal(error.input)}${error.line ? `:${error.line}` : ''}: ${sanitizeForTerminal(error.message)}`);
  }
  if (results.inputErrors.length > 0) out.push('');
  out.push(verdict);
  return out.join('\n') + '\n';
}

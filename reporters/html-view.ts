// The data the HTML template shows, computed from the results document. Everything here is plain
// strings and booleans: the template does no logic, and handlebars escapes every {{value}}.
// Element ids come from positions, never from collected names.
import type { HostResult, ResultsDocument, RuleResult, Target } from '../schemas/results.js';
import { collectionProblems, formatValue, inputLabel, isHttpUrl, referencesOf, ruleIndex, sortResults, statusWord, verdictWord, type RuleIndex } from './report-common.js';
import { fleetView, type FleetView } from './html-fleet-view.js';
import { attentionOrder, formatCount, isFleet } from './fleet.js';

export interface ResultView {
  status: string;
  statusClass: string;
  ruleId: string;
  title: string;
  severity: string;
  revision: number;
  message: string;
  evidence: { path: string; value: string; unknown: boolean }[];
  fix: { text: string; commands: { shell: string; prompt: string; run: string; where?: string; irreversible: boolean }[] } | null;
  references: { title: string; url?: string }[];
}

export interface TargetView {
  anchor: string;
  kind: string;
  isHost: boolean;
  name: string;
  findings: number;
  results: ResultView[];
  notApplicable: string;
}

export interface HostView {
  anchor: string;
  name: string;
  input: string;
  profile: string;
  collectedAt: string;
  verdict: string;
  verdictClass: string;
  countsText: string;
  problems: { name: string; status: string; error: string }[];
  targets: TargetView[];
  facts: { path: string; value: string; unknown: boolean }[] | null;
}

function statusClass(result: RuleResult): string {
  if (result.status === 'fail') return `fail-${result.severity}`;
  return result.status;
}

function resultView(result: RuleResult, rules: RuleIndex): ResultView {
  return {
    status: statusWord(result),
    statusClass: statusClass(result),
    ruleId: result.ruleId,
    title: rules(result.ruleId)?.title ?? result.ruleId,
    severity: result.severity,
    revision: rules(result.ruleId)?.revision ?? 1,
    message: result.message,
    evidence: Object.entries(result.evidence).map(([path, value]) => ({ path, value: formatValue(value), unknown: value === null || value === undefined })),
    fix: result.remediation
      ? {
          text: result.remediation.text,
          commands: result.remediation.commands.map((command) => ({
            shell: command.shell,
            prompt: command.shell === 'powershell' ? 'PS>' : command.shell === 'sh' ? '$' : '',
            run: command.run,
            ...(command.where ? { where: command.where } : {}),
            irreversible: command.irreversible === true,
          })),
        }
      : null,
    // Only http(s) links become links: a reference is rule data, but a javascript: URL never runs.
    references: referencesOf(rules, result.ruleId).map((ref) => (isHttpUrl(ref.url) ? { title: ref.title, url: ref.url } : { title: ref.title })),
  };
}

function targetView(target: Target, anchor: string, rules: RuleIndex): TargetView {
  const applicable = sortResults(target.results.filter((result) => result.status !== 'not-applicable'));
  return {
    anchor,
    kind: target.kind === 'host' ? 'Host' : 'VM',
    isHost: target.kind === 'host',
    name: target.name,
    findings: applicable.filter((result) => result.status === 'fail' || result.status === 'unknown').length,
    results: applicable.map((result) => resultView(result, rules)),
    notApplicable: target.results
      .filter((result) => result.status === 'not-applicable')
      .map((result) => result.ruleId)
      .join(', '),
  };
}

// The facts document as path → value rows, in document order: what support reads first.
export function flattenFacts(value: unknown, path = '', out: { path: string; value: string; unknown: boolean }[] = []) {
  const isLeafArray = Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
  if (value !== null && typeof value === 'object' && !isLeafArray) {
    const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [path ? `.${key}` : key, item] as const);
    if (entries.length === 0) out.push({ path, value: Array.isArray(value) ? '[]' : '{}', unknown: false });
    for (const [suffix, item] of entries) flattenFacts(item, `${path}${suffix}`, out);
    return out;
  }
  // In collection.* a null is "none" (no error, no duration), not an unreadable fact.
  const missing = value === null || value === undefined;
  if (missing && path.startsWith('collection.')) out.push({ path, value: '(none)', unknown: false });
  else out.push({ path, value: formatValue(value), unknown: missing });
  return out;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function countsText(counts: HostResult['counts']): string {
  return `${counts.blocking} blocking · ${plural(counts.warnings, 'warning')} · ${counts.toVerify} to verify · ${counts.pass} passed · ${counts.notApplicable} not applicable`;
}

function verdictClass(verdict: HostResult['verdict']): string {
  return verdict === 'ready' ? 'ready' : verdict === 'not-ready' ? 'not-ready' : 'incomplete';
}

function hostView(host: HostResult, index: number, rules: RuleIndex): HostView {
  const anchor = `host-${index + 1}`;
  return {
    anchor,
    name: host.host,
    input: inputLabel(host),
    profile: host.profile,
    collectedAt: host.collectedAt ?? 'unknown',
    verdict: verdictWord(host.verdict),
    verdictClass: verdictClass(host.verdict),
    countsText: countsText(host.counts),
    problems: collectionProblems(host).map((run) => ({ name: run.name, status: run.status, error: run.error ?? '' })),
    targets: host.targets.map((target, targetIndex) => targetView(target, `${anchor}-target-${targetIndex + 1}`, rules)),
    facts: host.facts ? flattenFacts(host.facts) : null,
  };
}

export function htmlView(results: ResultsDocument) {
  const rules = ruleIndex(results);
  const { summary } = results;
  const counts = summary.counts;
  const fleet: FleetView | null = isFleet(results) ? fleetView(results) : null;
  const headline =
    summary.hosts === 1 && summary.inputErrors === 0
      ? `${counts.blocking} blocking, ${plural(counts.warnings, 'warning')}, ${counts.toVerify} to verify`
      : `${formatCount(summary.hosts)} hosts: ${formatCount(summary.ready)} ready, ${formatCount(summary.notReady)} not ready, ${formatCount(summary.incomplete)} incomplete; ${formatCount(counts.blocking)} blocking, ${formatCount(counts.toVerify)} to verify`;
  // A fleet shows every host in its table but only some in detail (fleetView decides which, worst
  // first); a single host is shown whole.
  const detailed = fleet ? fleet.detailed : attentionOrder(results.hosts);
  const hosts = detailed.map((index) => hostView(results.hosts[index]!, index, rules));
  return {
    tool: `${results.tool.name} ${results.tool.version}`,
    generatedAt: results.generatedAt,
    profiles: results.profiles.map((profile) => `${profile.id}@${profile.version} (${profile.rulePackDigest})`).join(', '),
    verdict: verdictWord(summary.verdict),
    verdictClass: verdictClass(summary.verdict),
    // A fleet's page title names the count, not 10,000 host names.
    title: fleet ? `${verdictWord(summary.verdict)} · ${formatCount(summary.hosts)} hosts` : [verdictWord(summary.verdict), ...results.hosts.map((host) => host.host)].join(' · '),
    headline,
    counts,
    inputErrors: results.inputErrors.map((error) => ({ where: `${error.input}${error.line ? `:${error.line}` : ''}`, message: error.message })),
    fleet,
    hosts,
    hasFacts: hosts.some((host) => host.facts !== null),
  };
}

export type HtmlView = ReturnType<typeof htmlView>;

// Markdown for several hosts: a fleet summary for a ticket comment or a GitHub job summary. Its size
// is bounded whatever the fleet (GitHub takes at most 1 MiB per job summary; this stays under
// MAX_BYTES): verdict counts, the most common failing requirements with their first hosts, one table
// row per host for the first HOST_ROWS hosts (worst first), full detail for the first DETAIL_HOSTS
// hosts that need attention. Whatever is left out is said in the output, with how much: never silently.
// Escaping is markdown.ts's: every collected string is hostile.
import type { FailingRule, ResultsDocument } from '../schemas/results.js';
import { attentionOrder, clip, formatCount, formatShare, hostSummaryText, needsAttention, plural } from './fleet.js';
import { ICONS, VERDICT_ICONS, escapeMarkdown, hostSection } from './markdown.js';
import { ruleIndex, verdictWord } from './report-common.js';

export const MARKDOWN_LIMITS = {
  // The whole document, notes included; GitHub's job summary limit is 1 MiB.
  maxBytes: 256 * 1024,
  failingRules: 50,
  hostRows: 100,
  detailHosts: 10,
  inputErrors: 50,
  // Collected names and messages in bounded lists are cut to this many characters.
  nameChars: 100,
  findingChars: 200,
  messageChars: 300,
};

// Notes about what was left out must always fit: content stops this many bytes before the limit.
const RESERVE = 8 * 1024;

const byteSize = (lines: string[]) => lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);

class Output {
  readonly lines: string[] = [];
  private bytes = 0;
  constructor(private readonly limit: number) {}

  // Adds the lines if they fit under the limit (less the reserve for notes); false when they do not.
  add(...lines: string[]): boolean {
    const size = byteSize(lines);
    if (this.bytes + size > this.limit - RESERVE) return false;
    this.bytes += size;
    this.lines.push(...lines);
    return true;
  }

  remaining(): number {
    return this.limit - RESERVE - this.bytes;
  }

  // Notes (what was left out) go in regardless: they are short, and RESERVE keeps room for them.
  note(...lines: string[]): void {
    this.bytes += byteSize(lines);
    this.lines.push(...lines);
  }
}

const fleetCounts = (counts: ResultsDocument['summary']['counts']) =>
  `${formatCount(counts.blocking)} blocking, ${plural(counts.warnings, 'warning')}, ${formatCount(counts.toVerify)} to verify, ${formatCount(counts.pass)} passed`;

const name = (text: string) => escapeMarkdown(clip(text, MARKDOWN_LIMITS.nameChars));

function statusCell(rule: Pick<FailingRule, 'status' | 'severity'>): string {
  if (rule.status === 'unknown') return `${ICONS.UNKNOWN} could not be decided`;
  return rule.severity === 'error' ? `${ICONS.FAIL} blocking` : rule.severity === 'warning' ? `${ICONS.WARNING} warning` : `${ICONS.NOTE} note`;
}

function fleetTable(results: ResultsDocument, out: Output): void {
  const { summary } = results;
  out.add('### Fleet', '', '| Verdict | Hosts | Share |', '| --- | ---: | ---: |');
  out.add(`| ${VERDICT_ICONS['not-ready']} Not ready | ${formatCount(summary.notReady)} | ${formatShare(summary.notReady, summary.hosts)} |`);
  out.add(`| ${VERDICT_ICONS.incomplete} Incomplete | ${formatCount(summary.incomplete)} | ${formatShare(summary.incomplete, summary.hosts)} |`);
  out.add(`| ${VERDICT_ICONS.ready} Ready | ${formatCount(summary.ready)} | ${formatShare(summary.ready, summary.hosts)} |`);
  out.add(`| Hosts evaluated | ${formatCount(summary.hosts)} | |`);
  out.add(`| ❗ Unreadable inputs | ${formatCount(summary.inputErrors)} | |`, '');
}

function failingRules(results: ResultsDocument, out: Output): void {
  const rules = results.summary.failingRules;
  out.add('### Most common failing requirements', '');
  if (rules.length === 0) {
    out.add('No requirement failed or was left undecided on any host.', '');
    return;
  }
  out.add('Hosts: those with at least one target (the host or one of its VMs) where the requirement failed or could not be decided. Which hosts: the first ones, in input order.', '');
  out.add('| Rule | Requirement | Status | Hosts | Which hosts |', '| --- | --- | --- | ---: | --- |');
  let shown = 0;
  for (const rule of rules.slice(0, MARKDOWN_LIMITS.failingRules)) {
    const more = rule.hosts - rule.exampleHosts.length;
    const which = `${rule.exampleHosts.map(name).join(', ')}${more > 0 ? ` … and ${formatCount(more)} more` : ''}`;
    const row = `| ${escapeMarkdown(rule.ruleId)} | ${escapeMarkdown(clip(rule.title, MARKDOWN_LIMITS.messageChars))} | ${statusCell(rule)} | ${formatCount(rule.hosts)} (${formatShare(rule.hosts, results.summary.hosts)}) | ${which} |`;
    if (!out.add(row)) break;
    shown++;
  }
  out.add('');
  if (shown < rules.length) {
    out.note(`_Truncated: ${formatCount(shown)} of ${plural(rules.length, 'failing requirement')} shown; the JSON report's summary.failingRules has them all._`, '');
  }
}

function hostTable(results: ResultsDocument, order: number[], out: Output): void {
  const total = results.hosts.length;
  const listed = Math.min(total, MARKDOWN_LIMITS.hostRows);
  out.add(`### Hosts${listed < total ? ` (first ${formatCount(listed)} of ${formatCount(total)})` : ''}`, '', 'Not ready first, then incomplete, then ready; input order within. Findings: rule ids, `?` = could not be decided.', '');
  out.add('| Host | Verdict | Blocking | To verify | Findings | Input |', '| --- | --- | ---: | ---: | --- | --- |');
  let shown = 0;
  for (const index of order.slice(0, MARKDOWN_LIMITS.hostRows)) {
    const host = results.hosts[index]!;
    const where = `${host.input === '-' ? 'standard input' : host.input}${host.inputLine ? `:${host.inputLine}` : ''}`;
    const row = `| ${name(host.host)} | ${VERDICT_ICONS[host.verdict]} ${verdictWord(host.verdict)} | ${formatCount(host.counts.blocking)} | ${formatCount(host.counts.toVerify)} | ${escapeMarkdown(clip(hostSummaryText(host), MARKDOWN_LIMITS.findingChars)) || '—'} | ${escapeMarkdown(clip(where, MARKDOWN_LIMITS.nameChars))} |`;
    if (!out.add(row)) break;
    shown++;
  }
  out.add('');
  if (shown < total) {
    const rest = order.slice(shown);
    const attention = rest.filter((index) => needsAttention(results.hosts[index]!)).length;
    out.note(
      `_Truncated: ${formatCount(shown)} of ${plural(total, 'host')} listed (this summary lists at most ${formatCount(MARKDOWN_LIMITS.hostRows)}); not listed: ${plural(attention, 'host')} not ready or incomplete and ${plural(rest.length - attention, 'ready host')}. The HTML report (--format html) lists every host._`,
      '',
    );
  }
}

function inputErrors(results: ResultsDocument, out: Output): void {
  const errors = results.inputErrors;
  if (errors.length === 0) return;
  out.add('### ❗ Unreadable inputs', '');
  let shown = 0;
  for (const error of errors.slice(0, MARKDOWN_LIMITS.inputErrors)) {
    const line = `- ${escapeMarkdown(clip(error.input, MARKDOWN_LIMITS.nameChars))}${error.line ? `:${error.line}` : ''}: ${escapeMarkdown(clip(error.message, MARKDOWN_LIMITS.messageChars))}`;
    if (!out.add(line)) break;
    shown++;
  }
  out.add('');
  if (shown < errors.length) out.note(`_Truncated: ${formatCount(shown)} of ${plural(errors.length, 'unreadable input')} listed; the JSON report's inputErrors has them all._`, '');
}

function details(results: ResultsDocument, order: number[], out: Output): void {
  // A small fleet is shown whole; a large one in detail only for the first hosts that need attention.
  const candidates = results.hosts.length <= MARKDOWN_LIMITS.detailHosts ? order : order.filter((index) => needsAttention(results.hosts[index]!));
  if (candidates.length === 0) return;
  const rules = ruleIndex(results);
  // Sections go in whole or not at all, each host a level below "Details"; the note saying what is
  // left out comes first, so the sections are chosen before anything is written.
  const sections: string[][] = [];
  let room = out.remaining() - 1024;
  let full = false;
  for (const index of candidates.slice(0, MARKDOWN_LIMITS.detailHosts)) {
    const section = hostSection(results.hosts[index]!, rules).map((line) => (line.startsWith('#### ') ? `#${line}` : line.startsWith('### ') ? `#${line}` : line));
    const size = byteSize(section);
    if (size > room) {
      full = true;
      break;
    }
    room -= size;
    sections.push(section);
  }
  out.add(`### Details${sections.length < candidates.length ? ` (${formatCount(sections.length)} of ${formatCount(candidates.length)})` : ''}`, '');
  if (sections.length < candidates.length) {
    const which = results.hosts.length <= MARKDOWN_LIMITS.detailHosts ? 'hosts' : 'hosts that are not ready or incomplete, not ready first';
    const why = full ? `to stay under ${formatCount(MARKDOWN_LIMITS.maxBytes / 1024)} KiB` : `this summary details at most ${formatCount(MARKDOWN_LIMITS.detailHosts)}`;
    out.note(`_Truncated: details for the first ${formatCount(sections.length)} of ${formatCount(candidates.length)} ${which} (${why}); the HTML report (--format html) has more, the JSON report (--format json) every result._`, '');
  }
  for (const section of sections) out.add(...section);
}

export function renderFleetMarkdown(results: ResultsDocument): string {
  const { summary } = results;
  const out = new Output(MARKDOWN_LIMITS.maxBytes);
  const order = attentionOrder(results.hosts);
  out.add(`## ${VERDICT_ICONS[summary.verdict]} nestready: nested virtualization ${verdictWord(summary.verdict)}`, '');
  const errors = summary.inputErrors > 0 ? `, ${plural(summary.inputErrors, 'unreadable input')}` : '';
  out.add(
    `${plural(summary.hosts, 'host')}: ${formatCount(summary.ready)} ready, ${formatCount(summary.notReady)} not ready, ${formatCount(summary.incomplete)} incomplete${errors} · ${fleetCounts(summary.counts)} · nestready ${escapeMarkdown(results.tool.version)} · ${escapeMarkdown(results.generatedAt)}`,
    '',
  );
  fleetTable(results, out);
  failingRules(results, out);
  hostTable(results, order, out);
  inputErrors(results, out);
  details(results, order, out);
  return out.lines.join('\n').replace(/\n+$/, '') + '\n';
}

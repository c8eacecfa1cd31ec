// The fleet overview of the HTML report (more than one host): verdict counts, an inline SVG chart of
// the failing requirements (summary.failingRules), and one table row per host. Like html-view.ts this
// only computes strings and numbers; the template escapes every value, and the chart's geometry is
// numbers computed here, so no collected string ever lands in an attribute that is not escaped.
//
// Size: every host gets a row (about 200 bytes), but a host's full section (every requirement,
// evidence, commands, its facts) is 10-50 kB; at 10,000 hosts that would be hundreds of megabytes.
// So fleets up to DETAIL_LIMIT hosts show every host in detail; larger fleets show in detail the
// first DETAIL_LIMIT hosts that need attention (not ready first, then incomplete, input order), and
// the page says so above the details. No host is ever left out of the table.
import type { FailingRule, HostResult, ResultsDocument } from '../schemas/results.js';
import { attentionOrder, clip, findingsText, formatCount, formatShare, hostFindings, hostSummaryText, needsAttention, plural } from './fleet.js';
import { verdictWord } from './report-common.js';

export const DETAIL_LIMIT = 100;
// The chart shows every failing rule (their number is bounded by the rule pack); this is a guard.
export const CHART_MAX_ROWS = 60;

// Chart geometry in SVG user units (the viewBox scales to the page width).
const CHART = { width: 960, barX: 560, barWidth: 300, rowHeight: 24, barHeight: 14, top: 34, titleChars: 62 };

export interface FleetRow {
  n: number;
  anchor: string | null;
  host: string;
  input: string;
  verdict: string;
  rowClass: string;
  blocking: number;
  toVerify: number;
  findings: string;
  // The rule ids, when the findings cell says something else (a host never collected): fleet.js
  // filters by finding on these.
  ruleIds: string | null;
}

export interface ChartRow {
  finding: string;
  ruleId: string;
  title: string;
  tooltip: string;
  barClass: string;
  y: number;
  textY: number;
  barY: number;
  barWidth: number;
  value: string;
  valueX: number;
}

export interface FleetView {
  tiles: { label: string; value: string; share: string; tileClass: string }[];
  verdictBar: { x: number; width: number; barClass: string; label: string }[];
  chart: {
    width: number;
    height: number;
    barX: number;
    barWidth: number;
    barHeight: number;
    description: string;
    ticks: { x: number; label: string; anchor: string }[];
    gridTop: number;
    gridBottom: number;
    groups: { y: number; label: string }[];
    rows: ChartRow[];
    more: string | null;
  } | null;
  failingRules: { ruleId: string; title: string; status: string; statusClass: string; hosts: string; targets: string; examples: string }[];
  findingOptions: { value: string; label: string }[];
  rows: FleetRow[];
  hostCount: string;
  detailed: number[];
  detailNote: string | null;
  detailCount: number;
}

const ROW_CLASS: Record<HostResult['verdict'], string> = { 'not-ready': 'nr', incomplete: 'in', ready: 'ok' };

// The filter's value for one failing-rule entry: "f:ID" failed, "u:ID" could not be decided.
const findingKey = (rule: Pick<FailingRule, 'ruleId' | 'status'>) => `${rule.status === 'fail' ? 'f' : 'u'}:${rule.ruleId}`;

function statusLabel(rule: Pick<FailingRule, 'status' | 'severity'>): string {
  if (rule.status === 'unknown') return `could not be decided (${rule.severity})`;
  return rule.severity === 'error' ? 'failed: blocking' : `failed: ${rule.severity}`;
}

function barClass(rule: Pick<FailingRule, 'status' | 'severity'>): string {
  return rule.status === 'unknown' ? 'unknown' : `fail-${rule.severity}`;
}

function chartView(results: ResultsDocument): FleetView['chart'] {
  const { failingRules, hosts } = results.summary;
  if (failingRules.length === 0) return null;
  const shown = failingRules.slice(0, CHART_MAX_ROWS);
  const groups: { y: number; label: string }[] = [];
  const rows: ChartRow[] = [];
  let y = CHART.top;
  let lastStatus: string | null = null;
  for (const rule of shown) {
    if (rule.status !== lastStatus) {
      groups.push({ y: y + 17, label: rule.status === 'fail' ? 'Failed (hosts with at least one target failing the requirement)' : 'Could not be decided (a fact it needs could not be read: verify by hand)' });
      y += CHART.rowHeight + 2;
      lastStatus = rule.status;
    }
    const width = hosts > 0 ? Math.max(2, Math.round((rule.hosts / hosts) * CHART.barWidth * 10) / 10) : 0;
    const value = `${plural(rule.hosts, 'host')} · ${formatShare(rule.hosts, hosts)}`;
    rows.push({
      finding: findingKey(rule),
      ruleId: rule.ruleId,
      title: clip(rule.title, CHART.titleChars),
      tooltip: `${rule.ruleId} ${rule.title}: ${statusLabel(rule)} on ${plural(rule.hosts, 'host')} (${plural(rule.targets, 'target')}). Select to filter the host table.`,
      barClass: barClass(rule),
      y,
      textY: y + 17,
      barY: y + 5,
      barWidth: width,
      value,
      valueX: CHART.barX + width + 6,
    });
    y += CHART.rowHeight;
  }
  const more = failingRules.length > shown.length ? `… and ${plural(failingRules.length - shown.length, 'more finding')}: see "Failing requirements as a table"` : null;
  const ticks = [0, 25, 50, 75, 100].map((percent) => ({
    x: CHART.barX + (CHART.barWidth * percent) / 100,
    label: `${percent}%`,
    anchor: percent === 0 ? 'start' : percent === 100 ? 'end' : 'middle',
  }));
  return {
    width: CHART.width,
    height: y + (more ? CHART.rowHeight : 0) + 8,
    barX: CHART.barX,
    barWidth: CHART.barWidth,
    barHeight: CHART.barHeight,
    description: failingRules.map((rule) => `${rule.ruleId} ${statusLabel(rule)}: ${plural(rule.hosts, 'host')}`).join('; '),
    ticks,
    gridTop: CHART.top - 8,
    gridBottom: y,
    groups,
    rows,
    more,
  };
}

function verdictBar(results: ResultsDocument): FleetView['verdictBar'] {
  const { summary } = results;
  const parts = [
    { count: summary.notReady, barClass: 'nr', label: 'not ready' },
    { count: summary.incomplete, barClass: 'in', label: 'incomplete' },
    { count: summary.ready, barClass: 'ok', label: 'ready' },
  ];
  const total = summary.hosts;
  let x = 0;
  const out: FleetView['verdictBar'] = [];
  for (const part of parts) {
    if (part.count === 0 || total === 0) continue;
    const width = Math.round((part.count / total) * 1000 * 10) / 10;
    out.push({ x, width, barClass: part.barClass, label: `${plural(part.count, 'host')} ${part.label} (${formatShare(part.count, total)})` });
    x = Math.round((x + width) * 10) / 10;
  }
  return out;
}

// Which hosts get a full section, in display order (positions into results.hosts).
export function detailedHosts(hosts: readonly Pick<HostResult, 'verdict'>[]): number[] {
  const order = attentionOrder(hosts);
  if (hosts.length <= DETAIL_LIMIT) return order;
  return order.filter((index) => needsAttention(hosts[index]!)).slice(0, DETAIL_LIMIT);
}

function detailNote(results: ResultsDocument, detailed: number): string | null {
  const total = results.hosts.length;
  if (detailed === total) return null;
  const attention = results.hosts.filter(needsAttention).length;
  const shown = `Details are shown for ${plural(detailed, 'host')} of ${formatCount(total)}`;
  const which =
    detailed === attention
      ? `: every host that is not ready or incomplete. The ${plural(total - attention, 'ready host')} are listed in the table only.`
      : `: the first ${formatCount(detailed)} of the ${plural(attention, 'host')} that are not ready or incomplete (not ready first, in input order), to keep this page small enough to open. The other ${formatCount(total - detailed)} hosts are listed in the table only (without a link).`;
  return `${shown}${which}`;
}

function ruleIdsUnlessShown(host: HostResult): { ruleIds: string | null } {
  const ids = findingsText(hostFindings(host));
  return { ruleIds: ids !== hostSummaryText(host) && ids !== '' ? ids : null };
}

export function fleetView(results: ResultsDocument): FleetView {
  const { summary } = results;
  const detailed = detailedHosts(results.hosts);
  const withDetail = new Set(detailed);
  const rows: FleetRow[] = attentionOrder(results.hosts).map((index) => {
    const host = results.hosts[index]!;
    const counts = host.counts;
    return {
      n: index + 1,
      anchor: withDetail.has(index) ? `host-${index + 1}` : null,
      host: host.host,
      input: host.input === 'live' ? 'this machine' : `${host.input === '-' ? 'standard input' : host.input}${host.inputLine ? `:${host.inputLine}` : ''}`,
      verdict: verdictWord(host.verdict),
      rowClass: ROW_CLASS[host.verdict],
      blocking: counts.blocking,
      toVerify: counts.toVerify,
      findings: hostSummaryText(host),
      ...ruleIdsUnlessShown(host),
    };
  });
  const tile = (label: string, count: number, tileClass: string, share = true) => ({ label, value: formatCount(count), share: share ? formatShare(count, summary.hosts) : '', tileClass });
  return {
    tiles: [
      tile('hosts', summary.hosts, 'total', false),
      tile('ready', summary.ready, 'ok'),
      tile('not ready', summary.notReady, 'nr'),
      tile('incomplete', summary.incomplete, 'in'),
      tile(summary.inputErrors === 1 ? 'unreadable input' : 'unreadable inputs', summary.inputErrors, summary.inputErrors > 0 ? 'err' : 'none', false),
    ],
    verdictBar: verdictBar(results),
    chart: chartView(results),
    failingRules: summary.failingRules.map((rule) => ({
      ruleId: rule.ruleId,
      title: rule.title,
      status: statusLabel(rule),
      statusClass: barClass(rule),
      hosts: formatCount(rule.hosts),
      targets: formatCount(rule.targets),
      examples: `${rule.exampleHosts.join(', ')}${rule.hosts > rule.exampleHosts.length ? ` … and ${formatCount(rule.hosts - rule.exampleHosts.length)} more` : ''}`,
    })),
    findingOptions: summary.failingRules.map((rule) => ({
      value: findingKey(rule),
      label: `${rule.ruleId} ${rule.status === 'fail' ? 'failed' : 'could not be decided'} (${formatCount(rule.hosts)})`,
    })),
    rows,
    hostCount: formatCount(results.hosts.length),
    detailed,
    detailNote: detailNote(results, detailed.length),
    detailCount: detailed.length,
  };
}

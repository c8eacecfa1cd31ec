// SARIF 2.1.0 report for GitHub code scanning and other SARIF consumers. Pure: (results, options).
// Each finding points at the facts file it came from (or --sarif-artifact for live scans) and names
// the host and VM as logical locations; its fingerprint depends only on rule, host and target, so
// the same finding keeps the same alert across runs.
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { TOOL_URI } from '../schemas/constants.js';
import type { HostResult, ResultsDocument, RuleResult, Target } from '../schemas/results.js';
import { collectionProblems, targetLabel } from './report-common.js';
import { notificationDescriptors, notificationRef, ruleDescriptor, sarifLevel } from './sarif-rules.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const GITHUB_MAX_RESULTS = 25_000; // per run, GitHub code scanning's upload limit
export const FINGERPRINT_KEY = 'nestreadyFinding/v1';

export interface SarifOptions {
  includePassed?: boolean;
  sarifArtifact?: string;
  exitCode?: number;
  warn?: (message: string) => void;
  maxResults?: number; // for tests; GitHub's limit otherwise
}

// A path as a SARIF URI: relative paths stay relative to the checkout (%SRCROOT%), absolute ones
// become file:// URIs, and characters a URI cannot hold are percent-encoded.
export function artifactLocation(path: string): Sarif.ArtifactLocation {
  const posix = path.replace(/\\/g, '/');
  const encode = (text: string) => encodeURI(text).replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (/^[A-Za-z]:\//.test(posix)) return { uri: `file:///${encode(posix)}` };
  if (posix.startsWith('/')) return { uri: `file://${encode(posix)}` };
  return { uri: encode(posix.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function artifactFor(input: string, hostName: string, options: SarifOptions): Sarif.ArtifactLocation {
  if (input !== 'live' && input !== '-') return artifactLocation(input);
  return artifactLocation(options.sarifArtifact ?? `nestready-${input === '-' ? 'stdin' : 'live'}/${encodeURIComponent(hostName)}`);
}

export function fingerprint(ruleId: string, host: string, targetId: string): string {
  return createHash('sha256').update(`${ruleId}\0${host}\0${targetId}`).digest('hex').slice(0, 32);
}

function logicalLocations(host: HostResult, target: Target): Sarif.LogicalLocation[] {
  const hostLocation: Sarif.LogicalLocation = { name: host.host, fullyQualifiedName: host.host, kind: 'host' };
  if (target.kind === 'host') return [hostLocation];
  return [{ name: target.name, fullyQualifiedName: `${host.host}/${target.id}`, kind: 'vm' }, hostLocation];
}

function sarifResult(host: HostResult, target: Target, result: RuleResult, ruleIndex: number, revision: number, options: SarifOptions): Sarif.Result {
  return {
    ruleId: result.ruleId,
    ruleIndex,
    kind: result.status === 'pass' ? 'pass' : 'fail',
    level: sarifLevel(result),
    message: { text: `${result.message} (${targetLabel(host, target)})` },
    locations: [
      {
        physicalLocation: { artifactLocation: artifactFor(host.input, host.host, options), region: { startLine: host.inputLine ?? 1 } },
        logicalLocations: logicalLocations(host, target),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(result.ruleId, host.host, target.id) },
    properties: {
      status: result.status,
      severity: result.severity,
      revision,
      host: host.host,
      target: target.id,
      profile: host.profile,
      evidence: result.evidence,
      // No file edit fixes a host setting, so the fix travels as data rather than as SARIF `fixes`.
      remediation: result.remediation,
    },
  };
}

// When over the limit, keep the most severe: blocking failures, warnings, unknowns, notes, passes.
function priority(result: Sarif.Result): number {
  if (result.kind === 'pass') return 4;
  if (result.properties?.status === 'unknown') return 2;
  return result.level === 'error' ? 0 : result.level === 'warning' ? 1 : 3;
}

function truncate(all: Sarif.Result[], limit: number): Sarif.Result[] {
  if (all.length <= limit) return all;
  const keep = all
    .map((result, index) => ({ index, rank: priority(result) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  return keep.map((index) => all[index]!);
}

function notifications(results: ResultsDocument, options: SarifOptions): Sarif.Notification[] {
  const out: Sarif.Notification[] = [];
  for (const host of results.hosts) {
    for (const run of collectionProblems(host)) {
      out.push({
        descriptor: notificationRef('collector'),
        level: run.status === 'failed' ? 'error' : run.status === 'partial' ? 'warning' : 'note',
        message: { text: `${host.host}: collector ${run.name} ${run.status}${run.error ? `: ${run.error}` : ''}` },
        locations: [{ physicalLocation: { artifactLocation: artifactFor(host.input, host.host, options), region: { startLine: host.inputLine ?? 1 } } }],
        properties: { collector: run.name, status: run.status, host: host.host },
      });
    }
  }
  for (const error of results.inputErrors) {
    out.push({
      descriptor: notificationRef('input'),
      level: 'error',
      message: { text: `${error.input}${error.line ? `:${error.line}` : ''}: ${error.message}` },
      locations: [{ physicalLocation: { artifactLocation: artifactFor(error.input, 'input', options), region: { startLine: error.line ?? 1 } } }],
    });
  }
  return out;
}

export function buildSarif(results: ResultsDocument, options: SarifOptions = {}): Sarif.Log {
  const rules = results.rules;
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const all: Sarif.Result[] = [];
  for (const host of results.hosts) {
    for (const target of host.targets) {
      for (const result of target.results) {
        if (result.status === 'not-applicable' || (result.status === 'pass' && !options.includePassed)) continue;
        const index = ruleIndex.get(result.ruleId) ?? -1;
        all.push(sarifResult(host, target, result, index, rules[index]?.revision ?? 1, options));
      }
    }
  }
  const limit = options.maxResults ?? GITHUB_MAX_RESULTS;
  const kept = truncate(all, limit);
  const toolNotifications = notifications(results, options);
  const truncated = kept.length < all.length ? { limit, total: all.length, omitted: all.length - kept.length } : undefined;
  if (truncated) {
    const text = `SARIF holds ${kept.length} of ${all.length} results (GitHub code scanning accepts ${limit} per run); ${truncated.omitted} of the least severe were left out — see the json or html report for all of them`;
    options.warn?.(text);
    toolNotifications.push({ descriptor: notificationRef('truncated'), level: 'warning', message: { text } });
  }
  const exitCode = options.exitCode;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: results.tool.name,
        semanticVersion: results.tool.version,
        version: results.tool.version,
        informationUri: TOOL_URI,
        rules: rules.map(ruleDescriptor),
        notifications: notificationDescriptors(),
      },
    },
    invocations: [
      {
        executionSuccessful: results.inputErrors.length === 0 && exitCode !== 2,
        ...(exitCode !== undefined ? { exitCode } : {}),
        endTimeUtc: results.generatedAt,
        toolExecutionNotifications: toolNotifications,
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: kept,
    properties: {
      verdict: results.summary.verdict,
      summary: results.summary,
      profiles: results.profiles,
      ...(truncated ? { truncated } : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function renderSarif(results: ResultsDocument, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(results, options), null, 2) + '\n';
}

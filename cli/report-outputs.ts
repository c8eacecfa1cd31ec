// Which reports a run writes, and where: one format to stdout or --output, or several formats into
// --output-dir under fixed names. Also decides which formats get the optional detail (raw facts,
// rule catalog) so that json output stays the same whatever other formats run beside it.
import { join } from 'node:path';
import type { FactsDocument } from '../schemas/facts.js';
import type { HostResult, ResultsDocument, RuleInfo } from '../schemas/results.js';
import type { RulePack } from '../engine/rule-pack.js';
import type { CliOptions } from './args.js';
import { UsageError } from './errors.js';
import { loadRenderer, type RenderOptions } from './reporters.js';
import { writeFileAtomic, writeOutput } from './write-output.js';

// File names in --output-dir; documented in the README (section "reports").
export const REPORT_FILE_NAMES: Record<string, string> = {
  text: 'nestready.txt',
  json: 'nestready.json',
  sarif: 'nestready.sarif',
  html: 'nestready.html',
  markdown: 'nestready.md',
  junit: 'nestready.junit.xml',
};

// Formats that read hosts[].facts and rules[]; every other format gets the plain document.
const DETAIL_FORMATS = new Set(['html', 'sarif']);

export function needsDetail(formats: string[]): boolean {
  return formats.some((format) => DETAIL_FORMATS.has(format));
}

export function withFacts(host: HostResult, facts: FactsDocument | undefined): HostResult {
  return facts === undefined ? host : { ...host, facts };
}

// Every rule the packs ran, once, in profile order (the first profile's severity wins).
export function ruleCatalog(packs: RulePack[]): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const { definition } = rule;
      if (seen.has(definition.id)) continue;
      seen.set(definition.id, {
        id: definition.id,
        revision: definition.revision,
        title: definition.title,
        rationale: definition.rationale,
        severity: rule.severity,
        scope: definition.scope,
        remediation: definition.remediation.text,
        references: definition.references,
        tags: definition.tags ?? [],
      });
    }
  }
  return [...seen.values()];
}

// `rules` goes before `summary`, which stays last so the document can still be streamed.
export function withRuleCatalog(results: ResultsDocument, packs: RulePack[]): ResultsDocument {
  const { summary, ...head } = results;
  return { ...head, rules: ruleCatalog(packs), summary };
}

export function stripDetail(results: ResultsDocument): ResultsDocument {
  if (results.rules === undefined && results.hosts.every((host) => host.facts === undefined)) return results;
  const { rules: _rules, summary, ...head } = results;
  const hosts = results.hosts.map(({ facts: _facts, ...host }) => host);
  return { ...head, hosts, summary };
}

export interface ReportRun {
  exitCode: number;
  warn: (message: string) => void;
}

function stringValue(options: CliOptions, name: string): string | undefined {
  const value = options.values[name];
  return typeof value === 'string' ? value : undefined;
}

async function render(format: string, results: ResultsDocument, options: RenderOptions): Promise<string> {
  const renderer = await loadRenderer(format);
  return renderer(DETAIL_FORMATS.has(format) ? results : stripDetail(results), options);
}

export async function writeAllReports(results: ResultsDocument, options: CliOptions, run: ReportRun): Promise<void> {
  const outputDir = options.outputDir ?? stringValue(options, 'output-dir');
  if (outputDir !== undefined && options.output !== undefined) throw new UsageError('--output and --output-dir cannot be used together');
  if (options.format.length > 1 && outputDir === undefined) throw new UsageError('several formats need --output-dir');
  const base: RenderOptions = {
    color: false,
    quiet: options.quiet,
    includePassed: options.values['include-passed'] === true,
    sarifArtifact: stringValue(options, 'sarif-artifact'),
    exitCode: run.exitCode,
    warn: run.warn,
  };
  if (outputDir === undefined) {
    const color = options.color && options.output === undefined && process.stdout.isTTY === true;
    writeOutput(options.output, await render(options.format[0]!, results, { ...base, color }));
    return;
  }
  // Render everything first: a reporter that throws leaves no half-written set behind.
  const rendered: [string, string][] = [];
  for (const format of new Set(options.format)) {
    rendered.push([join(outputDir, REPORT_FILE_NAMES[format] ?? `nestready.${format}`), await render(format, results, base)]);
  }
  for (const [path, content] of rendered) writeFileAtomic(path, content);
}

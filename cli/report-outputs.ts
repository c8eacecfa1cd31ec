// Which reports a run writes, and where: one format to stdout or --output, or several formats into
// --output-dir under fixed names. Also decides which formats get the optional detail (raw facts,
// rule catalog) so that json output stays the same whatever other formats run beside it.
import { join } from 'node:path';
import type { FactsDocument } from '../schemas/facts.js';
import type { HostResult, ResultsDocument } from '../schemas/results.js';
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

export function stripDetail(results: ResultsDocument): ResultsDocument {
  if (results.hosts.every((host) => host.facts === undefined)) return results;
  return { ...results, hosts: results.hosts.map(({ facts: _facts, ...host }) => host) };
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

// Checked before anything is evaluated: a usage mistake should not cost a 100,000-host run.
export function checkOutputOptions(options: CliOptions): void {
  const outputDir = options.outputDir ?? stringValue(options, 'output-dir');
  if (outputDir !== undefined && options.output !== undefined) throw new UsageError('--output and --output-dir cannot be used together');
  if (options.format.length > 1 && outputDir === undefined) throw new UsageError('several formats need --output-dir');
}

export async function writeAllReports(results: ResultsDocument, options: CliOptions, run: ReportRun): Promise<void> {
  checkOutputOptions(options);
  const outputDir = options.outputDir ?? stringValue(options, 'output-dir');
  const base: RenderOptions = {
    color: false,
    quiet: options.quiet,
    ...(options.values.details === true ? { details: true } : {}),
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

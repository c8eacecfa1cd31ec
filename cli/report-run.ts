// Shared tail of scan and evaluate: facts in, results document out, reports written, exit code.
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { buildResultsDocument, evaluateHost } from '../engine/evaluate.js';
import { meetsThreshold } from '../engine/summarize.js';
import type { CliOptions } from './args.js';
import type { InputItem } from './input/read-inputs.js';
import { PackCache } from './profiles.js';
import { loadRenderer } from './reporters.js';
import { UsageError } from './errors.js';
import { writeOutput } from './write-output.js';

export function exitCodeFor(results: ResultsDocument, options: Pick<CliOptions, 'failOn'>): number {
  if (results.inputErrors.length > 0) return 2;
  for (const host of results.hosts) {
    for (const target of host.targets) {
      for (const result of target.results) if (meetsThreshold(result, options.failOn)) return 1;
    }
  }
  return 0;
}

export async function evaluateItems(items: AsyncIterable<InputItem>, options: CliOptions, generatedAt: string): Promise<ResultsDocument> {
  const packs = new PackCache(options.profile, options.rules);
  const hosts: HostResult[] = [];
  const inputErrors: InputError[] = [];
  for await (const item of items) {
    if (item.kind === 'error') {
      inputErrors.push({ input: item.input, ...(item.line ? { line: item.line } : {}), message: item.message });
      continue;
    }
    const pack = await packs.packFor(item.facts);
    hosts.push(evaluateHost(item.facts, pack, { input: item.input, ...(item.inputLine ? { inputLine: item.inputLine } : {}) }));
  }
  return buildResultsDocument(await packs.loaded(), generatedAt, hosts, inputErrors);
}

export async function writeReports(results: ResultsDocument, options: CliOptions): Promise<void> {
  if (options.format.length > 1) throw new UsageError('several formats need --output-dir');
  const render = await loadRenderer(options.format[0]!);
  const color = options.color && options.output === undefined && process.stdout.isTTY === true;
  writeOutput(options.output, render(results, { color, quiet: options.quiet }));
}

// Input errors go to stderr as one line each, so a gate log names the bad file even with --quiet.
export function reportInputErrors(results: ResultsDocument): void {
  for (const error of results.inputErrors) {
    process.stderr.write(`nestready: ${error.input}${error.line ? `:${error.line}` : ''}: ${error.message}\n`);
  }
}

// Shared tail of scan and evaluate: facts in, results document out, reports written, exit code.
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { buildResultsDocument, evaluateHost } from '../engine/evaluate.js';
import { meetsThreshold } from '../engine/summarize.js';
import type { CliOptions } from './args.js';
import type { InputItem } from './input/read-inputs.js';
import { PackCache } from './profiles.js';
import { emitFixScript } from './emit-fix.js';
import { needsDetail, withFacts, withRuleCatalog, writeAllReports } from './report-outputs.js';

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
  const detail = needsDetail(options.format);
  const hosts: HostResult[] = [];
  const inputErrors: InputError[] = [];
  for await (const item of items) {
    if (item.kind === 'error') {
      inputErrors.push({ input: item.input, ...(item.line ? { line: item.line } : {}), message: item.message });
      continue;
    }
    const pack = await packs.packFor(item.facts);
    const host = evaluateHost(item.facts, pack, { input: item.input, ...(item.inputLine ? { inputLine: item.inputLine } : {}) });
    hosts.push(withFacts(host, detail ? item.facts : undefined));
  }
  const loaded = await packs.loaded();
  const results = buildResultsDocument(loaded, generatedAt, hosts, inputErrors);
  return detail ? withRuleCatalog(results, loaded) : results;
}

export async function writeReports(results: ResultsDocument, options: CliOptions): Promise<void> {
  const warn = (message: string) => process.stderr.write(`nestready: warning: ${message}\n`);
  await writeAllReports(results, options, { exitCode: exitCodeFor(results, options), warn });
  await emitFixScript(results, options);
}

// Input errors go to stderr as one line each, so a gate log names the bad file even with --quiet.
export function reportInputErrors(results: ResultsDocument): void {
  for (const error of results.inputErrors) {
    process.stderr.write(`nestready: ${error.input}${error.line ? `:${error.line}` : ''}: ${error.message}\n`);
  }
}

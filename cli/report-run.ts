// Shared tail of scan and evaluate: facts in, results out, reports written, exit code.
// A lone JSON report streams (each host written as soon as it is judged, then dropped), so memory
// stays flat for any fleet size; other formats need the whole document and build it in memory.
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { addHostToSummary, addInputErrorToSummary, buildResultsDocument, documentHead, documentTail, emptySummary, evaluateHost } from '../engine/evaluate.js';
import { meetsThreshold } from '../engine/summarize.js';
import type { CliOptions } from './args.js';
import type { InputItem } from './input/read-inputs.js';
import { PackCache } from './profiles.js';
import { emitFixScript } from './emit-fix.js';
import { Progress } from './progress.js';
import { checkOutputOptions, needsDetail, withFacts, writeAllReports } from './report-outputs.js';
import { atomicFileSink, stdoutSink, StreamingJsonWriter } from './results-stream.js';

function hostFails(host: HostResult, options: Pick<CliOptions, 'failOn'>): boolean {
  return host.targets.some((target) => target.results.some((result) => meetsThreshold(result, options.failOn)));
}

export function exitCodeFor(results: ResultsDocument, options: Pick<CliOptions, 'failOn'>): number {
  if (results.inputErrors.length > 0) return 2;
  return results.hosts.some((host) => hostFails(host, options)) ? 1 : 0;
}

function toInputError(item: Extract<InputItem, { kind: 'error' }>): InputError {
  return { input: item.input, ...(item.line ? { line: item.line } : {}), message: item.message };
}

// One line on stderr per unreadable input, so a gate log names the bad file even with --quiet.
function reportInputError(error: InputError): void {
  process.stderr.write(`nestready: ${error.input}${error.line ? `:${error.line}` : ''}: ${error.message}\n`);
}

export async function evaluateItems(items: AsyncIterable<InputItem>, options: CliOptions, generatedAt: string): Promise<ResultsDocument> {
  const packs = new PackCache(options.profile, options.rules);
  const detail = needsDetail(options.format);
  const progress = new Progress(!options.quiet);
  const hosts: HostResult[] = [];
  const inputErrors: InputError[] = [];
  for await (const item of items) {
    if (item.kind === 'error') {
      inputErrors.push(toInputError(item));
      progress.error();
      continue;
    }
    const pack = await packs.packFor(item.facts);
    const host = evaluateHost(item.facts, pack, { input: item.input, ...(item.inputLine ? { inputLine: item.inputLine } : {}) });
    hosts.push(withFacts(host, detail ? item.facts : undefined));
    progress.host();
  }
  progress.finish();
  return buildResultsDocument(await packs.loaded(), generatedAt, hosts, inputErrors);
}

function streams(options: CliOptions): boolean {
  return options.format.length === 1 && options.format[0] === 'json' && options.values['output-dir'] === undefined && options.values['emit-fix'] === undefined;
}

async function streamJson(items: AsyncIterable<InputItem>, options: CliOptions, generatedAt: string): Promise<number> {
  const packs = new PackCache(options.profile, options.rules);
  const progress = new Progress(!options.quiet && options.output !== undefined);
  const sink = options.output !== undefined && options.output !== '-' ? atomicFileSink(options.output) : stdoutSink();
  const writer = new StreamingJsonWriter(sink, documentHead(generatedAt));
  const summary = emptySummary();
  const inputErrors: InputError[] = [];
  let failing = false;
  try {
    for await (const item of items) {
      if (item.kind === 'error') {
        const error = toInputError(item);
        inputErrors.push(error);
        addInputErrorToSummary(summary);
        reportInputError(error);
        progress.error();
        continue;
      }
      const pack = await packs.packFor(item.facts);
      const host = evaluateHost(item.facts, pack, { input: item.input, ...(item.inputLine ? { inputLine: item.inputLine } : {}) });
      addHostToSummary(summary, host);
      failing ||= hostFails(host, options);
      writer.host(host);
      progress.host();
    }
    progress.finish();
    writer.finish(inputErrors, documentTail(await packs.loaded(), summary));
    sink.commit();
  } catch (error) {
    progress.finish();
    sink.abort();
    throw error;
  }
  return inputErrors.length > 0 ? 2 : failing ? 1 : 0;
}

// evaluate and scan: returns the exit code.
export async function runReport(items: AsyncIterable<InputItem>, options: CliOptions, generatedAt: string): Promise<number> {
  checkOutputOptions(options);
  if (streams(options)) return streamJson(items, options, generatedAt);
  const results = await evaluateItems(items, options, generatedAt);
  for (const error of results.inputErrors) reportInputError(error);
  const exitCode = exitCodeFor(results, options);
  const warn = (message: string) => process.stderr.write(`nestready: warning: ${message}\n`);
  await writeAllReports(results, options, { exitCode, warn });
  await emitFixScript(results, options);
  return exitCode;
}

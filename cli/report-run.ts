// Shared tail of scan and evaluate: facts in, results out, reports written, exit code.
// A lone JSON report streams: each host is written as soon as it is judged and then dropped, so
// memory stays flat for any fleet size. Other formats need the whole document and build it in memory.
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { addDigestToSummary, addInputErrorToSummary, type HostDigest, buildResultsDocument, documentHead, documentTail, emptySummary } from '../engine/evaluate.js';
import type { CliOptions } from './args.js';
import type { InputItem } from './input/read-inputs.js';
import { PackCache } from './profiles.js';
import { emitFixScript } from './emit-fix.js';
import { hostFails, judge, judgeJson, judgeJsonSync, type JudgedJson } from './judge.js';
import { Progress } from './progress.js';
import { checkOutputOptions, needsDetail, withFacts, writeAllReports } from './report-outputs.js';
import { atomicFileSink, stdoutSink, StreamingJsonWriter } from './results-stream.js';
import { yieldToIo } from './background-writes.js';
import { isPinned } from './clock.js';
import { jobsOf } from './jobs.js';
import type { WorkerPool } from './parallel/worker-pool.js';

export function exitCodeFor(results: ResultsDocument, options: Pick<CliOptions, 'failOn'>): number {
  if (results.inputErrors.length > 0) return 2;
  return results.hosts.some((host) => hostFails(host, options.failOn)) ? 1 : 0;
}

// One line on stderr per unreadable input, so a gate log names the bad file even with --quiet.
function reportInputError(error: InputError): void {
  process.stderr.write(`nestready: ${error.input}${error.line ? `:${error.line}` : ''}: ${error.message}\n`);
}

export async function evaluateItems(items: AsyncIterable<InputItem>, options: CliOptions, now: () => Date): Promise<ResultsDocument> {
  const generatedAt = now().toISOString();
  const packs = new PackCache(options.profile, options.rules);
  const detail = needsDetail(options.format);
  const progress = new Progress(!options.quiet);
  const hosts: HostResult[] = [];
  const inputErrors: InputError[] = [];
  for await (const item of items) {
    const judged = await judge(item, packs, now);
    if (judged.kind === 'error') {
      inputErrors.push(judged.error);
      progress.error();
      continue;
    }
    hosts.push(withFacts(judged.host, detail ? judged.facts : undefined));
    progress.host();
  }
  progress.finish();
  return buildResultsDocument(await packs.loaded(), generatedAt, hosts, inputErrors);
}

async function startPool(options: CliOptions, now: () => Date): Promise<WorkerPool> {
  const { WorkerPool } = await import('./parallel/worker-pool.js');
  const pinned = isPinned(options.timestamp, process.env) ? now().toISOString() : null;
  return new WorkerPool(jobsOf(options), { profile: options.profile, rules: options.rules, failOn: options.failOn, pinned });
}

export function streams(options: CliOptions): boolean {
  return options.format.length === 1 && options.format[0] === 'json' && options.values['output-dir'] === undefined && options.values['emit-fix'] === undefined;
}

async function streamJson(items: AsyncIterable<InputItem>, options: CliOptions, now: () => Date): Promise<number> {
  const packs = new PackCache(options.profile, options.rules);
  const progress = new Progress(!options.quiet && options.output !== undefined);
  const sink = options.output !== undefined && options.output !== '-' ? atomicFileSink(options.output) : stdoutSink();
  const writer = new StreamingJsonWriter(sink, documentHead(now().toISOString()));
  const summary = emptySummary();
  const inputErrors: InputError[] = [];
  let failing = false;
  let pool: WorkerPool | undefined;
  try {
    const inputError = (error: InputError) => {
      inputErrors.push(error);
      addInputErrorToSummary(summary);
      reportInputError(error);
      progress.error();
    };
    // A host is in the report: count it.
    const counted = (digest: HostDigest, fails: boolean) => {
      addDigestToSummary(summary, digest);
      failing ||= fails;
      progress.host();
    };
    const judgedHost = (judged: JudgedJson): void => {
      if (judged.kind === 'error') {
        inputError(judged.error);
        return;
      }
      writer.hostWritten();
      counted(judged.digest, judged.fails);
    };
    for await (const item of items) {
      if (item.kind === 'bundle' && jobsOf(options) > 1) {
        pool ??= await startPool(options, now);
        for await (const entry of pool.judge(item.input)) {
          if (entry.kind === 'not-text') {
            inputError({ input: item.input, message: entry.message });
            continue;
          }
          if (entry.kind === 'error') {
            inputError(entry.entry.error);
            continue;
          }
          // The catalog lists the packs in the order hosts first needed them, as on the serial path.
          // (A worker already loaded this pack; a failure here would surface in packs.loaded().)
          packs.packForRef(entry.entry.profileRef).catch(() => {});
          writer.hostEncoded(entry.json);
          counted(entry.entry.digest, entry.entry.fails);
        }
        continue;
      }
      if (item.kind === 'bundle') {
        // Read and cut into lines as the workers get them, judged here: no async step per line
        // once the validator and the packs are loaded.
        const { bundleBatches } = await import('./parallel/bundle-batches.js');
        const { batchLines } = await import('./parallel/batch-lines.js');
        for (const event of bundleBatches(item.input, 0)) {
          if (event.kind === 'not-text') {
            inputError({ input: item.input, message: event.message });
            continue;
          }
          for (const line of batchLines(event.batch.bytes, event.batch.firstLine)) {
            const out = writer.hostOut();
            judgedHost(
              judgeJsonSync(line.text, { input: item.input, inputLine: line.number }, packs, options.failOn, out) ??
                (await judgeJson({ kind: 'text', input: item.input, inputLine: line.number, text: line.text }, packs, now, options.failOn, out)),
            );
          }
          // After each chunk (about 1 MB of report): finished writes hand their buffers back before
          // more are needed. Every 8 chunks, up to 8 fresh 1 MB buffers were in use: 10 MB more peak
          // RSS, for no gain in time.
          await yieldToIo();
        }
        continue;
      }
      judgedHost(await judgeJson(item, packs, now, options.failOn, writer.hostOut()));
    }
    progress.finish();
    writer.finish(inputErrors, documentTail(await packs.loaded(), summary));
    await sink.commit();
  } catch (error) {
    progress.finish();
    await sink.abort();
    throw error;
  } finally {
    await pool?.close();
  }
  return inputErrors.length > 0 ? 2 : failing ? 1 : 0;
}

// evaluate and scan: returns the exit code.
export async function runReport(items: AsyncIterable<InputItem>, options: CliOptions, now: () => Date): Promise<number> {
  checkOutputOptions(options);
  if (streams(options)) return streamJson(items, options, now);
  const results = await evaluateItems(items, options, now);
  for (const error of results.inputErrors) reportInputError(error);
  const exitCode = exitCodeFor(results, options);
  const warn = (message: string) => process.stderr.write(`nestready: warning: ${message}\n`);
  await writeAllReports(results, options, { exitCode, warn });
  await emitFixScript(results, options);
  return exitCode;
}

// nestready evaluate <file|dir|->...: evaluate facts someone already collected.
import type { CliOptions } from '../args.js';
import { UsageError } from '../errors.js';
import { readInputs } from '../input/read-inputs.js';
import { isPinned } from '../clock.js';
import { runReport, streams } from '../report-run.js';
import { jobsOf } from '../jobs.js';

function stdin(): AsyncIterable<Buffer> {
  if (process.stdin.isTTY) throw new UsageError('"-" reads facts from standard input, but it is a terminal');
  return process.stdin as AsyncIterable<Buffer>;
}

export async function runEvaluate(options: CliOptions, now: () => Date): Promise<number> {
  if (options.inputs.length === 0) throw new UsageError('evaluate needs at least one facts file, directory or "-"');
  // Where the results stream (a lone JSON report), an NDJSON bundle is judged whole: inline, or on
  // worker threads with --jobs. Other formats build the whole document in memory anyway.
  jobsOf(options); // a bad --jobs is a usage error before anything is read
  const handOffBundles = streams(options);
  return runReport(readInputs(options.inputs, { now, stdin, pinned: isPinned(options.timestamp, process.env), handOffBundles }), options, now);
}

// nestready scan: collect this machine (or --root), evaluate, report.
import type { CliOptions } from '../args.js';
import { collectThisMachine } from './collect-live.js';
import { isPinned } from '../clock.js';
import { runReport } from '../report-run.js';
import type { InputItem } from '../input/read-inputs.js';

export async function runScan(options: CliOptions, now: () => Date): Promise<number> {
  const facts = await collectThisMachine({ root: options.root, now, pinned: isPinned(options.timestamp, process.env), values: options.values });
  async function* single(): AsyncGenerator<InputItem> {
    yield { kind: 'facts', input: options.root ?? 'live', facts };
  }
  return runReport(single(), options, now);
}

// nestready collect: the facts document only, for evaluating later or sending to support.
import type { CliOptions } from '../args.js';
import { writeOutput } from '../write-output.js';
import { collectThisMachine } from './collect-live.js';
import { isPinned } from '../clock.js';

export async function runCollect(options: CliOptions, now: () => Date): Promise<number> {
  const facts = await collectThisMachine({ root: options.root, now, pinned: isPinned(options.timestamp, process.env), values: options.values });
  writeOutput(options.output, JSON.stringify(facts, null, 2) + '\n');
  return 0;
}

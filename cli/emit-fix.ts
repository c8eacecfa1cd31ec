// --emit-fix FILE (scan, evaluate): one PowerShell script for every VM finding, written atomically.
// The generator (engine/fix-script.ts) is pure; nestready never runs the script itself.
import type { ResultsDocument } from '../schemas/results.js';
import type { CliOptions } from './args.js';
import { UsageError } from './errors.js';
import { writeFileAtomic } from './write-output.js';

export async function emitFixScript(results: ResultsDocument, options: Pick<CliOptions, 'values'>): Promise<void> {
  const path = options.values['emit-fix'];
  if (path === undefined) return;
  if (typeof path !== 'string' || path === '' || path === '-') throw new UsageError('--emit-fix needs a file name for the PowerShell script, e.g. --emit-fix fix.ps1');
  const { renderFixScript } = await import('../engine/fix-script.js');
  writeFileAtomic(path, renderFixScript(results));
}

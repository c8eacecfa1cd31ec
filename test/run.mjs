#!/usr/bin/env node
// Runs every test/**/*.test.ts with uvu (through tsx) and ends with the line CI reads:
// "N passed, N failed". uvu prints its own totals but not in that form.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const uvuBin = join(root, 'node_modules', 'uvu', 'bin.js');
// An optional filter narrows the run to test files whose path matches it (always *.test.ts).
const filter = process.argv[2];
const pattern = filter ? `(?:${filter}).*\\.test\\.ts$` : '\\.test\\.ts$';

const run = spawnSync(process.execPath, ['--import', 'tsx', uvuBin, 'test', pattern], {
  cwd: root,
  encoding: 'utf8',
  // NO_COLOR alone turns uvu's colours off; FORCE_COLOR beside it makes Node print a warning.
  env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'FORCE_COLOR')), NO_COLOR: '1' },
  maxBuffer: 256 * 1024 * 1024,
});
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');

const total = Number(/Total:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? NaN);
if (!Number.isFinite(total) || !Number.isFinite(passed)) {
  // uvu crashed before printing totals (a syntax error in a test file, say): that is a failure.
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exitCode = 1;
} else {
  const failed = total - passed - Number(/Skipped:\s+(\d+)/.exec(run.stdout)?.[1] ?? 0);
  // exitCode, not exit(): exit() can drop what is still queued for a piped stdout.
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || run.status !== 0 ? 1 : 0;
}

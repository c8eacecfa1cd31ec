// npm run bench: how much does a whole `nestready scan --format json` cost over starting Node at all?
// Runs both alternately (so machine noise hits both alike), takes medians, prints the ratio.
// Also measures what systeminformation would add to start-up, the reason it is not on the scan path.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../engine/package-root.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIN = join(PACKAGE_ROOT, 'bin', 'nestready.js');

function timeRun(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const cases: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'nestready scan --format json': [BIN, 'scan', '--format', 'json'],
  'node: import systeminformation': ['--input-type=module', '-e', "await import('systeminformation')"],
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (const args of Object.values(cases)) timeRun(args); // warm the file cache once
for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(cases)) samples[name]!.push(timeRun(args));

const baseline = median(samples['node -e 0']!);
console.log(`runs per case: ${RUNS} (alternating), medians in ms`);
for (const [name, values] of Object.entries(samples)) {
  const value = median(values);
  console.log(`${name.padEnd(34)} ${value.toFixed(1).padStart(7)} ms   ratio ${(value / baseline).toFixed(2)}`);
}
const ratio = median(samples['nestready scan --format json']!) / baseline;
console.log(`\nscan/node ratio: ${ratio.toFixed(2)} (budget 2.50) ${ratio <= 2.5 ? 'OK' : 'OVER BUDGET'}`);

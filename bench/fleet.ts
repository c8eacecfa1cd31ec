// npm run bench:fleet — synthetic fleets of 1,000 / 10,000 / 100,000 hosts (seeded), evaluated with
// `nestready evaluate --format json` against a baseline that only reads and JSON.parses the same bundle,
// alternating in the same run. Prints hosts per second, the ratio to the baseline and peak RSS.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import { PACKAGE_ROOT } from '../engine/package-root.js';
import { generateFleet, type FleetTemplates } from './generate-fleet.js';
import { loadTemplates } from './fleet-templates.js';

const OUT = join(PACKAGE_ROOT, 'bench', 'out');
const SIZES = (process.env.BENCH_FLEET_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_FLEET_RUNS ?? 5);
const SEED = 20261122;
// Also measured with worker threads (`--jobs`), one per CPU; set BENCH_FLEET_JOBS=1 to skip.
const JOBS = Number(process.env.BENCH_FLEET_JOBS ?? availableParallelism());

async function writeBundle(path: string, count: number, templates: FleetTemplates): Promise<void> {
  const stream = createWriteStream(path);
  for (const line of generateFleet(count, SEED, templates)) {
    if (!stream.write(line + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

interface Sample {
  ms: number;
  rssKiB: number;
}

function measure(args: string[]): Sample {
  const rssFile = join(OUT, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(PACKAGE_ROOT, 'bench', 'rss-preload.mjs'), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NESTREADY_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  return { ms, rssKiB: Number(readFileSync(rssFile, 'utf8')) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const templates = await loadTemplates();
  console.log(`templates: ${templates.linux.length} Linux, ${templates.windows.length} Windows fixtures; seed ${SEED}; ${RUNS} alternating runs per size\n`);
  console.log('hosts     | parse-only       | nestready evaluate --format json          | peak RSS (baseline / nestready)');
  const rssBySize = new Map<number, number>();
  for (const size of SIZES) {
    const bundle = join(OUT, `fleet-${size}.ndjson`);
    await writeBundle(bundle, size, templates);
    const output = join(OUT, `results-${size}.json`);
    const baseline: Sample[] = [];
    const evaluate: Sample[] = [];
    const parallel: Sample[] = [];
    const runs = size >= 100000 ? 1 : RUNS;
    const args = [join(PACKAGE_ROOT, 'bin', 'nestready.js'), 'evaluate', bundle, '--format', 'json', '--output', output, '--fail-on', 'none', '--timestamp', '0'];
    for (let i = 0; i < runs; i++) {
      baseline.push(measure([join(PACKAGE_ROOT, 'dist', 'bench', 'parse-only.js'), bundle]));
      // Each run writes a new file, as a CI job does: on ext4, renaming over an existing 100 MB file
      // adds a synchronous flush (auto_da_alloc, about 50 ms here) that is not the scanner's work.
      rmSync(output, { force: true });
      evaluate.push(measure(args));
      if (JOBS > 1 && size < 100000) {
        rmSync(output, { force: true });
        parallel.push(measure([...args, '--jobs', String(JOBS)]));
      }
    }
    const base = median(baseline.map((s) => s.ms));
    const ours = median(evaluate.map((s) => s.ms));
    const rss = Math.max(...evaluate.map((s) => s.rssKiB));
    rssBySize.set(size, rss);
    const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;
    console.log(
      `${String(size).padEnd(9)} | ${base.toFixed(0).padStart(7)} ms       | ${ours.toFixed(0).padStart(7)} ms, ${Math.round((size / ours) * 1000).toLocaleString('en-US').padStart(7)} hosts/s, ratio ${(ours / base).toFixed(2)} | ${mb(Math.max(...baseline.map((s) => s.rssKiB)))} / ${mb(rss)}`,
    );
    if (parallel.length > 0) {
      const theirs = median(parallel.map((s) => s.ms));
      console.log(
        `  --jobs ${JOBS} | ${''.padStart(16)} | ${theirs.toFixed(0).padStart(7)} ms, ${Math.round((size / theirs) * 1000).toLocaleString('en-US').padStart(7)} hosts/s, ratio ${(theirs / base).toFixed(2)} | ${''.padStart(6)}${mb(Math.max(...parallel.map((s) => s.rssKiB)))}`,
      );
    }
    rmSync(output, { force: true });
  }
  const small = rssBySize.get(10000);
  const large = rssBySize.get(100000);
  if (small && large) console.log(`\npeak RSS 100,000 / 10,000 hosts: ${(large / small).toFixed(2)} (budget 1.50)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

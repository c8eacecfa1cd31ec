// Same results → same bytes, in every format; and snapshots of each format for review.
// Update the snapshots after an intended change with:  UPDATE_SNAPSHOTS=1 npm test
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { REPORT_FILE_NAMES } from '../../cli/report-outputs.js';
import { runCli } from '../support/cli.js';
// Snapshots use the test rule pack (HYPERV_ARGS), so edits to the built-in rules never touch them.
import { HYPERV_ARGS, TEST_RULES, TIMESTAMP } from './support/reports.js';
import { FLEET_LAB } from './support/fleet.js';

const FORMATS = Object.keys(REPORT_FILE_NAMES);
const SNAPSHOTS = join(PACKAGE_ROOT, 'test', 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
let baseline: Map<string, Buffer> | undefined;
const hypervLab = () => (baseline ??= allFormats(HYPERV_ARGS));
// A small fleet (four hosts, one with a hostile name) for the fleet views of html and markdown.
const FLEET_ARGS = ['evaluate', FLEET_LAB, '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--timestamp', TIMESTAMP];
const FLEET_SNAPSHOTS = ['html', 'markdown'];
let fleetBaseline: Map<string, Buffer> | undefined;
const fleetLab = () => (fleetBaseline ??= allFormats(FLEET_ARGS));

function allFormats(args: string[], env: Record<string, string> = {}): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-determinism-'));
  try {
    const run = runCli([...args, '--format', FORMATS.join(','), '--output-dir', dir], { env });
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    return new Map(FORMATS.map((format) => [format, readFileSync(join(dir, REPORT_FILE_NAMES[format]!))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertSame(first: Map<string, Buffer>, second: Map<string, Buffer>, label: string): void {
  for (const format of FORMATS) {
    assert.ok(first.get(format)!.length > 0, `${label}: ${format} is not empty`);
    assert.ok(first.get(format)!.equals(second.get(format)!), `${label}: ${format} differs between runs`);
  }
}

test('two runs with the same --timestamp: byte-identical text, json, sarif, html, markdown, junit', () => {
  assertSame(hypervLab(), allFormats(HYPERV_ARGS), 'hyperv-lab');
  const linux = ['evaluate', 'fixtures/linux/intel-host-nested-off', 'fixtures/linux/amd-guest-pvm-no-svm', '--timestamp', '2026-01-01T00:00:00Z'];
  assertSame(allFormats(linux), allFormats(linux), 'linux trees');
});

test('a fleet with the same --timestamp: byte-identical in every format', () => {
  assertSame(fleetLab(), allFormats(FLEET_ARGS), 'fleet-lab');
});

test('SOURCE_DATE_EPOCH pins the time like --timestamp does', () => {
  const withoutTimestamp = HYPERV_ARGS.filter((arg, index, all) => arg !== '--timestamp' && all[index - 1] !== '--timestamp');
  assertSame(allFormats(withoutTimestamp, { SOURCE_DATE_EPOCH: '1767225600' }), hypervLab(), 'SOURCE_DATE_EPOCH');
});

test('the time comes only from the document: another timestamp changes the generated time, nothing else', () => {
  const later = allFormats(HYPERV_ARGS.map((arg) => (arg === '2026-01-01T00:00:00Z' ? '2026-02-03T04:05:06Z' : arg)));
  const base = hypervLab();
  for (const format of FORMATS) {
    const a = base.get(format)!.toString('utf8').replaceAll('2026-01-01T00:00:00', 'T');
    const b = later.get(format)!.toString('utf8').replaceAll('2026-02-03T04:05:06', 'T');
    assert.is(b, a, `${format}: only the generated time differs`);
  }
});

// One snapshot per format: the committed file is what a reviewer reads when a report changes.
function snapshotTests(name: string, formats: readonly string[], render: () => Map<string, Buffer>): void {
  for (const format of formats) {
    test(`snapshot: ${name} in ${format} (UPDATE_SNAPSHOTS=1 npm test to accept a change)`, () => {
      const actual = render().get(format)!.toString('utf8');
      const file = join(SNAPSHOTS, `${name}.${REPORT_FILE_NAMES[format]!.replace(/^nestready\./, '')}`);
      if (UPDATE || !existsSync(file)) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, actual);
        if (!UPDATE) assert.unreachable(`snapshot ${file} did not exist; written now, review and commit it`);
        return;
      }
      assert.fixture(actual, readFileSync(file, 'utf8'));
    });
  }
}

snapshotTests('hyperv-lab', FORMATS, hypervLab);
snapshotTests('fleet-lab', FLEET_SNAPSHOTS, fleetLab);

test.run();

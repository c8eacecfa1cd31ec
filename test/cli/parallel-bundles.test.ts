// --jobs: a bundle judged on worker threads must give exactly the bytes, messages and exit code of
// the serial path — including bad lines, a file that stops being text, and fatal errors — and a
// bundle read from standard input (the streaming reader) the same report as the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateFleet } from '../../bench/generate-fleet.js';
import { loadTemplates } from '../../bench/fleet-templates.js';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'nestready-parallel-'));
let fleet: string[] = [];

test.before(async () => {
  fleet = [...generateFleet(900, 11, await loadTemplates())];
});

function both(file: string, extra: string[] = []) {
  const run = (jobs: string) => {
    const output = join(tmp, `out-${jobs}.json`);
    const cli = runCli(['evaluate', file, '--format', 'json', '--output', output, '--timestamp', '0', '--jobs', jobs, ...extra]);
    let bytes = '';
    try {
      bytes = readFileSync(output, 'utf8');
    } catch {
      bytes = '(no output)';
    }
    rmSync(output, { force: true });
    return { ...cli, bytes };
  };
  return { serial: run('1'), parallel: run('2') };
}

test('900 hosts with blank, CRLF, truncated and non-JSON lines: identical report, stderr and exit code', () => {
  const lines = [...fleet];
  lines.splice(100, 0, '');
  lines[200] = lines[200]!.slice(0, 300);
  lines.splice(500, 0, 'this is not json');
  lines[600] = lines[600] + '\r';
  const file = join(tmp, 'mixed.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  const { serial, parallel } = both(file);
  assert.is(serial.code, 2, serial.stderr);
  assert.is(parallel.code, serial.code);
  assert.is(parallel.stderr, serial.stderr);
  assert.ok(parallel.bytes === serial.bytes, 'same bytes');
  const results = JSON.parse(parallel.bytes);
  assert.is(results.summary.hosts, 899);
  assert.equal(results.inputErrors.map((error: { line: number }) => error.line), [201, 501]);
  // A named bundle is cut into lines by the batcher (inline or for workers); standard input goes
  // through the streaming line reader and the async judge. Both must give the same report.
  const output = join(tmp, 'out-stdin.json');
  const piped = runCli(['evaluate', '-', '--format', 'json', '--output', output, '--timestamp', '0'], { input: readFileSync(file) });
  const named = (text: string) => text.split(file).join('-');
  assert.is(piped.code, serial.code);
  assert.is(piped.stderr, named(serial.stderr));
  assert.ok(readFileSync(output, 'utf8') === named(serial.bytes), 'stdin: same bytes');
});

test('a file that turns binary (NUL) or stops being UTF-8 past the first chunks stops at the same line', () => {
  const text = fleet.join('\n') + '\n';
  for (const [name, bad] of [['nul', Buffer.from([0])], ['latin1', Buffer.from([0xe9, 0x20])]] as const) {
    const at = text.indexOf('\n', 700 * 1024) + 40;
    const file = join(tmp, `${name}.ndjson`);
    writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at))]));
    const { serial, parallel } = both(file);
    assert.is(serial.code, 2, name);
    assert.is(parallel.code, 2, name);
    assert.is(parallel.stderr, serial.stderr, name);
    assert.match(parallel.stderr, name === 'nul' ? /binary file/ : /not UTF-8 or UTF-16 text/);
    assert.ok(parallel.bytes === serial.bytes, `${name}: same bytes`);
    assert.ok(JSON.parse(parallel.bytes).summary.hosts > 100, `${name}: the hosts before the bad chunk are evaluated`);
  }
});

test('a fatal error in a worker (an unknown profile) ends the run like the serial path, with nothing written', () => {
  const file = join(tmp, 'small.ndjson');
  writeFileSync(file, fleet.slice(0, 20).join('\n') + '\n');
  const { serial, parallel } = both(file, ['--profile', 'no-such-profile@1']);
  assert.is(serial.code, 2);
  assert.is(parallel.code, 2);
  assert.is(parallel.stderr, serial.stderr);
  assert.is(parallel.bytes, '(no output)');
});

test('--jobs is checked: a whole number from 1, and only for evaluate', () => {
  for (const bad of ['0', 'x', '2.5']) {
    const run = runCli(['evaluate', 'x.json', '--jobs', bad]);
    assert.is(run.code, 2, bad);
    assert.match(run.stderr, /--jobs .* is not a whole number from 1 to 64/);
  }
  const scan = runCli(['scan', '--jobs', '2']);
  assert.is(scan.code, 2);
  assert.match(scan.stderr, /--jobs works with evaluate/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();

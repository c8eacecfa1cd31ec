// Bad input: exit 2, one line on stderr naming the input (and JSON path), no stack trace, nothing written.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'nestready-bad-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const valid = JSON.parse(runCli(['collect', '--root', fixture('linux', 'amd-host'), '--timestamp', '0']).stdout);

function expectInputError(args: string[], pattern: RegExp) {
  const run = runCli(args);
  assert.is(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  assert.is(lines.length, 1, run.stderr);
  assert.match(lines[0]!, pattern);
  assert.not.match(run.stderr, /\n\s+at |Error: /);
}

test('malformed JSON names the file, line and column', () => {
  const file = write('broken.json', '{\n  "schemaVersion": 1,\n  "host": {,\n}');
  expectInputError(['evaluate', file], /broken\.json: not valid JSON at line 3, column 12/);
});

test('wrong schemaVersion', () => {
  const file = write('v2.json', JSON.stringify({ ...valid, schemaVersion: 2 }));
  expectInputError(['evaluate', file], /v2\.json: \$\.schemaVersion: 2 is not supported \(this nestready reads schemaVersion 1\)/);
});

test('a field of the wrong type names its JSON path and what was expected', () => {
  const bad = structuredClone(valid);
  bad.host.cpu.nx = 'yes';
  expectInputError(['evaluate', write('type.json', JSON.stringify(bad))], /type\.json: \$\.host\.cpu\.nx: expected boolean or null, got the string "yes"/);
  const extra = structuredClone(valid);
  extra.host.cpu.turbo = true;
  expectInputError(['evaluate', write('extra.json', JSON.stringify(extra))], /\$\.host\.cpu: unexpected property "turbo"/);
});

test('missing file, empty dir, binary file, empty file, not a facts document', () => {
  expectInputError(['evaluate', join(tmp, 'nope.json')], /nope\.json: no such file or directory/);
  const empty = join(tmp, 'empty-dir');
  mkdirSync(empty);
  expectInputError(['evaluate', empty], /empty-dir: directory holds no facts files/);
  expectInputError(['evaluate', write('blob.json', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]))], /blob\.json: binary file/);
  expectInputError(['evaluate', write('empty.json', '')], /empty\.json: empty input/);
  expectInputError(['evaluate', write('array.json', '[1,2]')], /array\.json: \$: expected a facts document/);
  expectInputError(['evaluate', write('other.json', '{"name":"x"}')], /other\.json: \$\.schemaVersion: missing/);
});

test('one bad input does not hide the good ones, but the exit code is still 2', () => {
  const run = runCli(['evaluate', fixture('linux', 'amd-host'), join(tmp, 'nope.json'), '--format', 'json']);
  assert.is(run.code, 2);
  const results = JSON.parse(run.stdout);
  assert.is(results.summary.hosts, 1);
  assert.is(results.inputErrors.length, 1);
  assert.is(results.summary.verdict, 'incomplete');
});

test('usage errors exit 2 with one line', () => {
  expectInputError(['frobnicate'], /unknown command "frobnicate"/);
  expectInputError(['scan', '--format', 'pdf'], /--format pdf is not one of/);
  expectInputError(['scan', '--fail-on', 'fatal'], /--fail-on fatal is not one of/);
  expectInputError(['scan', '--bogus'], /Unknown option '--bogus'/);
  expectInputError(['evaluate'], /evaluate needs at least one/);
  expectInputError(['scan', '--root', tmp], /not a captured tree/);
  expectInputError(['scan', '--timestamp', 'yesterday'], /--timestamp "yesterday" is not/);
});

test('a failed --output leaves nothing half-written', () => {
  const blocker = write('not-a-dir', 'x');
  const run = runCli(['evaluate', fixture('linux', 'amd-host'), '--output', join(blocker, 'report.txt')]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /cannot write .*report\.txt/);
  assert.not.ok(existsSync(join(blocker, 'report.txt')));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();

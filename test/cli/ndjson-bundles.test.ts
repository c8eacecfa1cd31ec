// NDJSON bundles: one facts document per line, streamed; a bad line is an error for that line only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'nestready-ndjson-'));
const facts = (name: string) => JSON.stringify(JSON.parse(runCli(['collect', '--root', fixture('linux', name), '--timestamp', '0']).stdout));
const good = ['intel-host-nested-on', 'amd-host', 'intel-host-nested-off'].map(facts);

test('a truncated line and a non-JSON line are named; every other host is evaluated; exit 2', () => {
  const bundle = [good[0], good[1]!.slice(0, 200), 'this is not json', '', good[2]].join('\n') + '\n';
  const file = join(tmp, 'fleet.ndjson');
  writeFileSync(file, bundle);
  const run = runCli(['evaluate', file, '--format', 'json', '--timestamp', '0']);
  assert.is(run.code, 2);
  const results = JSON.parse(run.stdout);
  assert.is(results.summary.hosts, 2);
  assert.equal(results.hosts.map((host: any) => host.inputLine), [1, 5]);
  assert.equal(results.inputErrors.map((error: any) => error.line), [2, 3]);
  const stderr = run.stderr.trim().split('\n');
  assert.is(stderr.length, 2);
  assert.match(stderr[0]!, /fleet\.ndjson:2: not valid JSON at column \d+/);
  assert.match(stderr[1]!, /fleet\.ndjson:3: not a facts document/);
});

test('bundles arrive on stdin too, with CRLF line ends and a UTF-8 BOM', () => {
  const bundle = '\ufeff' + good.join('\r\n') + '\r\n';
  const run = runCli(['evaluate', '-', '--format', 'json', '--timestamp', '0'], { input: bundle });
  assert.is(run.code, 1, run.stderr);
  const results = JSON.parse(run.stdout);
  assert.equal([results.summary.hosts, results.summary.ready, results.summary.notReady], [3, 2, 1]);
});

test('UTF-16LE with BOM (PowerShell 5.1 redirection) decodes', () => {
  const file = join(tmp, 'utf16.ndjson');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good.join('\r\n') + '\r\n', 'utf16le')]));
  const run = runCli(['evaluate', file, '--format', 'json', '--timestamp', '0']);
  assert.is(JSON.parse(run.stdout).summary.hosts, 3, run.stderr);
});

test('a single compact document is a document, not a one-line bundle (no line number)', () => {
  const file = join(tmp, 'one.json');
  writeFileSync(file, good[0]!);
  const results = JSON.parse(runCli(['evaluate', file, '--format', 'json']).stdout);
  assert.is(results.hosts[0].inputLine, undefined);
});

test('a pretty-printed document with a syntax error is one error with line and column', () => {
  const file = join(tmp, 'pretty.json');
  writeFileSync(file, JSON.stringify(JSON.parse(good[0]!), null, 2).replace('"schemaVersion": 1,', '"schemaVersion": 1,,'));
  const run = runCli(['evaluate', file]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /pretty\.json: not valid JSON at line 2, column 22/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();

// The CLI side of reports: several formats into --output-dir under fixed names, usage errors,
// help text, and start-up cost (a text scan loads neither handlebars nor the SARIF builder).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { REPORT_FILE_NAMES } from '../../cli/report-outputs.js';
import { REPORT_FORMATS } from '../../cli/reporters.js';
import { BIN, runCli } from '../support/cli.js';
import { HYPERV_ARGS } from './support/reports.js';

const ALL = ['text', 'json', 'sarif', 'html', 'markdown', 'junit'];
const temp = () => mkdtempSync(join(tmpdir(), 'nestready-reports-'));

test('every registered format has a documented file name', () => {
  assert.equal([...REPORT_FORMATS].sort(), [...ALL].sort());
  assert.equal(Object.keys(REPORT_FILE_NAMES).sort(), [...ALL].sort());
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  for (const name of Object.values(REPORT_FILE_NAMES)) assert.ok(readme.includes(name), `README names ${name}`);
});

test('--format sarif,html,... --output-dir writes one file per format, atomically, nothing else', () => {
  const dir = temp();
  try {
    const run = runCli([...HYPERV_ARGS, '--format', ALL.join(','), '--output-dir', join(dir, 'reports')]);
    assert.is(run.code, 1, run.stderr);
    assert.is(run.stdout, '', 'nothing on stdout');
    const written = readdirSync(join(dir, 'reports')).sort();
    assert.equal(written, Object.values(REPORT_FILE_NAMES).sort(), 'no temp files left behind');
    const read = (format: string) => readFileSync(join(dir, 'reports', REPORT_FILE_NAMES[format]!), 'utf8');
    assert.ok(JSON.parse(read('sarif')).runs[0].tool.driver.rules[0].fullDescription.text.startsWith('Hyper-V needs VT-x'), 'sarif has the rule catalog');
    assert.match(read('html'), /Appendix: collected facts/);
    assert.match(read('markdown'), /^## ❌ nestready/);
    assert.match(read('junit'), /^<\?xml/);
    assert.match(read('text'), /NOT READY/);
    assert.not.match(read('text'), /\u001b\[/, 'no colour codes in files');
    // json is the plain results document, whatever other formats ran beside it
    const alone = runCli([...HYPERV_ARGS, '--format', 'json']);
    assert.is(read('json'), alone.stdout);
    const document = JSON.parse(read('json'));
    // The rule catalog is part of every results document; the raw facts only of html/sarif input.
    assert.equal(document.rules.map((rule: { id: string }) => rule.id), ['TST-001', 'TST-002', 'TST-003', 'TST-004']);
    assert.is(document.hosts[0].facts, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--output with one format still writes that file', () => {
  const dir = temp();
  try {
    const run = runCli([...HYPERV_ARGS, '--format', 'markdown', '--output', join(dir, 'summary.md')]);
    assert.is(run.code, 1);
    assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /NOT READY/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors: several formats without --output-dir, --output with --output-dir, unknown format', () => {
  const several = runCli([...HYPERV_ARGS, '--format', 'sarif,html']);
  assert.is(several.code, 2);
  assert.match(several.stderr, /several formats need --output-dir/);
  const both = runCli([...HYPERV_ARGS, '--format', 'html', '--output', 'x.html', '--output-dir', 'reports']);
  assert.is(both.code, 2);
  assert.match(both.stderr, /--output and --output-dir cannot be used together/);
  const unknown = runCli([...HYPERV_ARGS, '--format', 'pdf']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /--format pdf is not one of text, json, sarif, html, markdown, junit/);
});

test('--help documents the report options', () => {
  const help = runCli(['--help']).stdout;
  for (const option of ['--output-dir DIR', '--include-passed', '--sarif-artifact PATH', 'text|json|sarif|html|markdown|junit']) assert.ok(help.includes(option), option);
});

function importsOf(args: string[]): string[] {
  const dir = temp();
  try {
    const trace = join(dir, 'imports.txt');
    const hook = join(PACKAGE_ROOT, 'test', 'reports', 'support', 'trace-imports.mjs');
    const run = spawnSync(process.execPath, ['--import', hook, BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NESTREADY_TRACE_IMPORTS: trace } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('start-up: `scan --format text` loads neither handlebars nor any document reporter', () => {
  const loaded = importsOf(['scan', '--format', 'text']);
  assert.ok(loaded.some((url) => url.endsWith('/dist/reporters/text.js')), 'the trace sees the reporter that ran');
  const heavy = loaded.filter((url) => /handlebars|\/reporters\/(sarif|sarif-rules|html|html-view|markdown|junit|report-common)\.js$/.test(url));
  assert.equal(heavy, []);
});

test('start-up control: --format html does load handlebars, --format sarif does not', () => {
  assert.ok(importsOf(['scan', '--format', 'html']).some((url) => url.includes('/node_modules/handlebars/')));
  const sarif = importsOf(['scan', '--format', 'sarif']);
  assert.ok(sarif.some((url) => url.endsWith('/dist/reporters/sarif.js')));
  assert.not.ok(sarif.some((url) => url.includes('handlebars')));
});

test.run();

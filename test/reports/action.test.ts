// The composite GitHub Action (action.yml): its run script executed here as a runner would, with
// the inputs as environment variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { HYPERV_LAB, TEST_RULES } from './support/reports.js';

interface Step { id?: string; run?: string; uses?: string; env?: Record<string, string> }
const action = parse(readFileSync(join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const runStep = action.runs.steps.find((step) => step.id === 'run')!;

function runAction(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-action-'));
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])), ...inputs };
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  for (const [name, expression] of Object.entries(runStep.env!)) {
    env[name] = expression
      .replace('${{ github.action_path }}', PACKAGE_ROOT)
      .replace(/\$\{\{ inputs\.([a-z-]+) \}\}/, (_m, input: string) => values[input] ?? '');
  }
  env.NR_OUTPUT_DIR = join(dir, env.NR_OUTPUT_DIR!);
  const run = spawnSync('bash', ['-c', runStep.run!], { cwd: PACKAGE_ROOT, env, encoding: 'utf8' });
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const outputs = Object.fromEntries(read('output').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
  return { code: run.status, stderr: run.stderr, outputs, summary: read('summary.md'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('action.yml is a composite action whose scripts never splice inputs into their text', () => {
  assert.is(action.runs.using, 'composite');
  for (const step of action.runs.steps) if (step.run) assert.not.match(step.run, /\$\{\{/, 'inputs go through env: (no script injection)');
  for (const output of ['exit-code', 'sarif-file', 'report-dir']) assert.match(action.outputs[output]!.value, /steps\.run\.outputs/);
});

test('evaluate with findings: reports written, outputs set, job summary appended, exit 1 for the gate', () => {
  const result = runAction({ paths: `${HYPERV_LAB}\n`, rules: TEST_RULES, profile: 'test-hyperv@1' });
  try {
    assert.is(result.code, 1, result.stderr);
    assert.is(result.outputs['exit-code'], '1');
    assert.ok(result.outputs['sarif-file']!.endsWith('/nestready.sarif'));
    assert.is(JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')).version, '2.1.0');
    for (const name of ['nestready.html', 'nestready.md', 'nestready.junit.xml']) assert.ok(existsSync(join(result.outputs['report-dir']!, name)), name);
    assert.match(result.summary, /^## ❌ nestready: nested virtualization NOT READY/);
  } finally {
    result.cleanup();
  }
});

test('fail-on none: same reports, exit 0; hostile paths are arguments, not shell', () => {
  const result = runAction({ paths: `${HYPERV_LAB}\n$(touch pwned)`, rules: TEST_RULES, profile: 'test-hyperv@1', 'fail-on': 'none' });
  try {
    assert.is(result.code, 2, 'the odd path is an unreadable input, reported as such');
    assert.match(result.stderr, /\$\(touch pwned\): no such file or directory/);
    assert.not.ok(existsSync(join(PACKAGE_ROOT, 'pwned')), 'nothing was executed');
  } finally {
    result.cleanup();
  }
  const clean = runAction({ paths: HYPERV_LAB, rules: TEST_RULES, profile: 'test-hyperv@1', 'fail-on': 'none' });
  try {
    assert.is(clean.code, 0);
    assert.is(clean.outputs['exit-code'], '0');
  } finally {
    clean.cleanup();
  }
});

test.run();

// A broken rule file must be named, with the JSON path, in one line — through the API and the CLI.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePack } from '../../engine/compile-pack.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { fixture, runCli } from '../support/cli.js';

const RULE = 'linux-kvm/kvm-003-nx.yaml';

function brokenPack(edit: (text: string) => string, file = RULE): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-rules-'));
  cpSync(BUILTIN_RULES_DIR, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

const cases: [string, (text: string) => string, RegExp, string?][] = [
  ['invalid YAML', (text) => text.replace('severity: error', 'severity: [error'), /kvm-003-nx\.yaml: line \d+, column \d+: not valid YAML/],
  ['missing required field', (text) => text.replace(/^title: .*$/m, ''), /kvm-003-nx\.yaml: \$: must have required property 'title'/],
  ['wrong type deep inside', (text) => text.replace('shell: sh', 'shell: cmd'), /kvm-003-nx\.yaml: \$\.remediation\.commands\[0\]\.shell: /],
  ['unexpected property', (text) => text.replace('severity: error', 'severity: error\nseverty: warning'), /unexpected property "severty"/],
  ['unknown JSON Schema keyword in requires', (text) => text.replace('nx: { const: true }', 'nx: { konst: true }'), /kvm-003-nx\.yaml: \$\.requires: not a valid JSON Schema/],
  ['requires reads a fact not in facts', (text) => text.replace('facts: [host.cpu.nx]', 'facts: [host.cpu.vendor]'), /\$\.requires: reads host\.cpu\.nx, which is not listed in facts/],
  ['template names no fact path', (text) => text.replace('pass: "NX/XD is available"', 'pass: "NX {{nx}}"'), /\$\.message\.pass: placeholder \{\{nx\}\}/],
  ['changelog behind the revision', (text) => text.replace('revision: 1\n', 'revision: 2\n'), /\$\.changelog: the newest changelog entry is revision 1/],
  ['duplicate id', (text) => text.replace('id: KVM-003', 'id: KVM-004'), /\$\.id: rule id KVM-004 is already used/],
];

for (const [name, edit, expected] of cases) {
  test(`broken rule pack: ${name}`, async () => {
    const dir = brokenPack(edit);
    try {
      let message = '';
      await compilePack(dir, 'linux-kvm@1').catch((error: Error) => (message = error.message));
      assert.match(message, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a profile naming a missing rule is an error at its JSON path', async () => {
  const dir = brokenPack((text) => text.replace('- id: KVM-008', '- id: KVM-999'), 'profiles/linux-kvm@1.yaml');
  try {
    let message = '';
    await compilePack(dir, 'linux-kvm@1').catch((error: Error) => (message = error.message));
    assert.match(message, /linux-kvm@1\.yaml: \$\.rules\[7\]\.id: no rule with id KVM-999/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: --rules with a broken pack exits 2 with one line naming file and path, no stack', () => {
  const dir = brokenPack((text) => text.replace('shell: sh', 'shell: cmd'));
  try {
    const run = runCli(['evaluate', '--rules', dir, '--profile', 'linux-kvm@1', fixture('linux', 'amd-host')]);
    assert.is(run.code, 2);
    const lines = run.stderr.trim().split('\n');
    assert.is(lines.length, 1, run.stderr);
    assert.match(lines[0]!, /^nestready: invalid rule pack: .*kvm-003-nx\.yaml: \$\.remediation\.commands\[0\]\.shell/);
    assert.not.match(run.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: an unknown profile is a usage-level error listing the known ones', () => {
  const run = runCli(['evaluate', '--profile', 'nope@3', fixture('linux', 'amd-host')]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /unknown profile "nope@3" \(known: .*linux-kvm@1/);
});

test.run();

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectLinux } from '../../collectors/linux/collect-linux.js';
import { compilePack } from '../../engine/compile-pack.js';
import { evaluateHost } from '../../engine/evaluate.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { fixture } from '../support/cli.js';
import { validateAgainst } from '../support/schemas.js';

const fixed = { now: () => new Date('2026-01-01T00:00:00Z'), elapsedMs: () => 0 };
const packPromise = compilePack(BUILTIN_RULES_DIR, 'linux-kvm@1');
const scenarios = readdirSync(fixture('linux')).sort();

const failing = (host: ReturnType<typeof evaluateHost>) =>
  host.targets.flatMap((target) => target.results).filter((result) => result.status === 'fail').map((result) => result.ruleId).sort();

for (const name of scenarios) {
  test(`fixture ${name}: facts validate and the verdict matches scenario.json`, async () => {
    const scenario = JSON.parse(readFileSync(fixture('linux', name, 'scenario.json'), 'utf8'));
    const facts = collectLinux({ root: fixture('linux', name), ...fixed });
    assert.equal(validateAgainst('facts.schema.json', facts), []);
    assert.is(facts.collection.source, 'replay');
    const host = evaluateHost(facts, await packPromise, { input: name });
    assert.is(host.verdict, scenario.expectedVerdict);
    assert.equal(failing(host), [...scenario.expectedFailures].sort());
  });
}

test('the PVM guest tree reads as this build machine: AMD guest, no svm, kvm_pvm only, Firecracker', () => {
  const facts = collectLinux({ root: fixture('linux', 'amd-guest-pvm-no-svm'), ...fixed });
  assert.is(facts.host.cpu.vendor, 'AMD');
  assert.is(facts.host.cpu.virtualizationExtensions, false);
  assert.is(facts.host.guest.isVirtual, true);
  assert.is(facts.host.guest.hypervisor, 'Firecracker (KVM)');
  assert.equal(facts.host.kvm?.modules, { kvm: true, kvmIntel: false, kvmAmd: false, kvmPvm: true });
  assert.equal(facts.host.kvm?.device, { present: true, readWrite: true });
  assert.is(facts.host.kvm?.nested, null);
});

test('Azure guest is recognised from the DMI asset tag', () => {
  const facts = collectLinux({ root: fixture('linux', 'intel-azure-guest-no-vmx'), ...fixed });
  assert.is(facts.host.guest.cloud, 'azure');
  assert.is(facts.host.guest.hypervisor, 'Hyper-V');
});

test('a partial capture (no /sys) makes the KVM facts unknown, and unknown never passes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-partial-'));
  try {
    cpSync(fixture('linux', 'intel-host-nested-on'), dir, { recursive: true });
    rmSync(join(dir, 'sys'), { recursive: true });
    const facts = collectLinux({ root: dir, ...fixed });
    const kvmRun = facts.collection.collectors.find((run) => run.name === 'linux.kvm');
    assert.is(kvmRun?.status, 'failed');
    assert.match(kvmRun?.error ?? '', /\/sys\/module/);
    assert.is(facts.host.kvm?.nested, null);
    const host = evaluateHost(facts, await packPromise, { input: dir });
    const nested = host.targets[0]!.results.find((result) => result.ruleId === 'KVM-005');
    assert.is(nested?.status, 'unknown');
    assert.is(host.verdict, 'incomplete');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty /dev/kvm placeholder means present, access unknown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-devkvm-'));
  try {
    cpSync(fixture('linux', 'intel-host-nested-on'), dir, { recursive: true });
    writeFileSync(join(dir, 'dev', 'kvm'), '');
    assert.equal(collectLinux({ root: dir, ...fixed }).host.kvm?.device, { present: true, readWrite: null });
    mkdirSync(join(dir, 'empty'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('live collection on this machine produces a valid facts document', () => {
  const facts = collectLinux(fixed);
  assert.equal(validateAgainst('facts.schema.json', facts), []);
  assert.is(facts.collection.source, 'live');
  assert.ok(facts.host.cpu.logicalCount !== null && facts.host.cpu.logicalCount > 0);
});

test.run();

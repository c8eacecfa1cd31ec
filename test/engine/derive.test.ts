// Derived facts (engine/derive.ts) and the engine features the Hyper-V pack leans on:
// inconclusiveWhen, and appliesWhen that fails on a known fact despite unknown ones.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactsDocument } from '../../schemas/facts.js';
import { compilePack } from '../../engine/compile-pack.js';
import { DERIVED_PATHS, deriveHost, deriveVm, versionNumber, WINDOWS_BUILDS, windowsRelease } from '../../engine/derive.js';
import { evaluateHost } from '../../engine/evaluate.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { facts } from '../support/facts-builder.js';
import { nestedVm, windowsHost } from '../support/hyperv-facts.js';

test('configuration versions become comparable numbers: 9.3 < 10.0, unlike the strings', () => {
  assert.is(versionNumber('9.3'), 903);
  assert.is(versionNumber('10.0'), 1000);
  assert.is(versionNumber('8.0'), 800);
  assert.is(versionNumber(' 12.0 '), 1200);
  assert.ok(versionNumber('9.3')! < versionNumber('10.0')!);
  assert.ok('9.3' > '10.0', 'the string comparison is the trap');
  for (const bad of [null, undefined, '', 'ten', '9', '9.3.1', 9.3]) assert.is(versionNumber(bad), null, String(bad));
});

test('the build table is ordered and names releases by product type', () => {
  const builds = WINDOWS_BUILDS.map((row) => row.build);
  assert.equal(builds, [...builds].sort((a, b) => a - b));
  assert.is(windowsRelease(20348, 'server'), 'Windows Server 2022');
  assert.is(windowsRelease(26100, 'workstation'), 'Windows 11 24H2');
  assert.is(windowsRelease(26100, null), 'Windows 11 24H2 / Windows Server 2025');
  assert.is(windowsRelease(19045, 'workstation'), 'Windows 10 22H2');
  assert.is(windowsRelease(21390, 'workstation'), null, 'a pre-release build has no name');
});

test('host.derived: the highest supported version from Get-VMHostSupportedVersion, else from the build table', () => {
  const reported = deriveHost(windowsHost().host);
  assert.equal(
    { version: reported.derived.maxConfigVersion, number: reported.derived.maxConfigVersionNumber, source: reported.derived.maxConfigVersionSource },
    { version: '10.0', number: 1000, source: 'Get-VMHostSupportedVersion' },
  );
  const fromBuild = deriveHost(facts({ host: { os: { build: 19045 }, hyperv: { supportedConfigVersions: null } } }, windowsHost()).host);
  assert.is(fromBuild.derived.maxConfigVersion, '9.2');
  assert.is(fromBuild.derived.maxConfigVersionSource, 'build table');
  const insider = deriveHost(facts({ host: { os: { build: 21390 }, hyperv: null } }, windowsHost()).host);
  assert.is(insider.derived.maxConfigVersion, '10.0', 'a pre-release build supports at least what the release below it does');
  const linux = deriveHost(facts({ host: { os: { family: 'linux', build: null } } }).host);
  assert.equal(linux.derived, { maxConfigVersion: null, maxConfigVersionNumber: null, maxConfigVersionSource: null, release: null, vmNameOnHost: 'test-host', vmNameOnHostSource: "this computer's name; the VM may be named differently on the host" });
});

test('deriving never mutates the facts', () => {
  const document = windowsHost();
  const before = JSON.stringify(document);
  deriveHost(document.host);
  deriveVm(document.vms![0]!);
  evaluateHost(document, { profile: { id: 'x', version: 1, title: '', description: '', rules: [] }, rules: [], digest: '' }, { input: 'test' });
  assert.is(JSON.stringify(document), before);
});

test('derived names cannot collide with collected facts: the facts schema has no "derived" and rejects one', () => {
  const host = FactsDocument.properties.host.properties as Record<string, unknown>;
  const vm = FactsDocument.properties.vms.anyOf[0].items.properties as Record<string, unknown>;
  assert.not.ok('derived' in host);
  assert.not.ok('derived' in vm);
  for (const path of DERIVED_PATHS) assert.match(path, /^(host|vm)\.derived\.[A-Za-z]+$/);
});

test('the results show derived values in the evidence, as fact paths', async () => {
  const pack = await compilePack(BUILTIN_RULES_DIR, 'hyperv@1');
  const host = evaluateHost(windowsHost([nestedVm({ configVersion: '9.0' })]), pack, { input: 'test' });
  const result = host.targets[1]!.results.find((candidate) => candidate.ruleId === 'HVV-001')!;
  assert.is(result.evidence['vm.derived.configVersionNumber'], 900);
  assert.is(result.evidence['host.derived.maxConfigVersion'], '10.0');
});

function packWith(edit: (text: string) => string, file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestready-rules-'));
  cpSync(BUILTIN_RULES_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

test('a rule with inconclusiveWhen must say, in message.inconclusive, why the failure proves nothing', async () => {
  const dir = packWith((text) => text.replace(/  inconclusive: >-\n(    .*\n)+/, ''), 'hyperv/hvh-003-slat.yaml');
  try {
    let message = '';
    await compilePack(dir, 'hyperv@1').catch((error: Error) => (message = error.message));
    assert.match(message, /hvh-003-slat\.yaml: \$\.message: a rule with inconclusiveWhen needs message\.inconclusive/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inconclusiveWhen only turns failures into unknown: a pass stays a pass, a conclusive failure stays a failure', async () => {
  const pack = await compilePack(BUILTIN_RULES_DIR, 'hyperv@1');
  const slat = (document: ReturnType<typeof windowsHost>) =>
    evaluateHost(document, pack, { input: 'test' }).targets[0]!.results.find((result) => result.ruleId === 'HVH-003')!;
  assert.is(slat(windowsHost()).status, 'pass');
  assert.is(slat(facts({ host: { cpu: { slat: false } } }, windowsHost())).status, 'unknown');
  assert.is(slat(facts({ host: { cpu: { slat: false }, hyperv: { hypervisorPresent: false } } }, windowsHost())).status, 'fail');
  assert.is(slat(facts({ host: { cpu: { slat: false }, hyperv: { hypervisorPresent: false } } }, windowsHost())).remediation?.commands.length, 1);
  assert.is(slat(facts({ host: { cpu: { slat: false } } }, windowsHost())).remediation, null);
});

test('appliesWhen: a known fact that rules a rule out wins over an unknown one; an unknown alone still leaves it open', async () => {
  const pack = await compilePack(BUILTIN_RULES_DIR, 'hyperv@1');
  const azureSize = (document: ReturnType<typeof windowsHost>) =>
    evaluateHost(document, pack, { input: 'test' }).targets[0]!.results.find((result) => result.ruleId === 'HVG-003')!.status;
  assert.is(azureSize(facts({ host: { guest: { isVirtual: false, cloud: null } } }, windowsHost())), 'not-applicable');
  assert.is(azureSize(facts({ host: { guest: { isVirtual: true, cloud: null } } }, windowsHost())), 'unknown');
  assert.is(azureSize(facts({ host: { guest: { isVirtual: null, cloud: 'aws' } } }, windowsHost())), 'not-applicable');
  assert.is(azureSize(facts({ host: { guest: { isVirtual: null, cloud: null } } }, windowsHost())), 'unknown');
});

test.run();

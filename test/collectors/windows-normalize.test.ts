// The Windows normaliser on every recorded capture (PowerShell 5.1 and 7 shapes): each validates
// against schemas/facts.schema.json, the 5.1 and 7 captures of a scenario give the same facts, and
// each scenario's specific values are right. Then the quirks one by one on mutated captures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeText } from '../../cli/input/decode-text.js';
import { normalizeWindowsRaw, RawFormatError } from '../../collectors/windows/normalize-raw.js';
import { extractRawJson } from '../../collectors/windows/raw-sections.js';
import type { JsonObject } from '../../collectors/windows/normalize-values.js';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import type { FactsDocument } from '../../schemas/facts.js';
import { HOSTILE_NAMES } from '../support/ps-fixtures/scenarios.js';
import { validateAgainst } from '../support/schemas.js';

const ROOT = join(PACKAGE_ROOT, 'fixtures', 'windows');
const GiB = 1024 ** 3;

function loadRaw(scenario: string, file: string): JsonObject {
  const decoded = decodeText(readFileSync(join(ROOT, scenario, file)));
  if (!decoded.ok) throw new Error(decoded.error);
  const parsed = extractRawJson(decoded.text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value as JsonObject;
}

function captures(scenario: string): string[] {
  return readdirSync(join(ROOT, scenario)).filter((name) => name.startsWith('raw-')).sort();
}

// Every capture of a scenario, normalised: the assertions below hold for each of them.
function each(scenario: string, check: (facts: FactsDocument, file: string) => void): void {
  for (const file of captures(scenario)) check(normalizeWindowsRaw(loadRaw(scenario, file)).facts, file);
}

const collector = (facts: FactsDocument, name: string) => facts.collection.collectors.find((run) => run.name === `windows.${name}`)!;
const vm = (facts: FactsDocument, name: string) => facts.vms!.find((entry) => entry.name === name)!;

const scenarios = readdirSync(ROOT).filter((name) => !name.includes('.')).sort();

test('every capture normalises to a facts document that validates against schemas/facts.schema.json', () => {
  let count = 0;
  for (const scenario of scenarios) {
    each(scenario, (facts, file) => {
      assert.equal(validateAgainst('facts.schema.json', facts), [], `${scenario}/${file}`);
      assert.is(facts.collection.source, 'powershell');
      assert.is(facts.host.os.family, 'windows');
      assert.is(facts.host.kvm, null);
      assert.ok(facts.collection.collectors.every((run) => run.name.startsWith('windows.')));
      count++;
    });
  }
  assert.ok(count >= 20, `${count} captures`);
});

test('the 5.1 and 7 captures of a scenario give identical facts (only collection.powershell differs)', () => {
  let compared = 0;
  for (const scenario of scenarios) {
    const all = captures(scenario).map((file) => {
      const facts = structuredClone(normalizeWindowsRaw(loadRaw(scenario, file)).facts);
      facts.collection.powershell = null;
      return { file, facts };
    });
    for (const other of all.slice(1)) {
      assert.equal(other.facts, all[0]!.facts, `${scenario}: ${other.file} vs ${all[0]!.file}`);
      compared++;
    }
  }
  assert.ok(compared >= 8, `${compared} pairs`);
});

test('intel-server2016: build as an integer, ReleaseId as display version, System.Version → "8.0", dates from both shapes', () => {
  each('intel-server2016', (facts, file) => {
    const { os, cpu, hyperv } = facts.host;
    assert.equal(os, { family: 'windows', name: 'Microsoft Windows Server 2016 Datacenter', version: '10.0.14393', build: 14393, ubr: 6796, displayVersion: '1607', edition: 'ServerDatacenter', productType: 'server', kernel: null });
    assert.is(typeof os.build, 'number');
    assert.is(cpu.vendor, 'Intel');
    assert.is(cpu.logicalCount, 56, 'two sockets of 28');
    assert.is(cpu.virtualizationExtensions, null, 'hidden by the running hypervisor, not false');
    assert.is(cpu.slat, null);
    assert.is(cpu.firmwareEnabled, true);
    assert.equal(hyperv!.supportedConfigVersions, ['5.0', '6.2', '7.0', '7.1', '8.0']);
    assert.is(hyperv!.defaultConfigVersion, '8.0');
    assert.is(hyperv!.hypervisorLaunchType, 'Auto');
    assert.is(facts.collection.collectedAt, '2026-03-02T08:15:30.412Z', `${file}: \\/Date(ms)\\/ and ISO give the same instant`);
    assert.equal(vm(facts, 'lab-l1'), {
      name: 'lab-l1', id: '3f2a9c61-8e4b-4d1a-9b0c-5e6f7a8b9c0d', state: 'Running', configVersion: '8.0', generation: 2, vcpus: 4,
      exposeVirtualizationExtensions: true, dynamicMemory: false, memoryStartupBytes: 8 * GiB,
      adapters: [{ name: 'Network Adapter', switchName: 'External-LAN', switchType: 'external', macAddressSpoofing: true }], natInGuest: null,
    });
  });
  assert.match(normalizeWindowsRaw(loadRaw('intel-server2016', 'raw-ps7-wincompat.json')).facts.collection.powershell!, /^7\.4\.6 Core$/);
});

test('intel-server2019-vbs: VBS running with Credential Guard and HVCI, from 5.1\'s {"value":[…],"Count":n} arrays too', () => {
  each('intel-server2019-vbs', (facts) => {
    assert.is(facts.host.hyperv!.vbsStatus, 'running');
    assert.equal(facts.host.hyperv!.securityServicesRunning, ['CredentialGuard', 'HypervisorEnforcedCodeIntegrity']);
    assert.is(facts.host.os.build, 17763);
    assert.is(facts.host.hyperv!.elevated, true);
    assert.is(facts.host.hyperv!.hypervAdministrators, true);
    assert.equal(facts.host.firmware, { type: 'uefi', secureBoot: true, tpmPresent: true, tpmManufacturer: 'IFX' });
  });
});

test('AMD hosts: vendor, builds and config versions compare as numbers ("10.0" after "9.3")', () => {
  each('amd-server2019', (facts) => {
    assert.is(facts.host.cpu.vendor, 'AMD');
    assert.is(facts.host.cpu.vendorId, 'AuthenticAMD');
    assert.is(facts.host.os.build, 17763);
    assert.is(facts.host.hyperv!.supportedConfigVersions!.at(-1), '9.0');
  });
  each('amd-server2022-config-versions', (facts) => {
    assert.equal(facts.host.hyperv!.supportedConfigVersions, ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0']);
    assert.is(facts.host.cpu.logicalCount, 256);
    assert.is(vm(facts, 'legacy-90').configVersion, '9.0');
    assert.is(vm(facts, 'modern-100').configVersion, '10.0');
    assert.is(vm(facts, 'modern-100').state, 'Running');
  });
});

test('Windows 11 / 10 workstations: Caption beats the registry ProductName, client feature state, trailing spaces trimmed', () => {
  each('win11-amd-workstation', (facts) => {
    assert.is(facts.host.os.name, 'Microsoft Windows 11 Pro', 'the registry still says "Windows 10 Pro"');
    assert.is(facts.host.os.build, 22631);
    assert.is(facts.host.os.displayVersion, '23H2');
    assert.is(facts.host.os.productType, 'workstation');
    assert.is(facts.host.cpu.model, 'AMD Ryzen 9 7950X 16-Core Processor');
    assert.is(facts.host.hyperv!.roleInstalled, true, 'Get-WindowsOptionalFeature State Enabled');
    assert.equal(facts.host.hyperv!.switches, [{ name: 'Default Switch', switchType: 'internal' }, { name: 'External-LAN', switchType: 'external' }]);
  });
  each('win10-22h2-amd', (facts) => {
    assert.equal([facts.host.os.build, facts.host.os.ubr, facts.host.os.displayVersion], [19045, 3930, '22H2']);
    assert.is(facts.host.hyperv!.supportedConfigVersions!.at(-1), '9.2');
    assert.equal(vm(facts, 'win10-l1').adapters, [{ name: 'Network Adapter', switchName: 'Default Switch', switchType: 'internal', macAddressSpoofing: true }]);
  });
});

test('a running hypervisor hides VT-x, SLAT and even the firmware flag: unknown with a reason, never "BIOS off"', () => {
  each('hypervisor-hides-cpu-fields', (facts) => {
    const { cpu } = facts.host;
    assert.equal([cpu.virtualizationExtensions, cpu.slat, cpu.firmwareEnabled], [null, null, null]);
    assert.is(cpu.nx, true);
    const run = collector(facts, 'processor');
    assert.is(run.status, 'partial');
    assert.match(run.error!, /VMMonitorModeExtensions, SecondLevelAddressTranslationExtensions, VirtualizationFirmwareEnabled as False under it: unknown, not "off in firmware"/);
    assert.equal(facts.host.hyperv!.natNetworks, [{ name: 'WSLNat', internalPrefix: '172.26.128.0/20' }]);
  });
});

test('no Hyper-V role and no hypervisor: CPU fields are trusted (true), Hyper-V sections skipped, vms is an empty list', () => {
  each('no-hyperv-role', (facts) => {
    const { cpu, hyperv } = facts.host;
    assert.equal([cpu.virtualizationExtensions, cpu.slat, cpu.firmwareEnabled, cpu.nx], [true, true, true, true]);
    assert.is(hyperv!.roleInstalled, false);
    assert.is(hyperv!.hypervisorPresent, false);
    assert.is(hyperv!.hypervisorLaunchType, 'Off', 'no hypervisorlaunchtype line');
    assert.is(hyperv!.supportedConfigVersions, null);
    assert.equal(facts.vms, []);
    assert.equal(collector(facts, 'vms'), { name: 'windows.vms', status: 'skipped', error: 'the Hyper-V role is not installed, so there are no Hyper-V VMs', durationMs: 1 });
    assert.is(collector(facts, 'hyperv-host').status, 'skipped');
    assert.is(facts.host.guest.isVirtual, false);
  });
  const { notes } = normalizeWindowsRaw(loadRaw('no-hyperv-role', 'raw-ps51-pretty.json'));
  assert.equal(notes.map((note) => note.kind), ['role-absent']);
});

test('not elevated: CPU/OS still known; denied sections failed with their message; an empty Get-VM is unknown, not "no VMs"', () => {
  each('non-elevated', (facts) => {
    const { hyperv, cpu, os } = facts.host;
    assert.is(cpu.vendor, 'Intel');
    assert.is(os.edition, 'ServerStandard');
    assert.equal([hyperv!.elevated, hyperv!.administrator, hyperv!.hypervAdministrators], [false, false, false]);
    assert.is(hyperv!.roleInstalled, true, 'from the vmms service when the feature query is denied');
    assert.is(hyperv!.vbsStatus, null);
    assert.is(hyperv!.hypervisorLaunchType, null);
    assert.is(facts.vms, null);
    assert.equal(collector(facts, 'device-guard'), { name: 'windows.device-guard', status: 'failed', error: 'Access denied', durationMs: 61 });
    assert.match(collector(facts, 'bcdedit').error!, /Access is denied/);
    assert.match(collector(facts, 'vms').error!, /neither elevated nor in "Hyper-V Administrators"/);
    assert.equal(facts.host.firmware, { type: 'uefi', secureBoot: null, tpmPresent: null, tpmManufacturer: null });
  });
});

test('VM settings: dynamic memory, 1 vCPU, 2 GB, Saved, spoofing Off (OnOffState 1), extensions off, deleted mid-scan', () => {
  each('vm-misconfigurations', (facts) => {
    assert.is(vm(facts, 'dynamic-memory').dynamicMemory, true);
    assert.is(vm(facts, 'single-vcpu').vcpus, 1);
    assert.is(vm(facts, 'two-gb').memoryStartupBytes, 2 * GiB);
    assert.is(vm(facts, 'saved-state').state, 'Saved');
    assert.equal(vm(facts, 'no-spoofing-no-nat').adapters!.map((adapter) => [adapter.switchType, adapter.macAddressSpoofing]), [['external', false], ['private', false]]);
    assert.is(vm(facts, 'extensions-off').exposeVirtualizationExtensions, false);
    assert.is(vm(facts, 'extensions-off').generation, 1);
    const gone = vm(facts, 'tmp-build-07');
    assert.equal([gone.state, gone.vcpus, gone.dynamicMemory, gone.memoryStartupBytes], ['Running', 4, false, 8 * GiB], 'Get-VM still knew these');
    assert.equal([gone.exposeVirtualizationExtensions, gone.adapters], [null, null], 'only Get-VMProcessor / Get-VMNetworkAdapter know these');
    assert.is(collector(facts, 'vms').status, 'partial');
    assert.match(collector(facts, 'vms').error!, /^VM "tmp-build-07": Get-VMProcessor: Hyper-V was unable to find a virtual machine with name "tmp-build-07"\./);
    assert.is(facts.host.hyperv!.natNetworks!.length, 0);
  });
});

test('-VMName: only the named VMs, and the missing name is reported', () => {
  const { facts, notes } = normalizeWindowsRaw(loadRaw('vm-option-missing-name', 'raw-ps51-vm-option.json'));
  assert.equal(facts.vms!.map((entry) => entry.name), ['all-good']);
  assert.is(collector(facts, 'vms').error, 'not on this host: "no-such-vm"');
  assert.equal(notes, [{ kind: 'vm-not-found', message: '--vm "no-such-vm": no VM with that exact name on this host' }]);
});

test('hostile VM, adapter and switch names come through byte-exact from both shapes', () => {
  each('hostile-vm-names', (facts, file) => {
    assert.equal(facts.vms!.map((entry) => entry.name), HOSTILE_NAMES, file);
    assert.equal(facts.vms!.map((entry) => entry.adapters![0]!.name), HOSTILE_NAMES.map((_, index) => `NIC ’${index}’`));
    assert.ok(facts.vms!.every((entry) => entry.adapters![0]!.switchName === 'LAN ‘uplink’ & <core>' && entry.adapters![0]!.switchType === 'external'));
    assert.equal(JSON.parse(JSON.stringify(facts)).vms.map((entry: { name: string }) => entry.name), HOSTILE_NAMES, 'and through JSON output');
  });
  const text = decodeText(readFileSync(join(ROOT, 'hostile-vm-names', 'raw-ps51-pretty.json')));
  assert.ok(text.ok && text.text.includes('"Name":  "O\\u0027Brien lab"'), '5.1 escaped the apostrophe');
});

test('L1 guest view (on-premises Hyper-V, nothing exposed): a real "no VT-x", the outer host and this VM\'s name there', () => {
  each('l1-guest-hyperv', (facts) => {
    const { guest, cpu, hyperv, dmi } = facts.host;
    assert.equal([guest.isVirtual, guest.hypervisor, guest.cloud], [true, 'Hyper-V', null]);
    assert.is(guest.outerHostName, 'HV2022-LAB.corp.example');
    assert.is(guest.outerVmName, 'lab-l1 (Ana’s)');
    assert.is(guest.azure, null);
    assert.equal(dmi, { systemManufacturer: 'Microsoft Corporation', systemModel: 'Virtual Machine', biosVendor: 'Microsoft Corporation', biosVersion: 'Hyper-V UEFI Release v4.1', chassisAssetTag: '4821-0553-2719-3347-9910-5542-28' });
    assert.equal([hyperv!.roleInstalled, hyperv!.hypervisorLaunchType, hyperv!.hypervisorPresent], [false, 'Off', true]);
    // No hypervisor of its own: the one present is the outer host's, and CIM shows what it passes through.
    assert.equal([cpu.virtualizationExtensions, cpu.slat], [false, false]);
    assert.equal(facts.vms, []);
  });
});

test('L1 guest view on Azure with NAT: Azure from DMI + asset tag, size unknown, security type unknown with a vTPM, NAT listed', () => {
  each('l1-guest-azure-nat', (facts) => {
    const { guest, cpu, hyperv, firmware } = facts.host;
    assert.equal([guest.isVirtual, guest.hypervisor, guest.cloud], [true, 'Hyper-V', 'azure']);
    assert.equal(guest.azure, { vmSize: null, securityType: null });
    assert.ok(guest.evidence!.some((line) => line.includes('7783-7084-3265-9085-8269-3286-77')));
    assert.equal(firmware, { type: 'uefi', secureBoot: true, tpmPresent: true, tpmManufacturer: 'MSFT' });
    assert.is(facts.host.os.edition, 'ServerTurbine');
    assert.is(cpu.virtualizationExtensions, null, 'its own Hyper-V runs: hidden, unknown');
    assert.equal(hyperv!.natNetworks, [{ name: 'NestedNAT', internalPrefix: '192.168.100.0/24' }]);
    assert.equal(hyperv!.switches, [{ name: 'NATSwitch', switchType: 'internal' }]);
    assert.equal(vm(facts, 'l2-containers').adapters, [{ name: 'Network Adapter', switchName: 'NATSwitch', switchType: 'internal', macAddressSpoofing: false }]);
  });
});

// ---------------------------------------------------------------- quirks on mutated captures

const base = () => loadRaw('intel-server2019-vbs', 'raw-ps7-compressed.json');
const sections = (raw: JsonObject) => raw.sections as Record<string, JsonObject>;

test('one item where a list was expected (a bare object) reads as a one-item list', () => {
  const raw = base();
  const vms = sections(raw).vms!;
  vms.data = (vms.data as JsonObject[])[0]!;
  const cpu = sections(raw).processor!;
  cpu.data = (cpu.data as JsonObject[])[0]!;
  const first = (vms.data as JsonObject).NetworkAdapters as JsonObject[];
  (vms.data as JsonObject).NetworkAdapters = first[0]!;
  const { facts } = normalizeWindowsRaw(raw);
  assert.equal(facts.vms!.map((entry) => entry.name), ['nested-01']);
  assert.is(facts.vms![0]!.adapters!.length, 1);
  assert.is(facts.host.cpu.logicalCount, 40, 'one socket now');
});

test('5.1\'s {"value":[…],"Count":n} wrapper and an empty list ("[]", or no output at all) are understood', () => {
  const raw = base();
  const vms = sections(raw).vms!;
  vms.data = { value: vms.data, Count: (vms.data as JsonObject[]).length };
  sections(raw)['net-nat']!.data = [];
  const { facts } = normalizeWindowsRaw(raw);
  assert.equal(facts.vms!.map((entry) => entry.name), ['nested-01']);
  assert.equal(facts.host.hyperv!.natNetworks, []);
  const none = base();
  sections(none).vms!.data = null; // ConvertTo-Json of nothing prints nothing: the section had no data
  assert.equal(normalizeWindowsRaw(none).facts.vms, []);
});

test('missing or empty sections: unknown facts and a failed collector, never a crash', () => {
  const raw = base();
  delete sections(raw).processor;
  delete sections(raw).vms;
  const { facts } = normalizeWindowsRaw(raw);
  assert.equal(validateAgainst('facts.schema.json', facts), []);
  assert.is(facts.host.cpu.vendor, null);
  assert.is(facts.vms, null);
  assert.equal(collector(facts, 'processor'), { name: 'windows.processor', status: 'failed', error: 'missing from the collector output', durationMs: null });
  const empty = normalizeWindowsRaw({ nestreadyRaw: 1, sections: {} }).facts;
  assert.equal(validateAgainst('facts.schema.json', empty), []);
  assert.is(empty.host.os.build, null);
  assert.is(empty.collection.collectedAt, null);
  assert.is(empty.collection.collectors.length, 16);
});

test('enums: names only (WinCompat), numbers only (a raw ConvertTo-Json), or both give the same facts', () => {
  const both = normalizeWindowsRaw(base()).facts;
  const namesOnly = base();
  const numbersOnly = base();
  for (const entry of sections(namesOnly).vms!.data as JsonObject[]) {
    entry.StateValue = null;
    for (const adapter of entry.NetworkAdapters as JsonObject[]) adapter.MacAddressSpoofingValue = null;
  }
  for (const entry of sections(numbersOnly).vms!.data as JsonObject[]) {
    entry.State = entry.StateValue!;
    for (const adapter of entry.NetworkAdapters as JsonObject[]) adapter.MacAddressSpoofing = adapter.MacAddressSpoofingValue!;
  }
  for (const entry of sections(numbersOnly).switches!.data as JsonObject[]) entry.SwitchType = entry.SwitchTypeValue!;
  assert.equal(normalizeWindowsRaw(namesOnly).facts.vms, both.vms);
  assert.equal(normalizeWindowsRaw(numbersOnly).facts.vms, both.vms);
  assert.equal(normalizeWindowsRaw(numbersOnly).facts.host.hyperv!.switches, both.host.hyperv!.switches);
});

test('CPU false without any hypervisor is a real false; a guest whose Windows launches no hypervisor trusts CIM too', () => {
  const raw = loadRaw('no-hyperv-role', 'raw-ps51-pretty.json');
  for (const socket of sections(raw).processor!.data as JsonObject[]) socket.VMMonitorModeExtensions = false;
  assert.is(normalizeWindowsRaw(raw).facts.host.cpu.virtualizationExtensions, false);
  // Same capture, but bcdedit could not be read: a hypervisor of its own might run, so false → unknown.
  sections(raw)['computer-system']!.data = { ...(sections(raw)['computer-system']!.data as JsonObject), HypervisorPresent: true };
  sections(raw).bcdedit = { status: 'failed', error: 'Access is denied.', errorId: null, durationMs: 3, data: null };
  assert.is(normalizeWindowsRaw(raw).facts.host.cpu.virtualizationExtensions, null);
});

test('Azure Generation 1 VM (BIOS firmware) can only be security type Standard', () => {
  const raw = loadRaw('l1-guest-azure-nat', 'raw-ps7-compressed.json');
  sections(raw).firmware!.data = { FirmwareType: 'Legacy', SecureBoot: null, SecureBootError: 'Cmdlet not supported on this platform: 0xC0000002', TpmQueried: true, TpmPresent: false, TpmManufacturer: null, TpmError: null };
  const { facts } = normalizeWindowsRaw(raw);
  assert.equal(facts.host.guest.azure, { vmSize: null, securityType: 'Standard' });
  assert.equal(facts.host.firmware, { type: 'bios', secureBoot: false, tpmPresent: false, tpmManufacturer: null });
});

test('Home edition without the Hyper-V feature: the role is absent (false), not unknown', () => {
  const raw = loadRaw('win11-amd-workstation', 'raw-ps7-pretty.json');
  (sections(raw).registry!.data as JsonObject).EditionID = 'Core';
  sections(raw)['hyperv-feature'] = { status: 'failed', error: 'Feature name Microsoft-Hyper-V is unknown.', errorId: null, durationMs: 300, data: null };
  sections(raw)['hyperv-service']!.data = { Exists: false, Status: null };
  assert.is(normalizeWindowsRaw(raw).facts.host.hyperv!.roleInstalled, false);
});

test('a raw document of another format version is refused with a way forward', () => {
  assert.throws(() => normalizeWindowsRaw({ nestreadyRaw: 2, sections: {} }), (error: Error) => error instanceof RawFormatError && /format 2 is not supported .* nestready export-collector/.test(error.message));
});

test.run();

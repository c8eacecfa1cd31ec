// Pasted systeminfo / Coreinfo → facts: the real forms support receives.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { editionFromName, importWindowsPaste, parseSysteminfoFields, readCoreinfo, readSysteminfo } from '../../collectors/imports/windows-paste.js';
import type { FactsDocument } from '../../schemas/facts.js';
import { fixture } from '../support/cli.js';
import { validateAgainst } from '../support/schemas.js';

const read = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');
const imported = (text: string, kind?: 'systeminfo' | 'coreinfo'): FactsDocument => {
  const result = importWindowsPaste(text, kind ? { kind } : {});
  if (!result.ok) throw new Error(result.error);
  assert.equal(validateAgainst('facts.schema.json', result.facts), [], 'a valid facts document');
  return result.facts;
};

// A compact systeminfo of our own, to vary line by line.
const KEY = (key: string) => `${key}:`.padEnd(27);
function systeminfo(requirements: string[], extra: Record<string, string> = {}): string {
  const fields: [string, string][] = [
    ['Host Name', 'LAB-PC'],
    ['OS Name', 'Microsoft Windows 10 Enterprise'],
    ['OS Version', '10.0.19045 N/A Build 19045'],
    ['OS Configuration', 'Member Workstation'],
    ['System Manufacturer', 'Dell Inc.'],
    ['System Model', 'OptiPlex 7090'],
    ['System Type', 'x64-based PC'],
    ['Processor(s)', '1 Processor(s) Installed.\n' + ' '.repeat(27) + '[01]: Intel64 Family 6 Model 167 Stepping 1 GenuineIntel ~2500 Mhz'],
    ['Total Physical Memory', '16,107 MB'],
    ...Object.entries(extra),
    ['Hyper-V Requirements', requirements.join('\n' + ' '.repeat(27))],
  ];
  return fields.map(([key, value]) => KEY(key) + value).join('\n') + '\n';
}
const ALL_YES = ['VM Monitor Mode Extensions: Yes', 'Virtualization Enabled In Firmware: Yes', 'Second Level Address Translation: Yes', 'Data Execution Prevention Available: Yes'];
const DETECTED = ['A hypervisor has been detected. Features required for Hyper-V will not be displayed.'];

test('all four Hyper-V requirement lines, Windows 10 Enterprise, memory, vendor, a physical machine', () => {
  const facts = imported(systeminfo(ALL_YES), 'systeminfo');
  assert.is(facts.collection.source, 'import:systeminfo');
  assert.is(facts.collection.collectedAt, null, 'the paste does not say when it was taken');
  assert.equal(facts.host.os, { family: 'windows', name: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', build: 19045, ubr: null, displayVersion: null, edition: 'Enterprise', productType: 'workstation', kernel: null });
  assert.equal(
    { vendor: facts.host.cpu.vendor, vmx: facts.host.cpu.virtualizationExtensions, firmware: facts.host.cpu.firmwareEnabled, slat: facts.host.cpu.slat, nx: facts.host.cpu.nx },
    { vendor: 'Intel', vmx: true, firmware: true, slat: true, nx: true },
  );
  assert.is(facts.host.cpu.model, 'Intel64 Family 6 Model 167 Stepping 1 GenuineIntel ~2500 Mhz');
  assert.is(facts.host.memory.totalBytes, 16107 * 1024 * 1024);
  assert.is(facts.host.hyperv?.hypervisorPresent, false, 'the lines show only when no hypervisor runs');
  assert.is(facts.host.guest.isVirtual, false);
  assert.is(facts.vms, null, 'systeminfo lists no VMs');
});

test('"No" answers are false; a missing line stays unknown', () => {
  const facts = imported(systeminfo(['VM Monitor Mode Extensions: Yes', 'Virtualization Enabled In Firmware: No', 'Second Level Address Translation: No']));
  assert.is(facts.host.cpu.firmwareEnabled, false);
  assert.is(facts.host.cpu.slat, false);
  assert.is(facts.host.cpu.nx, null, 'DEP line cut off: unknown, not false');
});

test('"A hypervisor has been detected" makes the four facts unknown, never false', () => {
  const facts = imported(systeminfo(DETECTED));
  assert.equal(
    [facts.host.cpu.virtualizationExtensions, facts.host.cpu.firmwareEnabled, facts.host.cpu.slat, facts.host.cpu.nx],
    [null, null, null, null],
  );
  assert.is(facts.host.hyperv?.hypervisorPresent, true);
  assert.match(facts.collection.collectors[0]!.error ?? '', /hidden \(unknown, not off\)/);
});

test('the hypervisor sentence wrapped mid-word by an 80-column console copy is still found', () => {
  const facts = imported(read('systeminfo', 'intel-server2022-hypervisor-detected', 'systeminfo.txt'));
  assert.is(facts.host.hyperv?.hypervisorPresent, true);
  assert.is(facts.host.cpu.slat, null);
  assert.is(facts.host.name, 'HV-PROD-07');
  assert.is(facts.host.hyperv?.roleInstalled, true, 'a Hyper-V Virtual Ethernet Adapter exists only with the role');
  assert.is(facts.host.os.productType, 'server');
  assert.is(facts.host.os.edition, 'ServerDatacenter');
});

test('CRLF, LF and CR line endings, a BOM and the prompt around the output read the same', () => {
  const text = systeminfo(ALL_YES, { 'Domain': 'corp.contoso.test' });
  const reference = imported(text);
  for (const variant of [text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r'), '\uFEFF' + text, `C:\\Users\\ana>systeminfo\n\n${text}\nC:\\Users\\ana>exit\nOS Name: not part of it\n`]) {
    assert.equal(imported(variant).host, reference.host);
  }
});

test('extra blank lines, a uniform indent and lines wrapped at 60 columns (a ticket paste)', () => {
  const facts = imported(read('systeminfo', 'intel-windows11-firmware-off-wrapped', 'systeminfo.txt'));
  assert.is(facts.host.os.build, 22631);
  assert.is(facts.host.cpu.firmwareEnabled, false, '"Virtualization Enabled In Firmwar" + "e: No"');
  assert.is(facts.host.cpu.virtualizationExtensions, true);
  assert.is(facts.host.cpu.nx, true, '"Data Execution Prevention Availab" + "le: Yes"');
  assert.is(facts.host.cpu.vendor, 'Intel');
  assert.is(facts.host.dmi?.biosVersion, 'LENOVO N3XET58W (1.33 ), 1/15/2024', 'a wrapped value is glued back without the paste indent');
});

test('indentation lost entirely (a ticket rendered as HTML) still reads the requirement lines', () => {
  const flat = systeminfo(ALL_YES).split('\n').map((line) => line.replace(/\s{2,}/g, ' ').trimStart()).join('\n');
  const facts = imported(flat);
  assert.equal([facts.host.cpu.virtualizationExtensions, facts.host.cpu.firmwareEnabled, facts.host.cpu.slat, facts.host.cpu.nx], [true, true, true, true]);
  assert.is(facts.host.cpu.vendor, 'Intel');
});

test('Windows 11 and Server builds; the 31-column layout with its VBS section', () => {
  const home = imported(read('systeminfo', 'intel-windows11-home-vbs', 'systeminfo.txt'));
  assert.is(home.host.os.build, 26100);
  assert.is(home.host.os.edition, 'CoreSingleLanguage');
  assert.is(home.host.hyperv?.roleInstalled, false, 'Home has no Hyper-V role');
  assert.is(home.host.hyperv?.vbsStatus, 'running');
  assert.equal(home.host.hyperv?.securityServicesRunning, ['HypervisorEnforcedCodeIntegrity']);
  const enterprise = imported(read('systeminfo', 'intel-windows11-vbs-credential-guard', 'systeminfo.txt'));
  assert.equal(enterprise.host.hyperv?.securityServicesRunning, ['CredentialGuard', 'HypervisorEnforcedCodeIntegrity']);
  const server = imported(read('systeminfo', 'amd-server2019-two-sockets', 'systeminfo.txt'));
  assert.equal([server.host.os.build, server.host.os.productType, server.host.cpu.vendor], [17763, 'server', 'AMD']);
  assert.is(server.host.memory.totalBytes, 262019 * 1024 * 1024);
});

test('virtual machines and clouds from the SMBIOS strings (and Azure from its DHCP server)', () => {
  const azure = imported(read('systeminfo', 'azure-vm-hypervisor-detected', 'systeminfo.txt'));
  assert.equal([azure.host.guest.isVirtual, azure.host.guest.hypervisor, azure.host.guest.cloud], [true, 'Hyper-V', 'azure']);
  assert.equal(azure.host.guest.azure, { vmSize: null, securityType: null });
  const gcp = imported(read('systeminfo', 'gcp-windows-vm', 'systeminfo.txt'));
  assert.equal([gcp.host.guest.isVirtual, gcp.host.guest.cloud], [true, 'gcp']);
  const aws = imported(read('systeminfo', 'aws-windows-vm', 'systeminfo.txt'));
  assert.equal([aws.host.guest.isVirtual, aws.host.guest.cloud], [true, 'aws']);
  const onPremises = imported(systeminfo(DETECTED, {}).replace('Dell Inc.', 'Microsoft Corporation').replace('OptiPlex 7090', 'Virtual Machine'));
  assert.equal([onPremises.host.guest.isVirtual, onPremises.host.guest.hypervisor, onPremises.host.guest.cloud], [true, 'Hyper-V', null]);
});

test('edition names → edition ids (Home is Core…)', () => {
  const cases: [string, string | null][] = [
    ['Microsoft Windows 11 Home', 'Core'],
    ['Microsoft Windows 10 Home N', 'CoreN'],
    ['Microsoft Windows 11 Home Single Language', 'CoreSingleLanguage'],
    ['Microsoft Windows 11 Home China', 'CoreCountrySpecific'],
    ['Microsoft Windows 11 Pro', 'Professional'],
    ['Microsoft Windows 10 Pro N', 'ProfessionalN'],
    ['Microsoft Windows 11 Pro for Workstations', 'ProfessionalWorkstation'],
    ['Microsoft Windows 11 Pro Education', 'ProfessionalEducation'],
    ['Microsoft Windows 10 Enterprise LTSC', 'EnterpriseS'],
    ['Microsoft Windows 11 Enterprise', 'Enterprise'],
    ['Microsoft Windows 11 Education', 'Education'],
    ['Microsoft Windows Server 2022 Standard', 'ServerStandard'],
    ['Microsoft Windows Server 2025 Datacenter', 'ServerDatacenter'],
    ['Microsoft Hyper-V Server 2019', 'ServerHyperCore'],
    ['Something else', null],
  ];
  for (const [name, edition] of cases) assert.is(editionFromName(name), edition, name);
});

test('fields: sub-lines stay lines, wrapped fragments are glued back', () => {
  const fields = parseSysteminfoFields(`${KEY('Processor(s)')}2 Processor(s) Installed.\n${' '.repeat(27)}[01]: AMD64 Family 25 Model 1 Stepping 1 Authentic\nAMD ~2445 Mhz\n${' '.repeat(27)}[02]: AMD64 Family 25 Model 1 Stepping 1 AuthenticAMD ~2445 Mhz\n`);
  assert.equal(fields.get('Processor(s)')?.lines, ['2 Processor(s) Installed.', '[01]: AMD64 Family 25 Model 1 Stepping 1 AuthenticAMD ~2445 Mhz', '[02]: AMD64 Family 25 Model 1 Stepping 1 AuthenticAMD ~2445 Mhz']);
});

test('Coreinfo -v alone: features, vendor, model; tabs; no hypervisor means not a VM', () => {
  const intel = imported(read('coreinfo', 'intel-no-hypervisor-vmx-ept', 'coreinfo.txt'), 'coreinfo');
  assert.is(intel.collection.source, 'import:coreinfo');
  assert.equal(
    { vendor: intel.host.cpu.vendor, model: intel.host.cpu.model, vmx: intel.host.cpu.virtualizationExtensions, slat: intel.host.cpu.slat, firmware: intel.host.cpu.firmwareEnabled },
    { vendor: 'Intel', model: 'Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', vmx: true, slat: true, firmware: null },
  );
  assert.is(intel.host.guest.isVirtual, false);
  assert.is(intel.host.hyperv?.hypervisorPresent, false);
  assert.is(intel.host.os.build, null, 'Coreinfo says nothing about Windows');
  const amd = imported(read('coreinfo', 'amd-hypervisor-present-tabs', 'coreinfo.txt'));
  assert.equal([amd.host.cpu.vendor, amd.host.cpu.virtualizationExtensions, amd.host.cpu.slat, amd.host.hyperv?.hypervisorPresent, amd.host.guest.isVirtual], ['AMD', false, true, true, null]);
});

test('Coreinfo EPT "-" on Intel is not taken as "no SLAT" (it needs an elevated prompt)', () => {
  const facts = imported(read('coreinfo', 'intel-vmx-ept-not-elevated', 'coreinfo.txt'));
  assert.is(facts.host.cpu.slat, null);
  assert.match(facts.collection.collectors.find((run) => run.name === 'import.coreinfo')?.error ?? '', /administrator/);
  assert.is(readCoreinfo('VMX  *  Supports Intel hardware-assisted virtualization\nEPT  -  Supports Intel extended page tables (SLAT)\n')?.features.get('EPT'), false);
});

test('systeminfo and Coreinfo in one ticket: systeminfo where it speaks, Coreinfo where it is hidden', () => {
  const facts = imported(read('coreinfo', 'ticket-systeminfo-and-coreinfo', 'ticket.txt'));
  assert.is(facts.collection.source, 'import:systeminfo+coreinfo');
  assert.equal([facts.host.os.build, facts.host.cpu.vendor, facts.host.cpu.virtualizationExtensions, facts.host.cpu.slat, facts.host.cpu.firmwareEnabled], [20348, 'AMD', true, true, null]);
  assert.is(facts.host.hyperv?.hypervisorPresent, true);
});

test('the kind the user named must be there; text that is neither is refused', () => {
  const coreinfoOnly = read('coreinfo', 'intel-no-hypervisor-vmx-ept', 'coreinfo.txt');
  assert.equal(importWindowsPaste(coreinfoOnly, { kind: 'systeminfo' }), { ok: false, error: 'no systeminfo output found (expected English "systeminfo" lines such as "OS Name:" and "Hyper-V Requirements:")' });
  assert.is(importWindowsPaste(systeminfo(ALL_YES), { kind: 'coreinfo' }).ok, false);
  assert.is(importWindowsPaste('hello\nworld\n').ok, false);
  assert.is(readSysteminfo('Nom du système d’exploitation: Microsoft Windows 11 Famille\n'), null, 'localised systeminfo is not parsed (English only)');
});

test.run();

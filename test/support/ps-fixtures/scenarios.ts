// Scenario models for fixtures/windows/: the values nestready-collect.ps1 holds on each kind of host,
// rendered by render.ts into what PowerShell 5.1 and 7 print. Regenerate the files with
//   npx tsx test/support/ps-fixtures/build.ts
// No Windows machine was available: values follow the shapes, names and error texts documented in
// ../shared/reference/powershell/ (CIM captures, decompiled Hyper-V module types, serializer rules).
import { PsDate, PsVersion, PsWrappedArray, type Capture, type Edition, type PsValue } from './render.js';

type Obj = { [key: string]: PsValue };

export interface Scenario {
  id: string;
  title: string;
  expectedVerdict: 'ready' | 'not-ready' | 'incomplete';
  notes: string;
  captures: (Capture & { wincompat?: boolean; vmNames?: string[] })[];
  model(edition: Edition, options: { wincompat?: boolean; vmNames?: string[] }): Obj;
}

// ---------------------------------------------------------------- building blocks

interface SectionOptions {
  status?: 'ok' | 'failed' | 'skipped';
  error?: string;
  errorId?: string;
  ms: number;
}

function section(data: PsValue, options: SectionOptions): Obj {
  return { status: options.status ?? 'ok', error: options.error ?? null, errorId: options.errorId ?? null, durationMs: options.ms, data: options.status && options.status !== 'ok' ? null : data };
}

const failed = (error: string, errorId: string, ms: number) => section(null, { status: 'failed', error, errorId, ms });
const skipped = (error: string, ms: number) => section(null, { status: 'skipped', error, ms });

// Arrays the script builds with Get-PlainArray come out of a function, so 5.1 sees a PSObject.
const cimArray = (items: PsValue[]) => new PsWrappedArray(items);

const ACCESS_DENIED_CIM = ['Access denied ', 'HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand'] as const;
const NO_HYPERV_MODULE = 'the Hyper-V PowerShell module is not installed (Hyper-V role or its management tools are absent)';
const NOT_A_GUEST = 'not a Hyper-V guest with data exchange (no Guest\\Parameters key)';

interface Cpu {
  manufacturer: 'GenuineIntel' | 'AuthenticAMD';
  name: string;
  cores: number;
  logical: number;
  sockets?: number;
  vmx: boolean;
  slat: boolean;
  firmware: boolean;
}

interface Os {
  caption: string;
  build: number;
  ubr: number;
  productName: string;
  edition: string;
  installationType: 'Server' | 'Client' | 'Server Core';
  displayVersion: string | null;
  releaseId: string;
  productType: 1 | 2 | 3;
  memoryBytes: number;
}

interface Vm {
  name: string;
  id: string;
  state: 'Running' | 'Off' | 'Saved' | 'Paused';
  version: string;
  generation: 1 | 2;
  vcpus: number;
  memory: number;
  dynamic: boolean;
  expose: boolean;
  adapters: { name: string; switchName: string | null; spoof: boolean }[];
  created: string;
  errors?: string[]; // a VM deleted while the scan ran: these cmdlets failed for it
}

interface Switch {
  name: string;
  id: string;
  type: 'Private' | 'Internal' | 'External';
}

const STATE_VALUE = { Running: 2, Off: 3, Saved: 6, Paused: 9 } as const;
const SWITCH_VALUE = { Private: 0, Internal: 1, External: 2 } as const;

const VERSION_NAMES: Record<string, string> = {
  '5.0': 'Microsoft Windows 8.1/Server 2012 R2',
  '6.2': 'Microsoft Windows 10 1507/Server 2016 Technical Preview 3',
  '7.0': 'Microsoft Windows 10 1511/Server 2016 Technical Preview 4',
  '7.1': 'Microsoft Windows Server 2016 Technical Preview 5',
  '8.0': 'Microsoft Windows 10 Anniversary Update/Server 2016',
  '8.1': 'Microsoft Windows 10 Creators Update',
  '8.2': 'Microsoft Windows 10 Fall Creators Update/Server 1709',
  '8.3': 'Microsoft Windows 10 April 2018 Update/Server 1803',
  '9.0': 'Microsoft Windows 10 October 2018 Update/Server 2019',
  '9.1': 'Microsoft Windows 10 May 2019 Update/Server 1903',
  '9.2': 'Microsoft Windows 10 May 2020 Update/Server 2004',
  '9.3': 'Microsoft Windows 10 Insider Preview/Server 2022 Preview',
  '10.0': 'Microsoft Windows Server 2022/Windows 11',
  '11.0': 'Microsoft Windows 11 2022 Update',
};

const SUPPORTED = {
  server2016: ['5.0', '6.2', '7.0', '7.1', '8.0'],
  server2019: ['5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0'],
  win10_22h2: ['5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2'],
  server2022: ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0'],
  win11_23h2: ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0', '11.0'],
};

interface Host {
  computerName: string;
  startedAt: string;
  os: Os;
  cpu: Cpu;
  manufacturer: string;
  model: string;
  hypervisorPresent: boolean;
  dep?: boolean;
  bios: { manufacturer: string; version: string; biosVersion: string; releaseDate: string; assetTag: string; chassis: number[] };
  kvp?: { hostName: string; physicalHostName: string; vmName: string; vmId: string };
  deviceGuard: { vbs: 0 | 1 | 2; configured: number[]; running: number[]; available: number[]; ci: number } | 'denied';
  firmware: { type: 'UEFI' | 'Legacy'; secureBoot: boolean | null; secureBootError?: string; tpm: boolean | null; tpmManufacturer?: string; tpmError?: string };
  feature: { source: 'Get-WindowsFeature' | 'Get-WindowsOptionalFeature'; installed: boolean | null; state: string | null; present?: boolean } | { error: string; errorId: string };
  vmms: boolean;
  bcd: string | null | { error: string }; // the hypervisorlaunchtype value, null = no such line
  hyperv: { supported: string[]; defaultVersion: string; switches: Switch[]; vms: Vm[] } | 'no-module' | { denied: string };
  nat: { name: string; prefix: string }[] | 'no-module';
  admin: boolean;
  hvAdmin: boolean;
  silentEmptyGetVm?: boolean;
}

function bcdLines(value: string | null, hyperv: boolean): string[] {
  const lines = [
    '',
    'Windows Boot Loader',
    '-------------------',
    'identifier              {current}',
    'device                  partition=C:',
    'path                    \\Windows\\system32\\winload.efi',
    'description             Windows Server',
    'locale                  en-US',
    'inherit                 {bootloadersettings}',
    'recoverysequence        {8f2b43a1-1c6e-11ee-a0f4-00155d0a1b07}',
    'displaymessageoverride  Recovery',
    'recoveryenabled         Yes',
    'isolatedcontext         Yes',
    'allowedinmemorysettings 0x15000075',
    'osdevice                partition=C:',
    'systemroot              \\Windows',
    'resumeobject            {8f2b43a0-1c6e-11ee-a0f4-00155d0a1b07}',
    'nx                      OptOut',
  ];
  if (value !== null) lines.push(`hypervisorlaunchtype    ${value}`);
  if (hyperv) lines.push('bootmenupolicy          Standard');
  return lines;
}

function vmEntry(vm: Vm, switches: Switch[], wincompat: boolean): Obj {
  const failedParts = new Set((vm.errors ?? []).map((error) => error.split(':')[0]));
  return {
    Name: vm.name,
    Id: vm.id,
    State: vm.state,
    StateValue: wincompat ? null : STATE_VALUE[vm.state],
    Version: vm.version,
    Generation: vm.generation,
    ProcessorCount: vm.vcpus,
    MemoryStartup: vm.memory,
    DynamicMemoryEnabled: vm.dynamic,
    CreationTime: new PsDate(vm.created, 'local', 60),
    Processor: failedParts.has('Get-VMProcessor') ? null : { Count: vm.vcpus, ExposeVirtualizationExtensions: vm.expose },
    Memory: failedParts.has('Get-VMMemory') ? null : { Startup: vm.memory, DynamicMemoryEnabled: vm.dynamic, Minimum: vm.dynamic ? 536870912 : vm.memory, Maximum: vm.dynamic ? 1099511627776 : vm.memory },
    NetworkAdapters: failedParts.has('Get-VMNetworkAdapter')
      ? null
      : vm.adapters.map((adapter) => ({
          Name: adapter.name,
          SwitchName: adapter.switchName,
          SwitchId: adapter.switchName === null ? null : switches.find((entry) => entry.name === adapter.switchName)?.id ?? null,
          MacAddressSpoofing: adapter.spoof ? 'On' : 'Off',
          MacAddressSpoofingValue: wincompat ? null : adapter.spoof ? 0 : 1,
        })),
    Errors: vm.errors ?? [],
  };
}

function buildRaw(host: Host, edition: Edition, options: { wincompat?: boolean; vmNames?: string[] }): Obj {
  const wincompat = options.wincompat === true;
  const vmNames = options.vmNames ?? [];
  const psVersion = edition === '5.1' ? `5.1.${host.os.build}.${host.os.ubr}` : '7.4.6';
  const sections: Obj = {};
  const hvModule = typeof host.hyperv === 'object' && !('denied' in host.hyperv);
  sections.elevation = section({ IsAdministrator: host.admin, IsHyperVAdministrator: host.hvAdmin }, { ms: 4 });
  sections.os = section({
    Caption: host.os.caption,
    Version: `10.0.${host.os.build}`,
    BuildNumber: String(host.os.build),
    ProductType: host.os.productType,
    OSArchitecture: '64-bit',
    CSName: host.computerName,
    DataExecutionPrevention_Available: host.dep ?? true,
    TotalVisibleMemorySize: Math.round(host.os.memoryBytes / 1024) - 46_312,
  }, { ms: 41 });
  const registry: Obj = {
    ProductName: host.os.productName,
    EditionID: host.os.edition,
    InstallationType: host.os.installationType,
    CurrentBuild: String(host.os.build),
    UBR: host.os.ubr,
    DisplayVersion: host.os.displayVersion,
    ReleaseId: host.os.releaseId,
  };
  sections.registry = section(registry, { ms: 3 });
  const sockets = host.cpu.sockets ?? 1;
  sections.processor = section(
    Array.from({ length: sockets }, (_, index) => ({
      DeviceID: `CPU${index}`,
      Manufacturer: host.cpu.manufacturer,
      Name: host.cpu.name,
      NumberOfCores: host.cpu.cores,
      NumberOfLogicalProcessors: host.cpu.logical,
      VMMonitorModeExtensions: host.cpu.vmx,
      SecondLevelAddressTranslationExtensions: host.cpu.slat,
      VirtualizationFirmwareEnabled: host.cpu.firmware,
    })),
    { ms: 38 },
  );
  sections['computer-system'] = section({
    Name: host.computerName,
    Manufacturer: host.manufacturer,
    Model: host.model,
    HypervisorPresent: host.hypervisorPresent,
    TotalPhysicalMemory: host.os.memoryBytes,
    DomainRole: host.os.productType === 1 ? 1 : 3,
  }, { ms: 22 });
  sections.bios = section({
    Manufacturer: host.bios.manufacturer,
    SMBIOSBIOSVersion: host.bios.biosVersion,
    Version: host.bios.version,
    ReleaseDate: new PsDate(host.bios.releaseDate, 'local', 0),
    SMBIOSAssetTag: host.bios.assetTag,
    ChassisTypes: cimArray(host.bios.chassis),
  }, { ms: 27 });
  sections['guest-parameters'] = host.kvp
    ? section({ HostName: host.kvp.hostName, PhysicalHostName: host.kvp.physicalHostName, VirtualMachineName: host.kvp.vmName, VirtualMachineId: host.kvp.vmId }, { ms: 2 })
    : skipped(NOT_A_GUEST, 1);
  sections['device-guard'] = host.deviceGuard === 'denied'
    ? failed(...ACCESS_DENIED_CIM, 61)
    : section({
        VirtualizationBasedSecurityStatus: host.deviceGuard.vbs,
        SecurityServicesConfigured: cimArray(host.deviceGuard.configured),
        SecurityServicesRunning: cimArray(host.deviceGuard.running),
        AvailableSecurityProperties: cimArray(host.deviceGuard.available),
        CodeIntegrityPolicyEnforcementStatus: host.deviceGuard.ci,
      }, { ms: 55 });
  sections.firmware = section({
    FirmwareType: host.firmware.type,
    SecureBoot: host.firmware.secureBoot,
    SecureBootError: host.firmware.secureBootError ?? null,
    TpmQueried: host.firmware.tpmError === undefined,
    TpmPresent: host.firmware.tpm,
    TpmManufacturer: host.firmware.tpmManufacturer ?? null,
    TpmError: host.firmware.tpmError ?? null,
  }, { ms: 19 });
  sections['hyperv-feature'] = 'error' in host.feature
    ? failed(host.feature.error, host.feature.errorId, 212)
    : section({ Source: host.feature.source, Present: host.feature.present ?? true, Installed: host.feature.installed, State: host.feature.state }, { ms: host.feature.source === 'Get-WindowsFeature' ? 1430 : 610 });
  sections['hyperv-service'] = section({ Exists: host.vmms, Status: host.vmms ? 'Running' : null }, { ms: 15 });
  sections.bcdedit = typeof host.bcd === 'object' && host.bcd !== null
    ? failed(host.bcd.error, 'RuntimeException', 48)
    : section({ ExitCode: 0, Lines: bcdLines(host.bcd, hvModule) }, { ms: 48 });
  if (host.hyperv === 'no-module') {
    sections['hyperv-host'] = skipped(NO_HYPERV_MODULE, 96);
    sections.switches = skipped(NO_HYPERV_MODULE, 1);
  } else if ('denied' in host.hyperv) {
    const id = 'InvalidOperation,Microsoft.HyperV.PowerShell.Commands';
    sections['hyperv-host'] = failed(host.hyperv.denied, `${id}.GetVMHostSupportedVersion`, 640);
    sections.switches = failed(host.hyperv.denied, `${id}.GetVMSwitch`, 71);
  } else {
    const hv = host.hyperv;
    sections['hyperv-host'] = section(
      hv.supported.map((version) => ({ Name: VERSION_NAMES[version] ?? `Microsoft Windows ${version}`, IsDefault: version === hv.defaultVersion, Version: new PsVersion(version) })),
      { ms: 612 },
    );
    sections.switches = section(
      hv.switches.map((entry) => ({ Name: entry.name, Id: entry.id, SwitchType: entry.type, SwitchTypeValue: wincompat ? null : SWITCH_VALUE[entry.type] })),
      { ms: 85 },
    );
  }
  sections['net-nat'] = host.nat === 'no-module'
    ? skipped('Get-NetNat is not available (NetNat module absent)', 9)
    : section(host.nat.map((nat) => ({ Name: nat.name, InternalIPInterfaceAddressPrefix: nat.prefix, Active: true })), { ms: 160 });
  if (host.hyperv === 'no-module') {
    sections.vms = skipped(NO_HYPERV_MODULE, 1);
  } else if ('denied' in host.hyperv) {
    sections.vms = section([], { ms: 410 }); // Get-VM without rights: no error, just no VMs
  } else {
    const hv = host.hyperv;
    let selected: Obj[];
    if (vmNames.length === 0) {
      selected = hv.vms.map((vm) => vmEntry(vm, hv.switches, wincompat));
    } else {
      selected = vmNames.flatMap((name) => {
        const found = hv.vms.filter((vm) => vm.name === name);
        return found.length === 0 ? [{ RequestedName: name, Missing: true }] : found.map((vm) => vmEntry(vm, hv.switches, wincompat));
      });
    }
    sections.vms = section(selected, { ms: 180 + 95 * selected.length });
  }
  return {
    nestreadyRaw: 1,
    scriptVersion: '1.0.0',
    psVersion,
    psEdition: edition === '5.1' ? 'Desktop' : 'Core',
    computerName: host.computerName,
    startedAt: new PsDate(host.startedAt),
    parameters: { VMName: vmNames },
    sections,
  };
}

// ---------------------------------------------------------------- common hosts and VMs

const GiB = 1024 ** 3;

const intelXeonFw = { vmx: false, slat: false, firmware: true }; // Hyper-V running: CIM hides VT-x/EPT
const server2016Os: Os = { caption: 'Microsoft Windows Server 2016 Datacenter', build: 14393, ubr: 6796, productName: 'Windows Server 2016 Datacenter', edition: 'ServerDatacenter', installationType: 'Server', displayVersion: null, releaseId: '1607', productType: 3, memoryBytes: 256 * GiB };
const server2019Os: Os = { caption: 'Microsoft Windows Server 2019 Datacenter', build: 17763, ubr: 5329, productName: 'Windows Server 2019 Datacenter', edition: 'ServerDatacenter', installationType: 'Server', displayVersion: null, releaseId: '1809', productType: 3, memoryBytes: 384 * GiB };
const server2022Os: Os = { caption: 'Microsoft Windows Server 2022 Datacenter', build: 20348, ubr: 2227, productName: 'Windows Server 2022 Datacenter', edition: 'ServerDatacenter', installationType: 'Server', displayVersion: '21H2', releaseId: '2009', productType: 3, memoryBytes: 512 * GiB };

const dellBios = (version: string, date: string) => ({ manufacturer: 'Dell Inc.', version: 'DELL   - 1072009', biosVersion: version, releaseDate: date, assetTag: '', chassis: [23] });
const noVbs = { vbs: 0 as const, configured: [0], running: [0], available: [1, 2, 3, 5, 7], ci: 0 };
const uefiTpm = (manufacturer: string) => ({ type: 'UEFI' as const, secureBoot: true, tpm: true, tpmManufacturer: manufacturer });
const serverFeature = { source: 'Get-WindowsFeature' as const, installed: true, state: 'Installed' };
const clientFeature = { source: 'Get-WindowsOptionalFeature' as const, installed: null, state: 'Enabled' };

const externalSwitch: Switch = { name: 'External-LAN', id: '2b8f4c1e-6a0d-4f53-9b7e-0c1d2e3f4a5b', type: 'External' };
const internalNatSwitch: Switch = { name: 'NATSwitch', id: '7d2e9a40-3c51-4b8e-8f6a-1e2d3c4b5a69', type: 'Internal' };
const privateSwitch: Switch = { name: 'Isolated', id: '0f1e2d3c-4b5a-4968-8776-655443322110', type: 'Private' };

function goodVm(name: string, id: string, version: string, overrides: Partial<Vm> = {}): Vm {
  return {
    name, id, state: 'Off', version, generation: 2, vcpus: 4, memory: 8 * GiB, dynamic: false, expose: true,
    adapters: [{ name: 'Network Adapter', switchName: externalSwitch.name, spoof: true }],
    created: '2024-03-11T09:12:44.512Z',
    ...overrides,
  };
}

// ---------------------------------------------------------------- the scenarios

const ps51 = (file: string, pretty: boolean, encoding: Capture['encoding'] = 'utf16le-bom') => ({ file, edition: '5.1' as const, pretty, encoding });
const ps7 = (file: string, pretty: boolean) => ({ file, edition: '7' as const, pretty, encoding: 'utf8' as const });

export const SCENARIOS: Scenario[] = [
  {
    id: 'intel-server2016',
    title: 'Intel Xeon, Windows Server 2016 Datacenter, Hyper-V, one L1 VM (config 8.0) set up for nesting',
    expectedVerdict: 'incomplete',
    notes: 'Oldest supported Intel host (build 14393, config up to 8.0); the VM is set up right. Hyper-V runs, so Win32_Processor reads VT-x/SLAT as False: those facts are unknown (null), never a failure, hence INCOMPLETE; VirtualizationFirmwareEnabled stays True. The PowerShell 7 capture went through WinCompat (the Hyper-V module cannot load natively on Server 2016): enum numbers are absent, names only.',
    captures: [ps51('raw-ps51-pretty.json', true), { ...ps7('raw-ps7-wincompat.json', false), wincompat: true }],
    model: (edition, options) => buildRaw({
      computerName: 'HV2016-01',
      startedAt: '2026-03-02T08:15:30.412Z',
      os: server2016Os,
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', cores: 14, logical: 28, sockets: 2, ...intelXeonFw },
      manufacturer: 'Dell Inc.', model: 'PowerEdge R730', hypervisorPresent: true,
      bios: dellBios('2.17.0', '2023-05-10T00:00:00.000Z'),
      deviceGuard: { vbs: 0, configured: [0], running: [0], available: [3], ci: 0 },
      firmware: { type: 'UEFI', secureBoot: true, tpm: false },
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: { supported: SUPPORTED.server2016, defaultVersion: '8.0', switches: [externalSwitch], vms: [goodVm('lab-l1', '3f2a9c61-8e4b-4d1a-9b0c-5e6f7a8b9c0d', '8.0', { state: 'Running' })] },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'intel-server2019-vbs',
    title: 'Intel Xeon, Windows Server 2019 with VBS (Credential Guard + HVCI) running, L1 VM config 9.0',
    expectedVerdict: 'incomplete',
    notes: 'VBS/Credential Guard is not a blocker for nesting since build 14361 with config 8.0 (Microsoft\'s old script wrongly says it is). Device Guard arrays came through 5.1 as {"value":[…],"Count":n}. With Hyper-V running, VT-x and SLAT read False in CIM and are unknown (null), so the verdict is INCOMPLETE, not READY: confirm them with Coreinfo -v.',
    captures: [ps51('raw-ps51-compressed.json', false), ps7('raw-ps7-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'HV2019-VBS',
      startedAt: '2026-03-02T09:01:07.880Z',
      os: server2019Os,
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz', cores: 20, logical: 40, sockets: 2, ...intelXeonFw },
      manufacturer: 'HPE', model: 'ProLiant DL380 Gen10', hypervisorPresent: true,
      bios: { manufacturer: 'HPE', version: 'HPE    - 1', biosVersion: 'U30', releaseDate: '2023-09-21T00:00:00.000Z', assetTag: '', chassis: [23] },
      deviceGuard: { vbs: 2, configured: [1, 2], running: [1, 2], available: [1, 2, 3, 5, 7], ci: 2 },
      firmware: uefiTpm('IFX'),
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: { supported: SUPPORTED.server2019, defaultVersion: '9.0', switches: [externalSwitch], vms: [goodVm('nested-01', '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', '9.0', { vcpus: 8, memory: 16 * GiB })] },
      nat: [], admin: true, hvAdmin: true,
    }, edition, options),
  },
  {
    id: 'amd-server2019',
    title: 'AMD EPYC, Windows Server 2019: nested virtualization on AMD needs Server 2022 / Windows 11',
    expectedVerdict: 'not-ready',
    notes: 'Every VM setting is right, but the host is AMD on build 17763 (config versions up to 9.0); AMD L1s need config 9.3+, i.e. a Server 2022 (20348) or Windows 11 (22000) host.',
    captures: [ps51('raw-ps51-pretty.json', true)],
    model: (edition, options) => buildRaw({
      computerName: 'EPYC-2019',
      startedAt: '2026-03-03T14:22:10.004Z',
      os: { ...server2019Os, caption: 'Microsoft Windows Server 2019 Standard', productName: 'Windows Server 2019 Standard', edition: 'ServerStandard', memoryBytes: 256 * GiB },
      cpu: { manufacturer: 'AuthenticAMD', name: 'AMD EPYC 7502P 32-Core Processor', cores: 32, logical: 64, ...intelXeonFw },
      manufacturer: 'Supermicro', model: 'AS -1114S-WTRT', hypervisorPresent: true,
      bios: { manufacturer: 'American Megatrends Inc.', version: 'SMCI   - 1072009', biosVersion: '2.4a', releaseDate: '2022-07-14T00:00:00.000Z', assetTag: 'To be filled by O.E.M.', chassis: [17] },
      deviceGuard: noVbs,
      firmware: uefiTpm('AMD'),
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: { supported: SUPPORTED.server2019, defaultVersion: '9.0', switches: [externalSwitch], vms: [goodVm('amd-l1', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '9.0')] },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'amd-server2022-config-versions',
    title: 'AMD EPYC, Windows Server 2022: one L1 at config 9.0 (AMD needs 9.3+) and one at 10.0',
    expectedVerdict: 'not-ready',
    notes: 'Host is fine for AMD (build 20348, supports 9.3 and 10.0). "legacy-90" was created on an older host and kept config 9.0: Update-VMVersion (VM off, irreversible). "modern-100" is ready. Config versions compare as numbers: "10.0" > "9.3".',
    captures: [ps7('raw-ps7-pretty.json', true), ps51('raw-ps51-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'EPYC-2022',
      startedAt: '2026-03-04T07:45:59.120Z',
      os: server2022Os,
      cpu: { manufacturer: 'AuthenticAMD', name: 'AMD EPYC 7763 64-Core Processor', cores: 64, logical: 128, sockets: 2, ...intelXeonFw },
      manufacturer: 'Lenovo', model: 'ThinkSystem SR665', hypervisorPresent: true,
      bios: { manufacturer: 'Lenovo', version: 'LENOVO - 2160', biosVersion: 'D8E132C', releaseDate: '2024-01-18T00:00:00.000Z', assetTag: '', chassis: [23] },
      deviceGuard: noVbs,
      firmware: uefiTpm('NTC'),
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: {
        supported: SUPPORTED.server2022, defaultVersion: '10.0', switches: [externalSwitch],
        vms: [
          goodVm('legacy-90', '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4', '9.0', { created: '2021-06-01T10:00:00.000Z' }),
          goodVm('modern-100', 'a1b2c3d4-e5f6-4a1b-9c2d-3e4f5a6b7c8d', '10.0', { state: 'Running' }),
        ],
      },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'win11-amd-workstation',
    title: 'Windows 11 Pro 23H2 on an AMD Ryzen workstation, Hyper-V enabled, one L1 at config 11.0',
    expectedVerdict: 'incomplete',
    notes: 'Client Hyper-V: the feature state comes from Get-WindowsOptionalFeature. The registry ProductName still says "Windows 10 Pro" on Windows 11; the name comes from Win32_OperatingSystem.Caption and the build (22631) decides. Captured with pwsh 7 and with Windows PowerShell 5.1. With Hyper-V running, VT-x and SLAT read False in CIM and are unknown (null), so the verdict is INCOMPLETE, not READY: confirm them with Coreinfo -v.',
    captures: [ps7('raw-ps7-pretty.json', true), ps51('raw-ps51-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'RYZEN-WS',
      startedAt: '2026-03-05T18:03:41.007Z',
      os: { caption: 'Microsoft Windows 11 Pro', build: 22631, ubr: 3155, productName: 'Windows 10 Pro', edition: 'Professional', installationType: 'Client', displayVersion: '23H2', releaseId: '2009', productType: 1, memoryBytes: 64 * GiB },
      cpu: { manufacturer: 'AuthenticAMD', name: 'AMD Ryzen 9 7950X 16-Core Processor           ', cores: 16, logical: 32, vmx: false, slat: false, firmware: true },
      manufacturer: 'Micro-Star International Co., Ltd.', model: 'MS-7E12', hypervisorPresent: true,
      bios: { manufacturer: 'American Megatrends International, LLC.', version: 'ALASKA - 1072009', biosVersion: '1.D0', releaseDate: '2024-02-23T00:00:00.000Z', assetTag: 'Default string', chassis: [3] },
      deviceGuard: { vbs: 2, configured: [2], running: [2], available: [1, 2, 3, 5, 7], ci: 2 },
      firmware: uefiTpm('AMD'),
      feature: clientFeature, vmms: true, bcd: 'Auto',
      hyperv: {
        supported: SUPPORTED.win11_23h2, defaultVersion: '11.0', switches: [{ name: 'Default Switch', id: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', type: 'Internal' }, externalSwitch],
        vms: [goodVm('dev-nested', 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e', '11.0', { vcpus: 8, memory: 16 * GiB })],
      },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'win10-22h2-amd',
    title: 'Windows 10 Pro 22H2 on AMD Ryzen: AMD nesting is not supported on Windows 10 at any build',
    expectedVerdict: 'not-ready',
    notes: 'Build 19045 supports config versions up to 9.2; AMD L1s need 9.3+ (Windows 11 / Server 2022 hosts). Captured through nestready\'s own pipe (UTF-8, one line).',
    captures: [ps51('raw-ps51-utf8.json', false, 'utf8')],
    model: (edition, options) => buildRaw({
      computerName: 'DESKTOP-7Q4ZK2M',
      startedAt: '2026-03-05T20:11:02.250Z',
      os: { caption: 'Microsoft Windows 10 Pro', build: 19045, ubr: 3930, productName: 'Windows 10 Pro', edition: 'Professional', installationType: 'Client', displayVersion: '22H2', releaseId: '2009', productType: 1, memoryBytes: 32 * GiB },
      cpu: { manufacturer: 'AuthenticAMD', name: 'AMD Ryzen 7 5800X 8-Core Processor             ', cores: 8, logical: 16, vmx: false, slat: false, firmware: true },
      manufacturer: 'ASUS', model: 'System Product Name', hypervisorPresent: true,
      bios: { manufacturer: 'American Megatrends Inc.', version: 'ALASKA - 1072009', biosVersion: '4201', releaseDate: '2023-08-18T00:00:00.000Z', assetTag: 'Default string', chassis: [3] },
      deviceGuard: noVbs,
      firmware: uefiTpm('AMD'),
      feature: clientFeature, vmms: true, bcd: 'Auto',
      hyperv: { supported: SUPPORTED.win10_22h2, defaultVersion: '9.2', switches: [{ name: 'Default Switch', id: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', type: 'Internal' }], vms: [goodVm('win10-l1', 'c9d0e1f2-a3b4-4c5d-9e6f-7a8b9c0d1e2f', '9.2', { adapters: [{ name: 'Network Adapter', switchName: 'Default Switch', spoof: true }] })] },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'hypervisor-hides-cpu-fields',
    title: 'Windows 11 Enterprise laptop, Intel, VBS/HVCI and WSL2: Win32_Processor reads VT-x, SLAT and firmware as False',
    expectedVerdict: 'incomplete',
    notes: 'A hypervisor started by this Windows (hypervisorlaunchtype Auto, VBS running) hides the CPU capability fields: VMMonitorModeExtensions, SecondLevelAddressTranslationExtensions and even VirtualizationFirmwareEnabled read False. They are unknown (null), never "virtualization off in BIOS". Rules report them as unknown (INCOMPLETE) and say how to confirm them.',
    captures: [ps7('raw-ps7-compressed.json', false), ps51('raw-ps51-pretty.json', true)],
    model: (edition, options) => buildRaw({
      computerName: 'LT-4471',
      startedAt: '2026-03-06T11:30:00.000Z',
      os: { caption: 'Microsoft Windows 11 Enterprise', build: 22631, ubr: 4037, productName: 'Windows 10 Enterprise', edition: 'Enterprise', installationType: 'Client', displayVersion: '23H2', releaseId: '2009', productType: 1, memoryBytes: 32 * GiB },
      cpu: { manufacturer: 'GenuineIntel', name: '11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz', cores: 4, logical: 8, vmx: false, slat: false, firmware: false },
      manufacturer: 'LENOVO', model: '20XWCTO1WW', hypervisorPresent: true,
      bios: { manufacturer: 'LENOVO', version: 'LENOVO - 1560', biosVersion: 'N32ET89W (1.65 )', releaseDate: '2024-04-02T00:00:00.000Z', assetTag: 'No Asset Information', chassis: [10] },
      deviceGuard: { vbs: 2, configured: [2], running: [2], available: [1, 2, 3, 5, 7], ci: 2 },
      firmware: uefiTpm('INTC'),
      feature: clientFeature, vmms: true, bcd: 'Auto',
      hyperv: { supported: SUPPORTED.win11_23h2, defaultVersion: '11.0', switches: [{ name: 'Default Switch', id: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', type: 'Internal' }, externalSwitch], vms: [goodVm('wsl-lab', 'd0e1f2a3-b4c5-4d6e-8f7a-8b9c0d1e2f3a', '11.0', { state: 'Running' })] },
      nat: [{ name: 'WSLNat', prefix: '172.26.128.0/20' }], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'vm-misconfigurations',
    title: 'Intel Server 2022 host, one VM per nesting mistake: dynamic memory, 1 vCPU, 2 GB, Saved state, MAC spoofing off without NAT, extensions off, a VM deleted mid-scan',
    expectedVerdict: 'not-ready',
    notes: '"all-good" passes. "tmp-build-07" disappeared while the scan ran: Get-VM listed it, the per-VM cmdlets failed, so its processor/memory/adapter facts are unknown and windows.vms is partial. ',
    captures: [ps51('raw-ps51-pretty.json', true), ps7('raw-ps7-pretty.json', true)],
    model: (edition, options) => misconfiguredHost(edition, options),
  },
  {
    id: 'vm-option-missing-name',
    title: 'The misconfigured lab host again, collected with -VMName "all-good","no-such-vm" (nestready scan --vm …)',
    expectedVerdict: 'incomplete',
    notes: 'Only the named VMs are collected; the name that does not exist comes back as {"RequestedName":…,"Missing":true}, windows.vms is partial and nestready says which name was not found. "all-good" passes; the host CPU fields are hidden by Hyper-V (INCOMPLETE).',
    captures: [{ ...ps51('raw-ps51-vm-option.json', false), vmNames: ['all-good', 'no-such-vm'] }],
    model: (edition, options) => misconfiguredHost(edition, options),
  },
  {
    id: 'hostile-vm-names',
    title: 'VM names with quotes (\' ’ ‘), spaces, $, backticks, brackets and non-ASCII, all ready for nesting',
    expectedVerdict: 'incomplete',
    notes: 'Every VM is set up right; the host CPU fields are hidden by Hyper-V (INCOMPLETE). Names must come through byte-exact: 5.1 escapes \' & < > as \\u0027 \\u0026 \\u003c \\u003e, 7 does not; both decode to the same string. Nothing may trim, re-encode or interpret $, ` or [ ].',
    captures: [ps51('raw-ps51-pretty.json', true), ps7('raw-ps7-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'HV-NAMES',
      startedAt: '2026-03-08T16:40:27.999Z',
      os: server2022Os,
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', cores: 32, logical: 64, sockets: 2, ...intelXeonFw },
      manufacturer: 'Dell Inc.', model: 'PowerEdge R750', hypervisorPresent: true,
      bios: dellBios('1.12.1', '2024-01-05T00:00:00.000Z'),
      deviceGuard: noVbs,
      firmware: uefiTpm('NTC'),
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: {
        supported: SUPPORTED.server2022, defaultVersion: '10.0',
        switches: [{ ...externalSwitch, name: 'LAN ‘uplink’ & <core>' }],
        vms: HOSTILE_NAMES.map((name, index) => goodVm(name, `0000000${index}-1111-4222-8333-44445555666${index}`, '10.0', {
          adapters: [{ name: `NIC ’${index}’`, switchName: 'LAN ‘uplink’ & <core>', spoof: true }],
        })),
      },
      nat: [], admin: false, hvAdmin: true,
    }, edition, options),
  },
  {
    id: 'non-elevated',
    title: 'Windows Server 2022 with Hyper-V, collector run by a user who is neither Administrator nor in "Hyper-V Administrators"',
    expectedVerdict: 'incomplete',
    notes: 'CPU, OS and memory still arrive; Device Guard, TPM, Secure Boot, the feature state and bcdedit are denied; Get-VM lists nothing without an error, which nestready must not read as "no VMs": vms is null (unknown).',
    captures: [ps7('raw-ps7-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'HV-APP-07',
      startedAt: '2026-03-09T13:13:13.131Z',
      os: { ...server2022Os, caption: 'Microsoft Windows Server 2022 Standard', productName: 'Windows Server 2022 Standard', edition: 'ServerStandard' },
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Silver 4310 CPU @ 2.10GHz', cores: 12, logical: 24, ...intelXeonFw },
      manufacturer: 'Dell Inc.', model: 'PowerEdge R450', hypervisorPresent: true,
      bios: dellBios('1.10.2', '2023-11-20T00:00:00.000Z'),
      deviceGuard: 'denied',
      firmware: { type: 'UEFI', secureBoot: null, secureBootError: 'Access was denied. To run this cmdlet, start Windows PowerShell with the "Run as administrator" option.', tpm: null, tpmError: 'Access denied ' },
      feature: { error: 'The requested operation requires elevation.', errorId: 'Microsoft.Windows.ServerManager.Commands.GetWindowsFeatureCommand' },
      vmms: true,
      bcd: { error: 'bcdedit exited with code 1: The boot configuration data store could not be opened. Access is denied.' },
      hyperv: { denied: "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV-APP-07'." },
      nat: [], admin: false, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'no-hyperv-role',
    title: 'Intel Windows Server 2022 without the Hyper-V role: no hypervisor, so the CPU fields are trustworthy',
    expectedVerdict: 'not-ready',
    notes: 'With no hypervisor running (HypervisorPresent False) Win32_Processor reports VT-x, EPT and firmware state directly: all True. The Hyper-V module is absent, so the Hyper-V sections are skipped and vms is an empty list (no role, no Hyper-V VMs). bcdedit has no hypervisorlaunchtype line (reported as Off).',
    captures: [ps51('raw-ps51-pretty.json', true)],
    model: (edition, options) => buildRaw({
      computerName: 'SRV-FILE-02',
      startedAt: '2026-03-10T06:59:59.500Z',
      os: { ...server2022Os, caption: 'Microsoft Windows Server 2022 Standard', productName: 'Windows Server 2022 Standard', edition: 'ServerStandard', memoryBytes: 128 * GiB },
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) E-2388G CPU @ 3.20GHz', cores: 8, logical: 16, vmx: true, slat: true, firmware: true },
      manufacturer: 'Dell Inc.', model: 'PowerEdge R350', hypervisorPresent: false,
      bios: dellBios('1.8.0', '2023-10-12T00:00:00.000Z'),
      deviceGuard: { vbs: 0, configured: [0], running: [0], available: [1, 2, 3, 5, 7], ci: 0 },
      firmware: uefiTpm('NTC'),
      feature: { source: 'Get-WindowsFeature', installed: false, state: 'Available' },
      vmms: false, bcd: null,
      hyperv: 'no-module',
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'l1-guest-hyperv',
    title: 'Inside an L1 VM on on-premises Hyper-V: the outer host does not expose virtualization extensions',
    expectedVerdict: 'not-ready',
    notes: 'Guest view: Hyper-V DMI ("Microsoft Corporation" / "Virtual Machine") and the data exchange key name the L0 host and this VM\'s name there. No Hyper-V role and no hypervisorlaunchtype in this guest, so the hypervisor present is the outer one and Win32_Processor shows what it passes through: VT-x False is a real "not exposed" (fix on L0: Set-VMProcessor -VMName "lab-l1 (Ana’s)" -ExposeVirtualizationExtensions $true).',
    captures: [ps51('raw-ps51-pretty.json', true)],
    model: (edition, options) => buildRaw({
      computerName: 'LAB-L1',
      startedAt: '2026-03-11T12:00:01.001Z',
      os: { ...server2022Os, memoryBytes: 8 * GiB },
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', cores: 4, logical: 4, vmx: false, slat: false, firmware: false },
      manufacturer: 'Microsoft Corporation', model: 'Virtual Machine', hypervisorPresent: true,
      bios: { manufacturer: 'Microsoft Corporation', version: 'VRTUAL - 12001807', biosVersion: 'Hyper-V UEFI Release v4.1', releaseDate: '2023-06-09T00:00:00.000Z', assetTag: '4821-0553-2719-3347-9910-5542-28', chassis: [3] },
      kvp: { hostName: 'HV2022-LAB.corp.example', physicalHostName: 'HV2022-LAB', vmName: 'lab-l1 (Ana’s)', vmId: '5E0C4B0A-2F4D-4E7B-9A61-3C2B1D0E9F8A' },
      deviceGuard: { vbs: 0, configured: [0], running: [0], available: [1, 2, 3, 5, 7], ci: 0 },
      firmware: { type: 'UEFI', secureBoot: true, tpm: false },
      feature: { source: 'Get-WindowsFeature', installed: false, state: 'Available' },
      vmms: false, bcd: null,
      hyperv: 'no-module',
      nat: [], admin: true, hvAdmin: false,
    }, edition, options),
  },
  {
    id: 'l1-guest-azure-nat',
    title: 'Inside an Azure VM (L1) running Hyper-V for its L2 guests with NAT instead of MAC spoofing',
    expectedVerdict: 'incomplete',
    notes: 'Azure DMI plus the Azure chassis asset tag. Hyper-V runs inside this L1 (launchtype Auto), so its own hypervisor hides the CPU fields (unknown); the running L2 VM proves the extensions reach it. L2 traffic goes through an internal switch and New-NetNat (the only option in a cloud), so MAC spoofing stays off. VM size is not in DMI and the metadata service is never called: vmSize null. UEFI with a vTPM means Trusted Launch or Confidential VM: securityType null. Size, security type and the hidden CPU fields leave the verdict INCOMPLETE.',
    captures: [ps7('raw-ps7-compressed.json', false), ps51('raw-ps51-compressed.json', false)],
    model: (edition, options) => buildRaw({
      computerName: 'AZ-NEST-01',
      startedAt: '2026-03-12T22:10:45.350Z',
      os: { ...server2022Os, caption: 'Microsoft Windows Server 2022 Datacenter: Azure Edition', productName: 'Windows Server 2022 Datacenter: Azure Edition', edition: 'ServerTurbine', ubr: 2322, memoryBytes: 32 * GiB },
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz', cores: 4, logical: 8, vmx: false, slat: false, firmware: false },
      manufacturer: 'Microsoft Corporation', model: 'Virtual Machine', hypervisorPresent: true,
      bios: { manufacturer: 'Microsoft Corporation', version: 'VRTUAL - 12001807', biosVersion: 'Hyper-V UEFI Release v4.1', releaseDate: '2023-06-09T00:00:00.000Z', assetTag: '7783-7084-3265-9085-8269-3286-77', chassis: [3] },
      kvp: { hostName: 'MWH0201-A12', physicalHostName: 'MWH0201-A12', vmName: '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910', vmId: '7F6E5D4C-3B2A-4190-8F7E-6D5C4B3A2910' },
      deviceGuard: noVbs,
      firmware: { type: 'UEFI', secureBoot: true, tpm: true, tpmManufacturer: 'MSFT' },
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: {
        supported: SUPPORTED.server2022, defaultVersion: '10.0', switches: [internalNatSwitch],
        vms: [goodVm('l2-containers', '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', '10.0', { state: 'Running', vcpus: 2, memory: 4 * GiB, adapters: [{ name: 'Network Adapter', switchName: internalNatSwitch.name, spoof: false }] })],
      },
      nat: [{ name: 'NestedNAT', prefix: '192.168.100.0/24' }], admin: true, hvAdmin: false,
    }, edition, options),
  },
];

// Hostile but legal VM names (Hyper-V rejects none of these characters).
export const HOSTILE_NAMES = [
  "O'Brien lab",
  'Dev ’smart’ quote',
  '‘left’ quote',
  'cost $env:PATH $(Stop-Computer)',
  'tick`n`$x',
  'Ünïcödé-虚拟机 🚀',
  '  two spaces around  ',
  '[brackets]*?',
  'semi;colon|pipe&amp <b>',
];

// The lab host of vm-misconfigurations, shared with vm-option-missing-name.
function misconfiguredHost(edition: Edition, options: { wincompat?: boolean; vmNames?: string[] }): Obj {
  return buildRaw({
      computerName: 'HV2022-LAB',
      startedAt: '2026-03-07T10:05:12.733Z',
      os: server2022Os,
      cpu: { manufacturer: 'GenuineIntel', name: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz', cores: 16, logical: 32, sockets: 2, ...intelXeonFw },
      manufacturer: 'Dell Inc.', model: 'PowerEdge R650', hypervisorPresent: true,
      bios: dellBios('1.13.2', '2024-03-01T00:00:00.000Z'),
      deviceGuard: noVbs,
      firmware: uefiTpm('NTC'),
      feature: serverFeature, vmms: true, bcd: 'Auto',
      hyperv: {
        supported: SUPPORTED.server2022, defaultVersion: '10.0', switches: [externalSwitch, privateSwitch],
        vms: [
          goodVm('all-good', 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', '10.0'),
          goodVm('dynamic-memory', 'f2a3b4c5-d6e7-4f8a-9b0c-1d2e3f4a5b6c', '10.0', { dynamic: true }),
          goodVm('single-vcpu', 'a3b4c5d6-e7f8-4a9b-8c1d-2e3f4a5b6c7d', '10.0', { vcpus: 1 }),
          goodVm('two-gb', 'b4c5d6e7-f8a9-4b0c-9d2e-3f4a5b6c7d8e', '10.0', { memory: 2 * GiB }),
          goodVm('saved-state', 'c5d6e7f8-a9b0-4c1d-8e3f-4a5b6c7d8e9f', '10.0', { state: 'Saved' }),
          goodVm('no-spoofing-no-nat', 'd6e7f8a9-b0c1-4d2e-9f4a-5b6c7d8e9f0a', '10.0', { adapters: [{ name: 'Network Adapter', switchName: externalSwitch.name, spoof: false }, { name: 'Lab NIC', switchName: privateSwitch.name, spoof: false }] }),
          goodVm('extensions-off', 'e7f8a9b0-c1d2-4e3f-8a5b-6c7d8e9f0a1b', '10.0', { expose: false, generation: 1 }),
          goodVm('tmp-build-07', 'f8a9b0c1-d2e3-4f4a-9b6c-7d8e9f0a1b2c', '10.0', {
            state: 'Running',
            errors: ['Get-VMProcessor', 'Get-VMMemory', 'Get-VMNetworkAdapter'].map((cmdlet) => `${cmdlet}: Hyper-V was unable to find a virtual machine with name "tmp-build-07".`),
          }),
        ],
      },
      nat: [], admin: true, hvAdmin: false,
    }, edition, options);
}

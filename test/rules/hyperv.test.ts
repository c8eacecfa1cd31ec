// Rule tables for the Hyper-V pack: host (HVH), VM (HVV) and guest-view (HVG) rules.
import { facts } from '../support/facts-builder.js';
import { amdHost, amdWindows10, azureGuest, GiB, nestedVm, windowsGuest, windowsHost } from '../support/hyperv-facts.js';
import { ruleTable } from '../support/rule-table.js';

const P = 'hyperv@1';
const VM = 'vm:lab-l1';
const healthy = windowsHost();
const hostWith = (patch: Parameters<typeof facts>[0]) => facts(patch, healthy);
const vmWith = (patch: Parameters<typeof nestedVm>[0]) => windowsHost([nestedVm(patch)]);
const amdVm = (patch: Parameters<typeof nestedVm>[0]) => amdHost([nestedVm(patch)]);
// A physical host whose own hypervisor runs: Windows hides the CPU features (systeminfo: "A hypervisor has been detected").
const hypervisorHides = (field: 'virtualizationExtensions' | 'slat' | 'firmwareEnabled' | 'nx') =>
  hostWith({ host: { cpu: { [field]: false }, hyperv: { hypervisorPresent: true } } });
const noHypervisor = (patch: Parameters<typeof facts>[0]) => facts(patch, hostWith({ host: { hyperv: { hypervisorPresent: false, roleInstalled: false } } }));
const guest = windowsGuest();

// ---------------------------------------------------------------- host (L0)

ruleTable(P, 'HVH-001', {
  pass: [
    { name: 'Intel', facts: healthy },
    { name: 'AMD', facts: amdHost() },
  ],
  fail: [{ name: 'Arm64', facts: hostWith({ host: { cpu: { vendor: 'other', vendorId: 'Qualcomm Technologies Inc', model: 'Snapdragon X Elite' } } }), message: /neither Intel nor AMD/ }],
  unknown: [{ name: 'vendor unreadable', facts: hostWith({ host: { cpu: { vendor: null } } }) }],
  'not-applicable': [{ name: 'inside a VM (HVG rules)', facts: guest }],
});

ruleTable(P, 'HVH-002', {
  pass: [{ name: 'VT-x reported', facts: healthy }],
  fail: [
    {
      name: 'no VT-x, no hypervisor running (firmware off or CPU without it)',
      facts: noHypervisor({ host: { cpu: { virtualizationExtensions: false, firmwareEnabled: false } } }),
      message: /reports no VT-x \/ AMD-V while no hypervisor is running/,
      command: /VirtualizationFirmwareEnabled/,
    },
  ],
  unknown: [
    { name: 'False while a hypervisor runs (hidden, not BIOS off)', facts: hypervisorHides('virtualizationExtensions'), message: /A hypervisor is running here .* proves nothing/s },
    { name: 'hidden and reported as null by the collector', facts: hostWith({ host: { cpu: { virtualizationExtensions: null } } }) },
    { name: 'False, and whether a hypervisor runs is unknown', facts: hostWith({ host: { cpu: { virtualizationExtensions: false }, hyperv: { hypervisorPresent: null } } }) },
    { name: 'False, no Hyper-V facts at all', facts: hostWith({ host: { cpu: { virtualizationExtensions: false }, hyperv: null } }) },
  ],
  'not-applicable': [{ name: 'inside a VM', facts: guest }],
});

ruleTable(P, 'HVH-003', {
  pass: [{ name: 'SLAT reported', facts: healthy }],
  fail: [{ name: 'no SLAT, no hypervisor running', facts: noHypervisor({ host: { cpu: { slat: false } } }), message: /no second-level address translation/, command: /coreinfo64 -v/ }],
  unknown: [
    { name: 'False while a hypervisor runs', facts: hypervisorHides('slat'), message: /Hyper-V could not run at all without\s+SLAT/ },
    { name: 'blank (systeminfo hypervisor detected)', facts: hostWith({ host: { cpu: { slat: null } } }) },
  ],
  'not-applicable': [{ name: 'inside a VM', facts: guest }],
});

ruleTable(P, 'HVH-004', {
  pass: [{ name: 'enabled in firmware', facts: healthy }],
  fail: [{ name: 'BIOS off, no hypervisor running', facts: noHypervisor({ host: { cpu: { firmwareEnabled: false } } }), message: /disabled in the firmware/ }],
  unknown: [
    { name: 'False while a hypervisor runs: never "BIOS off"', facts: hypervisorHides('firmwareEnabled'), message: /this is not "BIOS off"/ },
    { name: 'blank', facts: hostWith({ host: { cpu: { firmwareEnabled: null } } }) },
  ],
  'not-applicable': [{ name: 'inside a VM', facts: guest }],
});

ruleTable(P, 'HVH-005', {
  pass: [
    { name: 'DEP available', facts: healthy },
    { name: 'inside a VM too', facts: guest },
  ],
  fail: [{ name: 'DEP off, no hypervisor', facts: noHypervisor({ host: { cpu: { nx: false } } }), message: /Hardware DEP is not available/, command: /DataExecutionPrevention_Available/ }],
  unknown: [
    { name: 'False while a hypervisor runs', facts: hypervisorHides('nx'), message: /Win32_OperatingSystem/ },
    { name: 'unreadable', facts: hostWith({ host: { cpu: { nx: null } } }) },
  ],
});

ruleTable(P, 'HVH-006', {
  pass: [
    { name: 'Server 2022 on Intel', facts: healthy },
    { name: 'exactly 14393 (Server 2016 / 1607)', facts: hostWith({ host: { os: { build: 14393, name: 'Microsoft Windows Server 2016 Datacenter' } } }) },
  ],
  fail: [
    { name: 'Windows 10 1511 (10586)', facts: hostWith({ host: { os: { build: 10586, name: 'Microsoft Windows 10 Pro' } } }), message: /build 10586 .* needs Windows Server 2016 or Windows 10 1607 \(build 14393\)/ },
    // Microsoft's old script compared strings: "9600" > "10565" as text. Integers here.
    { name: 'Windows Server 2012 R2 (9600): compared as a number, not a string', facts: hostWith({ host: { os: { build: 9600, name: 'Microsoft Windows Server 2012 R2 Standard' } } }) },
  ],
  unknown: [{ name: 'build unreadable', facts: hostWith({ host: { os: { build: null } } }) }],
  'not-applicable': [
    { name: 'AMD host (HVH-007)', facts: amdHost() },
    { name: 'inside a VM', facts: guest },
  ],
});

ruleTable(P, 'HVH-007', {
  pass: [
    { name: 'Server 2022 (20348) on AMD', facts: amdHost() },
    { name: 'Windows 11 23H2 (22631) on AMD', facts: facts({ host: { os: { build: 22631, name: 'Microsoft Windows 11 Pro', productType: 'workstation', edition: 'Professional' } } }, amdHost()) },
  ],
  fail: [
    {
      name: 'Windows 10 22H2 on AMD: not supported at any build',
      facts: amdWindows10(),
      message: /AMD host runs build 19045 .*Windows 10 22H2.*needs Windows Server 2022 \(build 20348\) or Windows 11 \(build 22000\).*Windows 10 does not support it on AMD at any build/s,
      command: /Get-VMHostSupportedVersion/,
    },
    { name: 'Server 2019 (17763) on AMD', facts: facts({ host: { os: { build: 17763, name: 'Microsoft Windows Server 2019 Datacenter' } } }, amdHost()) },
  ],
  unknown: [{ name: 'build unreadable', facts: facts({ host: { os: { build: null } } }, amdHost()) }],
  'not-applicable': [{ name: 'Intel host', facts: healthy }],
});

ruleTable(P, 'HVH-008', {
  pass: [
    { name: 'Server Datacenter', facts: healthy },
    { name: 'Windows 11 Pro', facts: hostWith({ host: { os: { edition: 'Professional', name: 'Microsoft Windows 11 Pro' } } }) },
  ],
  fail: [
    { name: 'Windows 11 Home (Core)', facts: hostWith({ host: { os: { edition: 'Core', name: 'Microsoft Windows 11 Home', productType: 'workstation' } } }), message: /Home edition \(Core\)/, command: /ms-settings:activation/ },
    { name: 'Windows 10 Home Single Language', facts: hostWith({ host: { os: { edition: 'CoreSingleLanguage', name: 'Microsoft Windows 10 Home Single Language' } } }) },
  ],
  unknown: [{ name: 'edition unknown', facts: hostWith({ host: { os: { edition: null } } }) }],
});

ruleTable(P, 'HVH-009', {
  pass: [
    { name: '256 GiB', facts: healthy },
    { name: '4 GB installed, 3.8 GiB visible', facts: hostWith({ host: { memory: { totalBytes: Math.round(3.8 * GiB) } } }) },
  ],
  fail: [{ name: '2 GiB', facts: hostWith({ host: { memory: { totalBytes: 2 * GiB } } }), message: /Only 2 GiB of memory/ }],
  unknown: [{ name: 'memory unknown', facts: hostWith({ host: { memory: { totalBytes: null } } }) }],
});

ruleTable(P, 'HVH-010', {
  pass: [{ name: 'role installed', facts: healthy }],
  fail: [{ name: 'role missing', facts: hostWith({ host: { hyperv: { roleInstalled: false } } }), message: /not installed on HV-LAB-01/, command: /Install-WindowsFeature -Name Hyper-V.*\n.*Enable-WindowsOptionalFeature/ }],
  unknown: [
    { name: 'role state unknown', facts: hostWith({ host: { hyperv: { roleInstalled: null } } }) },
    { name: 'no Hyper-V facts (e.g. a Coreinfo import)', facts: hostWith({ host: { hyperv: null } }), message: /systeminfo and Coreinfo do not show it/ },
  ],
});

ruleTable(P, 'HVH-011', {
  pass: [
    {
      name: 'VBS and Credential Guard running on Server 2022: not a blocker',
      facts: hostWith({ host: { hyperv: { vbsStatus: 'running', securityServicesRunning: ['CredentialGuard', 'HypervisorEnforcedCodeIntegrity'] } } }),
      message: /does not block\s+nested virtualization on build 20348/,
    },
  ],
  fail: [{ name: 'VBS on a pre-release build', facts: hostWith({ host: { os: { build: 14300 }, hyperv: { vbsStatus: 'running' } } }), message: /older than 14393/ }],
  unknown: [
    { name: 'VBS running, build unknown', facts: hostWith({ host: { os: { build: null }, hyperv: { vbsStatus: 'running' } } }) },
    { name: 'VBS state unknown', facts: hostWith({ host: { hyperv: { vbsStatus: null } } }) },
  ],
  'not-applicable': [{ name: 'VBS off', facts: healthy }],
});

// ---------------------------------------------------------------- VMs (L1, checked on L0)

ruleTable(P, 'HVV-001', {
  pass: [
    { name: 'Intel, 8.0', facts: vmWith({ configVersion: '8.0' }), target: VM },
    { name: 'config 9.0 on Intel passes', facts: vmWith({ configVersion: '9.0' }), target: VM },
    { name: 'AMD, 10.0', facts: amdVm({ configVersion: '10.0' }), target: VM },
    // Revision 2: Microsoft corrected its AMD text in July 2023 from 10.0 to 9.3.
    { name: 'config 9.3 on AMD passes since revision 2', facts: amdVm({ configVersion: '9.3' }), target: VM },
  ],
  fail: [
    { name: 'Intel, 7.1', facts: vmWith({ configVersion: '7.1' }), target: VM, message: /configuration version 7\.1/, command: /Stop-VM -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\)\nUpdate-VMVersion -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\)\nStart-VM/ },
    { name: 'config 9.0 on AMD fails', facts: amdVm({ configVersion: '9.0' }), target: VM, message: /at configuration version 9\.0, too old to nest on this AMD host \(nesting needs 8\.0 or later on Intel, 9\.3 or later on AMD\)/ },
    { name: 'config 9.2 on AMD (Windows 10 hosts stop there)', facts: amdVm({ configVersion: '9.2' }), target: VM },
  ],
  unknown: [
    { name: 'version unreadable', facts: vmWith({ configVersion: null }), target: VM },
    { name: 'version not a number', facts: vmWith({ configVersion: 'ten' }), target: VM },
    { name: 'vendor unknown', facts: facts({ host: { cpu: { vendor: null } } }, healthy), target: VM, message: /Cannot tell whether this applies: host\.cpu\.vendor/ },
  ],
  'not-applicable': [{ name: 'Arm64 host', facts: facts({ host: { cpu: { vendor: 'other' } } }, healthy), target: VM }],
});

ruleTable(P, 'HVV-002', {
  pass: [{ name: 'exposed', facts: healthy, target: VM }],
  fail: [
    {
      name: 'not exposed: stop before Set-VMProcessor',
      facts: vmWith({ exposeVirtualizationExtensions: false, state: 'Running' }),
      target: VM,
      message: /does not expose virtualization extensions/,
      command: /^Stop-VM -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\)\nSet-VMProcessor -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\) -ExposeVirtualizationExtensions \$true\nStart-VM -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\)$/,
    },
  ],
  unknown: [{ name: 'Get-VMProcessor failed', facts: vmWith({ exposeVirtualizationExtensions: null }), target: VM }],
});

ruleTable(P, 'HVV-003', {
  pass: [{ name: 'fixed memory', facts: healthy, target: VM }],
  fail: [{ name: 'dynamic memory on', facts: vmWith({ dynamicMemory: true }), target: VM, message: /dynamic memory on/, command: /Set-VMMemory -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\) -DynamicMemoryEnabled \$false/ }],
  unknown: [{ name: 'Get-VMMemory denied', facts: vmWith({ dynamicMemory: null }), target: VM }],
});

ruleTable(P, 'HVV-004', {
  pass: [
    { name: '4 vCPUs', facts: healthy, target: VM },
    { name: 'exactly 2', facts: vmWith({ vcpus: 2 }), target: VM },
  ],
  fail: [{ name: '1 vCPU', facts: vmWith({ vcpus: 1 }), target: VM, message: /1 virtual processor/, command: /Set-VMProcessor -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\) -Count 2/ }],
  unknown: [{ name: 'count unknown', facts: vmWith({ vcpus: null }), target: VM }],
});

ruleTable(P, 'HVV-005', {
  pass: [
    { name: '8 GiB', facts: healthy, target: VM },
    { name: 'exactly 4 GiB', facts: vmWith({ memoryStartupBytes: 4 * GiB }), target: VM },
  ],
  fail: [{ name: '2 GiB', facts: vmWith({ memoryStartupBytes: 2 * GiB }), target: VM, message: /starts with 2 GiB/, command: /-StartupBytes 4GB/ }],
  unknown: [{ name: 'unknown', facts: vmWith({ memoryStartupBytes: null }), target: VM }],
});

const noSpoofing = [{ name: 'Network Adapter', switchName: 'External', switchType: 'external' as const, macAddressSpoofing: false }];
ruleTable(P, 'HVV-006', {
  pass: [
    { name: 'MAC spoofing on', facts: healthy, target: VM },
    { name: 'one of two adapters has spoofing', facts: vmWith({ adapters: [...noSpoofing, { name: 'Nested', switchName: 'Lab', switchType: 'internal', macAddressSpoofing: true }] }), target: VM },
  ],
  fail: [
    { name: 'no spoofing, and the guest reports no NAT', facts: vmWith({ adapters: noSpoofing, natInGuest: false }), target: VM, message: /cannot reach the network/, command: /Get-VMNetworkAdapter -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\) \| Set-VMNetworkAdapter -MacAddressSpoofing On/ },
    { name: 'no network adapter at all', facts: vmWith({ adapters: [] }), target: VM },
  ],
  unknown: [
    {
      name: 'no spoofing, NAT inside the guest cannot be seen from the host',
      facts: vmWith({ adapters: noSpoofing }),
      target: VM,
      message: /which cannot be seen from the host/,
    },
    {
      name: 'host NAT on an internal switch does not count for the L2 guests',
      facts: facts({ host: { hyperv: { natNetworks: [{ name: 'HostNAT', internalPrefix: '192.168.50.0/24' }] } } }, vmWith({ adapters: [{ name: 'nic', switchName: 'NATSwitch', switchType: 'internal', macAddressSpoofing: false }] })),
      target: VM,
    },
    { name: 'spoofing unreadable', facts: vmWith({ adapters: [{ name: 'nic', switchName: 'External', switchType: 'external', macAddressSpoofing: null }], natInGuest: false }), target: VM },
    { name: 'adapters unreadable', facts: vmWith({ adapters: null }), target: VM },
  ],
  'not-applicable': [{ name: 'NAT inside the guest (reported from inside)', facts: vmWith({ adapters: noSpoofing, natInGuest: true }), target: VM }],
});

ruleTable(P, 'HVV-007', {
  pass: [
    { name: 'Off', facts: healthy, target: VM },
    { name: 'Running (Stop-VM works)', facts: vmWith({ state: 'Running' }), target: VM },
  ],
  fail: [{ name: 'Saved', facts: vmWith({ state: 'Saved', exposeVirtualizationExtensions: false }), target: VM, message: /saved state/, command: /Remove-VMSavedState -VM \(Get-VM (?:-Id '[0-9a-f-]+'|\| Where-Object Name -CEQ 'lab-l1')\)/ }],
  unknown: [{ name: 'state unknown', facts: vmWith({ state: null }), target: VM }],
});

// Informational notes that show whenever they apply (requires: not {}): fail = "shown", no pass case.
ruleTable(P, 'HVV-008', {
  fail: [{ name: 'VM set up for nesting', facts: healthy, target: VM, message: /memory cannot be resized at run time.*live migration.*checkpoints/s }],
  unknown: [{ name: 'expose unknown', facts: vmWith({ exposeVirtualizationExtensions: null }), target: VM }],
  'not-applicable': [{ name: 'ordinary VM', facts: vmWith({ exposeVirtualizationExtensions: false }), target: VM }],
});

ruleTable(P, 'HVV-009', {
  fail: [{ name: 'VM set up for nesting', facts: healthy, target: VM, message: /VMware Workstation, VirtualBox or ESXi inside a Hyper-V VM are\s+unsupported/ }],
  unknown: [{ name: 'expose unknown', facts: vmWith({ exposeVirtualizationExtensions: null }), target: VM }],
  'not-applicable': [{ name: 'ordinary VM', facts: vmWith({ exposeVirtualizationExtensions: false }), target: VM }],
});

ruleTable(P, 'HVV-010', {
  pass: [
    { name: '4 vCPUs', facts: healthy, target: VM },
    { name: 'exactly 225', facts: vmWith({ vcpus: 225 }), target: VM },
  ],
  fail: [{ name: '240 vCPUs', facts: vmWith({ vcpus: 240 }), target: VM, message: /240 virtual processors: if it runs Windows Server 2019 or older/ }],
  unknown: [{ name: 'count unknown', facts: vmWith({ vcpus: null }), target: VM }],
});

// ---------------------------------------------------------------- inside a VM (L1 guest view)

ruleTable(P, 'HVG-001', {
  pass: [{ name: 'VT-x reaches the VM', facts: guest }],
  fail: [
    {
      name: 'not exposed by the host: the fix names the VM as the host knows it',
      facts: facts({ host: { cpu: { virtualizationExtensions: false } } }, guest),
      message: /does not see VT-x \/ AMD-V.*on the Hyper-V host\s+\(HV-LAB-01\.contoso\.test\) for VM lab 'l1' \(name from\s+Hyper-V data exchange/s,
      command: /Set-VMProcessor -VM \(Get-VM \| Where-Object Name -CEQ 'lab ''l1'''\) -ExposeVirtualizationExtensions \$true/,
    },
    {
      name: 'no KVP name: falls back to the computer name and says so',
      facts: facts({ host: { cpu: { virtualizationExtensions: false }, guest: { outerVmName: null } } }, guest),
      message: /VM L1-GUEST \(name from\s+this computer's name; the VM may be named differently/,
      command: /Get-VMProcessor -VM \(Get-VM \| Where-Object Name -CEQ 'L1-GUEST'\)/,
    },
  ],
  unknown: [
    { name: 'False, but the Hyper-V role runs in this VM (hides it)', facts: facts({ host: { cpu: { virtualizationExtensions: false }, hyperv: { roleInstalled: true } } }, guest), message: /Get-VMProcessor -VM \(Get-VM \| Where-Object Name -CEQ 'lab ''l1'''\)/ },
    { name: 'False, VBS running in this VM', facts: facts({ host: { cpu: { virtualizationExtensions: false }, hyperv: { vbsStatus: 'running' } } }, guest) },
    { name: 'systeminfo inside a VM: hypervisor detected, fields blank', facts: facts({ host: { cpu: { virtualizationExtensions: null } } }, guest) },
  ],
  'not-applicable': [{ name: 'physical host', facts: healthy }],
});

ruleTable(P, 'HVG-002', {
  pass: [{ name: 'Server 2022 guest', facts: guest }],
  fail: [{ name: 'Server 2012 R2 guest', facts: facts({ host: { os: { build: 9600, name: 'Microsoft Windows Server 2012 R2 Standard' } } }, guest), message: /build 9600/ }],
  unknown: [{ name: 'build unknown', facts: facts({ host: { os: { build: null } } }, guest) }],
  'not-applicable': [{ name: 'physical host', facts: healthy }],
});

ruleTable(P, 'HVG-003', {
  pass: [
    { name: 'Standard_D4s_v5', facts: azureGuest('Standard_D4s_v5') },
    { name: 'Standard_E8ds_v4', facts: azureGuest('Standard_E8ds_v4') },
    { name: 'constrained vCPU Standard_E4-2s_v3', facts: azureGuest('Standard_E4-2s_v3') },
  ],
  fail: [{ name: 'B-series', facts: azureGuest('Standard_B2ms'), message: /B-series/, command: /az vm resize/ }],
  unknown: [
    { name: 'a series nestready does not know', facts: azureGuest('Standard_F4s_v2'), message: /not in a series nestready knows/ },
    { name: 'Arm64 Dpsv5 is not in the known list', facts: azureGuest('Standard_D4ps_v5') },
    { name: 'size unknown (no instance metadata)', facts: azureGuest(null) },
    { name: 'a VM whose cloud is unknown', facts: guest, message: /Cannot tell whether this applies: host\.guest\.cloud/ },
  ],
  'not-applicable': [
    { name: 'physical host, cloud unknown', facts: healthy },
    { name: 'AWS instance', facts: facts({ host: { guest: { cloud: 'aws' } } }, guest) },
  ],
});

ruleTable(P, 'HVG-004', {
  pass: [{ name: 'Standard', facts: azureGuest('Standard_D4s_v5', 'Standard') }],
  fail: [{ name: 'Trusted Launch', facts: azureGuest('Standard_D4s_v5', 'TrustedLaunch'), message: /TrustedLaunch/, command: /--security-type Standard/ }],
  unknown: [{ name: 'security type not decidable', facts: azureGuest('Standard_D4s_v5', null) }],
  'not-applicable': [{ name: 'physical host', facts: healthy }],
});

ruleTable(P, 'HVG-005', {
  pass: [{ name: 'NetNat inside the Azure VM', facts: facts({ host: { hyperv: { natNetworks: [{ name: 'NestedNAT', internalPrefix: '192.168.100.0/24' }] } } }, azureGuest('Standard_D4s_v5')) }],
  fail: [{ name: 'no NetNat in an Azure VM', facts: facts({ host: { hyperv: { natNetworks: [] } } }, azureGuest('Standard_D4s_v5')), message: /no NetNat/, command: /New-NetNat -Name 'NestedNAT'/ }],
  unknown: [{ name: 'Get-NetNat failed', facts: facts({ host: { hyperv: { natNetworks: null } } }, azureGuest('Standard_D4s_v5')) }],
  'not-applicable': [{ name: 'physical host', facts: healthy }],
});

ruleTable(P, 'HVG-006', {
  fail: [{ name: 'GCP', facts: facts({ host: { guest: { cloud: 'gcp', hypervisor: 'Google Compute Engine (KVM)' } } }, guest), message: /only with Linux KVM/, command: /--enable-nested-virtualization/ }],
  unknown: [{ name: 'cloud unknown', facts: guest }],
  'not-applicable': [
    { name: 'Azure', facts: azureGuest('Standard_D4s_v5') },
    { name: 'physical host', facts: healthy },
  ],
});

ruleTable(P, 'HVG-007', {
  fail: [{ name: 'AWS', facts: facts({ host: { guest: { cloud: 'aws', hypervisor: 'AWS Nitro (KVM)' } } }, guest), message: /C8i \/ M8i \/ R8i/ }],
  unknown: [{ name: 'cloud unknown', facts: guest }],
  'not-applicable': [{ name: 'physical host', facts: healthy }],
});

// Facts for the Hyper-V rule tables: a healthy Windows host and a VM set up for nesting, to vary.
import type { FactsDocument, VmFacts } from '../../schemas/facts.js';
import { facts } from './facts-builder.js';

export const GiB = 1024 ** 3;

// A VM that every HVV rule passes: config 10.0, extensions exposed, fixed 8 GB, 4 vCPUs, spoofing on.
export function nestedVm(patch: Partial<VmFacts> = {}): VmFacts {
  return {
    name: 'lab-l1',
    id: '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0001',
    state: 'Off',
    configVersion: '10.0',
    generation: 2,
    vcpus: 4,
    exposeVirtualizationExtensions: true,
    dynamicMemory: false,
    memoryStartupBytes: 8 * GiB,
    adapters: [{ name: 'Network Adapter', switchName: 'External', switchType: 'external', macAddressSpoofing: true }],
    natInGuest: null,
    ...patch,
  };
}

// A physical Windows Server 2022 Intel host with Hyper-V; the CPU flags read true (as when collected
// with the hypervisor off, or from Coreinfo), so every host rule passes.
export function windowsHost(vms: VmFacts[] | null = [nestedVm()]): FactsDocument {
  const document = facts({
    collection: { source: 'powershell' },
    host: {
      name: 'HV-LAB-01',
      os: {
        family: 'windows',
        name: 'Microsoft Windows Server 2022 Datacenter',
        version: '10.0.20348',
        build: 20348,
        ubr: 2700,
        displayVersion: '21H2',
        edition: 'ServerDatacenter',
        productType: 'server',
      },
      cpu: {
        vendor: 'Intel',
        vendorId: 'GenuineIntel',
        model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
        logicalCount: 64,
        virtualizationExtensions: true,
        slat: true,
        nx: true,
        firmwareEnabled: true,
      },
      guest: { isVirtual: false, hypervisor: null, cloud: null },
      memory: { totalBytes: 256 * GiB },
      kvm: null,
      hyperv: {
        roleInstalled: true,
        hypervisorPresent: true,
        hypervisorLaunchType: 'Auto',
        supportedConfigVersions: ['8.0', '9.0', '10.0'],
        defaultConfigVersion: '10.0',
        vbsStatus: 'off',
        securityServicesRunning: [],
        natNetworks: [],
        elevated: true,
      },
    },
  });
  document.vms = vms;
  return document;
}

// The same host on AMD (EPYC), Windows Server 2022.
export function amdHost(vms: VmFacts[] | null = [nestedVm()]): FactsDocument {
  return facts({ host: { cpu: { vendor: 'AMD', vendorId: 'AuthenticAMD', model: 'AMD EPYC 7763 64-Core Processor' } } }, windowsHost(vms));
}

// Windows 10 22H2 Pro on AMD (Ryzen): nested virtualization is not supported there at any build.
export function amdWindows10(vms: VmFacts[] | null = [nestedVm({ configVersion: '9.2' })]): FactsDocument {
  return facts(
    {
      host: {
        os: { name: 'Microsoft Windows 10 Pro', version: '10.0.19045', build: 19045, displayVersion: '22H2', edition: 'Professional', productType: 'workstation' },
        hyperv: { supportedConfigVersions: ['8.0', '9.0', '9.1', '9.2'], defaultConfigVersion: '9.0' },
      },
    },
    amdHost(vms),
  );
}

// nestready run inside a Windows Server 2022 Hyper-V VM (an L1) that sees VT-x and has no role yet.
export function windowsGuest(): FactsDocument {
  return facts(
    {
      host: {
        name: 'L1-GUEST',
        cpu: { firmwareEnabled: null },
        guest: { isVirtual: true, hypervisor: 'Hyper-V', cloud: null, outerHostName: 'HV-LAB-01.contoso.test', outerVmName: "lab 'l1'" },
        memory: { totalBytes: 8 * GiB },
        hyperv: { roleInstalled: false, hypervisorLaunchType: 'Off', vbsStatus: 'off', supportedConfigVersions: null, defaultConfigVersion: null },
      },
    },
    windowsHost(null),
  );
}

export function azureGuest(vmSize: string | null, securityType: string | null = 'Standard'): FactsDocument {
  return facts({ host: { guest: { hypervisor: 'Hyper-V', cloud: 'azure', azure: { vmSize, securityType } } } }, windowsGuest());
}

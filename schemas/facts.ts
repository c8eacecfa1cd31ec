// The facts document: what collectors know about a machine, and nothing about rules.
// This file is the single source of truth for both the TypeScript types and
// schemas/facts.schema.json (written by `npm run schemas`, kept in sync by a test).
// Every fact is nullable: null means "could not tell", never "no".
import { Type, type Static, type TSchema } from '@sinclair/typebox';

import { FACTS_SCHEMA_VERSION } from "./constants.js";
export { FACTS_SCHEMA_VERSION };

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Tri = (description: string) => Nullable(Type.Boolean({ description }));
const Str = (description: string) => Nullable(Type.String({ description }));
const Int = (description: string) => Nullable(Type.Integer({ description }));

export const CollectorStatus = Type.Union([
  Type.Literal('ok'),
  Type.Literal('partial'),
  Type.Literal('failed'),
  Type.Literal('skipped'),
]);

export const CollectorRun = Type.Object(
  {
    name: Type.String({ description: 'Stable collector id, e.g. linux.cpuinfo or windows.hyperv-vms' }),
    status: CollectorStatus,
    error: Str('Why the collector failed or was partial, in words a user can act on'),
    durationMs: Nullable(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const Collection = Type.Object(
  {
    tool: Type.String({ description: 'Name and version of the tool that collected, e.g. "nestready 0.1.0"' }),
    collectedAt: Str('ISO 8601 time of collection'),
    source: Type.String({
      description: 'live | replay (a captured tree via --root) | powershell | import:systeminfo | import:coreinfo',
    }),
    root: Str('For replays: the captured tree the facts were read from'),
    collectors: Type.Array(CollectorRun),
    powershell: Type.Optional(Str('Windows: the PowerShell that ran the collector script, e.g. "5.1.17763.5329 Desktop" or "7.4.6 Core"')),
  },
  { additionalProperties: false },
);

export const OsFacts = Type.Object(
  {
    family: Nullable(Type.Union([Type.Literal('linux'), Type.Literal('windows'), Type.Literal('esxi'), Type.Literal('other')])),
    name: Str('Marketing name, e.g. "Debian GNU/Linux 12 (bookworm)" or "Microsoft Windows Server 2022 Datacenter"'),
    version: Str('Version string as the OS reports it'),
    build: Int('Windows build number (integer; compare as a number, never as a string)'),
    ubr: Int('Windows update build revision'),
    displayVersion: Str('Windows DisplayVersion, e.g. 22H2'),
    edition: Str('Windows edition id, e.g. ServerDatacenter, Professional, Core (Home)'),
    productType: Nullable(Type.Union([Type.Literal('workstation'), Type.Literal('server'), Type.Literal('domain-controller')])),
    kernel: Str('Kernel release (Linux)'),
  },
  { additionalProperties: false },
);

export const CpuFacts = Type.Object(
  {
    vendor: Nullable(Type.Union([Type.Literal('Intel'), Type.Literal('AMD'), Type.Literal('other')])),
    vendorId: Str('Raw vendor id, e.g. GenuineIntel, AuthenticAMD'),
    model: Str('CPU model name'),
    logicalCount: Int('Logical processors visible to this OS'),
    virtualizationExtensions: Tri('VT-x (vmx) or AMD-V (svm) visible to this OS'),
    slat: Tri('Second-level address translation: EPT (Intel) or NPT/RVI (AMD)'),
    nx: Tri('Hardware DEP: XD (Intel) / NX (AMD)'),
    firmwareEnabled: Tri('Virtualization enabled in firmware (BIOS/UEFI)'),
    flags: Nullable(Type.Array(Type.String(), { description: 'Virtualization-relevant CPU flags seen (vmx, svm, ept, npt, nx, hypervisor)' })),
  },
  { additionalProperties: false },
);

export const GuestFacts = Type.Object(
  {
    isVirtual: Tri('This machine is itself a virtual machine'),
    hypervisor: Str('Vendor of the hypervisor this machine runs under, e.g. KVM, Hyper-V, VMware, Firecracker'),
    cloud: Nullable(Type.Union([Type.Literal('azure'), Type.Literal('aws'), Type.Literal('gcp'), Type.Literal('other')])),
    evidence: Nullable(Type.Array(Type.String(), { description: 'Where isVirtual/hypervisor were read from' })),
    outerHostName: Type.Optional(Str('Hyper-V guest: the outer (L0) host name the host passes in via data exchange (KVP Guest\\Parameters HostName)')),
    outerVmName: Type.Optional(Str('Hyper-V guest: this VM\'s name on the outer (L0) host (KVP Guest\\Parameters VirtualMachineName), the name to use in Set-VMProcessor there')),
    azure: Nullable(
      Type.Object(
        {
          vmSize: Str('Azure VM size, e.g. Standard_D4s_v5'),
          securityType: Str('Standard | TrustedLaunch | ConfidentialVM'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const KvmFacts = Type.Object(
  {
    modules: Type.Object(
      {
        kvm: Tri('kvm core module loaded'),
        kvmIntel: Tri('kvm_intel loaded (hardware VT-x backend)'),
        kvmAmd: Tri('kvm_amd loaded (hardware AMD-V backend)'),
        kvmPvm: Tri('kvm_pvm loaded (PVM software backend: no vmx/svm needed, PVM guest kernels only)'),
      },
      { additionalProperties: false },
    ),
    hardwareModule: Nullable(Type.Union([Type.Literal('kvm_intel'), Type.Literal('kvm_amd')], { description: 'The hardware KVM module for this CPU vendor' })),
    nested: Tri('kvm_intel/kvm_amd "nested" parameter is on (Y or 1)'),
    nestedRaw: Str('Raw content of the nested parameter file'),
    device: Type.Object(
      {
        present: Tri('/dev/kvm exists'),
        readWrite: Tri('/dev/kvm is readable and writable by this user'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const HypervHostFacts = Type.Object(
  {
    roleInstalled: Tri('Hyper-V role/feature enabled'),
    hypervisorPresent: Tri('A hypervisor is running (Win32_ComputerSystem.HypervisorPresent)'),
    hypervisorLaunchType: Str('bcdedit hypervisorlaunchtype (Auto, Off)'),
    supportedConfigVersions: Nullable(Type.Array(Type.String(), { description: 'Get-VMHostSupportedVersion, e.g. ["8.0","9.0","10.0"]' })),
    defaultConfigVersion: Str('Default VM configuration version of this host'),
    vbsStatus: Nullable(Type.Union([Type.Literal('off'), Type.Literal('enabled-not-running'), Type.Literal('running')])),
    securityServicesRunning: Nullable(Type.Array(Type.String())),
    natNetworks: Nullable(Type.Array(Type.Object({ name: Type.String(), internalPrefix: Str('e.g. 192.168.0.0/24') }, { additionalProperties: false }))),
    elevated: Tri('The collector ran elevated or as a Hyper-V Administrator'),
    administrator: Type.Optional(Tri('Windows: the collector ran in an elevated Administrator session')),
    hypervAdministrators: Type.Optional(Tri('Windows: the account is in the local "Hyper-V Administrators" group (S-1-5-32-578)')),
    switches: Type.Optional(
      Nullable(
        Type.Array(
          Type.Object(
            {
              name: Type.String({ description: 'Virtual switch name (hostile input: quote before use)' }),
              switchType: Nullable(Type.Union([Type.Literal('private'), Type.Literal('internal'), Type.Literal('external')])),
            },
            { additionalProperties: false },
          ),
          { description: 'Get-VMSwitch: the virtual switches of this host' },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const VmAdapterFacts = Type.Object(
  {
    name: Str('Adapter name'),
    switchName: Str('Virtual switch it connects to'),
    switchType: Nullable(Type.Union([Type.Literal('private'), Type.Literal('internal'), Type.Literal('external')])),
    macAddressSpoofing: Tri('MAC address spoofing On'),
  },
  { additionalProperties: false },
);

export const VmFacts = Type.Object(
  {
    name: Type.String({ description: 'VM name exactly as the hypervisor reports it (hostile input: quote before use)' }),
    id: Str('VM id (GUID)'),
    state: Str('Running | Off | Saved | Paused | Starting | ... (names, not numbers)'),
    configVersion: Str('Configuration version, e.g. "9.0"'),
    generation: Int('VM generation'),
    vcpus: Int('Virtual processors'),
    exposeVirtualizationExtensions: Tri('Get-VMProcessor ExposeVirtualizationExtensions'),
    dynamicMemory: Tri('Dynamic memory enabled'),
    memoryStartupBytes: Int('Startup memory in bytes'),
    adapters: Nullable(Type.Array(VmAdapterFacts)),
    natInGuest: Tri('L1 does NAT for its L2 guests (known only when reported from inside the guest)'),
  },
  { additionalProperties: false },
);

export const FirmwareFacts = Type.Object(
  {
    type: Nullable(Type.Union([Type.Literal('uefi'), Type.Literal('bios')], { description: 'Boot firmware (Windows: $env:firmware_type UEFI / Legacy)' })),
    secureBoot: Tri('UEFI Secure Boot is on (Confirm-SecureBootUEFI)'),
    tpmPresent: Tri('A TPM (on a VM: a virtual TPM) is present and visible to this OS (Win32_Tpm)'),
    tpmManufacturer: Str('TPM manufacturer id text, e.g. MSFT for the Hyper-V / Azure virtual TPM'),
  },
  { additionalProperties: false },
);

export const DmiFacts = Type.Object(
  {
    systemManufacturer: Str('SMBIOS system manufacturer (Win32_ComputerSystem.Manufacturer, /sys/class/dmi/id/sys_vendor)'),
    systemModel: Str('SMBIOS product name (Win32_ComputerSystem.Model), e.g. "Virtual Machine" on Hyper-V and Azure'),
    biosVendor: Str('BIOS vendor (Win32_BIOS.Manufacturer)'),
    biosVersion: Str('BIOS version (Win32_BIOS.SMBIOSBIOSVersion), e.g. "Hyper-V UEFI Release v4.1"'),
    chassisAssetTag: Str('Chassis asset tag (Win32_SystemEnclosure.SMBIOSAssetTag); Azure sets 7783-7084-3265-9085-8269-3286-77'),
  },
  { additionalProperties: false },
);

export const HostFacts = Type.Object(
  {
    name: Str('Host name'),
    os: OsFacts,
    cpu: CpuFacts,
    guest: GuestFacts,
    memory: Type.Object({ totalBytes: Int('Physical memory visible to this OS, bytes') }, { additionalProperties: false }),
    kvm: Nullable(KvmFacts),
    hyperv: Nullable(HypervHostFacts),
    firmware: Type.Optional(Nullable(FirmwareFacts)),
    dmi: Type.Optional(Nullable(DmiFacts)),
  },
  { additionalProperties: false },
);

export const FactsDocument = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(FACTS_SCHEMA_VERSION),
    collection: Collection,
    host: HostFacts,
    vms: Nullable(Type.Array(VmFacts, { description: 'VMs on this host; null when they could not be listed' })),
  },
  {
    $id: 'https://nestready.dev/schemas/facts.schema.json',
    title: 'nestready facts document',
    description: 'What nestready collected about one host. null = unknown, never false.',
    additionalProperties: false,
  },
);

export type FactsDocument = Static<typeof FactsDocument>;
export type HostFacts = Static<typeof HostFacts>;
export type VmFacts = Static<typeof VmFacts>;
export type CpuFacts = Static<typeof CpuFacts>;
export type OsFacts = Static<typeof OsFacts>;
export type GuestFacts = Static<typeof GuestFacts>;
export type KvmFacts = Static<typeof KvmFacts>;
export type HypervHostFacts = Static<typeof HypervHostFacts>;
export type VmAdapterFacts = Static<typeof VmAdapterFacts>;
export type CollectorRun = Static<typeof CollectorRun>;
export type FirmwareFacts = Static<typeof FirmwareFacts>;
export type DmiFacts = Static<typeof DmiFacts>;
export type CollectorStatus = Static<typeof CollectorStatus>;
export type Collection = Static<typeof Collection>;

// Derived facts: values computed from collected facts so that JSON Schema can compare them.
//
// JSON Schema compares numbers, not versions: "9.3" < "10.0" is false as strings. Rather than ask
// every collector (PowerShell normaliser, systeminfo import, a hand-written facts file) to also
// write a numeric twin of each version string — two fields that could disagree — the engine derives
// them, once per host and per VM, into a `derived` object beside the facts:
//
//   vm.derived.configVersionNumber      "9.3" → 903, "10.0" → 1000 (major*100 + minor); null if unparseable
//   host.derived.maxConfigVersion        highest configuration version this host can run: the highest of
//                                        Get-VMHostSupportedVersion when collected, else from the build table
//   host.derived.maxConfigVersionNumber  the same, encoded like configVersionNumber
//   host.derived.maxConfigVersionSource  "Get-VMHostSupportedVersion" | "build table" | null
//   host.derived.release                 the Windows release a build number stands for, e.g. "Windows Server 2022"
//   host.derived.vmNameOnHost            inside a Hyper-V VM: its name on the outer host (KVP), else the computer name
//   host.derived.vmNameOnHostSource      where that name came from
//
// `derived` is not part of the facts document (schemas/facts.ts rejects it: additionalProperties is
// false), so a facts file cannot set it; rules read it like any fact path and it shows in the evidence.
import type { FactsDocument, HostFacts, VmFacts } from '../schemas/facts.js';

export interface DerivedHostFacts {
  maxConfigVersion: string | null;
  maxConfigVersionNumber: number | null;
  maxConfigVersionSource: 'Get-VMHostSupportedVersion' | 'build table' | null;
  release: string | null;
  vmNameOnHost: string | null;
  vmNameOnHostSource: string | null;
}

export interface DerivedVmFacts {
  configVersionNumber: number | null;
}

export type HostWithDerived = HostFacts & { derived: DerivedHostFacts };
export type VmWithDerived = VmFacts & { derived: DerivedVmFacts };

// "9.3" → 903. Hyper-V configuration versions are major.minor with a one- or two-digit minor.
// A host lists a dozen supported versions, and a fleet the same dozen over and over: parsed once
// each (bounded, so hostile facts cannot grow it).
const parsedVersions = new Map<string, number | null>();

export function versionNumber(version: unknown): number | null {
  if (typeof version !== 'string') return null;
  let number = parsedVersions.get(version);
  if (number !== undefined) return number;
  const match = /^\s*(\d{1,3})\.(\d{1,2})\s*$/.exec(version);
  number = match ? Number(match[1]) * 100 + Number(match[2]) : null;
  if (parsedVersions.size < 1024) parsedVersions.set(version, number);
  return number;
}

// Windows builds (REQUIREMENTS.md, "Windows build → name" and "Configuration versions a host
// supports"): the first build of each release, its client and server names, and the highest VM
// configuration version it supports. A build between two rows is a pre-release of the next one and
// supports at least what the row below it does.
interface BuildRow {
  build: number;
  client: string | null;
  server: string | null;
  maxConfigVersion: string | null;
}

export const WINDOWS_BUILDS: readonly BuildRow[] = [
  { build: 10240, client: 'Windows 10 1507', server: null, maxConfigVersion: null },
  { build: 14393, client: 'Windows 10 1607', server: 'Windows Server 2016', maxConfigVersion: '8.0' },
  { build: 15063, client: 'Windows 10 1703', server: null, maxConfigVersion: '8.1' },
  { build: 16299, client: 'Windows 10 1709', server: 'Windows Server 1709', maxConfigVersion: '8.2' },
  { build: 17134, client: 'Windows 10 1803', server: 'Windows Server 1803', maxConfigVersion: '8.3' },
  { build: 17763, client: 'Windows 10 1809', server: 'Windows Server 2019', maxConfigVersion: '9.0' },
  { build: 18362, client: 'Windows 10 1903', server: 'Windows Server 1903', maxConfigVersion: '9.1' },
  { build: 18363, client: 'Windows 10 1909', server: 'Windows Server 1909', maxConfigVersion: '9.1' },
  { build: 19041, client: 'Windows 10 2004', server: 'Windows Server 2004', maxConfigVersion: '9.2' },
  { build: 19042, client: 'Windows 10 20H2', server: 'Windows Server 20H2', maxConfigVersion: '9.2' },
  { build: 19043, client: 'Windows 10 21H1', server: null, maxConfigVersion: '9.2' },
  { build: 19044, client: 'Windows 10 21H2', server: null, maxConfigVersion: '9.2' },
  { build: 19045, client: 'Windows 10 22H2', server: null, maxConfigVersion: '9.2' },
  { build: 20348, client: null, server: 'Windows Server 2022', maxConfigVersion: '10.0' },
  { build: 22000, client: 'Windows 11 21H2', server: null, maxConfigVersion: '10.0' },
  { build: 22621, client: 'Windows 11 22H2', server: null, maxConfigVersion: '11.0' },
  { build: 22631, client: 'Windows 11 23H2', server: null, maxConfigVersion: '11.0' },
  { build: 26100, client: 'Windows 11 24H2', server: 'Windows Server 2025', maxConfigVersion: '12.0' },
];

function rowFor(build: number): BuildRow | null {
  let found: BuildRow | null = null;
  for (const row of WINDOWS_BUILDS) if (row.build <= build) found = row;
  return found;
}

export function windowsRelease(build: number | null, productType: HostFacts['os']['productType']): string | null {
  if (build === null) return null;
  const row = WINDOWS_BUILDS.find((candidate) => candidate.build === build);
  if (!row) return null;
  const server = productType === 'server' || productType === 'domain-controller';
  if (productType === null) return row.client && row.server ? `${row.client} / ${row.server}` : row.client ?? row.server;
  return server ? row.server : row.client;
}

function maxConfigVersion(host: HostFacts): Pick<DerivedHostFacts, 'maxConfigVersion' | 'maxConfigVersionSource'> {
  const reported = host.hyperv?.supportedConfigVersions ?? null;
  if (reported && reported.length > 0) {
    // The first of the highest, as a stable sort would put it (each version parsed once: this runs per host).
    let best: string | null = null;
    let bestNumber = -1;
    for (const version of reported) {
      const number = versionNumber(version);
      if (number !== null && number > bestNumber) {
        best = version;
        bestNumber = number;
      }
    }
    if (best !== null) return { maxConfigVersion: best, maxConfigVersionSource: 'Get-VMHostSupportedVersion' };
  }
  if (host.os.family === 'windows' && host.os.build !== null) {
    const row = rowFor(host.os.build);
    if (row?.maxConfigVersion) return { maxConfigVersion: row.maxConfigVersion, maxConfigVersionSource: 'build table' };
  }
  return { maxConfigVersion: null, maxConfigVersionSource: null };
}

function derivedHost(host: HostFacts): DerivedHostFacts {
  const max = maxConfigVersion(host);
  return {
    maxConfigVersion: max.maxConfigVersion,
    maxConfigVersionSource: max.maxConfigVersionSource,
    maxConfigVersionNumber: versionNumber(max.maxConfigVersion),
    release: host.os.family === 'windows' ? windowsRelease(host.os.build, host.os.productType) : null,
    vmNameOnHost: host.guest.outerVmName ?? host.name,
    vmNameOnHostSource: host.guest.outerVmName
      ? 'Hyper-V data exchange (KVP VirtualMachineName)'
      : host.name
        ? "this computer's name; the VM may be named differently on the host"
        : null,
  };
}

export function deriveHost(host: HostFacts): HostWithDerived {
  return { ...host, derived: derivedHost(host) };
}

export function deriveVm(vm: VmFacts): VmWithDerived {
  return { ...vm, derived: derivedVm(vm) };
}

function derivedVm(vm: VmFacts): DerivedVmFacts {
  return { configVersionNumber: versionNumber(vm.configVersion) };
}

// The same, added to the facts themselves: for a caller that parsed the document and drops it after
// judging (engine/evaluate-json.ts). Copying each host and VM, whose shapes vary from host to host,
// cost more than judging a host whose results are reused.
export function attachDerived(facts: FactsDocument): { host: HostWithDerived; vms: VmWithDerived[] | null } {
  const host = facts.host as HostWithDerived;
  host.derived = derivedHost(facts.host);
  const vms = facts.vms as VmWithDerived[] | null;
  if (vms) for (const vm of vms) vm.derived = derivedVm(vm);
  return { host, vms };
}

// The names `derived` adds, for a test that keeps them clear of collected facts.
export const DERIVED_PATHS = [
  'host.derived.maxConfigVersion',
  'host.derived.maxConfigVersionNumber',
  'host.derived.maxConfigVersionSource',
  'host.derived.release',
  'host.derived.vmNameOnHost',
  'host.derived.vmNameOnHostSource',
  'vm.derived.configVersionNumber',
] as const;

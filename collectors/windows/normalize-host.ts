// Host facts from the raw sections: OS, CPU, memory, guest/cloud, firmware, DMI and the Hyper-V host.
// The one judgement call lives here: CPU capability flags read False while a hypervisor runs in this
// Windows (Hyper-V, VBS, WSL2) are hidden by it — unknown, never "off in BIOS".
import type { DmiFacts, FirmwareFacts, GuestFacts, HostFacts, HypervHostFacts } from '../../schemas/facts.js';
import type { RawDocument, RawSection } from './raw-sections.js';
import {
  allOf, asArray, asObject, compareVersions, exactText, switchTypeName, text, toBool, toInt, versionText, type JsonObject,
} from './normalize-values.js';

export interface SectionOutcome {
  status?: 'ok' | 'partial' | 'skipped' | 'failed';
  error?: string | null;
}

export interface HostContext {
  raw: RawDocument;
  outcomes: Map<string, SectionOutcome>;
}

// Section data as an object, or null when the section failed / printed something else.
export function dataObject(section: RawSection): JsonObject | null {
  return section.status === 'ok' ? asObject(section.data) : null;
}

export function dataList(section: RawSection): unknown[] | null {
  return section.status === 'ok' ? asArray(section.data) : null;
}

function mark(context: HostContext, name: string, outcome: SectionOutcome): void {
  context.outcomes.set(name, { ...context.outcomes.get(name), ...outcome });
}

const PRODUCT_TYPES: Record<number, 'workstation' | 'domain-controller' | 'server'> = { 1: 'workstation', 2: 'domain-controller', 3: 'server' };
const HOME_EDITIONS = /^Core(N|SingleLanguage|CountrySpecific)?$/i;

export function vendorOf(vendorId: string | null): 'Intel' | 'AMD' | 'other' | null {
  if (!vendorId) return null;
  if (vendorId === 'GenuineIntel') return 'Intel';
  if (vendorId === 'AuthenticAMD') return 'AMD';
  return 'other';
}

// bcdedit /enum {current}: "hypervisorlaunchtype    Auto". No such line → the loader does not start
// the hypervisor (the element is only written when someone or the Hyper-V role sets it).
export function parseLaunchType(lines: unknown[] | null): string | null {
  if (!lines) return null;
  for (const line of lines) {
    const match = typeof line === 'string' ? /^\s*hypervisorlaunchtype\s+(\S+)/i.exec(line) : null;
    if (match) return match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1).toLowerCase();
  }
  return 'Off';
}

const VBS: Record<number, HypervHostFacts['vbsStatus']> = { 0: 'off', 1: 'enabled-not-running', 2: 'running' };
const SECURITY_SERVICES: Record<number, string> = { 1: 'CredentialGuard', 2: 'HypervisorEnforcedCodeIntegrity' };

// Hyper-V feature state → installed? Client: Get-WindowsOptionalFeature State; server: Installed.
function roleFromFeature(feature: JsonObject | null): boolean | null {
  if (!feature) return null;
  if (toBool(feature.Present) === false) return false; // no such feature on this edition (Home)
  const installed = toBool(feature.Installed);
  if (installed !== null) return installed;
  const state = text(feature.State)?.toLowerCase();
  if (state === 'enabled' || state === 'disablepending' || state === 'installed' || state === 'uninstallpending') return true;
  if (state === 'disabled' || state === 'disabledwithpayloadremoved' || state === 'enablepending' || state === 'available' || state === 'removed' || state === 'installpending') return false;
  return null;
}

const AZURE_ASSET_TAG = '7783-7084-3265-9085-8269-3286-77';
export const DMI_HYPERVISORS: [RegExp, string, GuestFacts['cloud']][] = [
  [/Microsoft Corporation\s+Virtual Machine/i, 'Hyper-V', null],
  [/VMware/i, 'VMware', null],
  [/innotek|VirtualBox/i, 'VirtualBox', null],
  [/Amazon EC2/i, 'AWS Nitro (KVM)', 'aws'],
  [/Google/i, 'Google Compute Engine (KVM)', 'gcp'],
  [/QEMU|KVM|Bochs|Standard PC \(/i, 'QEMU/KVM', null],
  [/\bXen\b/i, 'Xen', null],
  [/Parallels/i, 'Parallels', null],
];

export interface HostResult {
  host: HostFacts;
  // Does a hypervisor started by this Windows run (true), certainly not (false), or unknown (null)?
  ownHypervisor: boolean | null;
}

export function normalizeHost(context: HostContext): HostResult {
  const { raw } = context;
  const os = dataObject(raw.section('os'));
  const registry = dataObject(raw.section('registry'));
  const computer = dataObject(raw.section('computer-system'));
  const bios = dataObject(raw.section('bios'));
  const kvp = dataObject(raw.section('guest-parameters'));
  const deviceGuard = dataObject(raw.section('device-guard'));
  const firmwareData = dataObject(raw.section('firmware'));
  const feature = dataObject(raw.section('hyperv-feature'));
  const service = dataObject(raw.section('hyperv-service'));
  const elevation = dataObject(raw.section('elevation'));
  const bcd = dataObject(raw.section('bcdedit'));

  // --- operating system
  const edition = text(registry?.EditionID);
  const productType = toInt(os?.ProductType);
  const osFacts: HostFacts['os'] = {
    family: 'windows',
    name: text(os?.Caption) ?? text(registry?.ProductName),
    version: text(os?.Version),
    build: toInt(registry?.CurrentBuild) ?? toInt(os?.BuildNumber),
    ubr: toInt(registry?.UBR),
    displayVersion: text(registry?.DisplayVersion) ?? text(registry?.ReleaseId),
    edition,
    productType: productType === null ? null : PRODUCT_TYPES[productType] ?? null,
    kernel: null,
  };

  // --- Hyper-V host state that the CPU interpretation depends on
  const hypervisorPresent = toBool(computer?.HypervisorPresent);
  const launchType = bcd ? parseLaunchType(asArray(bcd.Lines)) : null;
  const vbsCode = toInt(deviceGuard?.VirtualizationBasedSecurityStatus);
  const vbsStatus = vbsCode === null ? null : VBS[vbsCode] ?? null;
  // With hypervisorlaunchtype Off nothing starts Windows' own hypervisor (VBS and WSL2 need it too).
  const ownHypervisor = launchType === 'Auto' || vbsStatus === 'running' ? true : launchType === 'Off' ? false : null;
  const mayHide = hypervisorPresent !== false && ownHypervisor !== false;

  // --- CPU
  const sockets = (dataList(raw.section('processor')) ?? []).map(asObject).filter((item): item is JsonObject => item !== null);
  const vendorId = text(sockets[0]?.Manufacturer);
  const logical = sockets.map((socket) => toInt(socket.NumberOfLogicalProcessors));
  const readFlag = (field: string) => allOf(sockets.map((socket) => toBool(socket[field])));
  const hiddenFields: string[] = [];
  const trust = (value: boolean | null, field: string): boolean | null => {
    if (value === false && mayHide) {
      hiddenFields.push(field);
      return null;
    }
    return value;
  };
  const cpu: HostFacts['cpu'] = {
    vendor: vendorOf(vendorId),
    vendorId,
    model: text(sockets[0]?.Name),
    logicalCount: sockets.length > 0 && logical.every((n) => n !== null) ? logical.reduce<number>((sum, n) => sum + (n ?? 0), 0) : null,
    virtualizationExtensions: trust(readFlag('VMMonitorModeExtensions'), 'VMMonitorModeExtensions'),
    slat: trust(readFlag('SecondLevelAddressTranslationExtensions'), 'SecondLevelAddressTranslationExtensions'),
    nx: trust(toBool(os?.DataExecutionPrevention_Available), 'DataExecutionPrevention_Available'),
    firmwareEnabled: trust(readFlag('VirtualizationFirmwareEnabled'), 'VirtualizationFirmwareEnabled'),
    flags: null, // Windows exposes no CPUID flag list; the booleans above are what CIM reports
  };
  if (hiddenFields.length > 0) {
    mark(context, 'processor', {
      status: 'partial',
      error: `a hypervisor runs in this Windows (Hyper-V, VBS or WSL2) and CIM reads ${hiddenFields.join(', ')} as False under it: unknown, not "off in firmware"`,
    });
  } else if (raw.section('processor').status === 'ok' && sockets.length === 0) {
    mark(context, 'processor', { status: 'partial', error: 'Win32_Processor returned no instances' });
  }

  // --- DMI, firmware, guest / cloud
  const manufacturer = text(computer?.Manufacturer);
  const model = text(computer?.Model);
  const assetTag = text(bios?.SMBIOSAssetTag);
  const dmi: DmiFacts | null = computer || bios
    ? { systemManufacturer: manufacturer, systemModel: model, biosVendor: text(bios?.Manufacturer), biosVersion: text(bios?.SMBIOSBIOSVersion), chassisAssetTag: assetTag }
    : null;
  const firmwareType = text(firmwareData?.FirmwareType)?.toLowerCase();
  const type = firmwareType === 'uefi' ? 'uefi' : firmwareType === 'legacy' ? 'bios' : null;
  const firmware: FirmwareFacts | null = firmwareData
    ? {
        type,
        secureBoot: type === 'bios' ? false : toBool(firmwareData.SecureBoot),
        tpmPresent: toBool(firmwareData.TpmPresent),
        tpmManufacturer: text(firmwareData.TpmManufacturer),
      }
    : null;

  const evidence: string[] = [];
  let isVirtual: boolean | null = null;
  let hypervisor: string | null = null;
  let cloud: GuestFacts['cloud'] = null;
  const dmiText = [manufacturer, model, text(bios?.Manufacturer), text(bios?.SMBIOSBIOSVersion)].filter(Boolean).join(' ');
  const rule = DMI_HYPERVISORS.find(([pattern]) => pattern.test(dmiText));
  if (rule) {
    isVirtual = true;
    hypervisor = rule[1];
    cloud = rule[2];
    evidence.push(`DMI: ${dmiText}`);
  }
  if (kvp) {
    isVirtual = true;
    hypervisor = 'Hyper-V';
    evidence.push('Hyper-V data exchange key HKLM\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters is present');
  }
  if (assetTag === AZURE_ASSET_TAG) {
    cloud = 'azure';
    evidence.push(`chassis asset tag ${AZURE_ASSET_TAG} (Azure)`);
  }
  if (isVirtual === null) {
    if (hypervisorPresent === false) {
      isVirtual = false;
      evidence.push('Win32_ComputerSystem.HypervisorPresent is False: no hypervisor at all');
    } else if (hypervisorPresent === true && ownHypervisor === false) {
      isVirtual = true;
      evidence.push('a hypervisor is present although this Windows does not launch one (hypervisorlaunchtype Off)');
    } else if (hypervisorPresent === true && ownHypervisor === true && manufacturer) {
      isVirtual = false;
      evidence.push(`the running hypervisor is this Windows' own; DMI names no hypervisor (${dmiText})`);
    }
  }
  const guest: GuestFacts = {
    isVirtual,
    hypervisor,
    cloud,
    evidence: evidence.length > 0 ? evidence : null,
    // Azure: the size is only in the instance metadata service, which nestready never calls (no network).
    // Security type: a Generation 1 VM (BIOS firmware) can only be Standard; with UEFI a vTPM means Trusted
    // Launch or Confidential VM and no vTPM may still be Trusted Launch with vTPM off: not decidable here.
    azure: cloud === 'azure' ? { vmSize: null, securityType: type === 'bios' ? 'Standard' : null } : null,
    outerHostName: text(kvp?.HostName) ?? text(kvp?.PhysicalHostName),
    outerVmName: exactText(kvp?.VirtualMachineName),
  };

  // --- Hyper-V host
  let roleInstalled = roleFromFeature(feature);
  if (roleInstalled === null && service) {
    const exists = toBool(service.Exists);
    // The VM management service (vmms) is installed by the Hyper-V role and only by it.
    if (exists === true) roleInstalled = true;
    else if (exists === false) roleInstalled = false;
  }
  if (roleInstalled === null && edition && HOME_EDITIONS.test(edition)) roleInstalled = false;

  const versions = (dataList(raw.section('hyperv-host')) ?? []).map(asObject).filter((item): item is JsonObject => item !== null);
  const supported = [...new Set(versions.map((entry) => versionText(entry.Version)).filter((v): v is string => v !== null))].sort(compareVersions);
  const defaultEntry = versions.find((entry) => toBool(entry.IsDefault) === true);
  const securityCodes = asArray(deviceGuard?.SecurityServicesRunning);
  const administrator = toBool(elevation?.IsAdministrator);
  const hypervAdministrators = toBool(elevation?.IsHyperVAdministrator);
  const natList = dataList(raw.section('net-nat'));
  const switchList = dataList(raw.section('switches'));

  const hyperv: HypervHostFacts = {
    roleInstalled,
    hypervisorPresent,
    hypervisorLaunchType: launchType,
    supportedConfigVersions: raw.section('hyperv-host').status === 'ok' ? supported : null,
    defaultConfigVersion: defaultEntry ? versionText(defaultEntry.Version) : null,
    vbsStatus,
    securityServicesRunning: securityCodes
      ? securityCodes.map((code) => toInt(code)).filter((code): code is number => code !== null && code !== 0).map((code) => SECURITY_SERVICES[code] ?? `service-${code}`)
      : null,
    natNetworks: natList
      ? natList.map(asObject).filter((nat): nat is JsonObject => nat !== null && typeof nat.Name === 'string')
          .map((nat) => ({ name: nat.Name as string, internalPrefix: text(nat.InternalIPInterfaceAddressPrefix) }))
      : null,
    elevated: administrator === true || hypervAdministrators === true ? true : administrator === false && hypervAdministrators === false ? false : null,
    administrator,
    hypervAdministrators,
    switches: switchList
      ? switchList.map(asObject).filter((entry): entry is JsonObject => entry !== null && typeof entry.Name === 'string')
          .map((entry) => ({ name: entry.Name as string, switchType: switchTypeName(entry.SwitchType, entry.SwitchTypeValue) }))
      : null,
  };

  const host: HostFacts = {
    name: text(computer?.Name) ?? text(os?.CSName) ?? raw.computerName,
    os: osFacts,
    cpu,
    guest,
    memory: { totalBytes: toInt(computer?.TotalPhysicalMemory) ?? (toInt(os?.TotalVisibleMemorySize) !== null ? toInt(os?.TotalVisibleMemorySize)! * 1024 : null) },
    kvm: null,
    hyperv,
    firmware,
    dmi,
  };
  return { host, ownHypervisor };
}

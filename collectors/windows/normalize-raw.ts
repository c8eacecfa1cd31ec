// "nestready raw" (the collector script's output, PowerShell 5.1 or 7) → facts document.
// All interpretation of the Windows output lives here and in normalize-host/-vms/-values.
import type { CollectorRun, FactsDocument } from '../../schemas/facts.js';
import { FACTS_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../schemas/constants.js';
import { normalizeHost, type SectionOutcome } from './normalize-host.js';
import { normalizeVms, quoteName } from './normalize-vms.js';
import { psDate, type JsonObject } from './normalize-values.js';
import { RAW_FORMAT, readRawDocument, type RawDocument } from './raw-sections.js';

export { extractRawJson, isWindowsRaw, RAW_MARKER } from './raw-sections.js';

export interface NormalizeOptions {
  tool?: string;
  // When the facts were collected: the CLI's clock for a live run; default the script's startedAt.
  collectedAt?: string | null;
  // Reproducible runs (--timestamp / SOURCE_DATE_EPOCH) record no durations.
  durations?: boolean;
}

export type WindowsNoteKind = 'not-elevated' | 'role-absent' | 'vm-not-found' | 'vm-problem' | 'remoting-failed';

export interface WindowsNote {
  kind: WindowsNoteKind;
  message: string;
}

export interface NormalizeResult {
  facts: FactsDocument;
  notes: WindowsNote[];
}

export class RawFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RawFormatError';
  }
}

// The order sections are reported in when the raw document is missing some.
const KNOWN_SECTIONS = [
  'elevation', 'os', 'registry', 'processor', 'computer-system', 'bios', 'guest-parameters', 'device-guard', 'firmware',
  'hyperv-feature', 'hyperv-service', 'bcdedit', 'hyperv-host', 'switches', 'net-nat', 'vms',
];

export function normalizeWindowsRaw(json: JsonObject, options: NormalizeOptions = {}): NormalizeResult {
  const raw = readRawDocument(json);
  if (raw.format !== RAW_FORMAT) {
    throw new RawFormatError(`nestready raw format ${JSON.stringify(json.nestreadyRaw)} is not supported (this nestready reads format ${RAW_FORMAT}); export the collector again with nestready export-collector`);
  }
  if (raw.remoting?.status === 'failed') return remotingFailure(raw, options);
  const outcomes = new Map<string, SectionOutcome>();
  const { host } = normalizeHost({ raw, outcomes });
  const hyperv = host.hyperv!;
  const vmResult = normalizeVms({ raw, roleInstalled: hyperv.roleInstalled, elevated: hyperv.elevated });
  outcomes.set('vms', { ...outcomes.get('vms'), ...vmResult.outcome });
  if (hyperv.roleInstalled === false) {
    for (const name of ['hyperv-host', 'switches']) {
      if (raw.section(name).status !== 'ok') outcomes.set(name, { status: 'skipped', error: 'the Hyper-V role is not installed' });
    }
  }

  const order = [...raw.sectionNames, ...KNOWN_SECTIONS.filter((name) => !raw.sectionNames.includes(name))];
  const collectors: CollectorRun[] = order.map((name) => {
    const section = raw.section(name);
    const outcome = outcomes.get(name) ?? {};
    const status = outcome.status ?? (section.status === 'ok' ? 'ok' : section.status);
    const error = outcome.error !== undefined && status !== 'failed' ? outcome.error : section.error ?? outcome.error ?? null;
    return { name: `windows.${name}`, status, error, durationMs: options.durations === false ? null : section.durationMs };
  });

  const notes: WindowsNote[] = [];
  if (hyperv.elevated === false) {
    notes.push({
      kind: 'not-elevated',
      message: 'not elevated: Hyper-V facts (VM settings, Hyper-V feature, bcdedit, Device Guard) need an elevated PowerShell or membership in the local "Hyper-V Administrators" group; they are unknown in this report',
    });
  }
  if (hyperv.roleInstalled === false) {
    notes.push({
      kind: 'role-absent',
      message: 'the Hyper-V role is not installed on this Windows, so there are no VMs to check (Install-WindowsFeature -Name Hyper-V -IncludeManagementTools on Windows Server; Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V -All on Windows 10/11)',
    });
  }
  for (const name of vmResult.missing) notes.push({ kind: 'vm-not-found', message: `--vm ${quoteName(name)}: no VM with that exact name on this host` });
  for (const problem of vmResult.problems) notes.push({ kind: 'vm-problem', message: problem });

  const powershell = raw.psVersion ? `${raw.psVersion}${raw.psEdition ? ` ${raw.psEdition}` : ''}` : null;
  const facts: FactsDocument = {
    schemaVersion: FACTS_SCHEMA_VERSION,
    collection: powershellCollection(raw, options, collectors, powershell),
    host,
    vms: vmResult.vms,
  };
  return { facts, notes };
}

function powershellCollection(raw: RawDocument, options: NormalizeOptions, collectors: CollectorRun[], powershell: string | null): FactsDocument['collection'] {
  return {
    tool: options.tool ?? `${TOOL_NAME} ${TOOL_VERSION}`,
    collectedAt: options.collectedAt !== undefined ? options.collectedAt : psDate(raw.startedAt),
    source: 'powershell',
    root: null,
    collectors,
    powershell,
  };
}

// A host Invoke-NestreadyFleet.ps1 could not collect (unreachable, access denied, timed out, no usable
// output): the collector never ran there. Every fact is unknown — a judged host, INCOMPLETE, not an
// unreadable input — except its name and that it is Windows: it was asked over WinRM, and the family
// selects the Hyper-V profile. The error travels as the failed collector run `windows.remoting`.
function remotingFailure(raw: RawDocument, options: NormalizeOptions): NormalizeResult {
  const remoting = raw.remoting!;
  const error = `${remoting.error ?? 'PowerShell remoting failed without a message'}${remoting.errorId ? ` (FullyQualifiedErrorId: ${remoting.errorId})` : ''}`;
  const facts: FactsDocument = {
    schemaVersion: FACTS_SCHEMA_VERSION,
    collection: powershellCollection(raw, options, [{ name: 'windows.remoting', status: 'failed', error, durationMs: null }], null),
    host: {
      name: raw.computerName,
      os: { family: 'windows', name: null, version: null, build: null, ubr: null, displayVersion: null, edition: null, productType: null, kernel: null },
      cpu: { vendor: null, vendorId: null, model: null, logicalCount: null, virtualizationExtensions: null, slat: null, nx: null, firmwareEnabled: null, flags: null },
      guest: { isVirtual: null, hypervisor: null, cloud: null, evidence: null, outerHostName: null, outerVmName: null, azure: null },
      memory: { totalBytes: null },
      kvm: null,
      hyperv: {
        roleInstalled: null, hypervisorPresent: null, hypervisorLaunchType: null, supportedConfigVersions: null, defaultConfigVersion: null,
        vbsStatus: null, securityServicesRunning: null, natNetworks: null, elevated: null, administrator: null, hypervAdministrators: null, switches: null,
      },
      firmware: null,
      dmi: null,
    },
    vms: null,
  };
  return { facts, notes: [{ kind: 'remoting-failed', message: `${raw.computerName ?? 'host'}: not collected over PowerShell remoting: ${error}` }] };
}

// Pasted Windows text → facts: `systeminfo` (English, LIST format) and Sysinternals `Coreinfo -v`,
// alone or both in one paste (support tickets often carry both). One parser design for both:
//
//   1. normalise what pasting does to text: BOM, CRLF / CR, tabs, no-break spaces, a prompt around it;
//   2. cut the text into fields (systeminfo "Key:  value" with indented sub-lines) or feature lines
//      (Coreinfo "VMX  *  Supports …"), tolerating extra blank lines, lost indentation, and lines a
//      console or mail client wrapped at a fixed width;
//   3. read each fact from its field with patterns that ignore whitespace where wrapping can split it
//      ("A hypervisor has been detected" wrapped mid-word is still found);
//   4. map to facts, null wherever the text does not say — never false for "could not tell".
//
// The Hyper-V caveat: once a hypervisor runs, systeminfo replaces the four "Hyper-V Requirements"
// lines by "A hypervisor has been detected. Features required for Hyper-V will not be displayed.";
// those facts are then unknown (null), and host.hyperv.hypervisorPresent is true.
import type { FactsDocument, GuestFacts, HostFacts, OsFacts } from '../../schemas/facts.js';
import { FACTS_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../schemas/constants.js';
import { DMI_HYPERVISORS, vendorOf } from '../windows/normalize-host.js';

export type PasteKind = 'systeminfo' | 'coreinfo';

// ------------------------------------------------------------------ text normalisation

export function normalizePaste(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .split('\n');
}

// Everything but letters, digits and a few separators: for matching phrases a wrap may have split.
function squash(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

const PROMPT = /^\s*(PS\s+)?[A-Za-z]:\\[^>]*>/;

// ------------------------------------------------------------------ systeminfo

// The field names of `systeminfo /FO LIST` (English). A line starting with one of them starts a field.
const SYSTEMINFO_KEYS = [
  'Host Name', 'OS Name', 'OS Version', 'OS Manufacturer', 'OS Configuration', 'OS Build Type', 'Registered Owner',
  'Registered Organization', 'Product ID', 'Original Install Date', 'System Boot Time', 'System Up Time',
  'System Manufacturer', 'System Model', 'System Type', 'Processor(s)', 'BIOS Version', 'Windows Directory',
  'System Directory', 'Boot Device', 'System Locale', 'Input Locale', 'Time Zone', 'Total Physical Memory',
  'Available Physical Memory', 'Virtual Memory: Max Size', 'Virtual Memory: Available', 'Virtual Memory: In Use',
  'Page File Location(s)', 'Domain', 'Logon Server', 'Hotfix(s)', 'Network Card(s)', 'Virtualization-based security',
  'Hyper-V Requirements',
].sort((a, b) => b.length - a.length);

export interface SysteminfoField {
  // Value lines: the text after "Key:", then each indented sub-line; a wrapped fragment is glued back
  // onto the line it was cut from.
  lines: string[];
}

export type SysteminfoFields = Map<string, SysteminfoField>;

export function parseSysteminfoFields(text: string): SysteminfoFields {
  const fields: SysteminfoFields = new Map();
  let current: { field: SysteminfoField; keyIndent: number; valueColumn: number } | null = null;
  for (const raw of normalizePaste(text)) {
    if (raw.trim() === '') continue;
    if (current && PROMPT.test(raw)) break; // the prompt after the output: the paste goes on with something else
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trimStart();
    const key = SYSTEMINFO_KEYS.find((candidate) => body.startsWith(candidate + ':'));
    if (key && !fields.has(key)) {
      const rest = body.slice(key.length + 1);
      const value = rest.trimStart();
      const field: SysteminfoField = { lines: [value.trimEnd()] };
      fields.set(key, field);
      current = { field, keyIndent: indent, valueColumn: indent + key.length + 1 + (rest.length - value.length) };
      continue;
    }
    if (!current) continue; // text before the output (the command line, a greeting)
    const lines = current.field.lines;
    // systeminfo indents sub-lines to its value column (27 or 31). Much less indentation means a line
    // that a console or mail client wrapped: glue it back onto the line it belongs to, keeping a space
    // the wrap left at its start but not the indentation the whole paste got (e.g. a ticket's code block).
    if (indent >= current.valueColumn - 4 || lines[lines.length - 1] === '') lines.push(body.trimEnd());
    else lines[lines.length - 1] = lines[lines.length - 1]! + raw.slice(Math.min(indent, current.keyIndent)).trimEnd();
  }
  return fields;
}

function single(fields: SysteminfoFields, key: string): string | null {
  const field = fields.get(key);
  if (!field) return null;
  const value = field.lines.join(' ').replace(/\s+/g, ' ').trim();
  return value === '' || value === 'N/A' ? null : value;
}

function yesNo(squashed: string, label: string): boolean | null {
  const match = new RegExp(`${squash(label)}:(yes|no)`).exec(squashed);
  return match ? match[1] === 'yes' : null;
}

// "Microsoft Windows 11 Home Single Language" → the registry EditionID the rules know (Core… = Home).
export function editionFromName(name: string | null): string | null {
  if (!name) return null;
  const n = name.replace(/\s+/g, ' ');
  if (/\bHome\b/i.test(n)) {
    if (/Single Language/i.test(n)) return 'CoreSingleLanguage';
    if (/China|Country Specific/i.test(n)) return 'CoreCountrySpecific';
    if (/\bHome N\b/i.test(n)) return 'CoreN';
    return 'Core';
  }
  if (/Hyper-V Server/i.test(n)) return 'ServerHyperCore';
  if (/Server/i.test(n)) {
    if (/Datacenter/i.test(n)) return 'ServerDatacenter';
    if (/Standard/i.test(n)) return 'ServerStandard';
    if (/Essentials/i.test(n)) return 'ServerSolution';
    return null;
  }
  if (/Pro(fessional)? for Workstations/i.test(n)) return 'ProfessionalWorkstation';
  if (/Pro(fessional)? Education/i.test(n)) return 'ProfessionalEducation';
  if (/\bPro(fessional)?\b/i.test(n)) return /\bPro(fessional)? N\b/i.test(n) ? 'ProfessionalN' : 'Professional';
  if (/Enterprise (LTSC|LTSB)|Enterprise \d{4} LTS/i.test(n)) return 'EnterpriseS';
  if (/Enterprise/i.test(n)) return 'Enterprise';
  if (/Education/i.test(n)) return 'Education';
  return null;
}

function productTypeOf(configuration: string | null, name: string | null): OsFacts['productType'] {
  if (configuration) {
    if (/Domain Controller/i.test(configuration)) return 'domain-controller';
    if (/Server/i.test(configuration)) return 'server';
    if (/Workstation/i.test(configuration)) return 'workstation';
  }
  if (name && /Server/i.test(name)) return 'server';
  if (name && /Windows (10|11|[78])\b/i.test(name)) return 'workstation';
  return null;
}

// "15,869 MB" → bytes (systeminfo counts MB of 1024 × 1024 bytes; the separator is the locale's).
function megabytes(value: string | null): number | null {
  const match = value ? /^([\d.,' ]+)\s*MB\b/i.exec(value) : null;
  if (!match) return null;
  const digits = match[1]!.replace(/[^\d]/g, '');
  return digits === '' ? null : Number(digits) * 1024 * 1024;
}

const SECURITY_SERVICE_NAMES: [RegExp, string][] = [
  [/credential guard/i, 'CredentialGuard'],
  [/hypervisor enforced code integrity/i, 'HypervisorEnforcedCodeIntegrity'],
  [/system guard/i, 'SystemGuardSecureLaunch'],
];

function vbsFrom(field: SysteminfoField | undefined): { status: NonNullable<HostFacts['hyperv']>['vbsStatus']; running: string[] | null } {
  if (!field) return { status: null, running: null };
  const first = squash(field.lines[0] ?? '');
  const status = first.includes('status:running') ? 'running' : first.includes('status:notenabled') ? 'off' : first.includes('status:enabledbutnotrunning') ? 'enabled-not-running' : null;
  let inRunning = false;
  let sawRunning = false;
  const running: string[] = [];
  for (const line of field.lines.slice(1)) {
    if (/:\s*(\S.*)?$/.test(line) && !/^\s*(Hypervisor enforced|Credential Guard|System Guard)/i.test(line)) {
      inRunning = /^Services Running:/i.test(line.trim());
      sawRunning ||= inRunning;
      continue;
    }
    if (!inRunning) continue;
    const known = SECURITY_SERVICE_NAMES.find(([pattern]) => pattern.test(line));
    running.push(known ? known[1] : line.trim());
  }
  // "Not enabled" runs nothing; otherwise only a readable "Services Running:" list says what runs.
  return { status, running: status === 'off' ? [] : sawRunning ? running : null };
}

export interface SysteminfoReading {
  host: HostFacts;
  hypervisorDetected: boolean;
  notes: string[];
}

export function readSysteminfo(text: string): SysteminfoReading | null {
  const fields = parseSysteminfoFields(text);
  if (!fields.has('OS Name') && !fields.has('Hyper-V Requirements')) return null;
  const notes: string[] = [];

  const osName = single(fields, 'OS Name');
  const osVersion = single(fields, 'OS Version');
  const buildMatch = osVersion ? /Build\s*(\d+)/i.exec(osVersion) ?? /^\d+\.\d+\.(\d+)/.exec(osVersion) : null;
  const os: OsFacts = {
    family: 'windows',
    name: osName,
    version: osVersion ? osVersion.split(' ')[0]! : null,
    build: buildMatch ? Number(buildMatch[1]) : null,
    ubr: null,
    displayVersion: null,
    edition: editionFromName(osName),
    productType: productTypeOf(single(fields, 'OS Configuration'), osName),
    kernel: null,
  };

  // Processors: "[01]: Intel64 Family 6 Model 85 Stepping 4 GenuineIntel ~2594 Mhz", one per socket.
  const processorText = fields.get('Processor(s)')?.lines.join(' ') ?? '';
  const vendorId = squash(processorText).includes('genuineintel') ? 'GenuineIntel' : squash(processorText).includes('authenticamd') ? 'AuthenticAMD' : null;
  const firstProcessor = /\[0*1\]:\s*(.+?)\s*(?=\[0*2\]:|$)/.exec(processorText)?.[1]?.replace(/\s+/g, ' ') ?? null;
  let vendor = vendorOf(vendorId);
  if (!vendor && firstProcessor && /\bARM|Qualcomm|Snapdragon/i.test(firstProcessor)) vendor = 'other';

  // The Hyper-V requirements, or the sentence that replaces them while a hypervisor runs.
  const requirements = squash(fields.get('Hyper-V Requirements')?.lines.join('') ?? '');
  const hypervisorDetected = requirements.includes(squash('A hypervisor has been detected'));
  const requirement = (label: string) => (hypervisorDetected ? null : yesNo(requirements, label));
  const vmMonitor = requirement('VM Monitor Mode Extensions');
  const firmware = requirement('Virtualization Enabled In Firmware');
  const slat = requirement('Second Level Address Translation');
  const dep = requirement('Data Execution Prevention Available');
  const anyRequirement = [vmMonitor, firmware, slat, dep].some((value) => value !== null);
  if (!fields.has('Hyper-V Requirements')) notes.push('no "Hyper-V Requirements" section in the paste (cut off?)');
  else if (!hypervisorDetected && !anyRequirement) notes.push('the "Hyper-V Requirements" section could not be read');
  if (hypervisorDetected) notes.push('systeminfo: "A hypervisor has been detected": VT-x, SLAT, firmware and DEP are hidden (unknown, not off)');

  // Virtual machine or not, from the SMBIOS strings systeminfo prints.
  const manufacturer = single(fields, 'System Manufacturer');
  const model = single(fields, 'System Model');
  const bios = single(fields, 'BIOS Version');
  const dmiText = [manufacturer, model, bios].filter(Boolean).join(' ');
  const dmiRule = dmiText ? DMI_HYPERVISORS.find(([pattern]) => pattern.test(dmiText)) : undefined;
  const network = squash(fields.get('Network Card(s)')?.lines.join('') ?? '');
  let cloud: GuestFacts['cloud'] = dmiRule?.[2] ?? null;
  const evidence: string[] = [];
  if (dmiRule) evidence.push(`systeminfo System Manufacturer/Model/BIOS: ${dmiText}`);
  if (/\bamazon\b/i.test(bios ?? '')) cloud = 'aws';
  // Azure's DHCP and DNS service answers from 168.63.129.16 on every Azure VM.
  if (dmiRule?.[1] === 'Hyper-V' && network.includes('dhcpserver:168.63.129.16')) {
    cloud = 'azure';
    evidence.push('DHCP server 168.63.129.16 (Azure)');
  }
  let isVirtual: boolean | null = null;
  if (dmiRule || cloud) isVirtual = true;
  else if (manufacturer && model) {
    // A physical machine's SMBIOS strings name its maker; every common hypervisor is in the table above.
    isVirtual = false;
    evidence.push(`systeminfo System Manufacturer/Model name no hypervisor: ${dmiText}`);
  }

  // A Hyper-V virtual switch ("Hyper-V Virtual Ethernet Adapter") exists only with the Hyper-V role.
  let roleInstalled: boolean | null = network.includes(squash('Hyper-V Virtual Ethernet Adapter')) ? true : null;
  if (roleInstalled === null && os.edition?.startsWith('Core')) roleInstalled = false; // Home has no Hyper-V role
  const vbs = vbsFrom(fields.get('Virtualization-based security'));
  const hypervisorPresent = hypervisorDetected ? true : anyRequirement ? false : null;

  const host: HostFacts = {
    name: single(fields, 'Host Name'),
    os,
    cpu: {
      vendor,
      vendorId,
      model: firstProcessor,
      logicalCount: null, // systeminfo lists sockets, not logical processors
      virtualizationExtensions: vmMonitor,
      slat,
      nx: dep,
      firmwareEnabled: firmware,
      flags: null,
    },
    guest: { isVirtual, hypervisor: dmiRule?.[1] ?? null, cloud, evidence: evidence.length > 0 ? evidence : null, azure: cloud === 'azure' ? { vmSize: null, securityType: null } : null },
    memory: { totalBytes: megabytes(single(fields, 'Total Physical Memory')) },
    kvm: null,
    hyperv: {
      roleInstalled,
      hypervisorPresent,
      hypervisorLaunchType: null,
      supportedConfigVersions: null,
      defaultConfigVersion: null,
      vbsStatus: vbs.status,
      securityServicesRunning: vbs.running,
      natNetworks: null,
      elevated: null,
    },
    dmi: manufacturer || model || bios ? { systemManufacturer: manufacturer, systemModel: model, biosVendor: null, biosVersion: bios, chassisAssetTag: null } : null,
  };
  return { host, hypervisorDetected, notes };
}

// ------------------------------------------------------------------ Coreinfo

// "VMX             *       Supports Intel hardware-assisted virtualization"
const FEATURE_LINE = /^([A-Z][A-Z0-9_]{1,15})\s+([*-])\s+(\S.*)?$/;

export interface CoreinfoReading {
  model: string | null;
  vendorId: string | null;
  features: Map<string, boolean>;
}

export function readCoreinfo(text: string): CoreinfoReading | null {
  const features = new Map<string, boolean>();
  let model: string | null = null;
  let vendorId: string | null = null;
  let seenBanner = false;
  for (const raw of normalizePaste(text)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^Coreinfo v\d/i.test(line)) seenBanner = true;
    const feature = FEATURE_LINE.exec(line);
    if (feature) {
      if (!features.has(feature[1]!)) features.set(feature[1]!, feature[2] === '*');
      continue;
    }
    const family = /^(Intel64|AMD64|x86|ARMv8.*?) Family .*,\s*(GenuineIntel|AuthenticAMD|\S+)\s*$/i.exec(line);
    if (family) {
      vendorId ??= family[2]!;
      continue;
    }
    // The processor's name is the line before its "Family … Stepping …, Vendor" line.
    if (!model && seenBanner && /\b(Intel|AMD|CPU|Processor|Ryzen|EPYC|Xeon|Core)\b/.test(line) && !/Copyright|Sysinternals|Coreinfo|Dump information|Microcode/i.test(line)) {
      model = line.replace(/\s+/g, ' ');
    }
  }
  const relevant = ['HYPERVISOR', 'VMX', 'SVM', 'EPT', 'NPT'].some((name) => features.has(name));
  if (!relevant) return null;
  return { model, vendorId, features };
}

// ------------------------------------------------------------------ facts

export type ImportResult = { ok: true; facts: FactsDocument } | { ok: false; error: string };

export interface ImportOptions {
  kind?: PasteKind; // what the user said it is; without it, whatever the text holds
}

function coreinfoHost(reading: CoreinfoReading): Partial<HostFacts['cpu']> & { hypervisorPresent: boolean | null; notes: string[] } {
  const vendor = vendorOf(reading.vendorId) ?? (reading.model && /\bIntel\b/.test(reading.model) ? 'Intel' : reading.model && /\bAMD\b/.test(reading.model) ? 'AMD' : null);
  const flag = (name: string) => (reading.features.has(name) ? reading.features.get(name)! : null);
  const notes: string[] = [];
  let slat = vendor === 'Intel' ? flag('EPT') : vendor === 'AMD' ? flag('NPT') : null;
  if (vendor === 'Intel' && slat === false) {
    // Coreinfo reads EPT from a model-specific register, which needs an elevated prompt.
    slat = null;
    notes.push('Coreinfo shows EPT as "-" when not run as administrator: EPT treated as unknown');
  }
  return {
    vendor,
    vendorId: reading.vendorId,
    model: reading.model,
    virtualizationExtensions: vendor === 'Intel' ? flag('VMX') : vendor === 'AMD' ? flag('SVM') : null,
    slat,
    nx: flag('NX'),
    hypervisorPresent: flag('HYPERVISOR'),
    notes,
  };
}

export function importWindowsPaste(text: string, options: ImportOptions = {}): ImportResult {
  const systeminfo = readSysteminfo(text);
  const coreinfo = readCoreinfo(text);
  if (options.kind === 'systeminfo' && !systeminfo) {
    return { ok: false, error: 'no systeminfo output found (expected English "systeminfo" lines such as "OS Name:" and "Hyper-V Requirements:")' };
  }
  if (options.kind === 'coreinfo' && !coreinfo) {
    return { ok: false, error: 'no Coreinfo output found (expected lines such as "VMX  *  Supports Intel hardware-assisted virtualization" from "Coreinfo -v")' };
  }
  if (!systeminfo && !coreinfo) return { ok: false, error: 'neither systeminfo nor Coreinfo output found' };

  const collectors: FactsDocument['collection']['collectors'] = [];
  let host: HostFacts;
  if (systeminfo) {
    host = systeminfo.host;
    collectors.push({ name: 'import.systeminfo', status: systeminfo.notes.length > 0 ? 'partial' : 'ok', error: systeminfo.notes.length > 0 ? systeminfo.notes.join('; ') : null, durationMs: null });
  } else {
    host = {
      name: null,
      os: { family: 'windows', name: null, version: null, build: null, ubr: null, displayVersion: null, edition: null, productType: null, kernel: null },
      cpu: { vendor: null, vendorId: null, model: null, logicalCount: null, virtualizationExtensions: null, slat: null, nx: null, firmwareEnabled: null, flags: null },
      guest: { isVirtual: null, hypervisor: null, cloud: null, evidence: null, azure: null },
      memory: { totalBytes: null },
      kvm: null,
      hyperv: { roleInstalled: null, hypervisorPresent: null, hypervisorLaunchType: null, supportedConfigVersions: null, defaultConfigVersion: null, vbsStatus: null, securityServicesRunning: null, natNetworks: null, elevated: null },
    };
  }
  if (coreinfo) {
    const read = coreinfoHost(coreinfo);
    // systeminfo wins where it said something; Coreinfo fills what it left unknown (e.g. hidden by a hypervisor).
    for (const key of ['vendor', 'vendorId', 'model', 'virtualizationExtensions', 'slat', 'nx'] as const) {
      if (host.cpu[key] === null && read[key] !== undefined && read[key] !== null) (host.cpu as Record<string, unknown>)[key] = read[key];
    }
    if (host.hyperv && host.hyperv.hypervisorPresent === null) host.hyperv.hypervisorPresent = read.hypervisorPresent;
    if (host.guest.isVirtual === null && read.hypervisorPresent === false) {
      host.guest.isVirtual = false;
      host.guest.evidence = [...(host.guest.evidence ?? []), 'Coreinfo: HYPERVISOR "-" (no hypervisor at all)'];
    }
    const notes = [...read.notes];
    if (!coreinfo.features.has('HYPERVISOR')) notes.push('no HYPERVISOR line (run Coreinfo with -v)');
    collectors.push({ name: 'import.coreinfo', status: notes.length > 0 ? 'partial' : 'ok', error: notes.length > 0 ? notes.join('; ') : null, durationMs: null });
  }
  const source = systeminfo && coreinfo ? 'import:systeminfo+coreinfo' : systeminfo ? 'import:systeminfo' : 'import:coreinfo';
  return {
    ok: true,
    facts: {
      schemaVersion: FACTS_SCHEMA_VERSION,
      collection: { tool: `${TOOL_NAME} ${TOOL_VERSION}`, collectedAt: null, source, root: null, collectors },
      host,
      vms: null, // neither tool lists VMs
    },
  };
}

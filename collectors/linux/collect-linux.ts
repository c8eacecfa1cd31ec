// The Linux collector: /proc, /sys and /etc into a facts document. Reads only; never loads modules.
import type { CollectorRun, FactsDocument, HostFacts } from '../../schemas/facts.js';
import { FACTS_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../schemas/constants.js';
import { cpuVirtualization, parseCpuinfo, vendorFromId } from './parse-cpuinfo.js';
import { parseMemTotalBytes, parseNestedParameter, parseOsRelease } from './parse-key-value.js';
import { detectHypervisor } from './detect-hypervisor.js';
import { createSourceTree, type SourceTree } from './source-tree.js';

export interface CollectOptions {
  root?: string | null;
  now?: () => Date;
  // null when times are pinned (--timestamp, SOURCE_DATE_EPOCH): durations would break byte-identical output.
  elapsedMs?: (() => number) | null;
}

type Section = (facts: HostFacts, tree: SourceTree) => { status: CollectorRun['status']; error?: string };

function emptyHost(): HostFacts {
  return {
    name: null,
    os: { family: 'linux', name: null, version: null, build: null, ubr: null, displayVersion: null, edition: null, productType: null, kernel: null },
    cpu: { vendor: null, vendorId: null, model: null, logicalCount: null, virtualizationExtensions: null, slat: null, nx: null, firmwareEnabled: null, flags: null },
    guest: { isVirtual: null, hypervisor: null, cloud: null, evidence: null, azure: null },
    memory: { totalBytes: null },
    kvm: {
      modules: { kvm: null, kvmIntel: null, kvmAmd: null, kvmPvm: null },
      hardwareModule: null,
      nested: null,
      nestedRaw: null,
      device: { present: null, readWrite: null },
    },
    hyperv: null,
  };
}

const cpuinfoSection: Section = (facts, tree) => {
  const outcome = tree.read('/proc/cpuinfo');
  if (!outcome.ok) return { status: 'failed', error: `/proc/cpuinfo: ${outcome.error}` };
  const summary = parseCpuinfo(outcome.text);
  const virt = cpuVirtualization(summary);
  const vendor = vendorFromId(summary.vendorId);
  Object.assign(facts.cpu, {
    vendor,
    vendorId: summary.vendorId,
    model: summary.model,
    logicalCount: summary.logicalCount,
    virtualizationExtensions: virt.virtualizationExtensions,
    slat: virt.slat,
    nx: virt.nx,
    firmwareEnabled: virt.firmwareEnabled,
    flags: summary.flags.size > 0 ? virt.relevantFlags : null,
  });
  facts.guest.isVirtual = virt.isVirtual;
  if (virt.isVirtual !== null) {
    facts.guest.evidence = [virt.isVirtual ? '/proc/cpuinfo has the hypervisor flag' : '/proc/cpuinfo has no hypervisor flag'];
  }
  facts.kvm!.hardwareModule = vendor === 'Intel' ? 'kvm_intel' : vendor === 'AMD' ? 'kvm_amd' : null;
  if (summary.flags.size === 0) return { status: 'partial', error: '/proc/cpuinfo has no flags line' };
  return { status: 'ok' };
};

const meminfoSection: Section = (facts, tree) => {
  const outcome = tree.read('/proc/meminfo');
  if (!outcome.ok) return { status: 'failed', error: `/proc/meminfo: ${outcome.error}` };
  facts.memory.totalBytes = parseMemTotalBytes(outcome.text);
  return facts.memory.totalBytes === null ? { status: 'partial', error: 'no MemTotal line' } : { status: 'ok' };
};

const osSection: Section = (facts, tree) => {
  const release = tree.read('/etc/os-release');
  const fallback = release.ok ? release : tree.read('/usr/lib/os-release');
  const hostname = tree.read('/proc/sys/kernel/hostname');
  const etcHostname = hostname.ok ? hostname : tree.read('/etc/hostname');
  const kernel = tree.read('/proc/sys/kernel/osrelease');
  if (etcHostname.ok) facts.name = etcHostname.text.trim() || null;
  if (kernel.ok) facts.os.kernel = kernel.text.trim() || null;
  if (!fallback.ok) return { status: 'partial', error: `/etc/os-release: ${fallback.error}` };
  const fields = parseOsRelease(fallback.text);
  facts.os.name = fields.PRETTY_NAME ?? fields.NAME ?? null;
  facts.os.version = fields.VERSION_ID ?? null;
  return { status: 'ok' };
};

const kvmSection: Section = (facts, tree) => {
  const kvm = facts.kvm!;
  const sysModule = tree.exists('/sys/module');
  if (!sysModule) return { status: 'failed', error: '/sys/module: not found (is /sys mounted, or was it captured?)' };
  kvm.modules = {
    kvm: tree.exists('/sys/module/kvm'),
    kvmIntel: tree.exists('/sys/module/kvm_intel'),
    kvmAmd: tree.exists('/sys/module/kvm_amd'),
    kvmPvm: tree.exists('/sys/module/kvm_pvm'),
  };
  const loaded = kvm.modules.kvmIntel ? 'kvm_intel' : kvm.modules.kvmAmd ? 'kvm_amd' : null;
  if (loaded) {
    kvm.hardwareModule = loaded;
    const nested = tree.read(`/sys/module/${loaded}/parameters/nested`);
    if (nested.ok) {
      kvm.nestedRaw = nested.text.trim();
      kvm.nested = parseNestedParameter(nested.text);
    }
  }
  kvm.device = tree.deviceAccess('/dev/kvm');
  return { status: 'ok' };
};

const hypervisorSection: Section = (facts, tree) => {
  const guess = detectHypervisor(tree);
  facts.guest.cloud = guess.cloud;
  if (guess.evidence.length > 0) facts.guest.evidence = [...(facts.guest.evidence ?? []), ...guess.evidence];
  if (facts.guest.isVirtual === true) {
    facts.guest.hypervisor = guess.hypervisor;
    return guess.hypervisor ? { status: 'ok' } : { status: 'partial', error: 'a hypervisor is present but its vendor was not found in /sys/hypervisor, DMI or ACPI tables' };
  }
  // DMI can name a hypervisor even when the cpuinfo flag is absent (some VMMs hide it).
  if (facts.guest.isVirtual === false && guess.hypervisor && guess.evidence.some((line) => line.startsWith('DMI'))) {
    facts.guest.isVirtual = true;
    facts.guest.hypervisor = guess.hypervisor;
  }
  return { status: 'ok' };
};

const SECTIONS: [string, Section][] = [
  ['linux.cpuinfo', cpuinfoSection],
  ['linux.meminfo', meminfoSection],
  ['linux.os-release', osSection],
  ['linux.kvm', kvmSection],
  ['linux.hypervisor', hypervisorSection],
];

export function collectLinux(options: CollectOptions = {}): FactsDocument {
  const root = options.root ?? null;
  const now = options.now ?? (() => new Date());
  const elapsed = options.elapsedMs === undefined ? () => performance.now() : options.elapsedMs;
  const tree = createSourceTree(root);
  const host = emptyHost();
  const collectors: CollectorRun[] = [];
  for (const [name, section] of SECTIONS) {
    const started = elapsed?.() ?? 0;
    let outcome: ReturnType<Section>;
    try {
      outcome = section(host, tree);
    } catch (error) {
      outcome = { status: 'failed', error: (error as Error).message };
    }
    collectors.push({ name, status: outcome.status, error: outcome.error ?? null, durationMs: elapsed ? Math.round((elapsed() - started) * 100) / 100 : null });
  }
  return {
    schemaVersion: FACTS_SCHEMA_VERSION,
    collection: {
      tool: `${TOOL_NAME} ${TOOL_VERSION}`,
      collectedAt: now().toISOString(),
      source: root ? 'replay' : 'live',
      root,
      collectors,
    },
    host,
    vms: null, // this collector does not list libvirt domains: unknown, not "none"
  };
}

// Synthetic fleets for the benchmark: seeded, so every run measures the same bytes. Each host is a
// real fixture's facts document (Linux captured trees, recorded Windows collector output) with its
// identity and settings varied in realistic proportions: Intel/AMD, Windows builds, VM settings.
import type { FactsDocument, VmFacts } from '../schemas/facts.js';

// mulberry32: small, fast, good enough to pick from lists reproducibly.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WINDOWS_BUILDS = [14393, 17763, 17763, 19045, 20348, 20348, 22631, 26100, 26100];
const CONFIG_VERSIONS = ['8.0', '9.0', '9.3', '10.0', '11.0', '12.0'];
const VM_STATES = ['Running', 'Running', 'Running', 'Off', 'Off', 'Saved'];
const GIB = 1024 ** 3;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function varyVm(template: VmFacts, random: () => number, index: number, host: string): VmFacts {
  const vm = structuredClone(template);
  vm.name = `${host}-vm${String(index).padStart(2, '0')}`;
  vm.id = null;
  vm.state = pick(random, VM_STATES);
  vm.configVersion = pick(random, CONFIG_VERSIONS);
  vm.vcpus = pick(random, [1, 2, 2, 4, 8]);
  vm.exposeVirtualizationExtensions = random() < 0.6;
  vm.dynamicMemory = random() < 0.3;
  vm.memoryStartupBytes = pick(random, [2, 4, 8, 16]) * GIB;
  for (const adapter of vm.adapters ?? []) adapter.macAddressSpoofing = random() < 0.5;
  return vm;
}

function varyWindows(doc: FactsDocument, random: () => number, vmTemplates: VmFacts[], name: string): void {
  const amd = random() < 0.35;
  doc.host.cpu.vendor = amd ? 'AMD' : 'Intel';
  doc.host.cpu.vendorId = amd ? 'AuthenticAMD' : 'GenuineIntel';
  doc.host.cpu.model = amd ? 'AMD EPYC 7543 32-Core Processor' : 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz';
  doc.host.os.build = pick(random, WINDOWS_BUILDS);
  doc.host.memory.totalBytes = pick(random, [64, 128, 256, 512]) * GIB;
  if (vmTemplates.length > 0) {
    const count = Math.floor(random() * 7);
    doc.vms = Array.from({ length: count }, (_, index) => varyVm(pick(random, vmTemplates), random, index, name));
  }
}

function varyLinux(doc: FactsDocument, random: () => number): void {
  doc.host.memory.totalBytes = pick(random, [16, 64, 256, 512]) * GIB;
  if (doc.host.kvm && doc.host.kvm.nested !== null) {
    const nested = random() < 0.85;
    doc.host.kvm.nested = nested;
    doc.host.kvm.nestedRaw = doc.host.kvm.hardwareModule === 'kvm_amd' ? (nested ? '1' : '0') : nested ? 'Y' : 'N';
  }
}

export interface FleetTemplates {
  linux: FactsDocument[];
  windows: FactsDocument[];
}

// One compact JSON line per host.
export function* generateFleet(count: number, seed: number, templates: FleetTemplates): Generator<string> {
  const random = seededRandom(seed);
  const vmTemplates = templates.windows.flatMap((doc) => doc.vms ?? []);
  const windowsShare = templates.windows.length > 0 ? 0.5 : 0;
  for (let index = 0; index < count; index++) {
    const windows = random() < windowsShare;
    const doc = structuredClone(pick(random, windows ? templates.windows : templates.linux));
    const name = `${windows ? 'hv' : 'kvm'}-${String(index).padStart(6, '0')}`;
    doc.host.name = name;
    doc.collection.collectedAt = '2026-01-01T00:00:00.000Z';
    for (const run of doc.collection.collectors) run.durationMs = null;
    if (windows) varyWindows(doc, random, vmTemplates, name);
    else varyLinux(doc, random);
    yield JSON.stringify(doc);
  }
}

// Facts documents for tests: a complete, valid document with every fact unknown, plus deep overrides.
import type { FactsDocument } from '../../schemas/facts.js';

type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;

export function unknownFacts(): FactsDocument {
  return {
    schemaVersion: 1,
    collection: { tool: 'nestready test', collectedAt: '2026-01-01T00:00:00.000Z', source: 'test', root: null, collectors: [] },
    host: {
      name: 'test-host',
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
    },
    vms: null,
  };
}

function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
}

export function facts(patch: DeepPartial<FactsDocument> = {}, base: FactsDocument = unknownFacts()): FactsDocument {
  const copy = structuredClone(base);
  merge(copy as unknown as Record<string, unknown>, patch as Record<string, unknown>);
  return copy;
}

// A healthy bare-metal Intel KVM host: every Linux rule passes or does not apply.
export function intelBareMetal(): FactsDocument {
  return facts({
    host: {
      cpu: { vendor: 'Intel', vendorId: 'GenuineIntel', model: 'Intel Xeon Gold 6338', logicalCount: 64, virtualizationExtensions: true, slat: true, nx: true, firmwareEnabled: true, flags: ['vmx', 'ept', 'nx'] },
      guest: { isVirtual: false },
      memory: { totalBytes: 256 * 1024 ** 3 },
      kvm: {
        modules: { kvm: true, kvmIntel: true, kvmAmd: false, kvmPvm: false },
        hardwareModule: 'kvm_intel',
        nested: true,
        nestedRaw: 'Y',
        device: { present: true, readWrite: true },
      },
    },
  });
}

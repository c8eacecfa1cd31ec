// /proc/cpuinfo → the virtualization-relevant CPU facts. Pure: text in, facts out.

export interface CpuinfoSummary {
  vendorId: string | null;
  model: string | null;
  logicalCount: number | null;
  flags: Set<string>;
  vmxFlags: Set<string>;
}

export function parseCpuinfo(text: string): CpuinfoSummary {
  let vendorId: string | null = null;
  let model: string | null = null;
  let processors = 0;
  let flags: Set<string> | null = null;
  let vmxFlags: Set<string> | null = null;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    switch (key) {
      case 'processor':
        processors++;
        break;
      case 'vendor_id':
        vendorId ??= value;
        break;
      case 'model name':
        model ??= value;
        break;
      // The first CPU's lines are enough: the kernel reports the same features on every CPU.
      case 'flags':
        flags ??= new Set(value.split(/\s+/).filter(Boolean));
        break;
      case 'vmx flags':
        vmxFlags ??= new Set(value.split(/\s+/).filter(Boolean));
        break;
    }
  }
  return {
    vendorId,
    model,
    logicalCount: processors > 0 ? processors : null,
    flags: flags ?? new Set(),
    vmxFlags: vmxFlags ?? new Set(),
  };
}

export function vendorFromId(vendorId: string | null): 'Intel' | 'AMD' | 'other' | null {
  if (vendorId === null) return null;
  if (vendorId === 'GenuineIntel') return 'Intel';
  if (vendorId === 'AuthenticAMD' || vendorId === 'HygonGenuine') return 'AMD';
  return 'other';
}

export interface CpuVirtualization {
  virtualizationExtensions: boolean | null;
  slat: boolean | null;
  nx: boolean | null;
  firmwareEnabled: boolean | null;
  isVirtual: boolean | null;
  relevantFlags: string[];
}

const RELEVANT = ['vmx', 'svm', 'ept', 'npt', 'nx', 'hypervisor'];

export function cpuVirtualization(summary: CpuinfoSummary): CpuVirtualization {
  const { flags, vmxFlags } = summary;
  if (flags.size === 0) {
    return { virtualizationExtensions: null, slat: null, nx: null, firmwareEnabled: null, isVirtual: null, relevantFlags: [] };
  }
  const vendor = vendorFromId(summary.vendorId);
  const vmx = flags.has('vmx');
  const svm = flags.has('svm');
  const extensions = vmx || svm;
  // Kernels >= 5.8 moved ept to the "vmx flags" line; older ones list it in flags.
  const slat = vmx ? flags.has('ept') || vmxFlags.has('ept') : svm ? flags.has('npt') : false;
  const relevantFlags = RELEVANT.filter((flag) => flags.has(flag) || (flag === 'ept' && vmxFlags.has('ept')));
  return {
    virtualizationExtensions: extensions,
    slat,
    nx: flags.has('nx'),
    // Intel: since 5.6 the kernel clears vmx when firmware left VMX off, so vmx ⇒ enabled; without it we
    // cannot tell firmware-off from a CPU without VT-x. AMD: svm stays listed even when firmware locks it.
    firmwareEnabled: vendor === 'Intel' && vmx ? true : null,
    isVirtual: flags.has('hypervisor'),
    relevantFlags,
  };
}

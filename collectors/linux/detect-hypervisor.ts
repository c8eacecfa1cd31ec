// Which hypervisor, and which cloud, a Linux guest runs under: from /sys/hypervisor, DMI ids and
// the ACPI tables' OEM id (Firecracker and other minimal VMMs have no DMI at all).
import type { SourceTree } from './source-tree.js';

export interface HypervisorGuess {
  hypervisor: string | null;
  cloud: 'azure' | 'aws' | 'gcp' | 'other' | null;
  evidence: string[];
  dmi: Record<string, string>;
}

const DMI_FIELDS = ['sys_vendor', 'product_name', 'bios_vendor', 'board_vendor', 'chassis_asset_tag', 'chassis_vendor'];

// ACPI OEM ids (bytes 10..15 of a table header) written by common VMMs.
const ACPI_OEM: [RegExp, string][] = [
  [/^FIRECK/, 'Firecracker (KVM)'],
  [/^BOCHS|^BXPC/, 'QEMU/KVM'],
  [/^VRTUAL|^MSFTVM/, 'Hyper-V'],
  [/^VBOX/, 'VirtualBox'],
  [/^VMWARE/i, 'VMware'],
  [/^XEN/, 'Xen'],
  [/^AMAZON/, 'AWS Nitro (KVM)'],
  [/^Google/, 'Google Compute Engine (KVM)'],
];

const DMI_RULES: [RegExp, string][] = [
  [/Microsoft Corporation.*Virtual Machine/i, 'Hyper-V'],
  [/VMware/i, 'VMware'],
  [/innotek|VirtualBox/i, 'VirtualBox'],
  [/QEMU|KVM|Bochs|OpenStack/i, 'QEMU/KVM'],
  [/Amazon EC2/i, 'AWS Nitro (KVM)'],
  [/Google Compute Engine/i, 'Google Compute Engine (KVM)'],
  [/Xen/i, 'Xen'],
  [/Parallels/i, 'Parallels'],
];

// The asset tag Azure puts on every VM.
const AZURE_ASSET_TAG = '7783-7084-3265-9085-8269-3286-77';

export function detectHypervisor(tree: SourceTree): HypervisorGuess {
  const evidence: string[] = [];
  const dmi: Record<string, string> = {};
  for (const field of DMI_FIELDS) {
    const outcome = tree.read(`/sys/class/dmi/id/${field}`);
    if (outcome.ok && outcome.text.trim()) dmi[field] = outcome.text.trim();
  }
  let hypervisor: string | null = null;
  const xen = tree.read('/sys/hypervisor/type');
  if (xen.ok && xen.text.trim()) {
    hypervisor = xen.text.trim() === 'xen' ? 'Xen' : xen.text.trim();
    evidence.push(`/sys/hypervisor/type=${xen.text.trim()}`);
  }
  const dmiText = `${dmi.sys_vendor ?? ''} ${dmi.product_name ?? ''} ${dmi.bios_vendor ?? ''}`;
  if (!hypervisor && dmiText.trim()) {
    const rule = DMI_RULES.find(([pattern]) => pattern.test(dmiText));
    if (rule) {
      hypervisor = rule[1];
      evidence.push(`DMI: ${dmiText.trim()}`);
    }
  }
  if (!hypervisor) {
    for (const table of ['DSDT', 'FACP', 'APIC']) {
      const head = tree.readHead(`/sys/firmware/acpi/tables/${table}`, 16);
      if (!head || head.length < 16) continue;
      const oemId = head.subarray(10, 16).toString('latin1');
      const rule = ACPI_OEM.find(([pattern]) => pattern.test(oemId));
      if (rule) {
        hypervisor = rule[1];
        evidence.push(`ACPI ${table} OEM id "${oemId.trim()}"`);
        break;
      }
    }
  }
  let cloud: HypervisorGuess['cloud'] = null;
  if (dmi.chassis_asset_tag === AZURE_ASSET_TAG) cloud = 'azure';
  else if (/Amazon EC2/i.test(dmiText)) cloud = 'aws';
  else if (/Google/i.test(dmiText)) cloud = 'gcp';
  if (cloud) evidence.push(`cloud from DMI: ${cloud}`);
  return { hypervisor, cloud, evidence, dmi };
}

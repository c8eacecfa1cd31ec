// vms[] from the raw "vms" and "switches" sections. Names are kept byte-exact (quotes, $, backticks,
// spaces, non-ASCII): they are data, and every later use quotes them for its own shell.
import type { VmAdapterFacts, VmFacts } from '../../schemas/facts.js';
import type { RawDocument } from './raw-sections.js';
import { dataList, type SectionOutcome } from './normalize-host.js';
import { asArray, asObject, exactText, onOff, switchTypeName, text, toBool, toInt, versionText, vmStateName, type JsonObject } from './normalize-values.js';

export interface VmContext {
  raw: RawDocument;
  roleInstalled: boolean | null;
  elevated: boolean | null;
}

export interface VmResult {
  vms: VmFacts[] | null;
  outcome: SectionOutcome;
  missing: string[]; // --vm names that are not on the host
  problems: string[]; // per-VM failures (e.g. deleted while the scan ran)
}

function switchLookup(raw: RawDocument): (id: string | null, name: string | null) => VmAdapterFacts['switchType'] {
  const switches = (dataList(raw.section('switches')) ?? []).map(asObject).filter((entry): entry is JsonObject => entry !== null);
  return (id, name) => {
    const byId = id ? switches.find((entry) => typeof entry.Id === 'string' && entry.Id.toLowerCase() === id.toLowerCase()) : undefined;
    const byName = name !== null ? switches.filter((entry) => entry.Name === name) : [];
    const match = byId ?? (byName.length === 1 ? byName[0] : undefined);
    return match ? switchTypeName(match.SwitchType, match.SwitchTypeValue) : null;
  };
}

export function quoteName(name: string): string {
  return JSON.stringify(name);
}

export function normalizeVms(context: VmContext): VmResult {
  const section = context.raw.section('vms');
  const missing: string[] = [];
  const problems: string[] = [];
  if (section.status !== 'ok') {
    if (context.roleInstalled === false) {
      return { vms: [], outcome: { status: 'skipped', error: 'the Hyper-V role is not installed, so there are no Hyper-V VMs' }, missing, problems };
    }
    return { vms: null, outcome: {}, missing, problems };
  }
  const entries = (asArray(section.data) ?? []).map(asObject).filter((entry): entry is JsonObject => entry !== null);
  const switchType = switchLookup(context.raw);
  const vms: VmFacts[] = [];
  for (const entry of entries) {
    if (toBool(entry.Missing) === true) {
      const requested = exactText(entry.RequestedName);
      if (requested !== null) missing.push(requested);
      continue;
    }
    const name = exactText(entry.Name);
    if (name === null) {
      problems.push('a VM without a name in the Get-VM output was left out');
      continue;
    }
    const processor = asObject(entry.Processor);
    const memory = asObject(entry.Memory);
    const adapterList = asArray(entry.NetworkAdapters);
    const adapters: VmAdapterFacts[] | null = adapterList
      ? adapterList.map(asObject).filter((adapter): adapter is JsonObject => adapter !== null).map((adapter) => {
          const switchName = exactText(adapter.SwitchName);
          return {
            name: exactText(adapter.Name),
            switchName: switchName === '' ? null : switchName,
            switchType: switchName ? switchType(text(adapter.SwitchId), switchName) : null,
            macAddressSpoofing: onOff(adapter.MacAddressSpoofing, adapter.MacAddressSpoofingValue),
          };
        })
      : null;
    for (const error of asArray(entry.Errors) ?? []) {
      if (typeof error === 'string' && error.trim() !== '') problems.push(`VM ${quoteName(name)}: ${error.trim()}`);
    }
    vms.push({
      name,
      id: text(entry.Id),
      state: vmStateName(entry.State, entry.StateValue),
      configVersion: versionText(entry.Version),
      generation: toInt(entry.Generation),
      vcpus: toInt(processor?.Count) ?? toInt(entry.ProcessorCount),
      exposeVirtualizationExtensions: toBool(processor?.ExposeVirtualizationExtensions),
      dynamicMemory: toBool(memory?.DynamicMemoryEnabled) ?? toBool(entry.DynamicMemoryEnabled),
      memoryStartupBytes: toInt(memory?.Startup) ?? toInt(entry.MemoryStartup),
      adapters,
      natInGuest: null, // only the L1 itself knows whether it NATs for its L2 guests (see host.hyperv.natNetworks there)
    });
  }
  const notes: string[] = [];
  if (missing.length > 0) notes.push(`not on this host: ${missing.map(quoteName).join(', ')}`);
  notes.push(...problems);
  // Get-VM run without rights lists nothing instead of failing: an empty list then means "hidden".
  if (vms.length === 0 && missing.length === 0 && context.elevated === false) {
    return {
      vms: null,
      outcome: { status: 'partial', error: 'Get-VM listed no VMs, but this session is neither elevated nor in "Hyper-V Administrators", which hides them' },
      missing,
      problems,
    };
  }
  return { vms, outcome: notes.length > 0 ? { status: 'partial', error: notes.join('; ') } : {}, missing, problems };
}

// Collecting this machine: the collector for the platform we run on, or a captured tree (--root).
// On Windows that is collectors/windows: one PowerShell process running nestready-collect.ps1.
import type { FactsDocument } from '../../schemas/facts.js';
import type { CliOptions } from '../args.js';
import { CliError, UsageError } from '../errors.js';

export interface LiveOptions {
  root?: string;
  now: () => Date;
  pinned?: boolean;
  // --vm (repeatable) and --timeout (seconds), as parsed; only the Windows collector uses them.
  values?: CliOptions['values'];
}

const DEFAULT_TIMEOUT_SECONDS = 60;

export function windowsCollectorOptions(values: CliOptions['values'] = {}): { vmNames: string[]; timeoutMs: number } {
  const vm = values.vm;
  const vmNames = (Array.isArray(vm) ? vm : vm === undefined ? [] : [vm]).filter((name): name is string => typeof name === 'string');
  if (vmNames.some((name) => name === '')) throw new UsageError('--vm needs a VM name');
  const raw = values.timeout;
  let timeoutMs = DEFAULT_TIMEOUT_SECONDS * 1000;
  if (raw !== undefined) {
    const seconds = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(seconds > 0) || seconds > 24 * 3600) throw new UsageError(`--timeout "${String(raw)}" is not a number of seconds between 0 and 86400`);
    timeoutMs = Math.round(seconds * 1000);
  }
  return { vmNames, timeoutMs };
}

// NESTREADY_PLATFORM=win32 lets the test suite drive the Windows path (with a stand-in pwsh on PATH)
// on any machine; nothing else reads it.
function platform(): NodeJS.Platform {
  const forced = process.env.NESTREADY_PLATFORM;
  return forced === 'win32' || forced === 'linux' ? forced : process.platform;
}

export async function collectThisMachine(options: LiveOptions): Promise<FactsDocument> {
  const windows = windowsCollectorOptions(options.values);
  const onWindows = options.root === undefined && platform() === 'win32';
  if (!onWindows && windows.vmNames.length > 0) {
    throw new UsageError('--vm selects Hyper-V VMs and works only where the Windows collector runs (nestready scan or collect on Windows)');
  }
  if (options.root !== undefined) {
    const { isCaptureTree } = await import('../input/read-inputs.js');
    if (!isCaptureTree(options.root)) throw new CliError(`--root ${options.root}: not a captured tree (expected ${options.root}/proc/cpuinfo)`);
    const { collectLinux } = await import('../../collectors/linux/collect-linux.js');
    return collectLinux({ root: options.root, now: options.now, ...(options.pinned ? { elapsedMs: null } : {}) });
  }
  if (onWindows) {
    const { collectWindows, WindowsCollectorError } = await import('../../collectors/windows/collect-windows.js');
    try {
      const result = await collectWindows({ vmNames: windows.vmNames, timeoutMs: windows.timeoutMs, now: options.now, durations: !options.pinned });
      // Not elevated, no Hyper-V role, a --vm name not found: one line each on stderr, even with
      // --quiet (like input errors), so a gate log says why facts are unknown. The facts still follow.
      for (const note of result.notes) process.stderr.write(`nestready: ${note.message}\n`);
      return result.facts;
    } catch (error) {
      if (error instanceof WindowsCollectorError) throw new CliError(error.message);
      throw error;
    }
  }
  if (process.platform === 'linux') {
    const { collectLinux } = await import('../../collectors/linux/collect-linux.js');
    return collectLinux({ now: options.now, ...(options.pinned ? { elapsedMs: null } : {}) });
  }
  throw new CliError(`live collection is not available on ${process.platform} yet; collect on the host and run nestready evaluate on the facts file`);
}

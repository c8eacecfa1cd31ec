// Collecting this machine: the collector for the platform we run on, or a captured tree (--root).
import type { FactsDocument } from '../../schemas/facts.js';
import { CliError } from '../errors.js';

export interface LiveOptions {
  root?: string;
  now: () => Date;
  pinned?: boolean;
}

export async function collectThisMachine(options: LiveOptions): Promise<FactsDocument> {
  if (options.root !== undefined) {
    const { isCaptureTree } = await import('../input/read-inputs.js');
    if (!isCaptureTree(options.root)) throw new CliError(`--root ${options.root}: not a captured tree (expected ${options.root}/proc/cpuinfo)`);
    const { collectLinux } = await import('../../collectors/linux/collect-linux.js');
    return collectLinux({ root: options.root, now: options.now, ...(options.pinned ? { elapsedMs: null } : {}) });
  }
  if (process.platform === 'linux') {
    const { collectLinux } = await import('../../collectors/linux/collect-linux.js');
    return collectLinux({ now: options.now, ...(options.pinned ? { elapsedMs: null } : {}) });
  }
  throw new CliError(`live collection is not available on ${process.platform} yet; collect on the host and run nestready evaluate on the facts file`);
}

// A host that was never reached (Invoke-NestreadyFleet.ps1's remoting failure: the collector run
// `windows.remoting` failed) has every rule unknown, so the fleet tables (text, HTML, Markdown) show
// why instead of the list of rule ids. The error id goes first, so that it survives clipping:
// "not collected [AccessDenied,PSSessionStateBroken]: Connecting to remote server HV09 failed …".
// No imports: the text report loads this on the scan path.
import type { HostResult } from '../schemas/results.js';

export function notCollectedText(host: Pick<HostResult, 'diagnostics'>): string | null {
  const run = host.diagnostics.find((entry) => entry.status === 'failed' && entry.name.endsWith('.remoting'));
  if (!run) return null;
  const error = run.error ?? 'remoting failed';
  const id = / \(FullyQualifiedErrorId: ([^()]*)\)$/.exec(error);
  return id ? `not collected [${id[1]}]: ${error.slice(0, id.index)}` : `not collected: ${error}`;
}

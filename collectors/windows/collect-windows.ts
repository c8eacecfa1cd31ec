// The Windows collector: run nestready-collect.ps1 once (one PowerShell process per scan), then
// normalise its raw JSON. Failures a user can act on become WindowsCollectorError with one line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactsDocument } from '../../schemas/facts.js';
import { normalizeWindowsRaw, type WindowsNote } from './normalize-raw.js';
import { extractRawJson, isWindowsRaw, RAW_MARKER } from './raw-sections.js';
import { createSpawnTransport, PowerShellNotFoundError, type PowerShellTransport } from './transport.js';

export const COLLECTOR_SCRIPT_NAME = 'nestready-collect.ps1';

// The script ships in the package as collectors/windows/nestready-collect.ps1; this module runs from
// dist/collectors/windows (built) or collectors/windows (tsx), so look beside it and at the root.
export function collectorScriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, COLLECTOR_SCRIPT_NAME), join(here, '..', '..', '..', 'collectors', 'windows', COLLECTOR_SCRIPT_NAME)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new WindowsCollectorError(`the collector script ${COLLECTOR_SCRIPT_NAME} is missing from this installation (looked in ${candidates.join(', ')})`);
  return found;
}

export function collectorScriptText(): string {
  return readFileSync(collectorScriptPath(), 'utf8');
}

export class WindowsCollectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WindowsCollectorError';
  }
}

export interface WindowsCollectOptions {
  vmNames?: string[];
  timeoutMs?: number;
  now?: () => Date;
  durations?: boolean;
  transport?: PowerShellTransport;
  scriptPath?: string;
}

export interface WindowsCollectResult {
  facts: FactsDocument;
  notes: WindowsNote[];
  executable: string;
}

// VM names travel as base64 of a UTF-8 JSON array: nothing in a name (quotes, $, backticks, spaces,
// non-ASCII) has to survive Windows command-line quoting or PowerShell's parameter binder.
export function vmNameArguments(names: string[]): string[] {
  return names.length === 0 ? [] : ['-VMNameBase64', Buffer.from(JSON.stringify(names), 'utf8').toString('base64')];
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '') ?? '';
}

export async function collectWindows(options: WindowsCollectOptions = {}): Promise<WindowsCollectResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const transport = options.transport ?? createSpawnTransport();
  const script = options.scriptPath ?? collectorScriptPath();
  let result;
  try {
    result = await transport.run(script, vmNameArguments(options.vmNames ?? []), { timeoutMs });
  } catch (error) {
    if (error instanceof PowerShellNotFoundError) {
      throw new WindowsCollectorError(`${error.message}; install PowerShell 7 (https://aka.ms/powershell) or restore Windows PowerShell 5.1`);
    }
    throw new WindowsCollectorError(`cannot run the PowerShell collector: ${(error as Error).message}`);
  }
  if (result.timedOut) {
    throw new WindowsCollectorError(`the PowerShell collector (${result.executable}) did not finish within ${timeoutMs / 1000} s and was stopped; try again with a longer --timeout`);
  }
  if (result.outputLimitExceeded) {
    throw new WindowsCollectorError(`the PowerShell collector printed more output than nestready accepts and was stopped`);
  }
  if (!result.stdout.includes(`"${RAW_MARKER}"`)) {
    const reason = firstLine(result.stderr) || 'no output';
    throw new WindowsCollectorError(`the PowerShell collector (${result.executable}) exited with code ${result.exitCode} without its JSON: ${reason}`);
  }
  const parsed = extractRawJson(result.stdout);
  if (!parsed.ok) throw new WindowsCollectorError(parsed.error);
  if (!isWindowsRaw(parsed.value)) throw new WindowsCollectorError('the PowerShell collector printed JSON without the nestreadyRaw marker');
  const now = options.now ?? (() => new Date());
  const normalized = normalizeWindowsRaw(parsed.value, { collectedAt: now().toISOString(), durations: options.durations !== false });
  return { ...normalized, executable: result.executable };
}

// Expands the inputs of `nestready evaluate` (files, directories, captured trees, stdin) into a
// stream of facts documents or per-input errors. One unreadable input never stops the others.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsDocument } from '../../schemas/facts.js';
import { convertText } from './adapters.js';
import { decodeText } from './decode-text.js';

export type InputItem =
  | { kind: 'facts'; input: string; inputLine?: number; facts: FactsDocument }
  | { kind: 'error'; input: string; line?: number; message: string };

export interface ReadOptions {
  now: () => Date;
  pinned?: boolean;
  readStdin: () => Promise<Buffer>;
}

// A captured tree has the layout of a Linux root: proc/cpuinfo is the one file it must have.
export function isCaptureTree(dir: string): boolean {
  return statSync(join(dir, 'proc', 'cpuinfo'), { throwIfNoEntry: false })?.isFile() === true;
}

const INPUT_FILE = /\.(json|txt|ndjson|jsonl)$/i;

function listDirectory(dir: string, out: { path: string; tree: boolean }[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (isCaptureTree(full)) out.push({ path: full, tree: true });
      else listDirectory(full, out);
    } else if (entry.isFile() && INPUT_FILE.test(entry.name) && !entry.name.startsWith('.')) {
      out.push({ path: full, tree: false });
    }
  }
}

async function fromTree(path: string, options: ReadOptions): Promise<InputItem> {
  const { collectLinux } = await import('../../collectors/linux/collect-linux.js');
  return { kind: 'facts', input: path, facts: collectLinux({ root: path, now: options.now, ...(options.pinned ? { elapsedMs: null } : {}) }) };
}

async function fromBytes(input: string, bytes: Buffer, options: ReadOptions): Promise<InputItem> {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'error', input, message: decoded.error };
  const converted = await convertText(decoded.text, { input, now: options.now });
  return converted.ok ? { kind: 'facts', input, facts: converted.facts } : { kind: 'error', input, message: converted.error };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

export async function* readInputs(inputs: string[], options: ReadOptions): AsyncGenerator<InputItem> {
  for (const input of inputs) {
    if (input === '-') {
      yield await fromBytes('-', await options.readStdin(), options);
      continue;
    }
    let stat;
    try {
      stat = statSync(input);
    } catch (error) {
      yield { kind: 'error', input, message: describeFsError(error) };
      continue;
    }
    if (stat.isDirectory()) {
      if (isCaptureTree(input)) {
        yield await fromTree(input, options);
        continue;
      }
      const found: { path: string; tree: boolean }[] = [];
      try {
        listDirectory(input, found);
      } catch (error) {
        yield { kind: 'error', input, message: describeFsError(error) };
        continue;
      }
      if (found.length === 0) {
        yield { kind: 'error', input, message: 'directory holds no facts files (*.json, *.txt) and no captured trees (proc/cpuinfo)' };
        continue;
      }
      for (const item of found) {
        if (item.tree) yield await fromTree(item.path, options);
        else yield* readFile(item.path, options);
      }
      continue;
    }
    yield* readFile(input, options);
  }
}

async function* readFile(path: string, options: ReadOptions): AsyncGenerator<InputItem> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    yield { kind: 'error', input: path, message: describeFsError(error) };
    return;
  }
  yield await fromBytes(path, bytes, options);
}

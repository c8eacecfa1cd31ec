// Expands the inputs of `nestready evaluate` (files, directories, captured trees, stdin) into a
// stream of facts documents or per-input errors. One unreadable input never stops the others.
import { readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsDocument } from '../../schemas/facts.js';
import { convertText } from './adapters.js';

export { convertFactsLineSync } from './adapters.js';
import { NotTextError, readLines } from './line-stream.js';

// Text is handed on unconverted: turning it into facts (parse, normalise, validate) is the costly
// part of a fleet run, and happens where hosts are judged — possibly on worker threads.
export type InputItem =
  | { kind: 'facts'; input: string; inputLine?: number; facts: FactsDocument }
  | { kind: 'text'; input: string; inputLine?: number; text: string }
  | { kind: 'error'; input: string; line?: number; message: string }
  // An NDJSON file handed to worker threads whole (cli/parallel/), only with ReadOptions.handOffBundles.
  | { kind: 'bundle'; input: string };

export interface ReadOptions {
  now: () => Date;
  pinned?: boolean;
  stdin: () => AsyncIterable<Buffer>;
  // Each regular file that is an NDJSON bundle in UTF-8 (cli/parallel/bundle-probe.ts) is handed on
  // as one `bundle` item instead of being read here.
  handOffBundles?: boolean;
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

function fromText(input: string, text: string, _options: ReadOptions, inputLine?: number): InputItem {
  return { kind: 'text', input, ...(inputLine ? { inputLine } : {}), text };
}

// Text → facts, or the reason it is not. Inside a bundle the line is already in the error's
// location, so the message keeps only the column.
export async function convertItem(item: Extract<InputItem, { kind: 'text' }>, now: () => Date): Promise<InputItem> {
  const converted = await convertText(item.text, { input: item.input, now });
  if (converted.ok) return { kind: 'facts', input: item.input, ...(item.inputLine ? { inputLine: item.inputLine } : {}), facts: converted.facts };
  const message = item.inputLine ? converted.error.replace(/ at line 1, column /, ' at column ') : converted.error;
  return { kind: 'error', input: item.input, ...(item.inputLine ? { line: item.inputLine } : {}), message };
}

export function isJsonObjectLine(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false;
  try {
    const value = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

// One input stream: an NDJSON bundle (the first non-blank line is a whole JSON object: every line is
// an entry, numbered) or a single document (anything else: pretty-printed JSON, systeminfo text).
// NDJSON is evaluated line by line and never held in memory; a bad line is an error for that line only.
async function* fromStream(input: string, chunks: AsyncIterable<Buffer>, options: ReadOptions): AsyncGenerator<InputItem> {
  let mode: 'undecided' | 'ndjson' | 'document' = 'undecided';
  const held: string[] = [];
  let first: { text: string; number: number } | null = null;
  let entries = 0;
  try {
    for await (const line of readLines(chunks)) {
      if (mode === 'document') {
        held.push(line.text);
        continue;
      }
      if (line.text.trim() === '') {
        if (mode === 'undecided') held.push(line.text);
        continue;
      }
      if (mode === 'undecided') {
        if (!isJsonObjectLine(line.text)) {
          mode = 'document';
          held.push(line.text);
          continue;
        }
        mode = 'ndjson';
      }
      entries++;
      // A one-line file is a document, not a bundle: hold the first entry until a second appears.
      if (entries === 1) {
        first = line;
        continue;
      }
      if (entries === 2) yield fromText(input, first!.text, options, first!.number);
      yield fromText(input, line.text, options, line.number);
    }
  } catch (error) {
    if (error instanceof NotTextError) {
      yield { kind: 'error', input, message: error.message };
      return;
    }
    throw error;
  }
  if (mode === 'ndjson' && entries === 1) yield fromText(input, first!.text, options);
  if (mode !== 'ndjson') yield fromText(input, held.join('\n'), options);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

export async function* readInputs(inputs: string[], options: ReadOptions): AsyncGenerator<InputItem> {
  for (const input of inputs) {
    if (input === '-') {
      yield* fromStream('-', options.stdin(), options);
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
  if (options.handOffBundles && (await import('../parallel/bundle-probe.js')).isUtf8Bundle(path)) {
    yield { kind: 'bundle', input: path };
    return;
  }
  let stream;
  try {
    // Open eagerly so "no such file" and "permission denied" are reported for this input, not thrown.
    const handle = await open(path, 'r');
    stream = handle.createReadStream({ highWaterMark: 256 * 1024 });
  } catch (error) {
    yield { kind: 'error', input: path, message: describeFsError(error) };
    return;
  }
  try {
    yield* fromStream(path, stream as AsyncIterable<Buffer>, options);
  } catch (error) {
    yield { kind: 'error', input: path, message: describeFsError(error) };
  } finally {
    stream.destroy();
  }
}

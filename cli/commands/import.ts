// nestready import systeminfo|coreinfo FILE|- [--output F]: pasted Windows text → a facts document.
// For support: a customer pastes `systeminfo` (or `Coreinfo -v`) into a ticket; this turns it into
// facts that `nestready evaluate` (and the rest of the tooling) reads. `evaluate` also takes the
// pasted file directly.
import { readFileSync } from 'node:fs';
import type { CliOptions } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import { decodeText } from '../input/decode-text.js';
import { describeFsError } from '../input/read-inputs.js';
import { writeOutput } from '../write-output.js';

const KINDS = ['systeminfo', 'coreinfo'] as const;

async function readInput(file: string): Promise<Buffer> {
  if (file === '-') {
    if (process.stdin.isTTY) throw new UsageError('"-" reads the pasted text from standard input, but it is a terminal');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`${file}: ${describeFsError(error)}`);
  }
}

export async function runImport(options: CliOptions, _now: () => Date): Promise<number> {
  const [kind, file, ...extra] = options.inputs;
  if (!kind || !(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`import needs the kind of text: nestready import ${KINDS.join('|')} FILE [--output F]${kind ? ` (got "${kind}")` : ''}`);
  }
  if (!file) throw new UsageError(`import ${kind} needs a file with the pasted output, or "-" for standard input`);
  if (extra.length > 0) throw new UsageError(`import ${kind} takes one file, got "${extra[0]}" too`);
  const decoded = decodeText(await readInput(file));
  if (!decoded.ok) throw new CliError(`${file}: ${decoded.error}`);
  const { importWindowsPaste } = await import('../../collectors/imports/windows-paste.js');
  const result = importWindowsPaste(decoded.text, { kind: kind as (typeof KINDS)[number] });
  if (!result.ok) throw new CliError(`${file}: ${result.error}`);
  writeOutput(options.output, JSON.stringify(result.facts, null, 2) + '\n');
  return 0;
}

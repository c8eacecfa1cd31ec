// cli/input/line-stream.ts cuts UTF-8 at byte level and decodes line by line. It must hand on the same
// lines, and stop at the same point on bad bytes, as a fatal streaming TextDecoder over the whole
// input — the reference below, fed the same chunks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NotTextError, readLines } from '../../cli/input/line-stream.js';

async function* chunked(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

async function collect(lines: AsyncIterable<{ text: string; number: number }>): Promise<{ lines: string[]; error: string | null }> {
  const out: string[] = [];
  try {
    for await (const line of lines) out.push(`${line.number}:${line.text}`);
    return { lines: out, error: null };
  } catch (error) {
    if (!(error instanceof NotTextError)) throw error;
    return { lines: out, error: error.message };
  }
}

// The reference: decode each chunk with a fatal, streaming decoder, then split the text. The first
// chunks are joined until three bytes are there, to see a byte-order mark whole.
async function* reference(input: Buffer[]): AsyncGenerator<{ text: string; number: number }> {
  let head = 0;
  let length = 0;
  while (head < input.length && length < 3) length += input[head++]!.length;
  const first = Buffer.concat(input.slice(0, head));
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  const chunks = [first.subarray(bom), ...input.slice(head)];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let number = 0;
  const fail = (message: string): never => {
    throw new NotTextError(message);
  };
  for (const chunk of chunks) {
    if (chunk.includes(0)) fail('binary file (contains NUL bytes); expected JSON facts documents or a text capture');
    try {
      pending += decoder.decode(chunk, { stream: true });
    } catch {
      fail('not UTF-8 or UTF-16 text; expected JSON facts documents or a text capture');
    }
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      number++;
      yield { text: pending.slice(0, newline).replace(/\r$/, ''), number };
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  try {
    pending += decoder.decode(new Uint8Array(0));
  } catch {
    fail('not UTF-8 or UTF-16 text; expected JSON facts documents or a text capture');
  }
  const text = pending.replace(/\r$/, '');
  if (text !== '') yield { text, number: number + 1 };
}

// A small seeded generator, so a failure names an input that can be replayed.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['{"a":1}', '\n', '\r\n', 'é', '名前', '😀', ' ', '', '\r', 'x'.repeat(40)].map((text) => Buffer.from(text, 'utf8'));
const BAD = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe5, 0x90]), Buffer.from([0x00]), Buffer.from([0xed, 0xa0, 0x80])];

test('random UTF-8 text and random chunk boundaries: the same lines, the same stopping point', async () => {
  for (let seed = 1; seed <= 400; seed++) {
    const next = random(seed);
    const parts: Buffer[] = next() < 0.2 ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
    const length = 1 + Math.floor(next() * 40);
    for (let i = 0; i < length; i++) parts.push(next() < 0.04 ? BAD[Math.floor(next() * BAD.length)]! : PIECES[Math.floor(next() * PIECES.length)]!);
    const bytes = Buffer.concat(parts);
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(next() * 9);
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    const expected = await collect(reference(chunks));
    const actual = await collect(readLines(chunked(chunks)));
    assert.equal(actual, expected, `seed ${seed}: ${JSON.stringify(bytes.toString('latin1'))}`);
  }
});

test('UTF-16LE with a BOM still decodes (PowerShell 5.1 redirection)', async () => {
  const text = '\ufeff{"a":1}\r\n{"b":"名前"}\r\n';
  const bytes = Buffer.from(text, 'utf16le');
  const actual = await collect(readLines(chunked([bytes.subarray(0, 1), bytes.subarray(1, 7), bytes.subarray(7)])));
  assert.equal(actual, { lines: ['1:{"a":1}', '2:{"b":"名前"}'], error: null });
});

test.run();

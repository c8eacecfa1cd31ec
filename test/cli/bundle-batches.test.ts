// cli/parallel/bundle-batches.ts reads a named bundle in fixed chunks, into one reused buffer (inline)
// or fresh ones (for workers), with the start of a split line carried in front of the next chunk. Both ways must hand on exactly the lines the streaming line reader gives for the same
// bytes — on random files with lines longer than several chunks, CRLF, blank lines, a byte-order
// mark, multi-byte characters across chunk ends and no final newline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundleBatches, CHUNK_BYTES } from '../../cli/parallel/bundle-batches.js';
import { batchLines } from '../../cli/parallel/batch-lines.js';
import { readLines } from '../../cli/input/line-stream.js';

const tmp = mkdtempSync(join(tmpdir(), 'nestready-batches-'));

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function randomFile(seed: number): Buffer {
  const next = random(seed);
  const parts: string[] = [];
  const lines = 5 + Math.floor(next() * 40);
  for (let i = 0; i < lines; i++) {
    const roll = next();
    // Mostly short lines; some longer than a chunk, one in a while longer than three.
    const length = roll < 0.1 ? 0 : roll < 0.8 ? Math.floor(next() * 5000) : roll < 0.95 ? CHUNK_BYTES + Math.floor(next() * CHUNK_BYTES) : 3 * CHUNK_BYTES + 17;
    const unit = next() < 0.5 ? 'x' : 'é€😀';
    let line = `{"n":${i},"pad":"${unit.repeat(Math.ceil(length / unit.length)).slice(0, length)}"}`;
    if (roll < 0.05) line = '';
    parts.push(line + (next() < 0.2 ? '\r\n' : '\n'));
  }
  if (next() < 0.5) parts[parts.length - 1] = parts[parts.length - 1]!.replace(/\r?\n$/, '');
  const text = Buffer.from(parts.join(''), 'utf8');
  return next() < 0.3 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]) : text;
}

async function streamed(bytes: Buffer): Promise<string[]> {
  const out: string[] = [];
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
  }
  // The reader hands on blank lines too; the bundle reader drops them, as the batcher does.
  for await (const line of readLines(chunks())) if (line.text.trim() !== '') out.push(`${line.number}:${line.text}`);
  return out;
}

function batched(path: string, batchBytes?: number): string[] {
  const out: string[] = [];
  for (const event of bundleBatches(path, batchBytes)) {
    assert.is(event.kind, 'batch');
    if (event.kind !== 'batch') continue;
    for (const line of batchLines(event.batch.bytes, event.batch.firstLine)) out.push(`${line.number}:${line.text}`);
  }
  return out;
}

test('inline (one reused buffer) and worker batching give the streaming reader\'s lines, on 30 random files', async () => {
  for (let seed = 1; seed <= 30; seed++) {
    const bytes = randomFile(seed);
    const file = join(tmp, `bundle-${seed}.ndjson`);
    writeFileSync(file, bytes);
    const expected = await streamed(readFileSync(file));
    assert.ok(expected.length > 0);
    const inline = batched(file, 0);
    assert.ok(inline.length === expected.length && inline.every((line, i) => line === expected[i]), `seed ${seed}: inline`);
    const workers = batched(file);
    assert.ok(workers.length === expected.length && workers.every((line, i) => line === expected[i]), `seed ${seed}: worker batches`);
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();

// The main thread's half of a parallel bundle: raw bytes, cut at line ends into batches that worker
// threads decode, parse and judge. Nothing is decoded here — that is the work being shared out —
// but the file is checked the way cli/input/line-stream.ts checks it, chunk by chunk and with the
// same chunk size, so a binary or non-UTF-8 file stops at exactly the same line either way.
import { closeSync, openSync, readSync } from 'node:fs';
import { byteOrderMark, checkUtf8Chunk, NOT_TEXT } from '../input/line-stream.js';

export const CHUNK_BYTES = 256 * 1024; // the serial reader's highWaterMark
const BATCH_BYTES = 512 * 1024;

export interface Batch {
  firstLine: number; // number of the first line in `bytes`
  bytes: Buffer; // whole lines, each ending in \n (the last line of the file may not)
}

export type BatchEvent = { kind: 'batch'; batch: Batch } | { kind: 'not-text'; message: string };


function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

// `batchBytes`: workers get half a megabyte a message; inline (0), each chunk's lines are a batch of
// their own, a view into the buffer they were read into: no copy at all. Such a batch is valid until
// the next one is asked for: the buffer is read into again, the carried start of a line moved to
// its front (Buffer#copy handles the overlap).
export function* bundleBatches(path: string, batchBytes = BATCH_BYTES): Generator<BatchEvent> {
  let reused: Buffer | null = null;
  // A buffer to read the next chunk into, behind `carried` bytes: a fresh one when batches wait in
  // `pending` (views into earlier buffers) until there are enough for a worker.
  const bufferFor = (carried: number): Buffer => {
    if (batchBytes > 0) return Buffer.allocUnsafe(carried + CHUNK_BYTES);
    if (!reused || reused.length < carried + CHUNK_BYTES) reused = Buffer.allocUnsafe(carried + CHUNK_BYTES);
    return reused;
  };
  const fd = openSync(path, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0); // the start of a line the next chunk finishes
    let unchecked: Buffer | null = null; // a UTF-8 sequence split by the chunk boundary
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let nextLine = 1;
    let first = true;
    const takeBatch = (): Batch => {
      const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      const batch = { firstLine: nextLine, bytes };
      nextLine += countNewlines(bytes);
      pending = [];
      pendingBytes = 0;
      return batch;
    };
    // Lines the serial reader would already have handed on are evaluated; the rest is not.
    function* stopWith(message: string): Generator<BatchEvent> {
      if (pendingBytes > 0) yield { kind: 'batch', batch: takeBatch() };
      yield { kind: 'not-text', message };
    }
    for (;;) {
      // The carried start of a line goes in front of the chunk.
      const buffer = bufferFor(carry.length);
      carry.copy(buffer, 0);
      const read = readSync(fd, buffer, carry.length, CHUNK_BYTES, null);
      if (read === 0) break;
      let start = 0;
      let bytes = buffer.subarray(carry.length, carry.length + read);
      if (first) {
        first = false;
        start = byteOrderMark(bytes).length; // UTF-8 only: the probe sent UTF-16 elsewhere
        bytes = bytes.subarray(start);
      }
      const checked = checkUtf8Chunk(unchecked, bytes);
      if ('notText' in checked) {
        yield* stopWith(checked.notText);
        return;
      }
      unchecked = checked.held;
      const end = carry.length + read;
      const lastNewline = buffer.lastIndexOf(10, end - 1);
      if (lastNewline < carry.length + start) {
        carry = buffer.subarray(start, end);
        continue;
      }
      const lines = buffer.subarray(start, lastNewline + 1);
      carry = buffer.subarray(lastNewline + 1, end);
      pending.push(lines);
      pendingBytes += lines.length;
      if (pendingBytes >= batchBytes) yield { kind: 'batch', batch: takeBatch() };
    }
    if (unchecked) {
      yield* stopWith(NOT_TEXT);
      return;
    }
    if (carry.length > 0) {
      pending.push(carry);
      pendingBytes += carry.length;
    }
    if (pendingBytes > 0) yield { kind: 'batch', batch: takeBatch() };
  } finally {
    closeSync(fd);
  }
}

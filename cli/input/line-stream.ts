// Lines from a byte stream, decoded incrementally, so an NDJSON bundle of 100,000 hosts is read
// without holding it in memory. The encoding comes from the BOM: PowerShell 5.1's `>` and Out-File
// write UTF-16LE with a BOM, Out-File -Encoding UTF8 a UTF-8 BOM; no BOM means UTF-8.
import { isUtf8 } from 'node:buffer';

export interface NumberedLine {
  text: string;
  number: number;
}

export class NotTextError extends Error {}

export const NOT_TEXT = 'not UTF-8 or UTF-16 text; expected JSON facts documents or a text capture';
export const BINARY = 'binary file (contains NUL bytes); expected JSON facts documents or a text capture';

// The encoding a byte-order mark announces (none: UTF-8), and the mark's length.
export function byteOrderMark(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: 'utf-8', length: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0 };
}

// Bytes at the end of `bytes` that start a UTF-8 sequence the next chunk may complete: 0 when there
// is none, or when they could never start a valid one (a fatal streaming decoder fails on those at
// once, so the chunk must fail too). A prefix is valid when the smallest continuation bytes its lead
// allows complete it: E0 needs A0.., F0 needs 90...
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const lead = bytes[bytes.length - back]!;
    if ((lead & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length <= back) return 0; // complete, or not a lead at all: the validator decides now
    const probe = Buffer.alloc(length, 0x80);
    probe.set(bytes.subarray(bytes.length - back));
    if (back === 1) probe[1] = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    return isUtf8(probe) ? back : 0;
  }
  return 0;
}

// One chunk of a UTF-8 stream, checked as a fatal streaming decoder checks it before handing out any
// of it: why it is not text, or else the bytes of a character split at its end, which go before the
// next chunk (`held`: those of the chunk before). A stream that ends with some held is not text.
export function checkUtf8Chunk(held: Buffer | null, chunk: Buffer): { notText: string } | { held: Buffer | null } {
  if (chunk.includes(0)) return { notText: BINARY };
  const check = held ? Buffer.concat([held, chunk]) : chunk;
  const tail = incompleteTail(check);
  if (!isUtf8(check.subarray(0, check.length - tail))) return { notText: NOT_TEXT };
  return { held: tail > 0 ? Buffer.from(check.subarray(check.length - tail)) : null };
}

function withoutCarriageReturn(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

// UTF-8 (the common case, and a fleet's bundles): each chunk is checked whole, as a fatal
// TextDecoder would before handing out any of its lines, then lines are cut at byte level and each
// is decoded on its own — a decoder over the whole stream cost more than parsing the JSON.
async function* utf8Lines(first: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<NumberedLine> {
  let carry: Buffer | null = null; // the start of a line that a later chunk finishes
  let unchecked: Buffer | null = null; // a UTF-8 sequence split by the chunk boundary
  let number = 0;
  for (let chunk: Buffer | null = first; chunk !== null; ) {
    const checked = checkUtf8Chunk(unchecked, chunk);
    if ('notText' in checked) throw new NotTextError(checked.notText);
    unchecked = checked.held;
    let start = 0;
    let newline = chunk.indexOf(10);
    if (newline >= 0 && carry) {
      number++;
      yield { text: withoutCarriageReturn(Buffer.concat([carry, chunk.subarray(0, newline)]).toString('utf8')), number };
      carry = null;
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    while (newline >= 0) {
      number++;
      yield { text: withoutCarriageReturn(chunk.toString('utf8', start, newline)), number };
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    const next = await rest.next();
    chunk = next.done ? null : typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
  if (unchecked) throw new NotTextError(NOT_TEXT);
  if (carry) {
    const text = withoutCarriageReturn(carry.toString('utf8'));
    if (text !== '') yield { text, number: number + 1 };
  }
}

export async function* readLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<NumberedLine> {
  const iterator = chunks[Symbol.asyncIterator]();
  // A BOM can straddle the first chunks; wait until three bytes are there.
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 3) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = Buffer.concat([head, typeof next.value === 'string' ? Buffer.from(next.value) : next.value]);
  }
  const { encoding, length } = byteOrderMark(head);
  const body = head.subarray(length);
  if (encoding === 'utf-8') {
    yield* utf8Lines(body, ended ? { next: async () => ({ done: true, value: undefined }) } : iterator);
    return;
  }
  yield* utf16Lines(new TextDecoder(encoding, { fatal: true }), body, ended ? null : iterator);
}

// UTF-16 (PowerShell 5.1's `>`): decoded incrementally.
async function* utf16Lines(decoder: TextDecoder, first: Buffer, rest: AsyncIterator<Buffer | string> | null): AsyncGenerator<NumberedLine> {
  let pending = '';
  let number = 0;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      throw new NotTextError(NOT_TEXT);
    }
  };
  for (let chunk: Buffer | null = first; chunk !== null; ) {
    const scanFrom = pending.length;
    pending += decode(chunk, true);
    // Search only the new text for newlines, and cut `pending` once per chunk: a long line spread
    // over many chunks stays linear.
    let start = 0;
    let newline = pending.indexOf('\n', scanFrom);
    while (newline >= 0) {
      number++;
      yield { text: withoutCarriageReturn(pending.slice(start, newline)), number };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    if (start > 0) pending = pending.slice(start);
    const next = rest ? await rest.next() : { done: true as const, value: undefined };
    chunk = next.done ? null : typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
  pending += decode(new Uint8Array(0), false);
  // Split what the final flush produced too (a multi-line tail without a trailing newline).
  const tail = pending.split('\n');
  for (let i = 0; i < tail.length; i++) {
    const text = withoutCarriageReturn(tail[i]!);
    if (i === tail.length - 1 && text === '') break;
    number++;
    yield { text, number };
  }
}

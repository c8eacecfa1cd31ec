// Lines from a byte stream, decoded incrementally, so an NDJSON bundle of 100,000 hosts is read
// without holding it in memory. The encoding comes from the BOM: PowerShell 5.1's `>` and Out-File
// write UTF-16LE with a BOM, Out-File -Encoding UTF8 a UTF-8 BOM; no BOM means UTF-8.

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

function decoderFor(head: Uint8Array): { decoder: TextDecoder; skip: number; utf8: boolean } {
  const { encoding, length } = byteOrderMark(head);
  return { decoder: new TextDecoder(encoding, { fatal: true }), skip: length, utf8: encoding === 'utf-8' };
}

export async function* readLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<NumberedLine> {
  let state: ReturnType<typeof decoderFor> | null = null;
  let pending = '';
  let number = 0;
  let pendingHead: Buffer | null = null;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return state!.decoder.decode(bytes, { stream });
    } catch {
      throw new NotTextError(NOT_TEXT);
    }
  };
  for await (const raw of chunks) {
    let chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (!state) {
      // A BOM can straddle the first two chunks; wait until three bytes are there.
      pendingHead = pendingHead ? Buffer.concat([pendingHead, chunk]) : chunk;
      if (pendingHead.length < 3) continue;
      chunk = pendingHead;
      pendingHead = null;
      state = decoderFor(chunk);
      chunk = chunk.subarray(state.skip);
    }
    if (state.utf8 && chunk.includes(0)) throw new NotTextError(BINARY);
    const scanFrom = pending.length;
    pending += decode(chunk, true);
    // Search only the new text for newlines, and cut `pending` once per chunk: a long line spread
    // over many chunks stays linear.
    let start = 0;
    let newline = pending.indexOf('\n', scanFrom);
    while (newline >= 0) {
      number++;
      yield { text: pending.slice(start, newline).replace(/\r$/, ''), number };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    if (start > 0) pending = pending.slice(start);
  }
  if (!state && pendingHead) {
    state = decoderFor(pendingHead);
    if (state.utf8 && pendingHead.includes(0)) throw new NotTextError(BINARY);
    pending += decode(pendingHead.subarray(state.skip), true);
  }
  if (state) pending += decode(new Uint8Array(0), false);
  // Split what the final flush produced too (a multi-line tail without a trailing newline).
  const tail = pending.split('\n');
  for (let i = 0; i < tail.length; i++) {
    const text = tail[i]!.replace(/\r$/, '');
    if (i === tail.length - 1 && text === '') break;
    number++;
    yield { text, number };
  }
}

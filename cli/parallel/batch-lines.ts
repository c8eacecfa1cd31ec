// The lines of a batch (cli/parallel/bundle-batches.ts), numbered, blank ones skipped, a trailing CR
// dropped: what the serial reader hands on for the same bytes. Used inline and on worker threads.
// Each line is decoded on its own (the batcher has checked the bytes are UTF-8): a TextDecoder over
// the whole batch cost more than that.
export function* batchLines(batch: Uint8Array, firstLine: number): Generator<{ text: string; number: number }> {
  const bytes = Buffer.from(batch.buffer, batch.byteOffset, batch.length);
  let number = firstLine;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const text = bytes.toString('utf8', start, end > start && bytes[end - 1] === 13 ? end - 1 : end);
    const current = number++;
    start = end + 1;
    // A line that starts with "{" (all of a bundle, nearly) is not blank: no trimmed copy to make.
    if (text.charCodeAt(0) === 0x7b || text.trim() !== '') yield { text, number: current };
  }
}

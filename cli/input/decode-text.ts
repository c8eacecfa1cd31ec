// Bytes from a file a user handed us → text, or a clear reason why it is not text.
// PowerShell 5.1's `>` writes UTF-16LE with a BOM, and `Out-File -Encoding UTF8` a UTF-8 BOM.

export type Decoded = { ok: true; text: string } | { ok: false; error: string };

export function decodeText(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { ok: true, text: swapped.toString('utf16le') };
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 8192).includes(0)) return { ok: false, error: 'binary file (contains NUL bytes); expected a JSON facts document or a text capture' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { ok: false, error: 'not UTF-8 or UTF-16 text; expected a JSON facts document or a text capture' };
  }
}

// JSON.parse with the position turned into line and column, which people can find in an editor.
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (!position) return { ok: false, error: `not valid JSON: ${message}` };
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');
    return { ok: false, error: `not valid JSON at line ${line}, column ${column}: ${reason}` };
  }
}

// Is this file an NDJSON bundle the workers can take whole? Only UTF-8 (UTF-16 from PowerShell 5.1
// goes through the serial reader, which decodes it), and only a file the serial reader would also
// read as a bundle: its first non-blank line is a JSON object and a second non-blank line follows.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isJsonObjectLine } from '../input/read-inputs.js';

const PROBE_BYTES = 256 * 1024;

// The file's size when it is such a bundle, else null (including when it cannot be read: the
// serial reader then reports why, for this input).
export function bundleSize(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const head = Buffer.allocUnsafe(Math.min(PROBE_BYTES, stat.size));
    const read = readSync(fd, head, 0, head.length, 0);
    let bytes = head.subarray(0, read);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const complete = bytes.lastIndexOf(10);
    if (complete < 0) return null;
    const lines = bytes.subarray(0, complete).toString('utf8').split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2 || !isJsonObjectLine(lines[0]!)) return null;
    return stat.size;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

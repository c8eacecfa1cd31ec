// Is this file an NDJSON bundle the workers can take whole? Only UTF-8 (UTF-16 from PowerShell 5.1
// goes through the serial reader, which decodes it), and only a file the serial reader would also
// read as a bundle: its first non-blank line is a JSON object and a second non-blank line follows.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { byteOrderMark } from '../input/line-stream.js';
import { isJsonObjectLine } from '../input/read-inputs.js';

const PROBE_BYTES = 256 * 1024;

// False too when the file cannot be read: the serial reader then reports why, for this input.
export function isUtf8Bundle(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return false;
    const head = Buffer.allocUnsafe(Math.min(PROBE_BYTES, stat.size));
    const bytes = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    const mark = byteOrderMark(bytes);
    if (mark.encoding !== 'utf-8') return false;
    const text = bytes.subarray(mark.length);
    const complete = text.lastIndexOf(10);
    if (complete < 0) return false;
    const lines = text.subarray(0, complete).toString('utf8').split('\n').filter((line) => line.trim() !== '');
    return lines.length >= 2 && isJsonObjectLine(lines[0]!);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

// Reports are written atomically: a temp file beside the target, then rename, so a CI gate or a
// support engineer never reads half a report, and a failed run leaves the old file untouched.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';

export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR') return 'a parent of it is a file, not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? (error as Error).message;
}

// The temp file an atomic write goes through: beside the target (same file system, so the rename is
// atomic), hidden, and unique to this process.
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

export function writeFileAtomic(path: string, content: string): void {
  const directory = dirname(path);
  const temp = tempPathFor(path);
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The directory itself is unusable; there is no temp file to clean up.
    }
    throw new CliError(`cannot write ${path}: ${describeWriteError(error)}`);
  }
}

export function writeOutput(path: string | undefined, content: string): void {
  if (path === undefined || path === '-') process.stdout.write(content);
  else writeFileAtomic(path, content);
}

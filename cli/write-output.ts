// Reports are written atomically: a temp file beside the target, then rename, so a CI gate or a
// support engineer never reads half a report, and a failed run leaves the old file untouched.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';

export function writeFileAtomic(path: string, content: string): void {
  const directory = dirname(path);
  const temp = join(directory, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function writeOutput(path: string | undefined, content: string): void {
  if (path === undefined || path === '-') process.stdout.write(content);
  else writeFileAtomic(path, content);
}

// Runs the built CLI as a user would: a separate node process, real argv, real exit code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../engine/package-root.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const BIN = join(PACKAGE_ROOT, 'bin', 'nestready.js');

export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export const fixture = (...parts: string[]) => join(PACKAGE_ROOT, 'fixtures', ...parts);

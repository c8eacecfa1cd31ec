// Runs the built CLI as a user would: a separate node process, real argv, real exit code.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../engine/package-root.js';

const require = createRequire(import.meta.url);

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

// Every input among the fixtures: captured trees as directories, every other file but scenario.json.
export function fixtureInputs(kind?: string): string[] {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  const inputs: string[] = [];
  const root = fixture();
  for (const family of readdirSync(root).sort()) {
    if (kind && family !== kind) continue;
    for (const scenario of readdirSync(join(root, family)).sort()) {
      const dir = join(root, family, scenario);
      if (!statSync(dir).isDirectory()) {
        inputs.push(dir);
        continue;
      }
      if (statSync(join(dir, 'proc', 'cpuinfo'), { throwIfNoEntry: false })) {
        inputs.push(dir);
        continue;
      }
      for (const file of readdirSync(dir).sort()) if (file !== 'scenario.json') inputs.push(join(dir, file));
    }
  }
  return inputs;
}

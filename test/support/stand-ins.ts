// Stand-in executables on a temporary PATH: small node scripts named pwsh / powershell (or anything
// else a test needs, like reg for systeminformation) that behave as the test says.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../engine/package-root.js';

export const FAKE_POWERSHELL = join(PACKAGE_ROOT, 'test', 'support', 'fake-shells', 'fake-powershell.mjs');

export interface StandInDir {
  dir: string;
  path(name: string): string;
  remove(): void;
}

export function standInDir(prefix = 'nestready-standin-'): StandInDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// An executable file `name` in dir whose body is JavaScript run by this node.
export function writeStandIn(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!${process.execPath}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

// pwsh / powershell that run test/support/fake-shells/fake-powershell.mjs.
export function writeFakePowerShell(dir: string, name: 'pwsh' | 'powershell' = 'pwsh'): string {
  return writeStandIn(dir, name, `import(${JSON.stringify(FAKE_POWERSHELL)});`);
}

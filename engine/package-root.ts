// The package root, found from this module whether it runs from dist/ (built) or from source (tsx).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`nestready: cannot find the package root above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');

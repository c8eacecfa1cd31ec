// Finding rule and profile files on disk, and the digest that identifies a rule pack's content.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFile {
  path: string;
  relativePath: string;
  text: string;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(full);
  }
}

// The rule and profile files under `rulesDir`, in a stable order, with their paths relative to it
// ("/"-separated on every platform): what the digest and the fingerprint are taken over.
function ruleFiles(rulesDir: string): { path: string; relativePath: string }[] {
  const files: string[] = [];
  walk(rulesDir, files);
  return files.sort().map((path) => ({ path, relativePath: relative(rulesDir, path).split('\\').join('/') }));
}

export function readRuleSources(rulesDir: string): { rules: SourceFile[]; profiles: SourceFile[]; digest: string } {
  if (!statSync(rulesDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${rulesDir}: not a directory of rule files`);
  }
  // Loaded here, not with the module: a run whose built rules are current never hashes them, and
  // node:crypto costs a few milliseconds to load.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256');
  const rules: SourceFile[] = [];
  const profiles: SourceFile[] = [];
  for (const { path, relativePath } of ruleFiles(rulesDir)) {
    const text = readFileSync(path, 'utf8');
    hash.update(relativePath).update('\0').update(text).update('\0');
    (relativePath.startsWith('profiles/') ? profiles : rules).push({ path, relativePath, text });
  }
  return { rules, profiles, digest: `sha256:${hash.digest('hex').slice(0, 16)}` };
}

// The rule files' paths, sizes and modification times. The build records it beside the digest, and a
// run compares it before reading or hashing anything; files whose times changed (a fresh checkout,
// an installed package) fall back to comparing the digest of their contents.
export function ruleFilesFingerprint(rulesDir: string): string {
  return JSON.stringify(
    ruleFiles(rulesDir).map(({ path, relativePath }) => {
      const stat = statSync(path);
      return [relativePath, stat.size, stat.mtimeMs];
    }),
  );
}

export function parseProfileRef(ref: string): { id: string; version: number | null } {
  const match = /^([a-z0-9-]+)(?:@(\d+))?$/.exec(ref);
  if (!match) throw new Error(`profile "${ref}" is not of the form name@version, e.g. linux-kvm@1`);
  return { id: match[1]!, version: match[2] ? Number(match[2]) : null };
}

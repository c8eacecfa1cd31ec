// Loading a profile's rule pack: the precompiled built-in bundle when it matches the rule files,
// otherwise (custom --rules dir, or rules edited since the build) a run-time compile.
import type { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';
import { BUILTIN_RULES_DIR } from './package-root.js';
import { readRuleSources, ruleFilesFingerprint } from './rule-files.js';
import type { CompiledRule, RulePack, SchemaFailure } from './rule-pack.js';

export function validatorExportName(ruleId: string, which: 'when' | 'requires' | 'inconclusive'): string {
  return `${ruleId.replace(/[^A-Za-z0-9]/g, '_')}__${which}`;
}

interface RuleBundle {
  digest: string;
  rules: { definition: RuleDefinition; appliesWhenPaths: string[] }[];
  profiles: ProfileDefinition[];
}

type BundleModule = { bundle: RuleBundle } & Record<string, unknown>;

export function profileBundleFile(exactRef: string): string {
  return `rule-bundle.${exactRef}.js`;
}

// Resolved relative to dist/engine/; absent when running from source.
async function importGenerated<T>(file: string): Promise<T | null> {
  try {
    return (await import(new URL(`../generated/${file}`, import.meta.url).href)) as T;
  } catch {
    return null;
  }
}

const importBundle = () => importGenerated<BundleModule>('rule-bundle.js');

interface GeneratedIndex {
  digest: string;
  fingerprint: string; // rule-files.ts ruleFilesFingerprint, as the build saw the files
  profiles: ProfileDefinition[];
}

const importIndex = async () => (await importGenerated<{ index: GeneratedIndex }>('rule-profiles.js'))?.index ?? null;

// Whether the generated code was built from the rule files as they are now, decided once per process
// (a fleet loads two or three packs): the files' sizes and times as the build saw them, or else the
// same digest of their contents (which means reading and hashing every file).
let builtinCurrentOnce: boolean | undefined;
function isCurrent(index: GeneratedIndex): boolean {
  return (builtinCurrentOnce ??= index.fingerprint === ruleFilesFingerprint(BUILTIN_RULES_DIR) || index.digest === readRuleSources(BUILTIN_RULES_DIR).digest);
}

export async function loadPack(profileRef: string, rulesDir: string = BUILTIN_RULES_DIR): Promise<RulePack> {
  if (rulesDir === BUILTIN_RULES_DIR) {
    // A scan loads the small index and its own profile's validators, not every rule of every pack.
    const index = await importIndex();
    if (index && isCurrent(index)) {
      const { selectProfile } = await import('./select-profile.js');
      const profile = selectProfile(index.profiles, profileRef);
      const module = await importGenerated<BundleModule>(profileBundleFile(`${profile.id}@${profile.version}`));
      if (module) return packFromBundle(module, `${profile.id}@${profile.version}`);
    }
  }
  const { compilePack } = await import('./compile-pack.js');
  return compilePack(rulesDir, profileRef);
}

async function packFromBundle(module: BundleModule, profileRef: string): Promise<RulePack> {
  const { selectProfile } = await import('./select-profile.js');
  const profile = selectProfile(module.bundle.profiles, profileRef);
  const byId = new Map(module.bundle.rules.map((rule) => [rule.definition.id, rule]));
  const rules: CompiledRule[] = profile.rules.map((entry) => {
    const rule = byId.get(entry.id)!;
    const when = module[validatorExportName(entry.id, 'when')] as ((context: unknown) => boolean) & { errors?: SchemaFailure[] | null };
    const requires = module[validatorExportName(entry.id, 'requires')] as (context: unknown) => boolean;
    const inconclusive = module[validatorExportName(entry.id, 'inconclusive')] as ((context: unknown) => boolean) | undefined;
    return {
      definition: rule.definition,
      severity: entry.severity ?? rule.definition.severity,
      appliesWhen: (context) => when(context) === true,
      appliesWhenFailures: () => when.errors ?? [],
      requires: (context) => requires(context) === true,
      inconclusiveWhen: inconclusive ? (context) => inconclusive(context) === true : null,
      appliesWhenPaths: rule.appliesWhenPaths,
    };
  });
  return { profile, rules, digest: module.bundle.digest };
}

// Profiles available, for `nestready rules` and for choosing a profile by platform.
export async function listProfiles(rulesDir: string = BUILTIN_RULES_DIR): Promise<{ profiles: ProfileDefinition[]; rules: RuleDefinition[] }> {
  if (rulesDir === BUILTIN_RULES_DIR) {
    const index = await importIndex();
    const module = index && isCurrent(index) ? await importBundle() : null;
    if (module && module.bundle.digest === index?.digest) {
      return { profiles: module.bundle.profiles, rules: module.bundle.rules.map((rule) => rule.definition) };
    }
  }
  const { parseRuleSources } = await import('./compile-pack.js');
  const parsed = await parseRuleSources(rulesDir);
  return { profiles: parsed.profiles.map((p) => p.definition), rules: parsed.rules.map((r) => r.definition) };
}

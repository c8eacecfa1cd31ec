// The fact paths that the keys of a scope's rules read (engine/rule-key.ts), read once per target:
// the rules of a scope share most of them (the CPU vendor, the build, the VM's version), and reading
// and preparing each value once instead of once per rule halved the cost of the lookups.
import { readKeys } from './fact-path.js';
import { keyValue, kindValue, ruleKeyOf } from './rule-key.js';
import type { CompiledRule, EvaluationContext, RulePack } from './rule-pack.js';

export type Scope = 'host' | 'vm';

export interface ScopeKeys {
  rules: CompiledRule[];
  paths: string[][]; // split
  // Per rule: the positions in `paths` of its kind paths and of its key paths, in its key's order.
  kindIndex: number[][];
  keyIndex: number[][];
}

export interface ScopeValues {
  kinds: unknown[];
  keys: unknown[];
}

const cache = new WeakMap<RulePack, Record<Scope, ScopeKeys>>();

function build(rules: CompiledRule[]): ScopeKeys {
  const positions = new Map<string, number>();
  const at = (path: string) => {
    let position = positions.get(path);
    if (position === undefined) positions.set(path, (position = positions.size));
    return position;
  };
  const kindIndex = rules.map((rule) => ruleKeyOf(rule).kindPaths.map(at));
  const keyIndex = rules.map((rule) => ruleKeyOf(rule).keyPaths.map(at));
  return { rules, paths: [...positions.keys()].map((path) => path.split('.')), kindIndex, keyIndex };
}

export function scopeKeysOf(pack: RulePack, scope: Scope): ScopeKeys {
  let scopes = cache.get(pack);
  if (!scopes) {
    scopes = {
      host: build(pack.rules.filter((rule) => rule.definition.scope === 'host')),
      vm: build(pack.rules.filter((rule) => rule.definition.scope === 'vm')),
    };
    cache.set(pack, scopes);
  }
  return scopes[scope];
}

export function readScope(scope: ScopeKeys, context: EvaluationContext): ScopeValues {
  const count = scope.paths.length;
  const kinds: unknown[] = new Array(count);
  const keys: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const value = readKeys(context, scope.paths[i]!);
    const key = keyValue(value);
    keys[i] = key;
    kinds[i] = value !== null && typeof value === 'object' ? kindValue(value) : key;
  }
  return { kinds, keys };
}

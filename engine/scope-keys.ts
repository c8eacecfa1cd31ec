// The fact paths that the keys of a scope's rules read (engine/rule-key.ts), read once per target:
// the rules of a scope share most of them (the CPU vendor, the build, the VM's version), and reading
// and preparing each value once instead of once per rule halved the cost of the lookups.
import { isPlainPath, readKeys, readPlainKeys } from './fact-path.js';
import { keyValue, kindValue, ruleKeyOf, type KeyedStore } from './rule-key.js';
import { outcomeStoreOf, type Outcome } from './rule-json.js';
import type { CompiledRule, EvaluationContext, RulePack } from './rule-pack.js';

export type Scope = 'host' | 'vm';

export interface ScopeKeys {
  rules: CompiledRule[];
  paths: string[][]; // split
  plain: boolean[]; // per path: isPlainPath
  // What is read of each path: its kind (2 * position in the values) or its key value (2 * position + 1).
  asKind: boolean[];
  asKey: boolean[];
  // Per rule: its key, as positions in the values.
  order: number[][];
  // Paths outside the target itself (host.* for a VM): the same for every VM of a host.
  shared: boolean[];
  // Per rule, where its outcomes are kept (engine/rule-json.ts).
  stores: KeyedStore<Outcome | null>[];
}

// Two entries per path: its kind, its key value (only those some rule reads).
export type ScopeValues = unknown[];

const cache = new WeakMap<RulePack, Record<Scope, ScopeKeys>>();

function build(rules: CompiledRule[]): ScopeKeys {
  const positions = new Map<string, number>();
  const at = (path: string) => {
    let position = positions.get(path);
    if (position === undefined) positions.set(path, (position = positions.size));
    return position;
  };
  const order = rules.map((rule) => {
    const { kindPaths, keyPaths } = ruleKeyOf(rule);
    return [...kindPaths.map((path) => 2 * at(path)), ...keyPaths.map((path) => 2 * at(path) + 1)];
  });
  const asKind = new Array<boolean>(positions.size).fill(false);
  const asKey = new Array<boolean>(positions.size).fill(false);
  for (const key of order) for (const index of key) (index % 2 === 0 ? asKind : asKey)[index >> 1] = true;
  const paths = [...positions.keys()].map((path) => path.split('.'));
  const shared = paths.map((keys) => rules.some((rule) => rule.definition.scope === 'vm') && keys[0] !== 'vm');
  return { rules, paths, plain: paths.map(isPlainPath), asKind, asKey, order, shared, stores: rules.map(outcomeStoreOf) };
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

// `sibling`: the values of another target of the same host, whose shared entries are taken as they
// are (a VM's rules read host facts too, and their key values may be JSON of a whole list).
export function readScope(scope: ScopeKeys, context: EvaluationContext, sibling?: ScopeValues): ScopeValues {
  const count = scope.paths.length;
  const values: unknown[] = new Array(2 * count);
  for (let i = 0; i < count; i++) {
    if (sibling && scope.shared[i]) {
      values[2 * i] = sibling[2 * i];
      values[2 * i + 1] = sibling[2 * i + 1];
      continue;
    }
    const value = scope.plain[i] ? readPlainKeys(context, scope.paths[i]!) : readKeys(context, scope.paths[i]!);
    if (scope.asKind[i]) values[2 * i] = kindValue(value);
    if (scope.asKey[i]) values[2 * i + 1] = keyValue(value);
  }
  return values;
}

// Memoised rule evaluation (engine/rule-key.ts says what a result depends on and why reuse is sound):
// targets with the same values get the same frozen result object.
import type { RuleResult } from '../schemas/results.js';
import type { CompiledRule, EvaluationContext } from './rule-pack.js';
import { KeyedStore, ruleKeyOf } from './rule-key.js';

const stores = new WeakMap<CompiledRule, KeyedStore<RuleResult | null>>();

function storeOf(rule: CompiledRule): KeyedStore<RuleResult | null> {
  let store = stores.get(rule);
  if (!store) stores.set(rule, (store = new KeyedStore(ruleKeyOf(rule))));
  return store;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// Results handed out more than once are frozen: a reporter that mutated one would change every host.
export function evaluateRuleMemoised(
  rule: CompiledRule,
  context: EvaluationContext,
  evaluate: (rule: CompiledRule, context: EvaluationContext) => RuleResult,
): RuleResult {
  const store = storeOf(rule);
  if (!store.enabled) return evaluate(rule, context);
  const cached = store.find(context);
  if (cached !== undefined) return cached ?? evaluate(rule, context); // null: same outcome, worded for this machine
  const result = evaluate(rule, context);
  store.store(ruleKeyOf(rule).reusable[result.status] ? deepFreeze(result) : null);
  return result;
}

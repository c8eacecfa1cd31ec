// The fact paths a rule's result shows as evidence: what it requires, what decides whether it
// applies, and what it lists besides. They never change: worked out once per rule, not per host.
import type { CompiledRule } from './rule-pack.js';

const evidencePathsByRule = new WeakMap<CompiledRule, string[]>();

export function evidencePathsOf(rule: CompiledRule): string[] {
  let paths = evidencePathsByRule.get(rule);
  if (!paths) {
    const { definition } = rule;
    paths = [...new Set([...definition.facts, ...rule.appliesWhenPaths, ...(definition.evidence ?? [])])];
    evidencePathsByRule.set(rule, paths);
  }
  return paths;
}

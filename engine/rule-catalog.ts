// The rules a run used, once each: what they check, why, references and tags. Results point at
// them by ruleId instead of repeating the definition in every result of every host.
import type { RuleInfo } from '../schemas/results.js';
import type { RulePack } from './rule-pack.js';

// In profile order; when two profiles share a rule, the first one's severity wins.
export function ruleCatalog(packs: RulePack[]): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const { definition } = rule;
      if (seen.has(definition.id)) continue;
      seen.set(definition.id, {
        id: definition.id,
        revision: definition.revision,
        title: definition.title,
        rationale: definition.rationale,
        severity: rule.severity,
        scope: definition.scope,
        remediation: definition.remediation.text,
        references: definition.references,
        tags: definition.tags ?? [],
      });
    }
  }
  return [...seen.values()];
}

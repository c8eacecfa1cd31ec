// A rule pack ready to evaluate: rule definitions with their JSON Schemas compiled once.
import type { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';
import type { Severity } from '../schemas/results.js';

export type Predicate = (context: unknown) => boolean;

export interface CompiledRule {
  definition: RuleDefinition;
  severity: Severity;
  appliesWhen: Predicate;
  requires: Predicate;
  // When requires fails and this matches, the failure proves nothing: unknown (null: the rule has none).
  inconclusiveWhen: Predicate | null;
  appliesWhenPaths: string[];
}

export interface RulePack {
  profile: ProfileDefinition;
  rules: CompiledRule[];
  digest: string;
}

export interface EvaluationContext {
  host: unknown;
  vm?: unknown;
  collection: unknown;
}

// A rule pack ready to evaluate: rule definitions with their JSON Schemas compiled once.
import type { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';
import type { Severity } from '../schemas/results.js';

export type Predicate = (context: unknown) => boolean;

// What ajv reports for the last failed validation (allErrors: every failed constraint).
export interface SchemaFailure {
  instancePath: string;
  schemaPath: string;
  keyword: string;
}

export interface CompiledRule {
  definition: RuleDefinition;
  severity: Severity;
  appliesWhen: Predicate;
  // The constraints appliesWhen failed on, right after it returned false.
  appliesWhenFailures: () => SchemaFailure[];
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

// The published JSON Schemas, generated from the TypeBox sources (one source of truth).
import { FactsDocument } from '../schemas/facts.js';
import { ResultsDocument } from '../schemas/results.js';
import { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';

export const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export function schemaDocuments(): Record<string, object> {
  const withDraft = (schema: object) => JSON.parse(JSON.stringify({ $schema: SCHEMA_DRAFT, ...schema })) as object;
  return {
    'facts.schema.json': withDraft(FactsDocument),
    'results.schema.json': withDraft(ResultsDocument),
    'rule.schema.json': withDraft(RuleDefinition),
    'profile.schema.json': withDraft(ProfileDefinition),
  };
}

export function serializeSchema(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

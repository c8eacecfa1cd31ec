// The published JSON Schemas, generated from the TypeBox sources (one source of truth).
import { FactsDocument } from '../schemas/facts.js';
import { ResultsDocument } from '../schemas/results.js';
import { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';

export const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

type Node = Record<string, unknown>;

const isNull = (branch: Node) => branch.type === 'null' && Object.keys(branch).length === 1;
const isConst = (branch: Node) => 'const' in branch && Object.keys(branch).every((key) => key === 'const' || key === 'type' || key === 'description');

// TypeBox writes "this or null" as anyOf: [X, {type: null}], and literal unions as anyOf of consts.
// Both mean the same as a type list or an enum, which validators check without trying branches
// (and without building an error per failed branch): ajv validates a facts document about twice as
// fast in this form, for the same documents accepted and rejected.
export function simplifyUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplifyUnions);
  if (node === null || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node as Node)) out[key] = simplifyUnions(value);
  const branches = out.anyOf;
  if (!Array.isArray(branches)) return out;
  const { anyOf: _anyOf, ...rest } = out;
  const typed = branches as Node[];
  if (typed.every((branch) => isConst(branch) || isNull(branch) || (Array.isArray(branch.enum) && Object.keys(branch).every((key) => key === 'enum' || key === 'description')))) {
    const values = typed.flatMap((branch) => (isNull(branch) ? [null] : Array.isArray(branch.enum) ? branch.enum : [branch.const]));
    const description = typed.map((branch) => branch.description).find((text) => typeof text === 'string');
    return { ...rest, ...(description ? { description } : {}), enum: values };
  }
  const other = typed.filter((branch) => !isNull(branch));
  if (typed.length === 2 && other.length === 1) {
    const [only] = other as [Node];
    if (Array.isArray(only.enum)) return { ...rest, ...only, enum: [...(only.enum as unknown[]), null] };
    if (typeof only.type === 'string') return { ...rest, ...only, type: [only.type, 'null'] };
  }
  return out;
}

export function schemaDocuments(): Record<string, object> {
  const withDraft = (schema: object) => simplifyUnions(JSON.parse(JSON.stringify({ $schema: SCHEMA_DRAFT, ...schema }))) as object;
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

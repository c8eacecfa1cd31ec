// Validating a facts document from outside (a file a customer sent): clear errors with JSON paths.
import type { FactsDocument } from '../../schemas/facts.js';
import { FACTS_SCHEMA_VERSION } from '../../schemas/constants.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const cached = new Map<string, Validator>();

// Precompiled at build time (dist/generated); when running from source, compiled here.
async function factsValidator(kind: 'fast' | 'verbose'): Promise<Validator> {
  const hit = cached.get(kind);
  if (hit) return hit;
  let validator: Validator;
  try {
    const file = kind === 'fast' ? 'facts-validator-fast.js' : 'facts-validator.js';
    const module = (await import(new URL(`../../generated/${file}`, import.meta.url).href)) as { validateFacts: Validator };
    validator = module.validateFacts;
  } catch {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SCHEMAS_DIR } = await import('../../engine/package-root.js');
    const { createAjv } = await import('../../engine/compile-pack.js');
    const ajv = await createAjv({ allErrors: kind === 'verbose' });
    validator = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'facts.schema.json'), 'utf8'))) as Validator;
  }
  cached.set(kind, validator);
  return validator;
}

export function jsonPathOf(pointer: string): string {
  if (!pointer) return '$';
  return '$' + pointer.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${typeof value === 'object' ? '' : JSON.stringify(value)}`.trim();
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

// ajv reports a nullable field as an anyOf of two failures; people want "expected boolean or null".
export function explainErrors(errors: AjvError[], data: unknown): string {
  const deepest = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  const first = deepest[0]!;
  const atPath = errors.filter((error) => error.instancePath === first.instancePath);
  const path = jsonPathOf(first.instancePath);
  const additional = atPath.find((error) => error.keyword === 'additionalProperties');
  if (additional) return `${path}: unexpected property "${String(additional.params.additionalProperty)}"`;
  const required = atPath.find((error) => error.keyword === 'required');
  if (required) return `${path}: missing required property "${String(required.params.missingProperty)}"`;
  const expected = new Set<string>();
  for (const error of atPath) {
    if (error.keyword === 'type') for (const type of String(error.params.type).split(',')) expected.add(type);
    if (error.keyword === 'const') expected.add(JSON.stringify(error.params.allowedValue));
    if (error.keyword === 'enum') for (const value of error.params.allowedValues as unknown[]) expected.add(JSON.stringify(value));
  }
  const got = describeValue(valueAt(data, first.instancePath));
  if (expected.size > 0) return `${path}: expected ${[...expected].join(' or ')}, got ${got}`;
  return `${path}: ${first.message ?? 'invalid'} (got ${got})`;
}

// The facts document when `data` is a valid one and the validator is already loaded; undefined
// otherwise (validateFactsDocument then loads it, or says what is wrong).
export function validFactsIfLoaded(data: unknown): FactsDocument | undefined {
  const fast = cached.get('fast');
  if (!fast || data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if ((data as { schemaVersion?: unknown }).schemaVersion !== FACTS_SCHEMA_VERSION) return undefined;
  return fast(data) ? (data as FactsDocument) : undefined;
}

export async function validateFactsDocument(data: unknown): Promise<{ ok: true; facts: FactsDocument } | { ok: false; error: string }> {
  if (!cached.has('fast')) await factsValidator('fast'); // no await once loaded: this runs per host
  const facts = validFactsIfLoaded(data);
  if (facts) return { ok: true, facts };
  // Not valid: say why.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, error: `$: expected a facts document (a JSON object), got ${describeValue(data)}` };
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== FACTS_SCHEMA_VERSION) {
    return {
      ok: false,
      error: version === undefined
        ? '$.schemaVersion: missing; this is not a nestready facts document'
        : `$.schemaVersion: ${JSON.stringify(version)} is not supported (this nestready reads schemaVersion ${FACTS_SCHEMA_VERSION})`,
    };
  }
  const verbose = await factsValidator('verbose');
  verbose(data);
  return { ok: false, error: explainErrors(verbose.errors ?? [], data) };
}

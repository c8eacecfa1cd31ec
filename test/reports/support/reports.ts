// Shared by the report tests: the Hyper-V lab fixture and test rule pack, in-process evaluation,
// and the official SARIF 2.1.0 schema (../shared/schemas, a JSON Schema 2020-12 document).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FactsDocument } from '../../../schemas/facts.js';
import type { ResultsDocument } from '../../../schemas/results.js';
import { compilePack } from '../../../engine/compile-pack.js';
import { buildResultsDocument, evaluateHost } from '../../../engine/evaluate.js';
import { PACKAGE_ROOT } from '../../../engine/package-root.js';
import type { RulePack } from '../../../engine/rule-pack.js';
import { withFacts } from '../../../cli/report-outputs.js';

export const TIMESTAMP = '2026-01-01T00:00:00Z';
export const HOSTILE = '<script>alert(1)</script>';
export const TEST_RULES = 'test/fixtures-rules';
export const HYPERV_LAB = 'test/fixtures-reports/hyperv-lab.json';
// CLI arguments that evaluate the lab fixture with the test profile (paths relative to the package root).
export const HYPERV_ARGS = ['evaluate', HYPERV_LAB, '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--timestamp', TIMESTAMP];

export function labFacts(): FactsDocument {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, HYPERV_LAB), 'utf8')) as FactsDocument;
}

let pack: Promise<RulePack> | undefined;
export function testPack(): Promise<RulePack> {
  return (pack ??= compilePack(join(PACKAGE_ROOT, TEST_RULES), 'test-hyperv@1'));
}

// What the CLI builds for html/sarif: results with the facts and the rule catalog attached.
export async function evaluateLab(facts: FactsDocument = labFacts(), input = HYPERV_LAB, generatedAt = '2026-01-01T00:00:00.000Z'): Promise<ResultsDocument> {
  const rules = await testPack();
  const host = withFacts(evaluateHost(facts, rules, { input }), facts);
  return buildResultsDocument([rules], generatedAt, [host]);
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
let sarifValidator: ReturnType<Ajv2020['compile']> | undefined;

// The official schema as the project received it; a verbatim copy rides along for clones without
// ../shared (CI), and a test keeps the two identical.
export const SHARED_SARIF_SCHEMA = join(PACKAGE_ROOT, '..', 'shared', 'schemas', 'sarif-2.1.0.json');
export const VENDORED_SARIF_SCHEMA = join(PACKAGE_ROOT, 'test', 'fixtures-reports', 'sarif-2.1.0.schema.json');

export function sarifSchemaErrors(log: unknown): string[] {
  if (!sarifValidator) {
    const file = existsSync(SHARED_SARIF_SCHEMA) ? SHARED_SARIF_SCHEMA : VENDORED_SARIF_SCHEMA;
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string };
    if (!schema.$schema.includes('2020-12')) throw new Error(`expected a 2020-12 SARIF schema, got ${schema.$schema}`);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
    sarifValidator = ajv.compile(schema);
  }
  return sarifValidator(log) ? [] : (sarifValidator.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

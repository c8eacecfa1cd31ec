// Build step: compile the built-in rule pack and the facts schema to standalone validator code
// (ajv's standalone output, and our yes/no validator for facts), so a scan loads plain functions
// instead of running ajv's compiler. Written to dist/generated/ with the rule files' digest and
// fingerprint; the loader checks them and compiles at run time if the rules changed since.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv, parseRuleSources } from '../engine/compile-pack.js';
import { compileBooleanValidator } from '../engine/boolean-validator.js';
import { constrainedPaths } from '../engine/fact-path.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT, SCHEMAS_DIR } from '../engine/package-root.js';
import { RulePackError } from '../engine/rule-errors.js';
import { profileBundleFile, validatorExportName } from '../engine/load-pack.js';
import { ruleFilesFingerprint } from '../engine/rule-files.js';

// ajv's standalone entry is CommonJS with a default export; under NodeNext it arrives wrapped.
const standaloneCode = (standaloneModule as unknown as { default: typeof standaloneModule.default }).default;

type Parsed = Awaited<ReturnType<typeof parseRuleSources>>;

// One module per profile (what a scan loads: only its own rules' validators) and one with every rule
// (for `nestready rules`); a tiny index names the profiles and the digest of the rule files.
async function buildRuleBundle(parsed: Parsed, ruleIds: Set<string> | null): Promise<string> {
  const ajv = await createAjv();
  const exports: Record<string, string> = {};
  const selected = parsed.rules.filter(({ definition }) => ruleIds === null || ruleIds.has(definition.id));
  for (const { file, definition } of selected) {
    const schemas: ['when' | 'requires' | 'inconclusive', object, string][] = [
      ['when', definition.appliesWhen, '$.appliesWhen'],
      ['requires', definition.requires, '$.requires'],
    ];
    if (definition.inconclusiveWhen) schemas.push(['inconclusive', definition.inconclusiveWhen, '$.inconclusiveWhen']);
    for (const [which, schema, jsonPath] of schemas) {
      const name = validatorExportName(definition.id, which);
      try {
        ajv.addSchema(schema, name);
        ajv.getSchema(name);
      } catch (error) {
        throw new RulePackError(file, jsonPath, `not a valid JSON Schema: ${(error as Error).message}`);
      }
      exports[name] = name;
    }
  }
  const code = standaloneCode(ajv, exports);
  const bundle = {
    digest: parsed.digest,
    rules: selected.map(({ definition }) => ({ definition, appliesWhenPaths: constrainedPaths(definition.appliesWhen) })),
    profiles: parsed.profiles.map(({ definition }) => definition),
  };
  return `${code}\nexport const bundle = ${JSON.stringify(bundle)};\n`;
}

// Two validators: a yes/no one (engine/boolean-validator.ts) that every host of a fleet passes
// through, and ajv's, which collects every error, loaded only to explain a document that failed.
async function buildFactsValidators(outDir: string): Promise<void> {
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'facts.schema.json'), 'utf8')) as { $id: string };
  writeFileSync(join(outDir, 'facts-validator-fast.js'), compileBooleanValidator(schema, 'validateFacts'));
  const ajv = await createAjv({ allErrors: true });
  ajv.addSchema(schema);
  writeFileSync(join(outDir, 'facts-validator.js'), standaloneCode(ajv, { validateFacts: schema.$id }));
}

async function main(): Promise<void> {
  const outDir = join(PACKAGE_ROOT, 'dist', 'generated');
  mkdirSync(outDir, { recursive: true });
  const parsed = await parseRuleSources(BUILTIN_RULES_DIR);
  writeFileSync(join(outDir, 'rule-bundle.js'), await buildRuleBundle(parsed, null));
  for (const { definition: profile } of parsed.profiles) {
    const ids = new Set(profile.rules.map((entry) => entry.id));
    writeFileSync(join(outDir, profileBundleFile(`${profile.id}@${profile.version}`)), await buildRuleBundle(parsed, ids));
  }
  const index = { digest: parsed.digest, fingerprint: ruleFilesFingerprint(BUILTIN_RULES_DIR), profiles: parsed.profiles.map(({ definition }) => definition) };
  writeFileSync(join(outDir, 'rule-profiles.js'), `export const index = ${JSON.stringify(index)};\n`);
  await buildFactsValidators(outDir);
}

main().catch((error: unknown) => {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

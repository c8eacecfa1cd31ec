// Build step: compile the built-in rule pack and the facts schema to standalone validator code
// (ajv's standalone output), so a scan loads plain functions instead of running ajv's compiler.
// Written to dist/generated/; the loader checks the rules' digest and recompiles if stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv, parseRuleSources } from '../engine/compile-pack.js';
import { constrainedPaths } from '../engine/fact-path.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT, SCHEMAS_DIR } from '../engine/package-root.js';
import { RulePackError } from '../engine/rule-errors.js';
import { profileBundleFile, validatorExportName } from '../engine/load-pack.js';

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

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; $defs?: Record<string, SchemaNode>; $id?: string };

// The same schema with its larger parts (the collection, each section of the host, a VM) moved into
// $defs and referenced: with inlineRefs off, ajv makes each a function of its own. One 90 KB function
// took V8 about 100 ms to optimise, on the core that also writes the report, and ran unoptimised for
// most of a 10,000-host run meanwhile; the parts are optimised one by one, as soon as each is hot.
function splitForCompilation(schema: SchemaNode): SchemaNode {
  const copy = structuredClone(schema);
  const defs: Record<string, SchemaNode> = {};
  const lift = (holder: Record<string, SchemaNode>, key: string, name: string) => {
    defs[name] = holder[key]!;
    holder[key] = { $ref: `#/$defs/${name}` } as SchemaNode;
  };
  const root = copy.properties!;
  const host = root.host!.properties!;
  for (const key of Object.keys(host)) if (JSON.stringify(host[key]).length > 300) lift(host, key, `host-${key}`);
  lift(root, 'collection', 'collection');
  lift(root.vms as Record<string, SchemaNode>, 'items', 'vm');
  copy.$defs = defs;
  return copy;
}

// Two validators: a fast one that stops at the first error (every host of a fleet passes through it)
// and one that collects every error, loaded only to explain a document that failed.
async function buildFactsValidator(allErrors: boolean): Promise<string> {
  const whole = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'facts.schema.json'), 'utf8')) as SchemaNode;
  const ajv = await createAjv({ allErrors, inlineRefs: allErrors });
  const schema = allErrors ? whole : splitForCompilation(whole);
  ajv.addSchema(schema);
  return standaloneCode(ajv, { validateFacts: schema.$id! });
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
  const index = { digest: parsed.digest, profiles: parsed.profiles.map(({ definition }) => definition) };
  writeFileSync(join(outDir, 'rule-profiles.js'), `export const index = ${JSON.stringify(index)};\n`);
  writeFileSync(join(outDir, 'facts-validator.js'), await buildFactsValidator(true));
  writeFileSync(join(outDir, 'facts-validator-fast.js'), await buildFactsValidator(false));
}

main().catch((error: unknown) => {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

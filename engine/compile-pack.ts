// Parse, validate and compile rule packs at run time (custom --rules dirs, or a stale build).
// The built-in pack is precompiled at build time (scripts/build-generated.ts) because ajv's
// compiler and the YAML parser cost more start-up time than a whole scan may take.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileDefinition, RuleDefinition } from '../schemas/rule.js';
import { constrainedPaths } from './fact-path.js';
import { SCHEMAS_DIR } from './package-root.js';
import { RulePackError, pointerToJsonPath } from './rule-errors.js';
import { readRuleSources, type SourceFile } from './rule-files.js';
import { selectProfile } from './select-profile.js';
import type { CompiledRule, RulePack } from './rule-pack.js';
import { templatePlaceholders } from './template.js';

export interface ParsedRule {
  file: string;
  definition: RuleDefinition;
}

export interface ParsedPack {
  rules: ParsedRule[];
  profiles: { file: string; definition: ProfileDefinition }[];
  digest: string;
}

type AjvInstance = import('ajv').Ajv;

export async function createAjv(options: { allErrors?: boolean } = {}): Promise<AjvInstance> {
  const { Ajv } = await import('ajv');
  // strictTypes off: rule authors write `properties` without `type: object`; the facts schema
  // already fixes the types. Unknown keywords stay errors so a typo cannot silently match everything.
  return new Ajv({ allErrors: options.allErrors ?? true, strict: true, strictTypes: false, strictTuples: false, code: { source: true, esm: true } });
}

async function parseDocument(file: SourceFile): Promise<unknown> {
  if (file.path.endsWith('.json')) {
    try {
      return JSON.parse(file.text);
    } catch (error) {
      throw new RulePackError(file.path, '$', `not valid JSON: ${(error as Error).message}`);
    }
  }
  const { parseDocument: parseYaml } = await import('yaml');
  const document = parseYaml(file.text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const where = first.linePos?.[0] ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '$';
    throw new RulePackError(file.path, where, `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  return document.toJS();
}

function readSchema(name: string): object {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')) as object;
}

function checkSemantics(file: string, rule: RuleDefinition): void {
  const templates: [string, string][] = [
    ['$.message.pass', rule.message.pass],
    ['$.message.fail', rule.message.fail],
    ['$.remediation.text', rule.remediation.text],
    ...rule.remediation.commands.map((command, index): [string, string] => [`$.remediation.commands[${index}].run`, command.run]),
  ];
  if (rule.message.unknown) templates.push(['$.message.unknown', rule.message.unknown]);
  if (rule.message.inconclusive) templates.push(['$.message.inconclusive', rule.message.inconclusive]);
  for (const [jsonPath, template] of templates) {
    for (const placeholder of templatePlaceholders(template)) {
      // {{psvm vm}} takes the whole VM (its id and name); every other placeholder names one fact.
      const wholeVm = placeholder.filter === 'psvm' && placeholder.path === 'vm';
      if (!wholeVm && !/^(host|vm|collection)(\.[A-Za-z0-9_]+)+$/.test(placeholder.path)) {
        throw new RulePackError(file, jsonPath, `placeholder {{${placeholder.filter ? placeholder.filter + ' ' : ''}${placeholder.path}}} must name a fact path such as host.cpu.vendor`);
      }
      if (placeholder.filter && !['ps', 'psvm', 'sh', 'bytes', 'json'].includes(placeholder.filter)) {
        throw new RulePackError(file, jsonPath, `unknown filter "${placeholder.filter}" (expected ps, psvm, sh, bytes or json)`);
      }
    }
  }
  if (rule.inconclusiveWhen && !rule.message.inconclusive) {
    throw new RulePackError(file, '$.message', 'a rule with inconclusiveWhen needs message.inconclusive to say why the failure proves nothing and how to verify');
  }
  if (rule.message.inconclusive && !rule.inconclusiveWhen) {
    throw new RulePackError(file, '$.message.inconclusive', 'message.inconclusive is only shown for a rule with inconclusiveWhen');
  }
  const readsVm = [...rule.facts, ...constrainedPaths(rule.appliesWhen), ...constrainedPaths(rule.inconclusiveWhen ?? {})].some((path) => path.startsWith('vm.'));
  if (rule.scope === 'host' && readsVm) {
    throw new RulePackError(file, '$.facts', 'a host-scope rule cannot read vm.* facts');
  }
  // JSON Schema `properties` ignores null, so a constrained fact missing from `facts` could pass
  // vacuously when unknown. Every path `requires` reads must be declared, and is then checked first.
  for (const path of constrainedPaths(rule.requires)) {
    if (!rule.facts.some((fact) => fact === path || fact.startsWith(path + '.') || path.startsWith(fact + '.'))) {
      throw new RulePackError(file, '$.requires', `reads ${path}, which is not listed in facts (an unknown value would pass vacuously)`);
    }
  }
  const lastRevision = Math.max(...rule.changelog.map((entry) => entry.revision));
  if (lastRevision !== rule.revision) {
    throw new RulePackError(file, '$.changelog', `the newest changelog entry is revision ${lastRevision}, but the rule is at revision ${rule.revision}`);
  }
}

export async function parseRuleSources(rulesDir: string): Promise<ParsedPack> {
  const sources = readRuleSources(rulesDir);
  const ajv = await createAjv();
  const validateRule = ajv.compile(readSchema('rule.schema.json'));
  const validateProfile = ajv.compile(readSchema('profile.schema.json'));
  const rules: ParsedRule[] = [];
  const seen = new Map<string, string>();
  for (const source of sources.rules) {
    const document = await parseDocument(source);
    if (!validateRule(document)) {
      const error = validateRule.errors![0]!;
      const detail = error.keyword === 'additionalProperties' ? `unexpected property "${String(error.params.additionalProperty)}"` : error.message ?? 'invalid';
      throw new RulePackError(source.path, pointerToJsonPath(error.instancePath), detail);
    }
    const definition = document as unknown as RuleDefinition;
    if (seen.has(definition.id)) throw new RulePackError(source.path, '$.id', `rule id ${definition.id} is already used by ${seen.get(definition.id)}`);
    seen.set(definition.id, source.path);
    checkSemantics(source.path, definition);
    rules.push({ file: source.path, definition });
  }
  const profiles: ParsedPack['profiles'] = [];
  for (const source of sources.profiles) {
    const document = await parseDocument(source);
    if (!validateProfile(document)) {
      const error = validateProfile.errors![0]!;
      throw new RulePackError(source.path, pointerToJsonPath(error.instancePath), error.message ?? 'invalid');
    }
    const definition = document as unknown as ProfileDefinition;
    const expectedName = `${definition.id}@${definition.version}`;
    if (!source.relativePath.endsWith(`/${expectedName}.yaml`) && !source.relativePath.endsWith(`/${expectedName}.json`)) {
      throw new RulePackError(source.path, '$.id', `a profile file must be named ${expectedName}.yaml after its id and version`);
    }
    definition.rules.forEach((entry, index) => {
      if (!seen.has(entry.id)) throw new RulePackError(source.path, `$.rules[${index}].id`, `no rule with id ${entry.id}`);
    });
    profiles.push({ file: source.path, definition });
  }
  return { rules, profiles, digest: sources.digest };
}

export async function compilePack(rulesDir: string, profileRef: string): Promise<RulePack> {
  const parsed = await parseRuleSources(rulesDir);
  const profile = selectProfile(parsed.profiles.map((p) => p.definition), profileRef);
  const byId = new Map(parsed.rules.map((rule) => [rule.definition.id, rule]));
  const ajv = await createAjv();
  const rules: CompiledRule[] = profile.rules.map((entry) => {
    const { file, definition } = byId.get(entry.id)!;
    const compileAt = (jsonPath: string, schema: object) => {
      try {
        return ajv.compile(schema);
      } catch (error) {
        throw new RulePackError(file, jsonPath, `not a valid JSON Schema: ${(error as Error).message}`);
      }
    };
    const appliesWhen = compileAt('$.appliesWhen', definition.appliesWhen);
    const requires = compileAt('$.requires', definition.requires);
    const inconclusive = definition.inconclusiveWhen ? compileAt('$.inconclusiveWhen', definition.inconclusiveWhen) : null;
    return {
      definition,
      severity: entry.severity ?? definition.severity,
      appliesWhen: (context) => appliesWhen(context) as boolean,
      appliesWhenFailures: () => appliesWhen.errors ?? [],
      requires: (context) => requires(context) as boolean,
      inconclusiveWhen: inconclusive ? (context) => inconclusive(context) as boolean : null,
      appliesWhenPaths: constrainedPaths(definition.appliesWhen),
    };
  });
  return { profile, rules, digest: parsed.digest };
}

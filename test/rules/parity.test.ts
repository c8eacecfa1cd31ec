// ESLint-style parity: every rule has docs (rationale), a test table, a remediation, a reference,
// a changelog, belongs to a profile, and is decided (pass or fail) by at least one fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRuleSources } from '../../engine/compile-pack.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../../engine/package-root.js';
import { fixtureInputs, runCli } from '../support/cli.js';

const parsedPromise = parseRuleSources(BUILTIN_RULES_DIR);

function tableSources(): string {
  const dir = join(PACKAGE_ROOT, 'test', 'rules');
  return readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
}

// An informational rule whose requires is `not: {}` shows (fails, at its severity) whenever it applies
// and can never pass: its table needs the fail case and a case where it does not apply instead.
const alwaysShown = (requires: object) => JSON.stringify(requires) === '{"not":{}}';

test('every rule has a rule table with at least a pass and a fail case', async () => {
  const sources = tableSources();
  const missing: string[] = [];
  for (const { definition } of (await parsedPromise).rules) {
    const call = new RegExp(`ruleTable\\([^,]+,\\s*'${definition.id}',\\s*\\{([\\s\\S]*?)\\n\\}\\);`).exec(sources);
    const second = alwaysShown(definition.requires) ? /'not-applicable':/ : /\bpass:/;
    if (!call || !second.test(call[1]!) || !/\bfail:/.test(call[1]!)) missing.push(definition.id);
  }
  assert.equal(missing, [], 'rules without a pass+fail (or, for always-shown notes, fail+not-applicable) table in test/rules/*.test.ts');
});

test('every rule has rationale, remediation, references and a changelog, and is in a profile', async () => {
  const parsed = await parsedPromise;
  const inProfiles = new Set(parsed.profiles.flatMap((profile) => profile.definition.rules.map((entry) => entry.id)));
  for (const { definition } of parsed.rules) {
    assert.ok(definition.rationale.length >= 40, `${definition.id}: rationale too thin to be the rule's docs`);
    assert.ok(definition.remediation.text.length > 0, `${definition.id}: remediation text`);
    if (definition.severity !== 'note') assert.ok(definition.remediation.commands.length > 0, `${definition.id}: a blocking rule needs a command to run`);
    assert.ok(definition.references.length > 0, `${definition.id}: references`);
    assert.ok(definition.changelog.length > 0, `${definition.id}: changelog`);
    assert.ok(inProfiles.has(definition.id), `${definition.id} is in no profile`);
  }
});

test('every rule is decided (pass or fail) by at least one fixture', async () => {
  const run = runCli(['evaluate', ...fixtureInputs(), '--format', 'json', '--timestamp', '0', '--fail-on', 'none']);
  const results = JSON.parse(run.stdout);
  const decided = new Set<string>();
  for (const host of results.hosts) {
    for (const target of host.targets) {
      for (const result of target.results) if (result.status === 'pass' || result.status === 'fail') decided.add(result.ruleId);
    }
  }
  const undecided = (await parsedPromise).rules.map((rule) => rule.definition.id).filter((id) => !decided.has(id));
  assert.equal(undecided, [], 'rules no fixture exercises');
});

test.run();

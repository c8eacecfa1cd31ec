// The central promise: a fact that could not be collected is never a pass. For every rule of every
// built-in profile, blank each fact it needs in turn on facts where it passes, and check the status.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePack } from '../../engine/compile-pack.js';
import { evaluateRule } from '../../engine/evaluate.js';
import { readPath } from '../../engine/fact-path.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { parseRuleSources } from '../../engine/compile-pack.js';
import { intelBareMetal, unknownFacts } from '../support/facts-builder.js';

function withNull(context: any, path: string): any {
  const copy = structuredClone(context);
  const parts = path.split('.');
  let node = copy;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') return copy;
    node = node[part];
  }
  node[parts[parts.length - 1]!] = null;
  return copy;
}

test('with every fact unknown, no rule of any profile passes', async () => {
  const parsed = await parseRuleSources(BUILTIN_RULES_DIR);
  const blank = unknownFacts();
  for (const { definition } of parsed.profiles) {
    const pack = await compilePack(BUILTIN_RULES_DIR, `${definition.id}@${definition.version}`);
    for (const rule of pack.rules) {
      for (const family of ['linux', 'windows', null] as const) {
        const host = structuredClone(blank.host);
        host.os.family = family;
        const context = { host, vm: rule.definition.scope === 'vm' ? { name: 'vm1' } : undefined, collection: blank.collection };
        const result = evaluateRule(rule, context);
        assert.is.not(result.status, 'pass', `${rule.definition.id} passed on unknown facts (${family})`);
      }
    }
  }
});

test('blanking any needed fact of a passing Linux rule turns it into unknown', async () => {
  const pack = await compilePack(BUILTIN_RULES_DIR, 'linux-kvm@1');
  const facts = intelBareMetal();
  const context = { host: facts.host, collection: facts.collection };
  let checked = 0;
  for (const rule of pack.rules) {
    if (evaluateRule(rule, context).status !== 'pass') continue;
    for (const path of rule.definition.facts) {
      assert.ok(readPath(context, path) !== null, `${path} is set in the healthy facts`);
      const result = evaluateRule(rule, withNull(context, path));
      assert.ok(result.status === 'unknown', `${rule.definition.id} with ${path}=null gave ${result.status}`);
      checked++;
    }
  }
  assert.ok(checked >= 6, `checked ${checked} fact blanks`);
});

test.run();

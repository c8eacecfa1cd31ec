// The precompiled per-profile bundles (dist/generated, what users run) must judge exactly like the
// rule files compiled at run time (what rule authors edit): same statuses, messages and evidence.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePack, parseRuleSources } from '../../engine/compile-pack.js';
import { evaluateHost } from '../../engine/evaluate.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../../engine/package-root.js';
import { convertItem, readInputs } from '../../cli/input/read-inputs.js';
import type { FactsDocument } from '../../schemas/facts.js';
import { fixtureInputs } from '../support/cli.js';

async function fixtureFacts(): Promise<FactsDocument[]> {
  const now = () => new Date(0);
  const out: FactsDocument[] = [];
  const stdin = async function* () {};
  for await (const raw of readInputs(fixtureInputs(), { now, pinned: true, stdin })) {
    const item = raw.kind === 'text' ? await convertItem(raw, now) : raw;
    if (item.kind === 'facts') out.push(item.facts);
  }
  return out;
}

test('every profile: the built bundle and the run-time compile give identical results on every fixture', async () => {
  const built = (await import(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'engine', 'load-pack.js')).href)) as typeof import('../../engine/load-pack.js');
  const facts = await fixtureFacts();
  assert.ok(facts.length > 30, `${facts.length} fixture hosts`);
  const { profiles } = await parseRuleSources(BUILTIN_RULES_DIR);
  for (const { definition } of profiles) {
    const ref = `${definition.id}@${definition.version}`;
    const fromBundle = await built.loadPack(ref);
    const fromSource = await compilePack(BUILTIN_RULES_DIR, ref);
    assert.is(fromBundle.digest, fromSource.digest, `${ref}: the build is current`);
    for (const doc of facts) {
      const a = evaluateHost(doc, fromBundle as never, { input: 'x' });
      const b = evaluateHost(doc, fromSource, { input: 'x' });
      assert.equal(a, b, `${ref} on ${doc.host.name}`);
    }
  }
});

test.run();

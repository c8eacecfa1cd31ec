// The central promise for the Hyper-V pack too: blank any fact a passing rule needs and it is no
// longer a pass — on the host, on a VM and inside a guest, with the derived facts in place.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FactsDocument } from '../../schemas/facts.js';
import { compilePack } from '../../engine/compile-pack.js';
import { deriveHost, deriveVm } from '../../engine/derive.js';
import { evaluateRule } from '../../engine/evaluate.js';
import { readPath } from '../../engine/fact-path.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import type { EvaluationContext } from '../../engine/rule-pack.js';
import { amdHost, azureGuest, nestedVm, windowsGuest, windowsHost } from '../support/hyperv-facts.js';
import { facts } from '../support/facts-builder.js';

function withNull(context: EvaluationContext, path: string): EvaluationContext {
  const copy = structuredClone(context) as unknown as Record<string, Record<string, unknown>>;
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') return copy as unknown as EvaluationContext;
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = null;
  return copy as unknown as EvaluationContext;
}

function contexts(document: FactsDocument): EvaluationContext[] {
  const host = deriveHost(document.host);
  return [{ host, collection: document.collection }, ...(document.vms ?? []).map((vm) => ({ host, vm: deriveVm(vm), collection: document.collection }))];
}

test('blanking any needed fact of a passing Hyper-V rule turns it into unknown', async () => {
  const pack = await compilePack(BUILTIN_RULES_DIR, 'hyperv@1');
  const documents = [
    windowsHost([nestedVm()]),
    facts({ host: { hyperv: { vbsStatus: 'running' } } }, windowsHost([nestedVm({ configVersion: '9.3' })])),
    amdHost([nestedVm({ configVersion: '9.3' })]),
    windowsGuest(),
    facts({ host: { hyperv: { natNetworks: [{ name: 'NAT', internalPrefix: '192.168.100.0/24' }] } } }, azureGuest('Standard_D4s_v5')),
  ];
  const checked = new Set<string>();
  for (const document of documents) {
    for (const context of contexts(document)) {
      for (const rule of pack.rules) {
        if ((rule.definition.scope === 'vm') !== (context.vm !== undefined)) continue;
        if (evaluateRule(rule, context).status !== 'pass') continue;
        for (const path of rule.definition.facts) {
          assert.ok(readPath(context, path) !== null && readPath(context, path) !== undefined, `${path} is set`);
          const result = evaluateRule(rule, withNull(context, path));
          assert.is(result.status, 'unknown', `${rule.definition.id} with ${path}=null gave ${result.status}`);
          checked.add(rule.definition.id);
        }
      }
    }
  }
  const passing = pack.rules.filter((rule) => JSON.stringify(rule.definition.requires) !== '{"not":{}}').map((rule) => rule.definition.id);
  assert.equal(passing.filter((id) => !checked.has(id)), [], 'every rule that can pass was checked');
});

test.run();

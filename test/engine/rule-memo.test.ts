// Reusing results (engine/rule-memo.ts) is only an optimisation: on a synthetic fleet built from every
// fixture, memoised and fresh evaluation must give the same bytes, host for host.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateHost } from '../../engine/evaluate.js';
import { loadPack } from '../../engine/load-pack.js';
import { isPathClosed, kindPaths } from '../../engine/rule-key.js';
import { hostJson } from '../../cli/host-json.js';
import { generateFleet } from '../../bench/generate-fleet.js';
import { loadTemplates } from '../../bench/fleet-templates.js';
import type { FactsDocument } from '../../schemas/facts.js';
import type { RulePack } from '../../engine/rule-pack.js';
import { nestedVm, windowsHost } from '../support/hyperv-facts.js';

async function packFor(facts: FactsDocument, packs: Map<string, RulePack>): Promise<RulePack> {
  const ref = facts.host.os.family === 'windows' ? 'hyperv@1' : 'linux-kvm@1';
  let pack = packs.get(ref);
  if (!pack) packs.set(ref, (pack = await loadPack(ref)));
  return pack;
}

test('a 1,500-host synthetic fleet: memoised results are byte-identical to fresh ones, and serialise like JSON.stringify', async () => {
  const templates = await loadTemplates();
  const packs = new Map<string, RulePack>();
  let hosts = 0;
  let shared = 0;
  let results = 0;
  for (const line of generateFleet(1500, 7, templates)) {
    const facts = JSON.parse(line) as FactsDocument;
    const pack = await packFor(facts, packs);
    const reused = evaluateHost(facts, pack, { input: 'fleet', inputLine: hosts + 1 });
    const fresh = evaluateHost(JSON.parse(line) as FactsDocument, pack, { input: 'fleet', inputLine: hosts + 1 }, { reuseResults: false });
    const expected = JSON.stringify(fresh);
    assert.is(JSON.stringify(reused), expected, `host ${hosts + 1}`);
    assert.is(hostJson(reused), expected, `host ${hosts + 1}: hostJson`);
    for (const target of reused.targets) for (const result of target.results) {
      results++;
      if (Object.isFrozen(result)) shared++;
    }
    hosts++;
  }
  assert.is(hosts, 1500);
  // The fleet is made of 30 fixtures with varied settings: most results must be reused.
  assert.ok(shared / results > 0.5, `${shared} of ${results} results reused`);
});

test('two VMs with the same settings share their passing results; a fix naming the VM is not shared', async () => {
  const pack = await loadPack('hyperv@1');
  const facts = windowsHost([nestedVm({ name: 'alpha', id: '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0001' }), nestedVm({ name: 'beta', id: '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0002', dynamicMemory: true }), nestedVm({ name: 'gamma', id: null, dynamicMemory: true })]);
  const host = evaluateHost(facts, pack, { input: 'x' });
  const [alpha, beta, gamma] = host.targets.slice(1);
  const passing = (id: string, target: typeof alpha) => target!.results.find((result) => result.ruleId === id)!;
  assert.is(passing('HVV-002', alpha), passing('HVV-002', beta), 'same object for the same outcome');
  assert.ok(Object.isFrozen(passing('HVV-002', alpha)));
  const betaFix = passing('HVV-003', beta);
  const gammaFix = passing('HVV-003', gamma);
  assert.is(betaFix.status, 'fail');
  assert.is.not(betaFix, gammaFix);
  assert.match(JSON.stringify(betaFix.remediation), /Get-VM -Id '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0002'/);
  assert.match(JSON.stringify(gammaFix.remediation), /Where-Object Name -CEQ 'gamma'/);
  assert.is(beta!.vmId, '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0002');
  assert.is(gamma!.vmId, null);
});

const CLOSED: [string, unknown][] = [
  ['empty', {}],
  ['nested properties to a leaf', { properties: { host: { properties: { cpu: { properties: { vendor: { enum: ['Intel', 'AMD'] } } } } } } }],
  ['anyOf of structural branches', { anyOf: [{ properties: { vm: { properties: { state: { const: 'Off' } } } } }, { not: { properties: { vm: { properties: { vcpus: { minimum: 2 } } } } } }] }],
  ['a leaf may use any keyword (its whole value is in the key)', { properties: { vm: { properties: { adapters: { contains: { properties: { macAddressSpoofing: { const: null } } } } } } } }],
  ['type and required on a node it descends into (its kind is in the key)', { properties: { host: { properties: { hyperv: { anyOf: [{ type: 'null' }, { required: ['switches'], properties: { hypervisorPresent: { enum: [true, null] } } }] } } } } }],
];
const OPEN: [string, unknown][] = [
  ['additionalProperties on an object it descends into', { properties: { host: { properties: { cpu: {} }, additionalProperties: false } } }],
  ['const on a node with properties', { properties: { host: { properties: { cpu: {} }, const: null } } }],
  ['a branch reading the whole object', { properties: { host: { properties: { cpu: { properties: { vendor: {} } } }, anyOf: [{ const: null }] } } }],
  ['$ref at the root', { $ref: '#/definitions/x' }],
];

test('isPathClosed: schemas that read only the paths they name', () => {
  for (const [name, schema] of CLOSED) assert.ok(isPathClosed(schema), name);
  for (const [name, schema] of OPEN) assert.not.ok(isPathClosed(schema), name);
});

test('kindPaths: type and required put the kind of the node they sit on into the key', () => {
  assert.equal(kindPaths({ properties: { host: { properties: { hyperv: { anyOf: [{ type: 'null' }, { properties: { hypervisorPresent: { const: true } } }] } } } } }), ['host.hyperv']);
  assert.equal(kindPaths({ required: ['vm'], properties: { vm: { properties: { state: { const: 'Off' } } } } }), [], 'the root is always an object');
});

test('every shipped rule is memoisable', async () => {
  for (const ref of ['hyperv@1', 'linux-kvm@1']) {
    const pack = await loadPack(ref);
    for (const rule of pack.rules) {
      for (const schema of [rule.definition.appliesWhen, rule.definition.requires, rule.definition.inconclusiveWhen ?? {}]) assert.ok(isPathClosed(schema), `${rule.definition.id}`);
    }
  }
});

test.run();

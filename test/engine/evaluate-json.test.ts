// The streamed JSON path (engine/evaluate-json.ts, engine/rule-json.ts) must give exactly the bytes,
// summary digest and --fail-on verdict of evaluateHost + JSON.stringify — on a fleet, and on the
// names and values built to break reuse: quotes, surrogate halves, the marker characters themselves.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateHost, hostDigest } from '../../engine/evaluate.js';
import { writeHostJson } from '../../engine/evaluate-json.js';
import { loadPack } from '../../engine/load-pack.js';
import type { FailOn } from '../../engine/summarize.js';
import type { RulePack } from '../../engine/rule-pack.js';
import { ByteBuilder } from '../../cli/byte-builder.js';
import { hostFails } from '../../cli/judge.js';
import { generateFleet } from '../../bench/generate-fleet.js';
import { loadTemplates } from '../../bench/fleet-templates.js';
import type { FactsDocument } from '../../schemas/facts.js';
import { HOSTILE_NAMES } from '../support/hostile-names.js';
import { azureGuest, nestedVm, windowsGuest, windowsHost } from '../support/hyperv-facts.js';

const packs = new Map<string, RulePack>();
async function packFor(facts: FactsDocument): Promise<RulePack> {
  const ref = facts.host.os.family === 'windows' ? 'hyperv@1' : 'linux-kvm@1';
  let pack = packs.get(ref);
  if (!pack) packs.set(ref, (pack = await loadPack(ref)));
  return pack;
}

const FAIL_ON: FailOn[] = ['error', 'warning', 'note', 'none'];

// Compares one document both ways; returns whether the fast path took it.
async function same(facts: FactsDocument, label: string, failOn: FailOn = 'error'): Promise<boolean> {
  const pack = await packFor(facts);
  const input = { input: 'fleet.ndjson', inputLine: 7 };
  const expected = evaluateHost(structuredClone(facts), pack, input, { reuseResults: false });
  const out = new ByteBuilder();
  const written = writeHostJson(structuredClone(facts), pack, input, failOn, out);
  if (!written) return false;
  assert.is(Buffer.from(out.bytes()).toString('utf8'), JSON.stringify(expected), `${label}: bytes`);
  assert.equal(written.digest, hostDigest(expected), `${label}: digest`);
  assert.is(written.fails, hostFails(expected, failOn), `${label}: --fail-on ${failOn}`);
  return true;
}

test('a 1,500-host synthetic fleet, twice over (the second time from reused outcomes)', async () => {
  const templates = await loadTemplates();
  for (let round = 0; round < 2; round++) {
    let hosts = 0;
    for (const line of generateFleet(1500, 11, templates)) {
      const facts = JSON.parse(line) as FactsDocument;
      assert.ok(await same(facts, `round ${round}, host ${hosts + 1}`, FAIL_ON[hosts % FAIL_ON.length]), 'the fast path takes every fleet host');
      hosts++;
    }
    assert.is(hosts, 1500);
  }
});

test('hostile VM names, each on two hosts so that the second reuses the outcome with its own name', async () => {
  for (const name of HOSTILE_NAMES) {
    for (const id of ['6f1c2a52-8f59-4bde-9f0e-3f0c9f0a00aa', null]) {
      const facts = windowsHost([nestedVm({ name, id, dynamicMemory: true, exposeVirtualizationExtensions: false, vcpus: 1 }), nestedVm({ name: name + ' 2', id: null, dynamicMemory: true })]);
      assert.ok(await same(facts, `${JSON.stringify(name)} / ${id}`));
      assert.ok(await same(facts, `${JSON.stringify(name)} / ${id}, reused`));
    }
  }
});

test('surrogate halves and marker characters in names and in values are never mistaken for slots', async () => {
  const awkward = ['\udc00starts-low', 'ends-high\ud800', '\ud800\udc00pair', 'marker \ue000 open', 'marker \ue001 close', '\ue0000\ue001', '"\ue0000\ue001"', '\u0000nul', 'back\\slash "quote"'];
  for (const text of awkward) {
    const vms = [nestedVm({ name: text, id: null, dynamicMemory: true }), nestedVm({ name: 'plain', id: null, dynamicMemory: true })];
    const facts = windowsHost(vms);
    facts.host.name = text;
    facts.host.os.name = `Windows ${text}`; // a value in the key, rendered into messages
    assert.ok(await same(facts, JSON.stringify(text)));
    assert.ok(await same(facts, `${JSON.stringify(text)}, reused`));
    // Inside a VM, the name the outer host knows it by is evidence and a command argument.
    const guest = windowsGuest();
    guest.vms = []; // listed, and none: the fast path takes it (no list at all goes to evaluateHost)
    guest.host.name = text;
    assert.ok(await same(guest, `guest ${JSON.stringify(text)}`));
    assert.ok(await same(guest, `guest ${JSON.stringify(text)}, reused`));
  }
});

test('hosts the fast path leaves to evaluateHost: no VM list but VM rules', async () => {
  const facts = windowsHost(null);
  const out = new ByteBuilder();
  assert.is(writeHostJson(facts, await packFor(facts), { input: 'x' }, 'error', out), null);
  assert.is(out.bytes().length, 0, 'nothing written');
});

test('cloud guests and hosts without an input line', async () => {
  for (const [size, security] of [['Standard_D4s_v5', 'Standard'], ['Standard_B2ms', 'TrustedLaunch'], [null, null]] as const) {
    const facts = azureGuest(size, security);
    facts.vms = [];
    const pack = await packFor(facts);
    const expected = evaluateHost(structuredClone(facts), pack, { input: 'a.json' }, { reuseResults: false });
    const out = new ByteBuilder();
    assert.ok(writeHostJson(structuredClone(facts), pack, { input: 'a.json' }, 'warning', out));
    assert.is(Buffer.from(out.bytes()).toString('utf8'), JSON.stringify(expected), `${size}`);
  }
});

test.run();

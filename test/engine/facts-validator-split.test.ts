// The fast facts validator (dist/generated, built from the schema split into parts so V8 optimises
// each part on its own) must accept exactly the documents the full, error-collecting validator
// accepts: the same schema, only cut differently. Checked on every fixture host, a synthetic fleet,
// and every document one step away from each of them (a value of the wrong type, a required
// property gone, a property too many).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { generateFleet } from '../../bench/generate-fleet.js';
import { loadTemplates } from '../../bench/fleet-templates.js';

type Validate = (data: unknown) => boolean;
const load = async (file: string) =>
  ((await import(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'generated', file)).href)) as { validateFacts: Validate }).validateFacts;

const WRONG: unknown[] = [null, 'text', 7, 2.5, -1, true, [], {}, ['x'], { extra: 1 }];

// Every document one step away from `doc`, each built afresh.
function* neighbours(doc: unknown): Generator<unknown> {
  const walk = function* (node: unknown, path: (string | number)[]): Generator<(string | number)[]> {
    yield path;
    if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) yield* walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  const at = (copy: unknown, path: (string | number)[]) => path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  for (const path of walk(doc, [])) {
    if (path.length === 0) continue;
    const last = path[path.length - 1]!;
    for (const value of WRONG) {
      const copy = structuredClone(doc);
      at(copy, path)[last] = value;
      yield copy;
    }
    const removed = structuredClone(doc);
    const parent = at(removed, path);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    yield removed;
    const node = path.reduce<any>((current, key) => current[key], doc);
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const added = structuredClone(doc);
      path.reduce<any>((current, key) => current[key], added).unexpected = 1;
      yield added;
    }
  }
}

test('the split fast validator and the full validator agree on fixtures, a fleet and their neighbours', async () => {
  const fast = await load('facts-validator-fast.js');
  const full = await load('facts-validator.js');
  const docs = [...generateFleet(60, 7, await loadTemplates())].map((line) => JSON.parse(line) as unknown);
  let valid = 0;
  let invalid = 0;
  for (const doc of docs) {
    assert.ok(full(doc), 'a generated host is valid');
    assert.ok(fast(doc), 'and the fast validator says so');
  }
  // Neighbours of a Windows host with VMs and of a Linux host: every part of the schema is reached.
  const windows = docs.find((doc: any) => doc.host.os.family === 'windows' && doc.vms?.length > 0);
  const linux = docs.find((doc: any) => doc.host.os.family === 'linux');
  assert.ok(windows && linux);
  for (const doc of [windows, linux]) {
    for (const neighbour of neighbours(doc)) {
      const expected = full(neighbour);
      assert.is(fast(neighbour), expected, JSON.stringify(neighbour).slice(0, 200));
      if (expected) valid++;
      else invalid++;
    }
  }
  assert.ok(invalid > 1000, `${invalid} invalid neighbours`);
  assert.ok(valid > 50, `${valid} valid neighbours (nullable facts, optional sections)`);
});

test('the fast validator is in parts: one function per section of the document', async () => {
  const { readFileSync } = await import('node:fs');
  const code = readFileSync(join(PACKAGE_ROOT, 'dist', 'generated', 'facts-validator-fast.js'), 'utf8');
  assert.ok((code.match(/function validate\d+/g) ?? []).length >= 8);
});

test.run();

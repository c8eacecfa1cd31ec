// The fast facts validator (dist/generated, compiled by engine/boolean-validator.ts: yes or no, no
// error objects) must accept exactly the documents ajv's full, error-collecting validator accepts.
// Checked on a synthetic fleet and on every document one step away from a Windows host with VMs and
// a Linux host (a value of the wrong type, a required property gone, a property too many).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { compileBooleanValidator, UnsupportedSchemaError } from '../../engine/boolean-validator.js';
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
  const get = (root: unknown, path: (string | number)[]) => path.reduce<any>((node, key) => node[key], root);
  for (const path of walk(doc, [])) {
    if (path.length === 0) continue;
    const last = path[path.length - 1]!;
    for (const value of WRONG) {
      const copy = structuredClone(doc);
      get(copy, path.slice(0, -1))[last] = value;
      yield copy;
    }
    const removed = structuredClone(doc);
    const parent = get(removed, path.slice(0, -1));
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    yield removed;
    const node = get(doc, path);
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const added = structuredClone(doc);
      get(added, path).unexpected = 1;
      yield added;
    }
  }
}

test('the yes/no validator and ajv agree on a fleet and on every neighbour of its hosts', async () => {
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

test('the yes/no validator is in parts (a function per object) and refuses keywords it does not know', async () => {
  const { readFileSync } = await import('node:fs');
  const code = readFileSync(join(PACKAGE_ROOT, 'dist', 'generated', 'facts-validator-fast.js'), 'utf8');
  assert.ok((code.match(/function v\d+/g) ?? []).length >= 8);
  for (const schema of [{ pattern: '^a' }, { properties: { a: { oneOf: [] } } }, { items: { format: 'date' } }, { additionalProperties: { type: 'string' } }, { enum: [{ a: 1 }] }, { type: 'bigint' }]) {
    assert.throws(() => compileBooleanValidator(schema, 'v'), (error: Error) => error instanceof UnsupportedSchemaError, JSON.stringify(schema));
  }
});

test('keyword semantics as ajv has them: integer, nullable types, enum with null, minimum only for numbers', async () => {
  const { Ajv } = await import('ajv');
  const cases: [object, unknown[]][] = [
    [{ type: 'integer' }, [1, 1.5, -0, '1', null, 1e300]],
    [{ type: ['integer', 'null'] }, [null, 2, 2.5, 'x']],
    [{ type: ['number', 'null'], minimum: 0 }, [0, -1, null, 3.5]],
    [{ minimum: 2 }, [1, 2, 'x', null, [1]]],
    [{ enum: ['uefi', 'bios', null] }, ['uefi', null, 'UEFI', 0, undefined]],
    [{ const: 1 }, [1, '1', true]],
    [{ type: ['object', 'null'], required: ['a'], additionalProperties: false, properties: { a: { type: 'string' } } }, [null, {}, { a: 'x' }, { a: 1 }, { a: 'x', b: 1 }, [], 'o']],
    [{ type: ['array', 'null'], items: { type: 'string' } }, [null, [], ['a'], ['a', 1], {}, 'a']],
    [{ properties: { a: { type: 'boolean' } } }, [{}, { a: true }, { a: 'true' }, 5, null]],
  ];
  for (const [schema, values] of cases) {
    const ours = new Function(`${compileBooleanValidator(schema, 'check').replace('export function', 'function')}; return check;`)() as (data: unknown) => boolean;
    const theirs = new Ajv({ strict: false }).compile(schema);
    for (const value of values) assert.is(ours(value), theirs(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
  }
});

test.run();

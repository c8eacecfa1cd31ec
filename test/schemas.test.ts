import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TOOL_VERSION } from '../schemas/constants.js';
import { PACKAGE_ROOT, SCHEMAS_DIR } from '../engine/package-root.js';
import { schemaDocuments, serializeSchema } from '../scripts/schema-documents.js';

for (const [name, schema] of Object.entries(schemaDocuments())) {
  test(`schemas/${name} is in sync with its TypeBox source (run npm run schemas)`, () => {
    assert.fixture(readFileSync(join(SCHEMAS_DIR, name), 'utf8'), serializeSchema(schema));
  });
}

test('TOOL_VERSION matches package.json', () => {
  assert.is(TOOL_VERSION, JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
});

test('every fact in the facts schema may be unknown (null), so no collector has to guess', () => {
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'facts.schema.json'), 'utf8'));
  const notNullable: string[] = [];
  const walk = (node: any, path: string) => {
    if (!node || typeof node !== 'object') return;
    if (node.properties) {
      for (const [key, child] of Object.entries<any>(node.properties)) {
        const childPath = `${path}.${key}`;
        const isObjectContainer = (child.type === 'object' || (Array.isArray(child.type) && child.type.includes('object'))) && child.properties && !(Array.isArray(child.type) && child.type.includes('null'));
        const nullable =
          (Array.isArray(child.anyOf) && child.anyOf.some((branch: any) => branch.type === 'null')) ||
          (Array.isArray(child.type) && child.type.includes('null')) ||
          (Array.isArray(child.enum) && child.enum.includes(null));
        // Exempt: document metadata, and the name that identifies an item of a list (a VM, a switch).
        const identity = /^\$\.(schemaVersion|\$schema|collection\.(tool|source|collectors))$/.test(childPath) || /\[\]\.name$/.test(childPath) || childPath.startsWith('$.collection.collectors');
        if (!isObjectContainer && !nullable && !identity) {
          notNullable.push(childPath);
        }
        walk(child, childPath);
        for (const branch of child.anyOf ?? []) walk(branch, childPath);
        if (child.items) walk(child.items, `${childPath}[]`);
        for (const branch of child.anyOf ?? []) if (branch.items) walk(branch.items, `${childPath}[]`);
      }
    }
  };
  walk(schema, '$');
  assert.equal(notNullable, []);
});

test.run();

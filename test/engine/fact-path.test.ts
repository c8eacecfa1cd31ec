// Reading fact paths: readPlainKeys skips readKeys' own-property check, which is only sound when no
// key of the path is a name objects or arrays inherit. Tables of paths and values, both readers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlainPath, readKeys, readPlainKeys } from '../../engine/fact-path.js';

test('a path with an inherited name (constructor, toString, length, __proto__, map) is not plain', () => {
  for (const path of ['host.constructor', 'toString', 'vm.adapters.length', 'host.__proto__.x', 'vms.map', 'host.hasOwnProperty', 'a.valueOf.b']) {
    assert.is(isPlainPath(path.split('.')), false, path);
  }
  for (const path of ['host.cpu.vendor', 'vm.adapters', 'host.derived.maxConfigVersion', 'vm.0.name', 'collection.source']) {
    assert.ok(isPlainPath(path.split('.')), path);
  }
});

test('on plain paths both readers agree, whatever the facts hold (absent, null, arrays, strings, __proto__ keys)', () => {
  const contexts: unknown[] = [
    { host: { cpu: { vendor: 'AMD', flags: ['svm'] }, derived: { maxConfigVersion: null } } },
    { host: { cpu: null } },
    { host: 'not an object' },
    { host: [{ cpu: 1 }] },
    { vm: { adapters: [], name: 'x' } },
    JSON.parse('{"__proto__": {"cpu": {"vendor": "hidden"}}, "host": {"__proto__": {"vendor": "x"}}}'),
    Object.create({ host: { cpu: { vendor: 'inherited' } } }),
    null,
    42,
  ];
  const paths = ['host', 'host.cpu', 'host.cpu.vendor', 'host.cpu.flags', 'host.cpu.flags.0', 'host.0.cpu', 'host.derived.maxConfigVersion', 'vm.adapters', 'vm.name', 'vm.name.x', 'missing.path'];
  for (const context of contexts) {
    for (const path of paths) {
      const keys = path.split('.');
      assert.ok(isPlainPath(keys));
      // A context whose own prototype was set by hand is not what JSON.parse makes: only the own
      // reader promises to ignore it.
      if (Object.getPrototypeOf(context ?? {}) !== Object.prototype && context !== null && typeof context === 'object') continue;
      assert.equal(readPlainKeys(context, keys), readKeys(context, keys), `${path} in ${JSON.stringify(context)}`);
    }
  }
});

test.run();

// The built rule packs (dist/generated) are used only while they match the rule files. A run first
// compares the files' sizes and times with what the build saw (no reading, no hashing); when the
// times differ it compares the digest of the contents; when the contents differ it compiles the rules
// from source. Checked on a copy of the package whose generated bundle carries a mark the sources do
// not have, so the output shows which one a run used.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT, BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { ruleFilesFingerprint } from '../../engine/rule-files.js';

const MARK = 'GENERATED-BUNDLE-MARK';
const copy = mkdtempSync(join(tmpdir(), 'nestready-stale-'));

test.before(() => {
  for (const part of ['package.json', 'bin', 'dist', 'rules', 'schemas']) cpSync(join(PACKAGE_ROOT, part), join(copy, part), { recursive: true, preserveTimestamps: true });
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(copy, 'node_modules'));
  const bundle = join(copy, 'dist', 'generated', 'rule-bundle.js');
  const text = readFileSync(bundle, 'utf8');
  assert.ok(text.includes('Windows Hyper-V host and its VMs'));
  writeFileSync(bundle, text.replace('Windows Hyper-V host and its VMs', MARK));
  // As if built in the copy: copying keeps times only to the microsecond, the build saw nanoseconds.
  const index = join(copy, 'dist', 'generated', 'rule-profiles.js');
  const built = JSON.stringify(ruleFilesFingerprint(BUILTIN_RULES_DIR));
  assert.ok(readFileSync(index, 'utf8').includes(built));
  writeFileSync(index, readFileSync(index, 'utf8').replace(built, JSON.stringify(ruleFilesFingerprint(join(copy, 'rules')))));
});

test.after(() => rmSync(copy, { recursive: true, force: true }));

// `nestready rules` from the copy; `hashed`: whether the run loaded node:crypto (the digest).
const rules = () => {
  const probe = join(copy, 'probe.mjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(process.moduleLoadList.includes('NativeModule crypto') ? 'hashed' : 'not hashed'));\n");
  const run = spawnSync(process.execPath, ['--import', probe, join(copy, 'bin', 'nestready.js'), 'rules'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.is(run.status, 0, run.stderr);
  return { out: run.stdout, hashed: run.stderr.endsWith('not hashed') ? false : run.stderr.endsWith('hashed') ? true : null };
};

test('the build recorded the rule files as they are now', () => {
  const index = readFileSync(join(PACKAGE_ROOT, 'dist', 'generated', 'rule-profiles.js'), 'utf8');
  assert.ok(index.includes(JSON.stringify(ruleFilesFingerprint(BUILTIN_RULES_DIR))), 'fingerprint in rule-profiles.js');
});

test('same files, same times: the built bundle is used, nothing is hashed', () => {
  const { out, hashed } = rules();
  assert.ok(out.includes(MARK));
  assert.is(hashed, false);
});

test('same contents, new times (a fresh checkout): the digest still matches, the built bundle is used', () => {
  const file = join(copy, 'rules', 'hyperv', 'hvg-002-guest-os.yaml');
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const { out, hashed } = rules();
  assert.ok(out.includes(MARK));
  assert.is(hashed, true);
});

test('changed contents: the rules are compiled from source', () => {
  appendFileSync(join(copy, 'rules', 'hyperv', 'hvg-002-guest-os.yaml'), '\n# edited after the build\n');
  const { out } = rules();
  assert.not.ok(out.includes(MARK));
  assert.ok(out.includes('Windows Hyper-V host and its VMs'));
});

test.run();

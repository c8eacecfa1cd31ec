// systeminformation cannot see VT-x / AMD-V / EPT / NPT on Windows: its cpuFlags() reads the registry
// value HKLM\HARDWARE\DESCRIPTION\System\CentralProcessor\0 FeatureSet and maps its 32 bits onto the
// CPUID leaf-1 EDX names (fpu … pbe), which contain no virtualization flag at all — and it maps them in
// reverse bit order. This runs its real Windows code path with a stand-in `reg` (see the probe), so the
// Windows collector uses CIM (Win32_Processor) instead and never imports systeminformation.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { standInDir, writeStandIn } from '../support/stand-ins.js';

const PROBE = join(PACKAGE_ROOT, 'test', 'support', 'fake-shells', 'si-cpuflags-probe.cjs');
const VIRTUALIZATION_FLAGS = ['vmx', 'svm', 'ept', 'npt', 'rvi', 'vpid', 'hypervisor', 'vt-x', 'amd-v', 'slat'];

function runWindowsCpuFlags(values: string[]): { featureSet: string; flags: string }[] {
  const dir = standInDir('nestready-si-');
  try {
    const valueFile = join(dir.dir, 'featureset');
    // `reg query … /v FeatureSet` as Windows prints it.
    writeStandIn(dir.dir, 'reg', `
const value = require('node:fs').readFileSync(${JSON.stringify(valueFile)}, 'utf8');
process.stdout.write('\\r\\nHKEY_LOCAL_MACHINE\\\\HARDWARE\\\\DESCRIPTION\\\\System\\\\CentralProcessor\\\\0\\r\\n    FeatureSet    REG_DWORD    ' + value + '\\r\\n\\r\\n');`);
    const run = spawnSync(process.execPath, [PROBE, JSON.stringify(values)], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      // Node's exec() on win32 runs %comspec% (read in lower case here, where the environment is case-sensitive).
      env: { PATH: `${dir.dir}:${process.env.PATH ?? ''}`, comspec: '/bin/sh', FEATURESET_FILE: valueFile },
    });
    assert.is(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  } finally {
    dir.remove();
  }
}

const singleBits = Array.from({ length: 32 }, (_, bit) => `0x${(2 ** bit).toString(16).padStart(8, '0')}`);
const results = runWindowsCpuFlags(['0xffffffff', ...singleBits, '0x21193ffe']);

test('the Windows path of cpuFlags() really ran (the stand-in reg answered)', () => {
  assert.ok(results[0]!.flags.split(' ').length >= 30, results[0]!.flags);
});

test('every FeatureSet bit set: 30 CPUID EDX names and not one virtualization flag', () => {
  const flags = results[0]!.flags.split(' ');
  assert.equal(flags, ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', 'sep', 'mtrr', 'pge', 'mca', 'cmov', 'pat', 'pse-36', 'psn', 'clfsh', 'ds', 'acpi', 'mmx', 'fxsr', 'sse', 'sse2', 'ss', 'htt', 'tm', 'ia64', 'pbe']);
  for (const flag of VIRTUALIZATION_FLAGS) assert.not.ok(flags.includes(flag), flag);
});

test('each bit maps to at most one fixed name, so no FeatureSet value can ever yield vmx/svm/ept/npt', () => {
  const perBit = results.slice(1, 33).map((result) => result.flags);
  for (const flags of perBit) assert.ok(flags.split(' ').filter(Boolean).length <= 1, flags);
  const reachable = new Set(perBit.filter(Boolean));
  assert.is(reachable.size, 30);
  for (const flag of VIRTUALIZATION_FLAGS) assert.not.ok(reachable.has(flag), flag);
});

test('and the mapping is reversed: bit 0 comes out as "pbe" (CPUID EDX bit 31), bit 31 as "fpu"', () => {
  assert.is(results[1]!.flags, 'pbe');
  assert.is(results[32]!.flags, 'fpu');
});

test('the Windows collector does not import systeminformation', () => {
  const dir = join(PACKAGE_ROOT, 'collectors', 'windows');
  for (const file of readdirSync(dir).filter((name) => /\.(ts|ps1)$/.test(name))) {
    assert.not.match(readFileSync(join(dir, file), 'utf8'), /systeminformation['"]/, file);
  }
});

test.run();

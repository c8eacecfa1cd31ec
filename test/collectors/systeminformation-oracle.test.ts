// systeminformation is not on the scan path (it costs as much start-up as Node itself, cannot read a
// captured tree, and cannot see vmx/ept on Windows), but on a live Linux machine it is an independent
// reading of the CPU flags: our parser must agree with it on every flag a rule depends on.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCpuinfo } from '../../collectors/linux/parse-cpuinfo.js';

test('live CPU flags agree with systeminformation.cpuFlags() for vmx, svm, nx, hypervisor', async () => {
  if (process.platform !== 'linux') return;
  const si = await import('systeminformation');
  const theirs = new Set((await si.cpuFlags()).split(/\s+/).filter(Boolean));
  assert.ok(theirs.size > 10, 'systeminformation returned CPU flags');
  const ours = parseCpuinfo(readFileSync('/proc/cpuinfo', 'utf8')).flags;
  for (const flag of ['vmx', 'svm', 'nx', 'hypervisor']) {
    assert.is(ours.has(flag), theirs.has(flag), `flag ${flag}`);
  }
});

test.run();

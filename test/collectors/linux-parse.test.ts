import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuVirtualization, parseCpuinfo, vendorFromId } from '../../collectors/linux/parse-cpuinfo.js';
import { parseMemTotalBytes, parseNestedParameter, parseOsRelease } from '../../collectors/linux/parse-key-value.js';

const cpu = (vendor: string, flags: string, vmxFlags?: string) =>
  `processor\t: 0\nvendor_id\t: ${vendor}\nmodel name\t: Test CPU\nflags\t\t: ${flags}\n${vmxFlags ? `vmx flags\t: ${vmxFlags}\n` : ''}\nprocessor\t: 1\nvendor_id\t: ${vendor}\nflags\t\t: ${flags}\n`;

test('kernel >= 5.8: ept only on the "vmx flags" line still counts as SLAT', () => {
  const virt = cpuVirtualization(parseCpuinfo(cpu('GenuineIntel', 'fpu vmx nx lm', 'vnmi ept vpid')));
  assert.is(virt.virtualizationExtensions, true);
  assert.is(virt.slat, true);
  assert.is(virt.firmwareEnabled, true);
  assert.is(virt.isVirtual, false);
});

test('older kernels list ept in flags', () => {
  assert.is(cpuVirtualization(parseCpuinfo(cpu('GenuineIntel', 'vmx ept nx'))).slat, true);
});

test('Intel with vmx but no ept anywhere has no SLAT', () => {
  assert.is(cpuVirtualization(parseCpuinfo(cpu('GenuineIntel', 'vmx nx', 'vnmi vpid'))).slat, false);
});

test('AMD: svm + npt; firmware state cannot be read from flags', () => {
  const virt = cpuVirtualization(parseCpuinfo(cpu('AuthenticAMD', 'svm npt nx hypervisor')));
  assert.equal([virt.virtualizationExtensions, virt.slat, virt.nx, virt.isVirtual, virt.firmwareEnabled], [true, true, true, true, null]);
});

test('no vmx on Intel: extensions false, firmware unknown (off or absent), not false', () => {
  const virt = cpuVirtualization(parseCpuinfo(cpu('GenuineIntel', 'fpu nx')));
  assert.is(virt.virtualizationExtensions, false);
  assert.is(virt.firmwareEnabled, null);
});

test('no flags line at all: everything unknown, never false', () => {
  const virt = cpuVirtualization(parseCpuinfo('processor\t: 0\nvendor_id\t: GenuineIntel\n'));
  assert.equal([virt.virtualizationExtensions, virt.slat, virt.nx, virt.isVirtual], [null, null, null, null]);
});

test('logical count and vendor', () => {
  const summary = parseCpuinfo(cpu('AuthenticAMD', 'svm'));
  assert.is(summary.logicalCount, 2);
  assert.is(vendorFromId(summary.vendorId), 'AMD');
  assert.is(vendorFromId('HygonGenuine'), 'AMD');
  assert.is(vendorFromId('CentaurHauls'), 'other');
  assert.is(vendorFromId(null), null);
});

test('nested parameter: Y/1 on, N/0 off, anything else unknown', () => {
  assert.equal(['Y\n', '1\n', 'N\n', '0\n', '', 'maybe'].map(parseNestedParameter), [true, true, false, false, null, null]);
});

test('os-release quoting and meminfo', () => {
  const fields = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID=\'12\'\nID=debian\n# comment\n');
  assert.is(fields.PRETTY_NAME, 'Debian GNU/Linux 12 (bookworm)');
  assert.is(fields.VERSION_ID, '12');
  assert.is(parseMemTotalBytes('MemTotal:       16318360 kB\n'), 16318360 * 1024);
  assert.is(parseMemTotalBytes('nothing'), null);
});

test.run();

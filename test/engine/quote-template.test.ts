import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quotePosix, quotePowerShell } from '../../engine/quote.js';
import { displayValue, formatBytes, renderTemplate } from '../../engine/template.js';

test('PowerShell quoting doubles the ASCII and every typographic single quote', () => {
  assert.is(quotePowerShell("lab's vm"), "'lab''s vm'");
  assert.is(quotePowerShell('a\u2018b\u2019c\u201Ad\u201Be'), "'a\u2018\u2018b\u2019\u2019c\u201A\u201Ad\u201B\u201Be'");
  // $ and backticks are inert inside single quotes: no doubling, no escaping
  assert.is(quotePowerShell('$env:PATH `whoami`'), "'$env:PATH `whoami`'");
  assert.is(quotePowerShell('"double"'), `'"double"'`);
});

test('POSIX quoting', () => {
  assert.is(quotePosix('kvm_intel'), 'kvm_intel');
  assert.is(quotePosix("it's; rm -rf /"), `'it'\\''s; rm -rf /'`);
  assert.is(quotePosix(''), "''");
});

test('templates render values for people and quote them for shells', () => {
  const context = { host: { cpu: { vendor: 'AMD', flags: ['svm', 'npt'] }, memory: { totalBytes: 4 * 1024 ** 3 } }, vm: { name: "o'brien $x" } };
  assert.is(renderTemplate('{{host.cpu.vendor}} {{host.cpu.flags}}', context), 'AMD svm, npt');
  assert.is(renderTemplate('Set-VM -Name {{ps vm.name}}', context), "Set-VM -Name 'o''brien $x'");
  assert.is(renderTemplate('echo {{sh vm.name}}', context), `echo 'o'\\''brien $x'`);
  assert.is(renderTemplate('{{bytes host.memory.totalBytes}}', context), '4 GiB');
  assert.is(renderTemplate('{{host.missing.path}}', context), 'unknown');
});

test('{{psvm}} selects a VM by id, else by exact case-sensitive name — never by a wildcard -Name', () => {
  const byId = { vm: { name: 'wild[card]*?', id: '6F1C2A52-8F59-4BDE-9F0E-3F0C9F0A0001' } };
  assert.is(renderTemplate('Stop-VM -VM {{psvm vm}}', byId), "Stop-VM -VM (Get-VM -Id '6F1C2A52-8F59-4BDE-9F0E-3F0C9F0A0001')");
  const noId = { vm: { name: "o'brien [a]*", id: null } };
  assert.is(renderTemplate('Stop-VM -VM {{psvm vm}}', noId), "Stop-VM -VM (Get-VM | Where-Object Name -CEQ 'o''brien [a]*')");
  // An id that is not a GUID is not trusted as one: it could carry code.
  const forged = { vm: { name: 'x', id: "'); Stop-Computer; ('" } };
  assert.is(renderTemplate('{{psvm vm}}', forged), "(Get-VM | Where-Object Name -CEQ 'x')");
  assert.is(renderTemplate('{{psvm host.name}}', { host: { name: 'L1’s' } }), "(Get-VM | Where-Object Name -CEQ 'L1’’s')");
});

test('display and bytes helpers', () => {
  assert.equal([displayValue(true), displayValue(false), displayValue(null), displayValue([])], ['yes', 'no', 'unknown', '(none)']);
  assert.is(formatBytes(2 * 1024 ** 3 + 512 * 1024 ** 2), '2.5 GiB');
  assert.is(formatBytes(512 * 1024 ** 2), '512 MiB');
  assert.is(formatBytes(null), 'unknown');
});

test.run();

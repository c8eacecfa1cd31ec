// The Hyper-V side of the CLI, end to end through the built binary: import systeminfo|coreinfo,
// evaluate on pasted text, --emit-fix, and hostile VM names in text, JSON and the fix script.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quotePowerShell } from '../../engine/quote.js';
import { psLiteral } from '../../engine/fix-script.js';
import { fixture, runCli } from '../support/cli.js';
import { amdHost, GiB, nestedVm } from '../support/hyperv-facts.js';
import { checkPowerShellSyntax } from '../support/powershell-syntax.js';
import { validateAgainst } from '../support/schemas.js';
import { HOSTILE_NAMES } from '../support/hostile-names.js';

const dir = mkdtempSync(join(tmpdir(), 'nestready-hyperv-cli-'));
const T = ['--timestamp', '2026-01-01T00:00:00Z'];
const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;

test('import systeminfo FILE --output F writes a valid facts document', () => {
  const out = join(dir, 'from-systeminfo.json');
  const run = runCli(['import', 'systeminfo', fixture('systeminfo', 'amd-windows10-all-yes', 'systeminfo.txt'), '--output', out]);
  assert.is(run.code, 0, run.stderr);
  const facts = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(validateAgainst('facts.schema.json', facts), []);
  assert.is(facts.collection.source, 'import:systeminfo');
  assert.is(facts.host.os.build, 19045);
  // …which evaluate reads like any facts file.
  const evaluated = runCli(['evaluate', out, '--format', 'json', ...T]);
  assert.is(evaluated.code, 1);
  const host = JSON.parse(evaluated.stdout).hosts[0];
  assert.is(host.profile, 'hyperv-host@1');
  assert.is(host.verdict, 'not-ready');
});

test('import coreinfo to stdout, and "-" reads standard input', () => {
  const run = runCli(['import', 'coreinfo', fixture('coreinfo', 'intel-no-hypervisor-vmx-ept', 'coreinfo.txt')]);
  assert.is(run.code, 0, run.stderr);
  assert.is(JSON.parse(run.stdout).collection.source, 'import:coreinfo');
  const piped = runCli(['import', 'systeminfo', '-'], { input: readFileSync(fixture('systeminfo', 'intel-server2022-hypervisor-detected', 'systeminfo.txt')) });
  assert.is(piped.code, 0, piped.stderr);
  assert.is(JSON.parse(piped.stdout).host.hyperv.hypervisorPresent, true);
});

test('evaluate takes a pasted systeminfo directly (and UTF-16 as PowerShell "> file" writes it)', () => {
  const text = readFileSync(fixture('systeminfo', 'amd-windows10-all-yes', 'systeminfo.txt'), 'utf8');
  const utf16 = join(dir, 'utf16.txt');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  for (const input of [fixture('systeminfo', 'amd-windows10-all-yes', 'systeminfo.txt'), utf16]) {
    const run = runCli(['evaluate', input, ...T]);
    assert.is(run.code, 1, run.stderr);
    assert.match(run.stdout, /profile hyperv-host@1 · .* import:systeminfo/);
    assert.match(run.stdout, /✗ HVH-007 AMD host runs Windows Server 2022/);
    assert.match(run.stdout, /NOT READY/);
  }
});

test('import: usage and input errors are one line on stderr with exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['import'], /import needs the kind of text: nestready import systeminfo\|coreinfo FILE/],
    [['import', 'msinfo32', 'x.txt'], /got "msinfo32"/],
    [['import', 'systeminfo'], /needs a file with the pasted output/],
    [['import', 'systeminfo', 'a.txt', 'b.txt'], /takes one file, got "b.txt" too/],
    [['import', 'systeminfo', join(dir, 'missing.txt')], /missing\.txt: no such file/],
    [['import', 'systeminfo', fixture('coreinfo', 'intel-no-hypervisor-vmx-ept', 'coreinfo.txt')], /coreinfo\.txt: no systeminfo output found/],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args);
    assert.is(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.ok(oneLine(run.stderr), run.stderr);
    assert.is(run.stdout, '');
  }
});

test('--emit-fix belongs to scan and evaluate, and needs a file name', () => {
  const wrong = runCli(['rules', '--emit-fix', join(dir, 'x.ps1')]);
  assert.is(wrong.code, 2);
  assert.match(wrong.stderr, /--emit-fix works with scan and evaluate/);
  const dash = runCli(['evaluate', fixture('facts', 'azure-l1-d4s-v5-ready', 'facts.json'), '--emit-fix', '-']);
  assert.is(dash.code, 2);
  assert.match(dash.stderr, /--emit-fix needs a file name/);
});

// A host whose VMs have every hostile name and every fixable mistake.
const hostileFacts = join(dir, 'hostile.json');
const vms = HOSTILE_NAMES.map((name, index) =>
  // Half the VMs have no id (an import, an older collector): commands then select them by exact name.
  nestedVm({ name, id: index % 2 === 0 ? `6f1c2a52-8f59-4bde-9f0e-3f0c9f0a${String(index).padStart(4, '0')}` : null, state: 'Running', configVersion: '9.0', exposeVirtualizationExtensions: false, dynamicMemory: true, vcpus: 1, memoryStartupBytes: 2 * GiB }),
);
writeFileSync(hostileFacts, JSON.stringify(amdHost(vms)));

test('evaluate --emit-fix writes one script for every VM finding; it parses and quotes every name', () => {
  const script = join(dir, 'fix.ps1');
  const run = runCli(['evaluate', hostileFacts, '--emit-fix', script, '--quiet', ...T]);
  assert.is(run.code, 1, run.stderr);
  const text = readFileSync(script, 'utf8');
  assert.is(text.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
  const syntax = checkPowerShellSyntax(text);
  assert.ok(syntax.ok, JSON.stringify(syntax.errors));
  for (const name of HOSTILE_NAMES) {
    const literal = /[\u0000-\u001f]/.test(name) ? psLiteral(name) : quotePowerShell(name);
    assert.ok(text.includes(`Invoke-NestreadyVmFix -Name ${literal} -Id`), name);
  }
  assert.match(text, /-Step @\('vm-version', 'expose-virtualization-extensions', 'static-memory', 'vcpus', 'startup-memory'\)/);
  // Written atomically: no temp file left beside it.
  assert.equal(readFileSync(script).length > 0 && !existsSync(`${script}.tmp`), true);
});

test('hostile names in the text report: shown as data, commands quoted, no terminal control characters', () => {
  const run = runCli(['evaluate', hostileFacts, ...T]);
  assert.is(run.code, 1);
  assert.match(run.stdout, /VM '; Stop-Computer -Force; '\n/, 'the name is shown as it is');
  // Selected by id where known, else by exact name; never by -Name/-VMName, which take wildcards.
  assert.ok(run.stdout.includes("PS> Set-VMProcessor -VM (Get-VM -Id '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0002') -ExposeVirtualizationExtensions $true"));
  assert.ok(run.stdout.includes("PS> Stop-VM -VM (Get-VM | Where-Object Name -CEQ 'typographic ‘‘left’’ and ’’right’’ ‚‚low‚‚ ‛‛reversed‛‛')"));
  assert.ok(run.stdout.includes("Set-VMMemory -VM (Get-VM | Where-Object Name -CEQ '$(Stop-Computer) $env:USERNAME ${x}') -DynamicMemoryEnabled $false"));
  assert.ok(run.stdout.includes("Update-VMVersion -VM (Get-VM | Where-Object Name -CEQ '’’; Remove-Item C:\\ -Recurse; ’’')"));
  assert.ok(run.stdout.includes("Set-VMMemory -VM (Get-VM | Where-Object Name -CEQ 'Ünïcødé 名前 đ') -DynamicMemoryEnabled $false") || run.stdout.includes("(Get-VM -Id '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0007')"));
  assert.not.match(run.stdout, /-VMName |-Name '/, 'no wildcard-taking name parameter in any command');
  assert.not.match(run.stdout, /[\u0000-\u0008\u000b-\u001f]/, 'no raw control characters reach the terminal');
  assert.match(run.stdout, /VM line\\x0d\nbreak|VM line\\x0d\\x0abreak|line\\x0d/, 'a CR in a name is escaped');
});

test('hostile names in the JSON report: names exact, commands quoted for PowerShell, irreversible flagged', () => {
  const run = runCli(['evaluate', hostileFacts, '--format', 'json', ...T]);
  const results = JSON.parse(run.stdout);
  assert.equal(validateAgainst('results.schema.json', results), []);
  const targets = results.hosts[0].targets.filter((target: { kind: string }) => target.kind === 'vm');
  assert.equal(targets.map((target: { name: string }) => target.name), HOSTILE_NAMES);
  for (const target of targets) {
    const expose = target.results.find((result: { ruleId: string }) => result.ruleId === 'HVV-002');
    const index = HOSTILE_NAMES.indexOf(target.name);
    const selector = index % 2 === 0 ? `(Get-VM -Id '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a${String(index).padStart(4, '0')}')` : `(Get-VM | Where-Object Name -CEQ ${quotePowerShell(target.name)})`;
    assert.is(expose.remediation.commands[1].run, `Set-VMProcessor -VM ${selector} -ExposeVirtualizationExtensions $true`);
    const version = target.results.find((result: { ruleId: string }) => result.ruleId === 'HVV-001');
    assert.equal(version.remediation.commands.map((command: { run: string; irreversible?: boolean }) => [command.run.split(' ')[0], command.irreversible ?? false]), [
      ['Stop-VM', false],
      ['Update-VMVersion', true],
      ['Start-VM', false],
    ]);
  }
});

test('scan --emit-fix on a machine with no VM findings writes a script that says so', () => {
  const script = join(dir, 'scan-fix.ps1');
  const run = runCli(['scan', '--root', fixture('linux', 'intel-host-nested-off'), '--emit-fix', script, '--quiet', ...T]);
  assert.is(run.code, 1, run.stderr);
  const text = readFileSync(script, 'utf8');
  assert.ok(checkPowerShellSyntax(text).ok);
  assert.not.match(text, /Invoke-NestreadyVmFix -Name/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();

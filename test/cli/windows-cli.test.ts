// The Windows side of the CLI, spawned as a user runs it: `evaluate` on raw collector captures,
// `export-collector`, and `scan`/`collect` down the Windows path (NESTREADY_PLATFORM=win32) with a
// stand-in pwsh on PATH: --vm, --timeout, no PowerShell, not elevated, no Hyper-V role.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, runCli } from '../support/cli.js';
import { HOSTILE_NAMES } from '../support/ps-fixtures/scenarios.js';
import { validateAgainst } from '../support/schemas.js';
import { standInDir, writeFakePowerShell } from '../support/stand-ins.js';

const TS = ['--timestamp', '2026-01-01T00:00:00Z'];
const work = standInDir('nestready-wincli-');
const scenarios = readdirSync(fixture('windows')).filter((name) => !name.includes('.')).sort();

// A PATH with only a stand-in pwsh that behaves as `plan` says.
function windowsEnv(plan: object, shells: ('pwsh' | 'powershell')[] = ['pwsh']): Record<string, string> {
  const dir = standInDir('nestready-winpath-');
  for (const shell of shells) writeFakePowerShell(dir.dir, shell);
  return { PATH: dir.dir, NESTREADY_PLATFORM: 'win32', FAKE_PS: JSON.stringify(plan) };
}

test('evaluate: every raw capture (5.1 and 7 shapes) gives its scenario\'s expected verdict and exit code', () => {
  let captures = 0;
  for (const scenario of scenarios) {
    const meta = JSON.parse(readFileSync(fixture('windows', scenario, 'scenario.json'), 'utf8'));
    for (const file of readdirSync(fixture('windows', scenario)).filter((name) => name.startsWith('raw-'))) {
      const run = runCli(['evaluate', fixture('windows', scenario, file), '--format', 'json', ...TS]);
      assert.is(run.stderr, '', `${scenario}/${file}`);
      const results = JSON.parse(run.stdout);
      assert.equal(validateAgainst('results.schema.json', results), [], `${scenario}/${file}`);
      const host = results.hosts[0];
      assert.is(host.verdict, meta.expectedVerdict, `${scenario}/${file}`);
      assert.match(JSON.stringify(host.profile), /hyperv/, `${scenario}/${file}: the default Windows profile`);
      assert.is(host.source, 'powershell', `${scenario}/${file}`);
      assert.is(run.code, meta.expectedVerdict === 'not-ready' ? 1 : 0, `${scenario}/${file} exit code`);
      captures++;
    }
  }
  assert.ok(captures >= 20, `${captures} captures`);
});

test('evaluate: all raw captures, mixed encodings and shapes, in one run', () => {
  const files = scenarios.flatMap((scenario) => readdirSync(fixture('windows', scenario)).filter((name) => name.startsWith('raw-')).map((name) => fixture('windows', scenario, name)));
  const run = runCli(['evaluate', ...files, '--format', 'json', '--fail-on', 'none', ...TS]);
  assert.is(run.code, 0, run.stderr);
  const results = JSON.parse(run.stdout);
  assert.equal(results.inputErrors, []);
  assert.is(results.hosts.length, files.length);
});

test('evaluate: hostile VM names come out byte-exact in JSON results, from the 5.1 (\\u0027-escaped) and the 7 capture', () => {
  for (const file of ['raw-ps51-pretty.json', 'raw-ps7-compressed.json']) {
    const run = runCli(['evaluate', fixture('windows', 'hostile-vm-names', file), '--format', 'json', ...TS]);
    const names = JSON.parse(run.stdout).hosts[0].targets.filter((target: { kind: string }) => target.kind === 'vm').map((target: { name: string }) => target.name);
    assert.equal(names, HOSTILE_NAMES, file);
  }
});

test('evaluate: a 5.1 capture with a console line before the JSON (every stream redirected) still reads', () => {
  const original = readFileSync(fixture('windows', 'intel-server2016', 'raw-ps51-pretty.json')).subarray(2).toString('utf16le');
  const withWarning = join(work.dir, 'host.json');
  const text = 'WARNING: Module Hyper-V is loaded in Windows PowerShell using WinPSCompatSession remoting session.\r\n' + original;
  writeFileSync(withWarning, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const run = runCli(['evaluate', withWarning, '--format', 'json', ...TS]);
  assert.is(run.stderr, '');
  assert.is(JSON.parse(run.stdout).hosts[0].host, 'HV2016-01');
});

test('evaluate: a cut-off capture is one clear input error', () => {
  const cut = join(work.dir, 'cut.json');
  writeFileSync(cut, readFileSync(fixture('windows', 'non-elevated', 'raw-ps7-compressed.json'), 'utf8').slice(0, 900));
  const run = runCli(['evaluate', cut]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /cut\.json: nestready raw output is not valid JSON \(.*\); was the capture cut short\?/);
});

test('export-collector: stdout and --output give exactly the shipped script', () => {
  const shipped = readFileSync(join(fixture(), '..', 'collectors', 'windows', 'nestready-collect.ps1'), 'utf8');
  const printed = runCli(['export-collector']);
  assert.is(printed.code, 0);
  assert.is(printed.stdout, shipped);
  const target = join(work.dir, 'out', 'nestready-collect.ps1');
  const written = runCli(['export-collector', '--output', target]);
  assert.is(written.code, 0);
  assert.is(written.stdout, '');
  assert.is(readFileSync(target, 'utf8'), shipped);
  assert.match(written.stderr, /powershell -NoProfile -ExecutionPolicy Bypass -File nestready-collect\.ps1 > host\.json — then: nestready evaluate host\.json/);
});

test('collect on Windows: one pwsh run, --vm names with quotes, $, backticks and non-ASCII arrive and come back byte-exact', () => {
  const log = join(work.dir, 'calls.log');
  const env = windowsEnv({ fixture: fixture('windows', 'intel-server2019-vbs', 'raw-ps7-compressed.json'), reflectVmNames: true, log });
  const run = runCli(['collect', ...HOSTILE_NAMES.flatMap((name) => ['--vm', name]), ...TS], { env });
  assert.is(run.code, 0, run.stderr);
  const facts = JSON.parse(run.stdout);
  assert.equal(validateAgainst('facts.schema.json', facts), []);
  assert.equal(facts.vms.map((vm: { name: string }) => vm.name), HOSTILE_NAMES);
  assert.is(facts.collection.source, 'powershell');
  assert.is(facts.collection.collectedAt, '2026-01-01T00:00:00.000Z');
  assert.ok(facts.collection.collectors.every((run: { durationMs: unknown }) => run.durationMs === null), 'pinned time: no durations');
  const calls = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.is(calls.length, 1, 'one PowerShell process per scan');
  assert.equal(calls[0].argv.slice(0, 5), ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File']);
  assert.match(calls[0].argv[5], /collectors[\\/]windows[\\/]nestready-collect\.ps1$/);
  assert.is(calls[0].argv[6], '-VMNameBase64');
});

test('scan on Windows: the lab host with every VM mistake is NOT READY, exit 1', () => {
  const env = windowsEnv({ fixture: fixture('windows', 'vm-misconfigurations', 'raw-ps51-pretty.json') }, ['powershell']);
  const run = runCli(['scan', '--no-color', ...TS], { env });
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stdout, /VM dynamic-memory\n\s+✗ HVV-003/);
  assert.match(run.stdout, /nested virtualization: NOT READY/);
});

test('scan on Windows: not elevated → one line naming "Hyper-V Administrators"; Hyper-V role absent → one line', () => {
  const denied = runCli(['scan', '--quiet', ...TS], { env: windowsEnv({ fixture: fixture('windows', 'non-elevated', 'raw-ps7-compressed.json') }) });
  assert.is(denied.code, 0);
  assert.is(denied.stderr.trim().split('\n').length, 1);
  assert.match(denied.stderr, /^nestready: not elevated: .*"Hyper-V Administrators" group/);
  const noRole = runCli(['scan', '--format', 'json', ...TS], { env: windowsEnv({ fixture: fixture('windows', 'no-hyperv-role', 'raw-ps51-pretty.json') }) });
  assert.is(noRole.code, 1);
  assert.match(noRole.stderr, /^nestready: the Hyper-V role is not installed on this Windows, so there are no VMs to check \(Install-WindowsFeature -Name Hyper-V/);
});

test('scan on Windows: a --vm name that does not exist is named on stderr', () => {
  const env = windowsEnv({ fixture: fixture('windows', 'vm-option-missing-name', 'raw-ps51-vm-option.json') });
  const run = runCli(['scan', '--vm', 'all-good', '--vm', 'no-such-vm', '--quiet', ...TS], { env });
  assert.match(run.stderr, /^nestready: --vm "no-such-vm": no VM with that exact name on this host$/m);
});

test('scan on Windows: --timeout stops PowerShell and says so in one line, exit 2', () => {
  const started = Date.now();
  const run = runCli(['scan', '--timeout', '0.5', ...TS], { env: windowsEnv({ sleepMs: 30_000 }) });
  assert.is(run.code, 2);
  assert.ok(Date.now() - started < 10_000);
  assert.match(run.stderr, /^nestready: the PowerShell collector \(.*pwsh\) did not finish within 0\.5 s and was stopped; try again with a longer --timeout\n$/);
});

test('scan on Windows: no PowerShell at all → one line, exit 2', () => {
  const empty = standInDir('nestready-nops-');
  const run = runCli(['scan'], { env: { PATH: empty.dir, NESTREADY_PLATFORM: 'win32' } });
  empty.remove();
  assert.is(run.code, 2);
  assert.match(run.stderr, /^nestready: no PowerShell found: looked for pwsh \(PowerShell 7\) and powershell\.exe \(Windows PowerShell 5\.1\) on PATH; install PowerShell 7 \(https:\/\/aka\.ms\/powershell\) or restore Windows PowerShell 5\.1\n$/);
});

test('usage: --vm only where the Windows collector runs, --timeout must be seconds', () => {
  const linux = runCli(['scan', '--vm', 'x'], { env: { NESTREADY_PLATFORM: 'linux' } });
  assert.is(linux.code, 2);
  assert.match(linux.stderr, /--vm selects Hyper-V VMs and works only where the Windows collector runs/);
  assert.match(runCli(['evaluate', '--vm', 'x', fixture('windows')]).stderr, /--vm and --timeout work with scan and collect/);
  const bad = runCli(['scan', '--timeout', 'soon'], { env: windowsEnv({}) });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--timeout "soon" is not a number of seconds/);
  assert.match(runCli(['--help']).stdout, /--vm NAME .*\n.*--timeout SECONDS[\s\S]*export-collector/);
});

test.after(() => work.remove());
test.run();

// The spawn transport against stand-in pwsh / powershell executables on a temporary PATH:
// argument array, preference and fallback, timeout, stderr, missing executable, 5 MB of output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectWindows, vmNameArguments, WindowsCollectorError } from '../../collectors/windows/collect-windows.js';
import { createSpawnTransport, decodeOutput, findPowerShell, PowerShellNotFoundError } from '../../collectors/windows/transport.js';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { HOSTILE_NAMES } from '../support/ps-fixtures/scenarios.js';
import { validateAgainst } from '../support/schemas.js';
import { standInDir, writeFakePowerShell, writeStandIn } from '../support/stand-ins.js';

const SCRIPT = join(PACKAGE_ROOT, 'collectors', 'windows', 'nestready-collect.ps1');
const fixtureFile = (...parts: string[]) => join(PACKAGE_ROOT, 'fixtures', 'windows', ...parts);

function transportWith(plan: object, names: ('pwsh' | 'powershell')[] = ['pwsh']) {
  const dir = standInDir();
  for (const name of names) writeFakePowerShell(dir.dir, name);
  const env = { PATH: dir.dir, FAKE_PS: JSON.stringify(plan) };
  return { dir, env, transport: createSpawnTransport({ env, platform: 'linux' }) };
}

test('arguments arrive as an array: -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <script with spaces> …', async () => {
  const { dir, transport } = transportWith({ echoArgs: true });
  try {
    const script = join(dir.dir, 'dir with spaces', "it's $here.ps1");
    const result = await transport.run(script, ['-VMName', 'a b', '$x', '`y', "O'Brien"], { timeoutMs: 10_000 });
    assert.is(result.exitCode, 0);
    assert.is(result.timedOut, false);
    const seen = JSON.parse(result.stdout);
    assert.is(seen.exe, 'pwsh');
    assert.equal(seen.argv, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, '-VMName', 'a b', '$x', '`y', "O'Brien"]);
  } finally {
    dir.remove();
  }
});

test('prefers pwsh (7) over powershell (5.1), falls back to powershell when pwsh is absent', () => {
  const both = standInDir();
  const onlyOld = standInDir();
  try {
    writeFakePowerShell(both.dir, 'pwsh');
    writeFakePowerShell(both.dir, 'powershell');
    writeFakePowerShell(onlyOld.dir, 'powershell');
    assert.equal(findPowerShell({ PATH: both.dir }, 'linux'), { path: join(both.dir, 'pwsh'), kind: 'pwsh' });
    assert.equal(findPowerShell({ PATH: onlyOld.dir }, 'linux'), { path: join(onlyOld.dir, 'powershell'), kind: 'powershell' });
    assert.equal(findPowerShell({ PATH: `${onlyOld.dir}:${both.dir}` }, 'linux')?.kind, 'pwsh', 'any pwsh on PATH wins over an earlier powershell');
    assert.is(findPowerShell({ PATH: '/nonexistent-dir' }, 'linux'), null);
  } finally {
    both.remove();
    onlyOld.remove();
  }
});

test('a missing executable is a PowerShellNotFoundError with a message that names both shells', async () => {
  const empty = standInDir();
  try {
    writeStandIn(empty.dir, 'pwsh.txt', ''); // a file that is not the executable we look for
    const transport = createSpawnTransport({ env: { PATH: empty.dir }, platform: 'linux' });
    const error = await transport.run(SCRIPT, [], { timeoutMs: 1000 }).then(() => null, (caught: unknown) => caught);
    assert.instance(error, PowerShellNotFoundError);
    assert.match((error as Error).message, /no PowerShell found: looked for pwsh \(PowerShell 7\) and powershell\.exe \(Windows PowerShell 5\.1\)/);
    // An executable that disappears between lookup and start: ENOENT from spawn, same error type.
    const gone = createSpawnTransport({ env: { PATH: empty.dir }, platform: 'linux', executable: { path: join(empty.dir, 'pwsh'), kind: 'pwsh' } });
    assert.instance(await gone.run(SCRIPT, [], { timeoutMs: 1000 }).then(() => null, (caught: unknown) => caught), PowerShellNotFoundError);
  } finally {
    empty.remove();
  }
});

test('timeout: the process is killed and reported, promptly, with what it printed so far', async () => {
  const { dir, transport } = transportWith({ stdout: 'partial', sleepMs: 30_000 });
  try {
    const started = Date.now();
    const result = await transport.run(SCRIPT, [], { timeoutMs: 400 });
    const elapsed = Date.now() - started;
    assert.is(result.timedOut, true);
    assert.is(result.exitCode, null);
    assert.ok(elapsed < 5000, `returned after ${elapsed} ms`);
  } finally {
    dir.remove();
  }
});

test('stderr is kept apart from stdout, and the exit code is reported', async () => {
  const { dir, transport } = transportWith({ stderr: 'WARNING: something noisy\r\n', stdout: '{"nestreadyRaw":1}\r\n', exitCode: 3 });
  try {
    const result = await transport.run(SCRIPT, [], { timeoutMs: 10_000 });
    assert.is(result.exitCode, 3);
    assert.is(result.stdout, '{"nestreadyRaw":1}\r\n');
    assert.is(result.stderr, 'WARNING: something noisy\r\n');
  } finally {
    dir.remove();
  }
});

test('5 MB of output arrives complete', async () => {
  const { dir, transport } = transportWith({ largeBytes: 5 * 1024 * 1024 });
  try {
    const result = await transport.run(SCRIPT, [], { timeoutMs: 30_000 });
    assert.is(result.exitCode, 0);
    assert.is(result.stdout.length, 5 * 1024 * 1024 + 'END\n'.length);
    assert.ok(result.stdout.endsWith('x\nEND\n'));
  } finally {
    dir.remove();
  }
});

test('output beyond the limit stops the process instead of filling memory', async () => {
  const { dir, transport } = transportWith({ largeBytes: 4 * 1024 * 1024, sleepMs: 0 });
  try {
    const result = await transport.run(SCRIPT, [], { timeoutMs: 30_000, maxOutputBytes: 1024 * 1024 });
    assert.is(result.outputLimitExceeded, true);
    assert.is(result.exitCode, null);
  } finally {
    dir.remove();
  }
});

test('stdout in UTF-16LE with BOM, UTF-8 with BOM or plain UTF-8 decodes to the same text', () => {
  const textIn = '{"Name":"Ünïcödé-虚拟机 🚀 ’"}\r\n';
  assert.is(decodeOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(textIn, 'utf16le')])), textIn);
  assert.is(decodeOutput(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(textIn)])), textIn);
  assert.is(decodeOutput(Buffer.from(textIn)), textIn);
  assert.is(decodeOutput(Buffer.from(textIn, 'utf16le')), textIn, 'UTF-16LE without a BOM');
});

test('VM names travel as base64 JSON, so no quoting can touch them', () => {
  const args = vmNameArguments(HOSTILE_NAMES);
  assert.is(args[0], '-VMNameBase64');
  assert.match(args[1]!, /^[A-Za-z0-9+/=]+$/);
  assert.equal(JSON.parse(Buffer.from(args[1]!, 'base64').toString('utf8')), HOSTILE_NAMES);
  assert.equal(vmNameArguments([]), []);
});

test('collectWindows: hostile --vm names go through argv, the script output and the normaliser byte-exact', async () => {
  const { dir, transport } = transportWith({ fixture: fixtureFile('intel-server2019-vbs', 'raw-ps7-compressed.json'), reflectVmNames: true });
  try {
    const { facts, notes } = await collectWindows({ vmNames: HOSTILE_NAMES, transport, scriptPath: SCRIPT, now: () => new Date('2026-01-01T00:00:00Z') });
    assert.equal(validateAgainst('facts.schema.json', facts), []);
    assert.equal(facts.vms!.map((vm) => vm.name), HOSTILE_NAMES);
    assert.equal(JSON.parse(JSON.stringify(facts)).vms.map((vm: { name: string }) => vm.name), HOSTILE_NAMES);
    assert.is(facts.collection.source, 'powershell');
    assert.is(facts.collection.collectedAt, '2026-01-01T00:00:00.000Z');
    assert.equal(notes, []);
  } finally {
    dir.remove();
  }
});

test('collectWindows: a UTF-16LE capture from Windows PowerShell 5.1 works as well', async () => {
  const raw = readFileSync(fixtureFile('intel-server2016', 'raw-ps51-pretty.json'));
  const { dir, transport } = transportWith({ utf16: raw.subarray(2).toString('utf16le') }, ['powershell']);
  try {
    const { facts, executable } = await collectWindows({ transport, scriptPath: SCRIPT });
    assert.ok(executable.endsWith('powershell'));
    assert.is(facts.host.os.build, 14393);
    assert.is(facts.collection.powershell, '5.1.14393.6796 Desktop');
  } finally {
    dir.remove();
  }
});

test('collectWindows: one-line errors for timeout, no JSON, and no PowerShell at all', async () => {
  const hang = transportWith({ sleepMs: 30_000 });
  const broken = transportWith({ stderr: 'File C:\\x\\nestready-collect.ps1 cannot be loaded because running scripts is disabled on this system.\r\nAt line:1 char:1\r\n', exitCode: 1 });
  const none = standInDir();
  try {
    const timedOut = await collectWindows({ transport: hang.transport, scriptPath: SCRIPT, timeoutMs: 300 }).then(() => null, (error: unknown) => error);
    assert.instance(timedOut, WindowsCollectorError);
    assert.match((timedOut as Error).message, /did not finish within 0.3 s and was stopped; try again with a longer --timeout/);
    const noJson = await collectWindows({ transport: broken.transport, scriptPath: SCRIPT }).then(() => null, (error: unknown) => error);
    assert.match((noJson as Error).message, /exited with code 1 without its JSON: File C:\\x\\nestready-collect\.ps1 cannot be loaded because running scripts is disabled on this system\.$/);
    const transport = createSpawnTransport({ env: { PATH: none.dir }, platform: 'linux' });
    const missing = await collectWindows({ transport, scriptPath: SCRIPT }).then(() => null, (error: unknown) => error);
    assert.match((missing as Error).message, /^no PowerShell found: .*; install PowerShell 7/);
    assert.not.match((missing as Error).message, /\n/);
  } finally {
    hang.dir.remove();
    broken.dir.remove();
    none.remove();
  }
});

test('collectWindows: a non-elevated run still yields facts, and says what to do', async () => {
  const { dir, transport } = transportWith({ fixture: fixtureFile('non-elevated', 'raw-ps7-compressed.json') });
  try {
    const { facts, notes } = await collectWindows({ transport, scriptPath: SCRIPT });
    assert.is(facts.host.cpu.vendor, 'Intel');
    assert.is(facts.vms, null);
    assert.equal(notes.map((note) => note.kind), ['not-elevated']);
    assert.match(notes[0]!.message, /elevated PowerShell or membership in the local "Hyper-V Administrators" group/);
  } finally {
    dir.remove();
  }
});

test.run();

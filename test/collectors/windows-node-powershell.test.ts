// Why the Windows collector does not use node-powershell (the package the issue asked for; v5.0.1,
// unmaintained). Each experiment runs node-powershell in its own process against the stand-in shell
// (test/support/fake-shells) speaking node-powershell's protocol: an interactive `-NoExit -Command -`
// session fed on stdin, output cut out between random delimiters written with [Console]::WriteLine.
// The same situations through nestready's spawn transport are in windows-transport.test.ts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { standInDir, writeFakePowerShell } from '../support/stand-ins.js';

const PROBE = join(PACKAGE_ROOT, 'test', 'support', 'fake-shells', 'node-powershell-probe.cjs');
const RAW = '{"nestreadyRaw":1,"sections":{}}';

const COMMANDS = {
  ok: { stdout: RAW },
  stderr: { clixmlProgress: true, stdout: RAW },
  large: { largeBytes: 5 * 1024 * 1024 },
  hang: { sleepMs: 60_000 },
  quick: { stdout: RAW },
};

interface Probe {
  outcome: string;
  ms: number;
  errorName?: string;
  message?: string;
  [key: string]: unknown;
}

function probe(experiment: string, plan: object = {}, env: Record<string, string> = {}): Probe {
  const dir = standInDir();
  try {
    const shell = writeFakePowerShell(dir.dir, 'pwsh');
    const run = spawnSync(process.execPath, [PROBE, experiment], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', NODE_POWERSHELL: shell, FAKE_PS: JSON.stringify({ commands: COMMANDS, ...plan }), ...env },
    });
    assert.is(run.status, 0, run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as Probe;
  } finally {
    dir.remove();
  }
}

test('baseline: a plain command round-trips through node-powershell and the stand-in', () => {
  const result = probe('ok');
  assert.is(result.outcome, 'resolved');
  assert.is(result.rawHead, RAW);
});

test('DEFECT stderr: one stderr record (5.1 writes progress as "#< CLIXML" when stderr is a pipe) discards the JSON on stdout', () => {
  const thrown = probe('stderr');
  assert.is(thrown.outcome, 'rejected');
  assert.is(thrown.errorName, 'InvocationError');
  assert.match(thrown.message!, /^#< CLIXML/);
  assert.not.match(thrown.message!, /nestreadyRaw/);
  // With throwOnInvocationError: false the record's `raw` is still the stderr text; stdout survives
  // only in an undocumented Buffer field.
  const kept = probe('stderr-no-throw');
  assert.is(kept.hadErrors, true);
  assert.match(String(kept.rawHead), /^#< CLIXML/);
  assert.is(kept.stdoutInRecord, RAW);
});

test('DEFECT timeout: the invocation fails with an EMPTY message and the PowerShell process keeps running', () => {
  const result = probe('timeout');
  assert.is(result.outcome, 'rejected');
  assert.is(result.errorName, 'InvocationError');
  assert.is(result.message, '', 'no word about a timeout');
  assert.is(result.shellStillRunning, true, 'the shell is not stopped; only dispose() ends it');
  assert.ok(result.ms < 5000);
});

test('DEFECT delimiters: a reply that arrives in one chunk with CRLF line ends (Windows) is never recognised', () => {
  const lf = probe('crlf-burst', { burst: true });
  assert.is(lf.outcome, 'resolved', 'the same reply with LF is found');
  const crlf = probe('crlf-burst', { burst: true, crlf: true });
  assert.is(crlf.outcome, 'rejected', 'with CRLF the closing delimiter falls outside the 17-byte window it searches');
  assert.is(crlf.message, '');
  assert.ok(crlf.ms >= 1900, `waited for the 2 s invocation timeout (${crlf.ms} ms); without a timeout it waits forever`);
});

test('DEFECT quoting: arguments are pasted into PowerShell source; "$(…)" in a VM name would run, a quote breaks the string', () => {
  const names = ['cost $env:PATH $(Stop-Computer)', 'O\'Brien "lab"', 'Dev ’smart’ quote'];
  const result = probe('quoting', {}, { NAMES: JSON.stringify(names) });
  const commands = result.commands as string[];
  // A double-quoted PowerShell string expands $env:PATH and runs $(Stop-Computer).
  assert.is(commands[0], 'Get-VM -Name "cost $env:PATH $(Stop-Computer)"');
  // A name with a double quote is put in single quotes without doubling the inner one: a syntax error.
  assert.is(commands[1], 'Get-VM -Name \'O\'Brien "lab"\'');
});

test('missing executable: a ProcessError carrying spawn ENOENT (usable, but no hint what to install)', () => {
  const result = probe('missing', {}, { NODE_POWERSHELL: '/nonexistent/pwsh' });
  assert.is(result.outcome, 'rejected');
  assert.is(result.errorName, 'ProcessError');
  assert.match(result.message!, /spawn \/nonexistent\/pwsh ENOENT/);
});

test('large output: 5 MB comes through (trailing newline trimmed), but every chunk re-copies the whole buffer', () => {
  const result = probe('large');
  assert.is(result.outcome, 'resolved');
  assert.is(result.rawLength, 5 * 1024 * 1024 - 1);
});

test.run();

// Windows fleets over PowerShell remoting: collectors/windows/Invoke-NestreadyFleet.ps1 parses, only
// reads and never builds a command from a name; its failure lines become valid facts documents
// (every fact unknown, the WinRM error as the failed collector run windows.remoting); and a recorded
// fleet bundle (fixtures/fleet/windows-remoting) evaluates end to end with the built CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Sarif from 'sarif';
import { normalizeWindowsRaw } from '../../collectors/windows/normalize-raw.js';
import type { JsonObject } from '../../collectors/windows/normalize-values.js';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import type { FactsDocument } from '../../schemas/facts.js';
import type { HostResult, ResultsDocument } from '../../schemas/results.js';
import { runCli } from '../support/cli.js';
import { checkPowerShellSyntax } from '../support/powershell-syntax.js';
import { compact } from '../support/ps-fixtures/render.js';
import { FLEET_FIXTURE, FLEET_HOSTS, FLEET_SCRIPT_VERSION, failureDocument, fleetFiles, fleetLines } from '../support/ps-fixtures/fleet.js';
import { SCENARIOS } from '../support/ps-fixtures/scenarios.js';
import { validateAgainst } from '../support/schemas.js';

const SCRIPT_PATH = join(PACKAGE_ROOT, 'collectors', 'windows', 'Invoke-NestreadyFleet.ps1');
const source = readFileSync(SCRIPT_PATH, 'utf8');
// The code without comments and the help block, for the static checks.
const code = source.replace(/<#[\s\S]*?#>/g, '').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).join('\n');
// …and without the text of single-quoted strings (messages name cmdlets too), for the cmdlet checks.
const statements = code.replace(/'(?:[^'\n]|'')*'/g, "''");
const BUNDLE = join(FLEET_FIXTURE, 'fleet.ndjson');
const BUNDLE_UTF16 = join(FLEET_FIXTURE, 'fleet-ps51-stdout.ndjson');
const TS = ['--timestamp', '2026-01-01T00:00:00Z'];
const failedHosts = FLEET_HOSTS.filter((host) => host.kind === 'failed');

// ---------------------------------------------------------------- the script

test('Invoke-NestreadyFleet.ps1 parses with the PowerShell grammar and is ASCII (5.1 reads it right without a BOM)', () => {
  assert.equal(checkPowerShellSyntax(source).errors, []);
  assert.not.match(source, /[^\x00-\x7f]/);
  // The checker is not vacuous on this file: cutting its last closing brace is an error.
  assert.is(checkPowerShellSyntax(source.slice(0, source.lastIndexOf('}'))).ok, false);
});

test('the fleet script only reads on the targets: no cmdlet that changes anything, no web call; local job clean-up only', () => {
  const changing = statements.match(/\b(Set|New|Remove|Enable|Disable|Install|Uninstall|Start|Stop|Restart|Update|Add|Clear|Rename|Move|Copy|Suspend|Resume|Register|Unregister|Grant|Revoke|Reset|Mount|Dismount|Checkpoint|Restore|Export|Import|Publish|Save|Out|Tee|Send|Connect|Enter)-[A-Z]\w+/g) ?? [];
  assert.equal([...new Set(changing)].sort(), ['New-Object', 'New-PSSessionOption', 'Remove-Job', 'Set-StrictMode', 'Start-Sleep', 'Stop-Job'], 'only in-memory objects, the session option, a pause and the local job');
  // Stop-Job / Remove-Job touch only the local job object Invoke-Command -AsJob returned.
  for (const line of statements.split('\n').filter((text) => /\b(Stop|Remove)-Job\b/.test(text))) assert.match(line, /-Job \$job\b/, line.trim());
  assert.not.match(code, /Invoke-WebRequest|Invoke-RestMethod|Net\.WebClient|HttpClient|169\.254\.169\.254|Invoke-CimMethod|Invoke-WmiMethod|\.Put\(|\.Delete\(/);
  // The targets run nothing but the collector, which a test of its own keeps read-only.
  assert.equal(statements.match(/\bInvoke-Command\b/g), ['Invoke-Command']);
  assert.match(code, /\$collector = Join-Path \$PSScriptRoot 'nestready-collect\.ps1'/);
});

test('names and VM names are data: no command string is ever built, arguments go through -ArgumentList', () => {
  const invoke = /\$job = Invoke-Command (-[^\n]*)/.exec(statements)![1]!;
  assert.match(invoke, /^-ComputerName \$targets -FilePath \$collector -ThrottleLimit \$ThrottleLimit -AsJob -ErrorAction SilentlyContinue -ErrorVariable invokeErrors /);
  assert.not.match(invoke, /-ScriptBlock|-Command|["'+]/, 'no script block or string built on the call');
  // Nothing anywhere turns text into code: no Invoke-Expression, no script block from a string, no new process.
  assert.not.match(statements, /Invoke-Expression|\biex\b|ScriptBlock\]::Create|NewScriptBlock|AddScript|Start-Process|\bcmd(\.exe)?\b|powershell(\.exe)?\s|pwsh\s|-EncodedCommand|-ScriptBlock/i);
  assert.not.match(statements, /(^|[\s(=;|])[&.]\s*[$"'(]/m, 'no call operator (& or .) on a computed command');
  // No string interpolation at all: every double-quoted string is an escape such as "`n".
  for (const literal of code.match(/"[^"\n]*"/g) ?? []) assert.not.match(literal, /\$/, `interpolating string ${literal}`);
  // -VMName reaches the collector only as an argument array.
  assert.equal(code.match(/ArgumentList[^\n]*/g), ["ArgumentList'] = @(, [string[]]$requestedVms) }"]);
});

test('credentials: only a PSCredential object, never a password on a command line or in clear text', () => {
  assert.match(code, /\[System\.Management\.Automation\.PSCredential\]\s*\[System\.Management\.Automation\.Credential\(\)\]\s*\$Credential/);
  assert.not.match(code, /ConvertTo-SecureString|AsPlainText|GetNetworkCredential|\bPassword\b|SecureStringToBSTR/);
  assert.match(code, /\$optional\['Credential'\] = \$Credential/);
});

test('parameters, timeout and output as documented', () => {
  for (const parameter of ['[string[]]$ComputerName', '[string]$ComputerListPath', '[int]$ThrottleLimit = 32', '[string]$OutputPath', '[string[]]$VMName', '[int]$TimeoutSeconds = 300', '[switch]$UseSSL']) {
    assert.ok(code.includes(parameter), parameter);
  }
  // WinRM's OperationTimeout does not stop a running command: the script stops overdue jobs itself.
  assert.not.match(code, /OperationTimeout/);
  assert.match(code, /-AsJob/);
  assert.match(code, /\$child\.StopJob\(\)/);
  assert.match(code, /Wait-Job -Job \$job -Timeout 1/);
  // Hosts file: '#' comments and blank lines; de-duplicated case-insensitively, order kept.
  assert.match(code, /-split '#', 2/);
  assert.match(code, /HashSet\[string\]' \(\[System\.StringComparer\]::OrdinalIgnoreCase\)/);
  // -OutputPath: UTF-8 without BOM, "\n" after each line; without it, lines on the pipeline only.
  assert.match(code, /New-Object System\.IO\.StreamWriter\(\$full, \$false, \(New-Object System\.Text\.UTF8Encoding\(\$false\)\)\)/);
  assert.match(code, /\$writer\.Write\("`n"\)/);
  // Messages only with -OutputPath, so stdout carries nothing but NDJSON (powershell -File puts warnings on stdout).
  for (const line of code.split('\n').filter((text) => /Write-(Warning|Host)\b/.test(text))) {
    const before = code.slice(0, code.indexOf(line));
    assert.ok(before.lastIndexOf("if ($OutputPath -ne '')") > before.lastIndexOf('} else {'), `${line.trim()} outside the -OutputPath branch`);
  }
  assert.not.match(code, /Write-(Verbose|Information|Progress|Debug)\b/);
});

test('the failure line the script writes has exactly the keys, order and values of the fixtures', () => {
  const block = /function Format-FailureLine \{([\s\S]*?)\n\}/.exec(code)![1]!;
  const keys = [...block.matchAll(/^\s+(\w+)\s+=/gm)].map((match) => match[1]);
  assert.equal(keys, ['nestreadyRaw', 'scriptVersion', 'computerName', 'startedAt', 'remoting', 'status', 'error', 'errorId', 'sections']);
  assert.match(block, /status\s+= 'failed'/);
  assert.match(block, /ConvertTo-Json -InputObject \$document -Depth 4 -Compress/);
  assert.match(code, new RegExp(`\\$script:FleetScriptVersion = '${FLEET_SCRIPT_VERSION.replace(/\./g, '\\.')}'`));
  assert.match(code, /\$script:RawFormat = 1\b/);
  const sample = JSON.parse(compact(failureDocument(failedHosts[0] as Extract<(typeof FLEET_HOSTS)[number], { kind: 'failed' }>), '5.1'));
  assert.equal(Object.keys(sample), ['nestreadyRaw', 'scriptVersion', 'computerName', 'startedAt', 'remoting', 'sections']);
  // Every synthetic error id the fixtures use is one the script writes.
  for (const host of failedHosts) if (host.errorId.startsWith('Nestready')) assert.ok(code.includes(`'${host.errorId}'`), host.errorId);
});

// ---------------------------------------------------------------- the fixture

test('fixtures/fleet/windows-remoting is what its model renders (npx tsx test/support/ps-fixtures/fleet.ts)', () => {
  for (const [name, bytes] of fleetFiles()) assert.ok(readFileSync(join(FLEET_FIXTURE, name)).equals(bytes), `${name} is stale`);
  const lines = readFileSync(BUNDLE, 'utf8').split('\n');
  assert.is(lines.pop(), '', 'LF after the last line');
  assert.is(lines.length, FLEET_HOSTS.length, 'one line per requested host');
  const utf16 = readFileSync(BUNDLE_UTF16);
  assert.ok(utf16[0] === 0xff && utf16[1] === 0xfe, 'UTF-16LE BOM');
  assert.is(utf16.subarray(2).toString('utf16le'), lines.map((line) => `${line}\r\n`).join(''));
  // The collected lines are the targets' 5.1 output, one line each, and carry non-ASCII VM names.
  for (const line of lines) assert.ok(!line.includes('\r'));
  assert.match(readFileSync(BUNDLE, 'utf8'), /"psEdition":"Desktop"/);
  assert.ok(lines.some((line) => /[^\x00-\x7f]/.test(line)), 'hostile (non-ASCII) VM names travel through the bundle');
});

// ---------------------------------------------------------------- the normaliser

function leaves(value: unknown, path: string, out: [string, unknown][]): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, out);
  } else out.push([path, value]);
  return out;
}

test('a failure line becomes a valid facts document: the host name, every fact unknown, vms null, windows.remoting failed with the error', () => {
  for (const [index, line] of fleetLines().entries()) {
    const host = FLEET_HOSTS[index]!;
    if (host.kind !== 'failed') continue;
    const { facts, notes } = normalizeWindowsRaw(JSON.parse(line) as JsonObject);
    assert.equal(validateAgainst('facts.schema.json', facts), [], host.computerName);
    assert.is(facts.host.name, host.computerName);
    assert.is(facts.host.os.family, 'windows', 'the one thing known: it was asked over WinRM (and it selects the Hyper-V profile)');
    const known = leaves(facts.host, '', []).filter(([path, value]) => value !== null && path !== 'name' && path !== 'os.family');
    assert.equal(known, [], `${host.computerName}: facts that should be unknown`);
    assert.is(facts.vms, null);
    assert.equal(facts.collection.collectors, [{ name: 'windows.remoting', status: 'failed', error: `${host.error} (FullyQualifiedErrorId: ${host.errorId})`, durationMs: null }]);
    assert.is(facts.collection.source, 'powershell');
    assert.is(facts.collection.collectedAt, '2026-03-09T07:30:00.000Z', 'when the fleet run tried');
    assert.is(notes.length, 1);
    assert.is(notes[0]!.kind, 'remoting-failed');
  }
});

test('remoting envelope edge cases: whitespace folded, missing texts, status other than ok, a non-object, and "ok" changes nothing', () => {
  const base = { nestreadyRaw: 1, computerName: 'HV20', sections: {} };
  const facts = (remoting: unknown): FactsDocument => normalizeWindowsRaw({ ...base, remoting } as JsonObject).facts;
  assert.is(facts({ status: 'failed', error: 'line one\r\n   line two', errorId: ' X,Y ' }).collection.collectors[0]!.error, 'line one line two (FullyQualifiedErrorId: X,Y)');
  assert.is(facts({ status: 'failed' }).collection.collectors[0]!.error, 'PowerShell remoting failed without a message');
  assert.is(facts({ status: 'timeout', error: 'e' }).collection.collectors[0]!.name, 'windows.remoting', 'any status but ok is a failure');
  assert.is(facts('broken').collection.collectors[0]!.error, 'the "remoting" entry is not an object');
  // A collected host with an "ok" envelope normalises exactly as without one.
  const scenario = SCENARIOS.find((candidate) => candidate.id === 'intel-server2016')!;
  const raw = JSON.parse(compact(scenario.model('5.1', {}), '5.1')) as JsonObject;
  assert.equal(normalizeWindowsRaw({ ...raw, remoting: { status: 'ok', error: null, errorId: null } }), normalizeWindowsRaw(raw));
});

// ---------------------------------------------------------------- end to end, built CLI

const run = runCli(['evaluate', BUNDLE, '--format', 'json', ...TS]);
const results = JSON.parse(run.stdout) as ResultsDocument;
const strip = (host: HostResult) => ({ ...host, input: undefined, inputLine: undefined });

test('nestready evaluate fleet.ndjson: every requested host, in order; the run is not READY; exit 1 from the blocking findings', () => {
  assert.equal(results.inputErrors, []);
  assert.is(results.hosts.length, FLEET_HOSTS.length);
  assert.equal(results.hosts.map((host) => host.inputLine), FLEET_HOSTS.map((_host, index) => index + 1));
  assert.is(results.summary.verdict, 'not-ready');
  assert.is(run.code, 1, run.stderr);
  assert.is(run.stderr, '');
});

test('unreachable, denied, unknown and timed-out hosts: INCOMPLETE, nothing passed or failed, the WinRM error in their diagnostics', () => {
  for (const [index, expected] of FLEET_HOSTS.entries()) {
    if (expected.kind !== 'failed') continue;
    const host = results.hosts[index]!;
    assert.is(host.host, expected.computerName);
    assert.is(host.verdict, 'incomplete', expected.computerName);
    assert.is(host.counts.pass + host.counts.fail, 0, `${expected.computerName}: nothing decided about a host never reached`);
    assert.ok(host.counts.toVerify > 0);
    assert.equal(host.diagnostics, [{ name: 'windows.remoting', status: 'failed', error: `${expected.error} (FullyQualifiedErrorId: ${expected.errorId})`, durationMs: null }]);
  }
});

test('collected hosts: the verdict of their scenario, and exactly the results their own capture gets', () => {
  for (const [index, expected] of FLEET_HOSTS.entries()) {
    if (expected.kind !== 'collected') continue;
    const host = results.hosts[index]!;
    const meta = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', 'windows', expected.scenario, 'scenario.json'), 'utf8'));
    assert.is(host.verdict, meta.expectedVerdict, expected.scenario);
    const capture = Object.keys(meta.captures).find((file) => file.startsWith('raw-ps51')) ?? Object.keys(meta.captures)[0]!;
    const alone = JSON.parse(runCli(['evaluate', join(PACKAGE_ROOT, 'fixtures', 'windows', expected.scenario, capture), '--format', 'json', ...TS]).stdout) as ResultsDocument;
    assert.equal(strip(host), strip(alone.hosts[0]!), `${expected.scenario}: same results inside the bundle as alone`);
  }
});

test('the UTF-16LE bundle (> in Windows PowerShell 5.1) gives the same results', () => {
  const utf16 = JSON.parse(runCli(['evaluate', BUNDLE_UTF16, '--format', 'json', ...TS]).stdout) as ResultsDocument;
  assert.equal(utf16.inputErrors, []);
  assert.equal(utf16.hosts.map(strip), results.hosts.map(strip));
});

test('remoting failures are judged hosts, never unreadable input: exit 0/1 from --fail-on (unknown = warning), never 2', () => {
  const failuresOnly = fleetLines().filter((_line, index) => FLEET_HOSTS[index]!.kind === 'failed').join('\n') + '\n';
  const byDefault = runCli(['evaluate', '-', '--quiet', ...TS], { input: failuresOnly });
  assert.is(byDefault.code, 0, byDefault.stderr);
  assert.match(byDefault.stdout, /INCOMPLETE — 4 hosts: 0 ready, 0 not ready, 4 incomplete/);
  assert.is(runCli(['evaluate', '-', '--quiet', '--fail-on', 'warning', ...TS], { input: failuresOnly }).code, 1);
});

test('text report: the fleet view names the reason; one host alone (or --details) lists it under "Collection problems"', () => {
  const fleet = runCli(['evaluate', BUNDLE, ...TS]).stdout;
  assert.match(fleet, /INCOMPLETE HV09 .*:6 {2}not collected \[AccessDenied,PSSessionStateBroken\]: Connecting to remote server HV09 failed with the following error message : Access is denied\. For more information, see the about_Remote_Troubleshooting Help topic\.\n/);
  assert.match(fleet, /INCOMPLETE HV07 .*not collected \[WinRMOperationTimeout,PSSessionStateBroken\]: .*WinRM cannot complete the operation/);
  assert.match(fleet, /INCOMPLETE HV12 .*not collected \[NestreadyTimeout\]: the collector did not finish within 300 s/);
  assert.match(fleet, /NOT READY {2}EPYC-2019 .*HVH-007/, 'collected hosts keep their findings');
  const single = runCli(['evaluate', '-', ...TS], { input: `${fleetLines()[5]}\n` });
  assert.match(single.stdout, /Collection problems\n {2}! windows\.remoting: failed — Connecting to remote server HV09 failed .*Access is denied/);
  assert.match(single.stdout, /nested virtualization: INCOMPLETE/);
  assert.match(runCli(['evaluate', BUNDLE, '--details', ...TS]).stdout, /! windows\.remoting: failed — Connecting to remote server hv11\.corp\.example failed/);
});

test('HTML and Markdown fleet reports: the host tables give the reason (error id first), the detail the full error', () => {
  const html = runCli(['evaluate', BUNDLE, '--format', 'html', ...TS]).stdout;
  const markdown = runCli(['evaluate', BUNDLE, '--format', 'markdown', ...TS]).stdout;
  for (const host of failedHosts) {
    assert.ok(html.includes(`not collected [${host.errorId}]:`), `html table: ${host.computerName}`);
    assert.ok(html.includes(host.error.replace(/&/g, '&amp;')), `html detail: ${host.computerName}`);
    const row = markdown.split('\n').find((line) => line.startsWith(`| ${host.computerName} |`));
    assert.ok(row?.includes(`| not collected \\[${host.errorId}\\]: `), `markdown row: ${row}`);
  }
});

test('SARIF: each host not collected is a collector notification with its error; the log stays valid for code scanning', () => {
  const sarif = JSON.parse(runCli(['evaluate', BUNDLE, '--format', 'sarif', ...TS]).stdout) as Sarif.Log;
  const notes = sarif.runs[0]!.invocations![0]!.toolExecutionNotifications ?? [];
  for (const host of failedHosts) {
    assert.ok(notes.some((note) => note.descriptor?.id === 'NR-COLLECTOR' && note.message.text!.includes(host.errorId)), `${host.computerName}: ${JSON.stringify(notes.map((note) => note.message.text))}`);
  }
  assert.is(sarif.runs[0]!.invocations![0]!.executionSuccessful, true, 'a host not reached is not a failed run');
});

test.run();

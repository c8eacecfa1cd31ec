// --emit-fix: the generated PowerShell parses, is guarded (idempotent, -WhatIf, asks before stopping
// VMs, flags irreversible steps) and quotes hostile VM names correctly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FactsDocument } from '../../schemas/facts.js';
import type { ResultsDocument } from '../../schemas/results.js';
import { compilePack, parseRuleSources } from '../../engine/compile-pack.js';
import { buildResultsDocument, evaluateHost } from '../../engine/evaluate.js';
import { commentText, FIX_MINIMUM_STARTUP_BYTES, FIX_MINIMUM_VCPUS, FIX_STEPS, planFixes, psLiteral, renderFixScript } from '../../engine/fix-script.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import { quotePowerShell } from '../../engine/quote.js';
import { facts } from '../support/facts-builder.js';
import { amdHost, GiB, nestedVm, windowsHost } from '../support/hyperv-facts.js';
import { HOSTILE_NAMES } from '../support/hostile-names.js';
import { checkPowerShellSyntax } from '../support/powershell-syntax.js';


const pack = await compilePack(BUILTIN_RULES_DIR, 'hyperv@1');
const at = '2026-01-01T00:00:00.000Z';

function results(...documents: FactsDocument[]): ResultsDocument {
  return buildResultsDocument([pack], at, documents.map((document, index) => evaluateHost(document, pack, { input: `host-${index}` })));
}

const broken = (name: string, patch: Parameters<typeof nestedVm>[0] = {}) =>
  nestedVm({ name, state: 'Running', configVersion: '9.0', exposeVirtualizationExtensions: false, dynamicMemory: true, vcpus: 1, memoryStartupBytes: 2 * GiB, ...patch });

test('the script for every kind of finding parses with the PowerShell grammar', () => {
  const document = amdHost([broken('lab-01'), broken('saved', { state: 'Saved' }), nestedVm({ name: 'fine' })]);
  document.host.hyperv!.roleInstalled = false;
  const script = renderFixScript(results(document));
  const syntax = checkPowerShellSyntax(script);
  assert.ok(syntax.ok, JSON.stringify(syntax.errors));
  assert.match(script, /Invoke-NestreadyVmFix -Name 'lab-01' -Id '6f1c2a52-8f59-4bde-9f0e-3f0c9f0a0001' -Step @\('vm-version', 'expose-virtualization-extensions', 'static-memory', 'vcpus', 'startup-memory'\)/);
  assert.not.match(script, /-Name 'fine'/, 'a VM without findings is left alone');
  assert.match(script, /#   HVH-010 \[error\] The Hyper-V role is not installed/, 'host findings are listed for a person, not changed');
});

test('hostile VM names are quoted with quotePowerShell, and the script still parses', () => {
  const vms = HOSTILE_NAMES.map((name, index) => broken(name, { id: `6f1c2a52-8f59-4bde-9f0e-3f0c9f0a${String(index).padStart(4, '0')}` }));
  const script = renderFixScript(results(windowsHost(vms)));
  const syntax = checkPowerShellSyntax(script);
  assert.ok(syntax.ok, JSON.stringify(syntax.errors));
  for (const name of HOSTILE_NAMES) {
    const expected = /[\u0000-\u001f]/.test(name) ? psLiteral(name) : quotePowerShell(name);
    assert.ok(script.includes(`-Name ${expected} -Id`), `${JSON.stringify(name)} appears quoted`);
  }
  assert.ok(script.includes("-Name ('with spaces  and  tabs' + [char]9 + 'inside') -Id"), 'a tab becomes [char]9');
  assert.ok(script.includes("-Name ('line' + [char]13 + [char]10 + 'break #> <# comment') -Id"), 'a line break becomes [char]13 + [char]10');
  // Every quote character inside a name is doubled: an odd run would end the string.
  assert.ok(script.includes("-Name 'it''s'"));
  assert.ok(script.includes("'typographic ‘‘left’’ and ’’right’’ ‚‚low‚‚ ‛‛reversed‛‛'"));
  assert.ok(script.includes("-Name '''; Stop-Computer -Force; '''"));
  assert.ok(script.includes("'’’; Remove-Item C:\\ -Recurse; ’’'"));
  // Outside the quoted names no hostile fragment turns into code.
  const outsideStrings = script.split('\n').filter((line) => !line.trimStart().startsWith('#')).map((line) => line.replace(/'(?:[^'‘’‚‛]|['‘’‚‛]{2})*'/g, "''")).join('\n');
  for (const fragment of ['Stop-Computer', 'Remove-Item', '$env:USERNAME', '<script>']) assert.not.ok(outsideStrings.includes(fragment), `${fragment} outside a string`);
});

test('a name with a line break cannot end a comment or a line early', () => {
  assert.is(commentText('a\r\nb\u2028c\u0000d'), 'a b c d');
  assert.is(psLiteral('x\r\n}; Stop-Computer; #'), "('x' + [char]13 + [char]10 + '}; Stop-Computer; #')");
  assert.is(psLiteral(''), "''");
  assert.is(psLiteral("it's"), "'it''s'");
  const script = renderFixScript(results(windowsHost([broken('x\r\n}; Stop-Computer; #')])));
  for (const line of script.split('\r\n')) {
    if (line.includes('Stop-Computer')) assert.ok(line.trimStart().startsWith('#') || line.includes("-Name ('x' + [char]13 + [char]10 + '}; Stop-Computer; #')"), line);
  }
  assert.ok(checkPowerShellSyntax(script).ok);
});

test('the file starts with a UTF-8 BOM (Windows PowerShell 5.1 would read it as ANSI) and uses CRLF', () => {
  const script = renderFixScript(results(windowsHost([broken('đ')])));
  assert.is(script.charCodeAt(0), 0xfeff);
  assert.is(Buffer.from(script, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
  assert.not.match(script.replace(/\r\n/g, ''), /\n/);
});

test('safety by construction: -WhatIf, every change guarded by a re-check and ShouldProcess, stop only after asking, restart only what it stopped', () => {
  const script = renderFixScript(results(amdHost([broken('lab-01')])));
  assert.match(script, /\[CmdletBinding\(SupportsShouldProcess = \$true, ConfirmImpact = 'Medium'\)\]/);
  // Each mutating cmdlet call sits behind ShouldProcess, and each step behind Test-NestreadyStep.
  const mutating = ['Set-VMProcessor -VM', 'Set-VMMemory -VM', 'Update-VMVersion -VM', 'Set-VMNetworkAdapter -VMNetworkAdapter', 'Stop-VM -VM', 'Start-VM -VM', 'Remove-VMSavedState -VM'];
  const lines = script.split('\r\n');
  for (const cmdlet of mutating) {
    const index = lines.findIndex((line) => line.includes(cmdlet));
    assert.ok(index > 0, `${cmdlet} is used`);
    const context = lines.slice(Math.max(0, index - 8), index + 1).join('\n');
    assert.match(context, /ShouldProcess/, `${cmdlet} is guarded by ShouldProcess`);
  }
  assert.match(script, /if \(-not \(Test-NestreadyStep -Vm \$Vm -Step \$Step\)\) \{/, 'every step re-checks first');
  assert.match(script, /\$pending = @\(\$steps \| Where-Object \{ Test-NestreadyStep -Vm \$vm -Step \$_ \}\)/, 'a VM is stopped only when a step is still pending');
  assert.match(script, /\$Force -or \$PSCmdlet\.ShouldContinue\(\$label \+ ' is running\./, 'asks before stopping a running VM');
  assert.match(script, /if \(\$outcome -eq 'stopped' -and \$PSCmdlet\.ShouldProcess\('VM ' \+ \$vm\.Name, 'Start-VM/, 'restarts only the VMs it stopped');
  assert.match(script, /finally \{/, 'restarts even when a step fails');
  // Irreversible steps are flagged and confirmed separately.
  assert.match(script, /# IRREVERSIBLE: Update-VMVersion/);
  assert.match(script, /'Update-VMVersion from ' \+ \$Vm\.Version \+ ' to ' \+ \$default \+ ' \(IRREVERSIBLE\)'/);
  assert.match(script, /Remove-VMSavedState \(IRREVERSIBLE/);
  assert.match(script, /function Confirm-NestreadyIrreversible[\s\S]*ShouldContinue/);
  // VMs are resolved exactly (id, else exact name) and passed as objects: no wildcard -VMName/-Name.
  assert.not.match(script.split('$script:NestreadyMinimumVcpus = ')[0]!, /\b(Get|Set|Stop|Start|Update|Remove)-VM\w* [^\r\n]*-(VM)?Name /);
});

test('idempotent by construction: the generated part is data only; all logic is the fixed, tested header', () => {
  const one = renderFixScript(results(windowsHost([broken('a'), broken('b')])));
  const generatedPart = one.split("$script:NestreadyMinimumStartupBytes = 4GB\r\n")[1]!;
  const statements = generatedPart.split('\r\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  for (const statement of statements) {
    assert.match(statement, /^(if \(Test-NestreadyHost -Name '[^']*'\) \{|\}|Invoke-NestreadyVmFix -Name '.*' -Id '[0-9a-f-]*' -Step @\(.*\) -UnverifiedStep @\(.*\)|if \(-not \$script:NestreadyHostMatched\) \{|Write-Warning \(.*\))$/, statement);
  }
  assert.is(renderFixScript(results(windowsHost([broken('a'), broken('b')]))), one, 'deterministic');
});

test('steps come from fix:<step> tags; every tag the rules use is a step the script knows, with the rules\' thresholds', async () => {
  const parsed = await parseRuleSources(BUILTIN_RULES_DIR);
  const tags = parsed.rules.flatMap((rule) => (rule.definition.tags ?? []).filter((tag) => tag.startsWith('fix:')).map((tag) => [rule.definition.id, tag.slice(4)] as const));
  assert.ok(tags.length >= 6);
  for (const [id, step] of tags) assert.ok((FIX_STEPS as readonly string[]).includes(step), `${id}: unknown fix step ${step}`);
  for (const step of FIX_STEPS) assert.ok(tags.some(([, used]) => used === step), `step ${step} is used by a rule`);
  const rule = (id: string) => parsed.rules.find((candidate) => candidate.definition.id === id)!.definition;
  assert.is(JSON.stringify(rule('HVV-004').requires).includes(`"minimum":${FIX_MINIMUM_VCPUS}`), true);
  assert.is(JSON.stringify(rule('HVV-005').requires).includes(`"minimum":${FIX_MINIMUM_STARTUP_BYTES}`), true);
});

test('unknown findings with a step (MAC spoofing where NAT inside cannot be seen) only run with -IncludeUnverified', () => {
  const noSpoofing = [{ name: 'nic', switchName: 'External', switchType: 'external' as const, macAddressSpoofing: false }];
  const plan = planFixes(results(windowsHost([nestedVm({ adapters: noSpoofing })])));
  assert.equal(plan[0]!.vms[0]!.steps, []);
  assert.equal(plan[0]!.vms[0]!.unverifiedSteps, ['mac-spoofing']);
  const failing = planFixes(results(windowsHost([nestedVm({ adapters: noSpoofing, natInGuest: false })])));
  assert.equal(failing[0]!.vms[0]!.steps, ['mac-spoofing']);
});

test('several hosts: one section per host, each runs only on its own host', () => {
  const second = facts({ host: { name: 'HV-LAB-02' } }, windowsHost([broken('lab-02')]));
  const script = renderFixScript(results(windowsHost([broken('lab-01')]), second));
  assert.match(script, /if \(Test-NestreadyHost -Name 'HV-LAB-01'\) \{\r\n[\s\S]*-Name 'lab-01'[\s\S]*\}\r\n[\s\S]*if \(Test-NestreadyHost -Name 'HV-LAB-02'\) \{\r\n[\s\S]*-Name 'lab-02'/);
  assert.ok(checkPowerShellSyntax(script).ok);
});

test('nothing to fix: still a valid script that says so', () => {
  const healthy = renderFixScript(results(windowsHost([nestedVm({ adapters: [] , natInGuest: true })])));
  assert.ok(checkPowerShellSyntax(healthy).ok);
  assert.not.match(healthy, /Invoke-NestreadyVmFix -Name/);
  const none = renderFixScript(buildResultsDocument([pack], at, []));
  assert.match(none, /nothing to fix/);
  assert.ok(checkPowerShellSyntax(none).ok);
});

test('the checker itself rejects broken PowerShell (so a pass above means something)', () => {
  assert.not.ok(checkPowerShellSyntax("Invoke-NestreadyVmFix -Name 'it's' -Step @('x')\r\nif ($true) {").ok);
  assert.not.ok(checkPowerShellSyntax("Write-Host 'unterminated").ok);
});

test.run();

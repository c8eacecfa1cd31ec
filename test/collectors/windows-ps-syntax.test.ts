// PowerShell without PowerShell: the tree-sitter grammar accepts real scripts and rejects broken ones,
// every .ps1 the project ships parses, and the collector script stays read-only, ASCII and -Depth-safe.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { checkPowerShellSyntax } from '../support/powershell-syntax.js';

const COLLECTOR = join(PACKAGE_ROOT, 'collectors', 'windows', 'nestready-collect.ps1');

test('accepts a normal script: param block, hashtables, here-strings, try/catch, pipelines, statements as values', () => {
  const source = [
    '[CmdletBinding()]',
    'param([string[]]$VMName = @(), [switch]$Pretty)',
    "$ErrorActionPreference = 'Stop'",
    "$h = [ordered]@{ a = 1; b = if ($Pretty) { 'x' } else { $null } }",
    "$text = @'",
    'literal $not expanded',
    "'@",
    'try { Get-VM | Where-Object { $_.Name -eq "x" } | ForEach-Object { $_.Id } } catch { Write-Error $_.Exception.Message }',
    'ConvertTo-Json -InputObject @($h) -Depth 6 -Compress',
    '',
  ].join('\r\n');
  assert.equal(checkPowerShellSyntax(source), { ok: true, errors: [] });
});

test('rejects an unclosed brace, naming the line', () => {
  const result = checkPowerShellSyntax('function Get-Thing {\n  $a = 1\n  if ($a) {\n    "x"\n}\n');
  assert.is(result.ok, false);
  assert.ok(result.errors.some((error) => /missing "}"/.test(error.text)), JSON.stringify(result.errors));
});

test('rejects an unclosed string', () => {
  const double = checkPowerShellSyntax('$name = "lab-01\nGet-VM -Name $name\n');
  assert.is(double.ok, false);
  assert.is(double.errors[0]!.line, 1);
  assert.is(checkPowerShellSyntax("Set-VMProcessor -VMName 'O'Brien' -Count 2\n").ok, false, "an unescaped ' inside a single-quoted name");
});

test('rejects a stray token', () => {
  const result = checkPowerShellSyntax('Get-VM ) | Select-Object Name\n');
  assert.is(result.ok, false);
  assert.equal(result.errors[0], { line: 1, column: 8, text: 'cannot parse ") | Select-Object Name"' });
  assert.is(checkPowerShellSyntax('$x = 1 +\n').ok, false);
});

test('PowerShell quoting the way fix scripts must do it: doubled quotes, smart quotes doubled too', () => {
  assert.is(checkPowerShellSyntax("Set-VMProcessor -VMName 'O''Brien lab' -ExposeVirtualizationExtensions $true\n").ok, true);
  assert.is(checkPowerShellSyntax("Set-VMMemory -VMName 'Dev ’’smart’’ quote' -DynamicMemoryEnabled $false\n").ok, true);
});

function shippedScripts(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) shippedScripts(path, found);
    else if (entry.endsWith('.ps1')) found.push(path);
  }
  return found;
}

test('every .ps1 under collectors/ parses', () => {
  const scripts = shippedScripts(join(PACKAGE_ROOT, 'collectors'));
  assert.ok(scripts.includes(COLLECTOR), 'the collector script is among them');
  for (const script of scripts) {
    const result = checkPowerShellSyntax(readFileSync(script, 'utf8'));
    assert.equal(result.errors, [], relative(PACKAGE_ROOT, script));
  }
});

const source = readFileSync(COLLECTOR, 'utf8');
const code = source.replace(/<#[\s\S]*?#>/g, '').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).join('\n');

test('the collector script is ASCII, so Windows PowerShell 5.1 reads it right without a BOM', () => {
  assert.not.match(source, /[^\x00-\x7f]/);
});

test('the collector script only reads: no cmdlet that changes anything, no network', () => {
  const writes = code.match(/\b(Set|New|Remove|Enable|Disable|Install|Uninstall|Start|Stop|Restart|Update|Add|Clear|Invoke-WebRequest|Invoke-RestMethod|Rename|Move|Copy|Suspend|Resume)-[A-Z]\w+/g) ?? [];
  assert.equal(writes.filter((name) => !/^(Set-StrictMode|New-Object)$/.test(name)), [], 'only Set-StrictMode and New-Object (in-memory objects) are allowed');
  assert.not.match(code, /169\.254\.169\.254|Net\.WebClient|Invoke-WebRequest|Invoke-RestMethod/);
});

test('the collector script: one ConvertTo-Json per run, -Depth 6, silent preferences, UTF-8 output', () => {
  assert.equal(code.match(/ConvertTo-Json[^\n]*/g), ['ConvertTo-Json -InputObject $document -Depth 6', 'ConvertTo-Json -InputObject $document -Depth 6 -Compress']);
  for (const preference of ['$ProgressPreference', '$WarningPreference']) assert.match(code, new RegExp(`\\${preference} = 'SilentlyContinue'`));
  assert.match(code, /\[Console\]::OutputEncoding = \$utf8/);
  assert.match(code, /nestreadyRaw\s+= \$script:RawFormat/);
  assert.match(code, /'bcdedit\.exe'[\s\S]*\/enum '\{current\}'/, '{current} is quoted (unquoted it is a script block)');
});

test.run();

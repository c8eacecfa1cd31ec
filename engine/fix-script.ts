// One PowerShell script for every VM finding in a results document (nestready … --emit-fix FILE).
// A pure function: results document in, script text out. nestready itself never changes a system;
// the script is for a person to read and run on the Hyper-V host.
//
// What the script does is fixed code below (reviewed once, parsed by the PowerShell grammar in the
// tests); what the results contribute is data only: host and VM names and ids, quoted with
// quotePowerShell, and the names of the steps to take. A rule opts in to a step with a tag
// `fix:<step>` (rules/hyperv/hvv-*.yaml); steps this module does not know are listed as comments.
//
// Safety, by construction:
// - idempotent: every step re-reads the current setting and changes nothing when it is already right,
//   and a VM is stopped only when a step that needs it off is still pending;
// - -WhatIf / -Confirm ([CmdletBinding(SupportsShouldProcess)]): every change goes through ShouldProcess;
// - a running VM is stopped only after the user agrees (or -Force), and only VMs this script stopped are
//   started again; a saved state is discarded only after an explicit yes;
// - irreversible steps (Update-VMVersion, Remove-VMSavedState) say so and ask again, even with -Force,
//   unless -AcceptIrreversible is given;
// - VMs are found by id (or by exact name, refusing duplicates) and passed as objects (-VM $vm), so a
//   name with wildcard characters cannot select other VMs;
// - the file starts with a UTF-8 byte order mark: Windows PowerShell 5.1 reads a .ps1 without one in
//   the ANSI code page, where the UTF-8 bytes of some characters (e.g. "đ" = C4 91) contain a
//   typographic quote (0x91 = ‘ in cp1252) and would end a quoted name early.
import type { ResultsDocument, RuleResult, Target } from '../schemas/results.js';
import { quotePowerShell } from './quote.js';

export const FIX_STEPS = ['vm-version', 'expose-virtualization-extensions', 'static-memory', 'vcpus', 'startup-memory', 'mac-spoofing'] as const;
export type FixStep = (typeof FIX_STEPS)[number];

// The values the steps set; test/engine/fix-script.test.ts checks them against the rules' thresholds.
export const FIX_MINIMUM_VCPUS = 2;
export const FIX_MINIMUM_STARTUP_BYTES = 4 * 1024 ** 3;

const FIX_TAG = /^fix:(.+)$/;
const EOL = '\r\n';

export interface VmFixPlan {
  name: string;
  id: string | null;
  steps: FixStep[]; // from failed rules, in the safe order of FIX_STEPS
  unverifiedSteps: FixStep[]; // from unknown rules: only with -IncludeUnverified
  rules: string[]; // rule ids behind the steps
  manual: RuleResult[]; // failed error/warning rules this script does not change (notes are left out)
  unknownSteps: string[]; // fix:<step> tags this module does not know
}

export interface HostFixPlan {
  host: string;
  vms: VmFixPlan[];
  hostFindings: RuleResult[]; // failed host rules: changes the script leaves to a person
}

function stepsOf(result: RuleResult, tagsOf: (ruleId: string) => string[]): { known: FixStep[]; unknown: string[] } {
  const known: FixStep[] = [];
  const unknown: string[] = [];
  for (const tag of tagsOf(result.ruleId)) {
    const match = FIX_TAG.exec(tag);
    if (!match) continue;
    if ((FIX_STEPS as readonly string[]).includes(match[1]!)) known.push(match[1] as FixStep);
    else unknown.push(match[1]!);
  }
  return { known, unknown };
}

function ordered(steps: Set<FixStep>): FixStep[] {
  return FIX_STEPS.filter((step) => steps.has(step));
}

function vmPlan(target: Target, tagsOf: (ruleId: string) => string[]): VmFixPlan | null {
  const steps = new Set<FixStep>();
  const unverified = new Set<FixStep>();
  const rules: string[] = [];
  const manual: RuleResult[] = [];
  const unknownSteps: string[] = [];
  const id = typeof target.vmId === 'string' && /^[0-9A-Fa-f-]{36}$/.test(target.vmId) ? target.vmId : null;
  for (const result of target.results) {
    const { known, unknown } = stepsOf(result, tagsOf);
    if (result.status === 'fail') {
      if (known.length === 0 && result.severity !== 'note') manual.push(result);
      for (const step of known) steps.add(step);
      if (known.length > 0) rules.push(result.ruleId);
      unknownSteps.push(...unknown);
    } else if (result.status === 'unknown') {
      for (const step of known) unverified.add(step);
    }
  }
  for (const step of steps) unverified.delete(step);
  if (steps.size === 0 && unverified.size === 0 && manual.length === 0) return null;
  return { name: target.name, id, steps: ordered(steps), unverifiedSteps: ordered(unverified), rules, manual, unknownSteps };
}

export function planFixes(results: ResultsDocument): HostFixPlan[] {
  // A rule's fix:<step> tags live in the document's rule catalog, once per rule.
  const tagsById = new Map(results.rules.map((rule) => [rule.id, rule.tags]));
  const tagsOf = (ruleId: string) => tagsById.get(ruleId) ?? [];
  const plans: HostFixPlan[] = [];
  for (const host of results.hosts) {
    const vms: VmFixPlan[] = [];
    let hostFindings: RuleResult[] = [];
    for (const target of host.targets) {
      if (target.kind === 'host') hostFindings = target.results.filter((result) => result.status === 'fail' && result.severity !== 'note');
      else {
        const plan = vmPlan(target, tagsOf);
        if (plan) vms.push(plan);
      }
    }
    if (vms.length > 0 || hostFindings.length > 0) plans.push({ host: host.host, vms, hostFindings });
  }
  return plans;
}

// A line comment must stay one line: no line breaks (PowerShell ends a comment at CR or LF), no other
// control characters, no Unicode line separators.
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

function comment(text: string, indent = ''): string {
  return `${indent}# ${commentText(text)}`;
}

function psArray(items: readonly string[]): string {
  return items.length === 0 ? '@()' : `@(${items.map(quotePowerShell).join(', ')})`;
}

// A string literal for any value: quotePowerShell for the text, and control characters (a VM name
// may hold a line break) as [char] codes, so the file has no raw control character inside a string.
export function psLiteral(value: string): string {
  const parts = value.split(/([\u0000-\u001f\u007f-\u009f\u2028\u2029])/).filter((part) => part !== '');
  if (parts.length === 0) return "''";
  const pieces = parts.map((part) => (/^[\u0000-\u001f\u007f-\u009f\u2028\u2029]$/.test(part) ? `[char]${part.charCodeAt(0)}` : quotePowerShell(part)));
  return pieces.length === 1 && !pieces[0]!.startsWith('[char]') ? pieces[0]! : `(${pieces.join(' + ')})`;
}

const HEADER = String.raw`[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    # Only these VMs (exact names). Default: every VM listed at the end of this script.
    [string[]] $VMName,
    # Stop running VMs without asking (they are started again afterwards).
    [switch] $Force,
    # Do not ask again before irreversible steps (Update-VMVersion, discarding a saved state).
    [switch] $AcceptIrreversible,
    # Also apply steps nestready could not verify as needed (e.g. MAC spoofing where NAT inside the VM
    # cannot be seen from the host).
    [switch] $IncludeUnverified,
    # Run even on a host whose name differs from the one the findings came from.
    [switch] $IgnoreHostName
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$script:NestreadyHostMatched = $false

function Test-NestreadyHost {
    param([string] $Name)
    $short = ($Name -split '\.')[0]
    # NetBIOS names stop at 15 characters; the DNS host name does not.
    $dnsName = ([System.Net.Dns]::GetHostName() -split '\.')[0]
    if ($IgnoreHostName -or $short -eq $env:COMPUTERNAME -or $short -eq $dnsName) {
        $script:NestreadyHostMatched = $true
        return $true
    }
    Write-Verbose ('Findings for host ' + $Name + ' skipped: this is ' + $env:COMPUTERNAME)
    return $false
}

function Get-NestreadyVm {
    param([string] $Name, [string] $Id)
    if ($Id) {
        $byId = @(Get-VM -Id $Id -ErrorAction SilentlyContinue)
        if ($byId.Count -eq 1) {
            if ($byId[0].Name -cne $Name) { Write-Warning ('VM ' + $Id + ' is now named ' + $byId[0].Name + '; fixing it by its id') }
            return $byId[0]
        }
    }
    $byName = @(Get-VM | Where-Object { $_.Name -ceq $Name })
    if ($byName.Count -eq 1) { return $byName[0] }
    if ($byName.Count -eq 0) { Write-Warning ('VM ' + $Name + ' was not found on this host: skipped') }
    else { Write-Warning ([string]$byName.Count + ' VMs are named ' + $Name + ': skipped (fix them one by one by id)') }
    return $null
}

# Is the step still needed? Every change below is guarded by this re-check, so a second run changes nothing.
function Test-NestreadyStep {
    param($Vm, [string] $Step)
    switch ($Step) {
        'vm-version' {
            $default = (Get-VMHostSupportedVersion -Default).Version
            return ([version]$Vm.Version -lt $default)
        }
        'expose-virtualization-extensions' { return (-not (Get-VMProcessor -VM $Vm).ExposeVirtualizationExtensions) }
        'static-memory' { return [bool](Get-VMMemory -VM $Vm).DynamicMemoryEnabled }
        'vcpus' { return ((Get-VMProcessor -VM $Vm).Count -lt $script:NestreadyMinimumVcpus) }
        'startup-memory' { return ((Get-VMMemory -VM $Vm).Startup -lt $script:NestreadyMinimumStartupBytes) }
        'mac-spoofing' { return (@(Get-VMNetworkAdapter -VM $Vm | Where-Object { [string]$_.MacAddressSpoofing -ne 'On' }).Count -gt 0) }
        default { throw ('unknown step ' + $Step) }
    }
}

function Confirm-NestreadyIrreversible {
    param([string] $Query)
    if ($AcceptIrreversible) { return $true }
    return $PSCmdlet.ShouldContinue($Query + ' This cannot be undone.', 'Irreversible change')
}

# Brings a VM to Off for the steps that need it. Returns 'off' (it was), 'stopped' (this script stopped
# it: start it again afterwards), 'whatif' (-WhatIf: show the steps anyway) or 'skip'.
function Stop-NestreadyVm {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param($Vm)
    $state = [string]$Vm.State
    $label = 'VM ' + $Vm.Name
    if ($state -eq 'Off') { return 'off' }
    if ($state -eq 'Running') {
        if (-not $PSCmdlet.ShouldProcess($label, 'Stop-VM (shut the guest down; it is started again afterwards)')) {
            if ($WhatIfPreference) { return 'whatif' }
            return 'skip'
        }
        if (-not ($Force -or $PSCmdlet.ShouldContinue($label + ' is running. Shut it down now to change its settings? It is started again afterwards.', 'Stop a running VM'))) {
            Write-Warning ($label + ' left running: its settings were not changed')
            return 'skip'
        }
        Stop-VM -VM $Vm -Confirm:$false
        return 'stopped'
    }
    if ($state -eq 'Saved') {
        # IRREVERSIBLE: Remove-VMSavedState discards the saved memory image, like pulling the plug.
        if (-not $PSCmdlet.ShouldProcess($label, 'Remove-VMSavedState (IRREVERSIBLE: discards the saved memory state)')) {
            if ($WhatIfPreference) { return 'whatif' }
            return 'skip'
        }
        if (-not (Confirm-NestreadyIrreversible ($label + ' is in a saved state. Discard its saved memory state so its settings can change? (Or resume it and shut it down yourself, then run this script again.)'))) {
            Write-Warning ($label + ' kept its saved state: its settings were not changed')
            return 'skip'
        }
        Remove-VMSavedState -VM $Vm
        return 'off'
    }
    Write-Warning ($label + ' is ' + $state + ': run this script again when it is Running or Off')
    return 'skip'
}

function Invoke-NestreadyStep {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param($Vm, [string] $Step)
    $label = 'VM ' + $Vm.Name
    if (-not (Test-NestreadyStep -Vm $Vm -Step $Step)) {
        Write-Verbose ($label + ': ' + $Step + ' is already done')
        return
    }
    switch ($Step) {
        'vm-version' {
            $default = (Get-VMHostSupportedVersion -Default).Version
            # IRREVERSIBLE: a VM never goes back to an older configuration version.
            if ($PSCmdlet.ShouldProcess($label, 'Update-VMVersion from ' + $Vm.Version + ' to ' + $default + ' (IRREVERSIBLE)')) {
                if (Confirm-NestreadyIrreversible ('Upgrade the configuration version of ' + $label + ' from ' + $Vm.Version + ' to ' + $default + '? It then runs only on hosts that support ' + $default + '.')) {
                    Update-VMVersion -VM $Vm -Force
                }
                else { Write-Warning ($label + ': configuration version left at ' + $Vm.Version) }
            }
        }
        'expose-virtualization-extensions' {
            if ($PSCmdlet.ShouldProcess($label, 'Set-VMProcessor -ExposeVirtualizationExtensions $true')) { Set-VMProcessor -VM $Vm -ExposeVirtualizationExtensions $true }
        }
        'static-memory' {
            if ($PSCmdlet.ShouldProcess($label, 'Set-VMMemory -DynamicMemoryEnabled $false')) { Set-VMMemory -VM $Vm -DynamicMemoryEnabled $false }
        }
        'vcpus' {
            if ($PSCmdlet.ShouldProcess($label, 'Set-VMProcessor -Count ' + $script:NestreadyMinimumVcpus)) { Set-VMProcessor -VM $Vm -Count $script:NestreadyMinimumVcpus }
        }
        'startup-memory' {
            if ($PSCmdlet.ShouldProcess($label, 'Set-VMMemory -StartupBytes ' + $script:NestreadyMinimumStartupBytes)) { Set-VMMemory -VM $Vm -StartupBytes $script:NestreadyMinimumStartupBytes }
        }
        'mac-spoofing' {
            foreach ($adapter in @(Get-VMNetworkAdapter -VM $Vm | Where-Object { [string]$_.MacAddressSpoofing -ne 'On' })) {
                if ($PSCmdlet.ShouldProcess($label + ', adapter ' + $adapter.Name, 'Set-VMNetworkAdapter -MacAddressSpoofing On')) { Set-VMNetworkAdapter -VMNetworkAdapter $adapter -MacAddressSpoofing On }
            }
        }
    }
}

function Invoke-NestreadyVmFix {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Name, [string] $Id, [string[]] $Step, [string[]] $UnverifiedStep)
    if ($VMName -and -not ($VMName -contains $Name)) { Write-Verbose ('VM ' + $Name + ' not selected by -VMName'); return }
    $steps = @($Step)
    if ($IncludeUnverified) { $steps += @($UnverifiedStep) }
    elseif (@($UnverifiedStep).Count -gt 0) { Write-Verbose ('VM ' + $Name + ': not verified as needed, skipped without -IncludeUnverified: ' + ($UnverifiedStep -join ', ')) }
    $steps = @($steps | Where-Object { $_ })
    if ($steps.Count -eq 0) { return }
    try {
        $vm = Get-NestreadyVm -Name $Name -Id $Id
        if (-not $vm) { return }
        $pending = @($steps | Where-Object { Test-NestreadyStep -Vm $vm -Step $_ })
        if ($pending.Count -eq 0) { Write-Host ('VM ' + $vm.Name + ': already set up, nothing to change'); return }
        $needsOff = @($pending | Where-Object { $_ -ne 'mac-spoofing' })
        $outcome = 'off'
        if ($needsOff.Count -gt 0) { $outcome = Stop-NestreadyVm -Vm $vm }
        if ($outcome -eq 'skip') { $pending = @($pending | Where-Object { $_ -eq 'mac-spoofing' }) }
        try {
            foreach ($item in $pending) { Invoke-NestreadyStep -Vm $vm -Step $item }
        }
        finally {
            # Only a VM this script stopped is started again.
            if ($outcome -eq 'stopped' -and $PSCmdlet.ShouldProcess('VM ' + $vm.Name, 'Start-VM (it was running before)')) { Start-VM -VM $vm }
        }
    }
    catch {
        Write-Error ('VM ' + $Name + ': ' + $_.Exception.Message) -ErrorAction Continue
    }
}
`;

export interface FixScriptOptions {
  // Shown in the header; pass the results' generatedAt for reproducible output.
  generatedAt?: string;
}

export function renderFixScript(results: ResultsDocument, options: FixScriptOptions = {}): string {
  const plans = planFixes(results);
  const generatedAt = options.generatedAt ?? results.generatedAt;
  const profiles = results.profiles.map((profile) => `${profile.id}@${profile.version}`).join(', ') || 'none';
  const lines: string[] = [
    '#Requires -Version 5.1',
    '<#',
    '.SYNOPSIS',
    `    Nested-virtualization fixes generated by ${commentText(`${results.tool.name} ${results.tool.version}`)} (profile ${commentText(profiles)}) at ${commentText(generatedAt)}.`,
    '.DESCRIPTION',
    '    Changes the Hyper-V VM settings that nestready found missing, on the host they were found on.',
    '    Every step re-reads the current setting first and does nothing when it is already right, so a',
    '    second run changes nothing. -WhatIf shows what would change. A running VM is stopped only after',
    '    you agree (or with -Force) and is started again afterwards; VMs that were off stay off.',
    '    Irreversible steps (Update-VMVersion, discarding a saved state) ask again unless -AcceptIrreversible.',
    '    Run elevated (or as a member of Hyper-V Administrators) on the Hyper-V host.',
    '.EXAMPLE',
    '    .\\fix.ps1 -WhatIf',
    '.EXAMPLE',
    "    .\\fix.ps1 -VMName 'lab-01' -Force",
    '#>',
    ...HEADER.trimEnd().split('\n'),
    '',
    `$script:NestreadyMinimumVcpus = ${FIX_MINIMUM_VCPUS}`,
    `$script:NestreadyMinimumStartupBytes = ${FIX_MINIMUM_STARTUP_BYTES / 1024 ** 3}GB`,
    '',
  ];
  if (plans.length === 0) {
    lines.push('# nestready found nothing this script can change.', "Write-Host 'nestready: nothing to fix'");
    return '\uFEFF' + lines.join(EOL) + EOL;
  }
  for (const plan of plans) {
    lines.push(comment(`==== Host ${plan.host}`));
    if (plan.hostFindings.length > 0) {
      lines.push('# Not changed by this script (needs you, on the host itself):');
      for (const finding of plan.hostFindings) {
        lines.push(`#   ${commentText(`${finding.ruleId} [${finding.severity}] ${finding.message}`)}`);
        for (const command of finding.remediation?.commands ?? []) lines.push(`#     ${commentText(`${command.shell}> ${command.run}${command.irreversible ? '   (IRREVERSIBLE)' : ''}`)}`);
      }
    }
    const vmLines: string[] = [];
    for (const vm of plan.vms) {
      vmLines.push(comment(`VM ${vm.name}${vm.id ? ` (id ${vm.id})` : ''}${vm.rules.length > 0 ? `: ${vm.rules.join(', ')}` : ''}`, '    '));
      if (vm.steps.includes('vm-version') || vm.unverifiedSteps.includes('vm-version')) vmLines.push('    # IRREVERSIBLE: Update-VMVersion (asks again unless -AcceptIrreversible)');
      for (const finding of vm.manual) vmLines.push(comment(`not changed by this script: ${finding.ruleId} [${finding.severity}] ${finding.message}`, '    '));
      for (const step of vm.unknownSteps) vmLines.push(comment(`no automatic step "${step}": see the report`, '    '));
      if (vm.steps.length > 0 || vm.unverifiedSteps.length > 0) {
        vmLines.push(
          `    Invoke-NestreadyVmFix -Name ${psLiteral(vm.name)} -Id ${quotePowerShell(vm.id ?? '')} -Step ${psArray(vm.steps)} -UnverifiedStep ${psArray(vm.unverifiedSteps)}`,
        );
      }
    }
    if (vmLines.length > 0) lines.push(`if (Test-NestreadyHost -Name ${psLiteral(plan.host)}) {`, ...vmLines, '}');
    lines.push('');
  }
  const vmHosts = plans.filter((plan) => plan.vms.length > 0).map((plan) => plan.host);
  if (vmHosts.length === 0) {
    lines.push("Write-Host 'nestready: no VM setting to change; the host findings above need you'");
  } else {
    lines.push(
      'if (-not $script:NestreadyHostMatched) {',
      `    Write-Warning ('These fixes are for ' + ${psLiteral(vmHosts.join(', '))} + '; this is ' + $env:COMPUTERNAME + '. Nothing was changed (use -IgnoreHostName if the host was renamed).')`,
      '}',
    );
  }
  return '\uFEFF' + lines.join(EOL) + EOL;
}

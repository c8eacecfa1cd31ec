<#
.SYNOPSIS
    nestready Windows collector: reads what nested virtualization depends on and prints ONE JSON
    document ("nestready raw", format 1) on stdout. It only reads; it changes nothing.

.DESCRIPTION
    Every section runs in its own try/catch: a section that fails (not elevated, Hyper-V module
    missing, a VM deleted mid-scan) is reported as failed with its message and the rest still
    arrives. Nothing here interprets the values; nestready (TypeScript) does that, so the output
    keeps what PowerShell printed (enum names AND numbers, System.Version objects, dates).
    The format is described in RAW-FORMAT.md next to this script.

    Without Node:   powershell -NoProfile -ExecutionPolicy Bypass -File nestready-collect.ps1 > host.json
                    then on any machine with nestready:  nestready evaluate host.json
    Hyper-V data needs an elevated prompt or membership in the local "Hyper-V Administrators" group.

.PARAMETER VMName
    Only these VMs (exact names, not wildcards). Default: every VM on this host.

.PARAMETER VMNameBase64
    The same as -VMName for programs that start this script: base64 of a UTF-8 JSON array of names,
    so that no name ever has to survive command-line quoting.

.PARAMETER Pretty
    Indented JSON instead of one line (for people reading the file).
#>
[CmdletBinding()]
param(
    [string[]]$VMName = @(),
    [string]$VMNameBase64 = '',
    [switch]$Pretty
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
Set-StrictMode -Off

# UTF-8 without a BOM on stdout, so VM names outside the OEM code page survive a pipe.
try {
    $utf8 = New-Object System.Text.UTF8Encoding($false)
    [Console]::OutputEncoding = $utf8
    $OutputEncoding = $utf8
} catch {
    # No console (some remoting hosts): the caller decodes whatever arrives.
}

$script:RawFormat = 1
$script:ScriptVersion = '1.0.0'
$script:Sections = [ordered]@{}
$script:SkipPrefix = 'nestready-skip: '
$script:ProductType = $null

function Invoke-Section {
    param([string]$Name, [scriptblock]$Body)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $entry = [ordered]@{ status = 'ok'; error = $null; errorId = $null; durationMs = 0; data = $null }
    try {
        $result = & $Body
        # Unwrap the PSObject the pipeline puts around an array: 5.1 would print it as {"value":[...],"Count":n}.
        if ($null -ne $result) { $result = $result.PSObject.BaseObject }
        $entry.data = $result
    } catch {
        $message = [string]$_.Exception.Message
        if ($message.StartsWith($script:SkipPrefix)) {
            $entry.status = 'skipped'
            $entry.error = $message.Substring($script:SkipPrefix.Length)
        } else {
            $entry.status = 'failed'
            $entry.error = $message
            $entry.errorId = [string]$_.FullyQualifiedErrorId
        }
    }
    $watch.Stop()
    $entry.durationMs = [int]$watch.ElapsedMilliseconds
    $script:Sections[$Name] = $entry
}

function Skip-Section([string]$Reason) {
    throw ($script:SkipPrefix + $Reason)
}

# Enum value as its number, or $null when the value is not an enum (PowerShell 7 on Server 2016
# gets Hyper-V objects through WinCompat remoting, where enums arrive as plain strings).
function Get-EnumNumber($Value) {
    if ($null -ne $Value -and $Value -is [System.Enum]) { return [int]$Value }
    return $null
}

function Get-TextOrNull($Value) {
    if ($null -eq $Value) { return $null }
    return [string]$Value
}

# A plain object[] (or $null when the source value is $null): one element stays an array.
function Get-PlainArray($Value) {
    if ($null -eq $Value) { return $null }
    return , ([object[]]@($Value))
}

function Test-HyperVModule {
    if (-not (Get-Module -ListAvailable -Name Hyper-V)) {
        Skip-Section 'the Hyper-V PowerShell module is not installed (Hyper-V role or its management tools are absent)'
    }
}

$requested = @($VMName | Where-Object { $null -ne $_ -and $_ -ne '' })
if ($VMNameBase64 -ne '') {
    $decoded = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($VMNameBase64))
    # foreach, not the pipeline: 5.1's ConvertFrom-Json emits a JSON array as ONE pipeline item.
    foreach ($name in (ConvertFrom-Json -InputObject $decoded)) { $requested += [string]$name }
}
$startedAt = [DateTime]::UtcNow

Invoke-Section 'elevation' {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object System.Security.Principal.WindowsPrincipal($identity)
    $hyperVAdmins = New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-578')
    [ordered]@{
        IsAdministrator         = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
        IsHyperVAdministrator   = $principal.IsInRole($hyperVAdmins)
    }
}

Invoke-Section 'os' {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $script:ProductType = $os.ProductType
    [ordered]@{
        Caption                          = $os.Caption
        Version                          = $os.Version
        BuildNumber                      = $os.BuildNumber
        ProductType                      = $os.ProductType
        OSArchitecture                   = $os.OSArchitecture
        CSName                           = $os.CSName
        DataExecutionPrevention_Available = $os.DataExecutionPrevention_Available
        TotalVisibleMemorySize           = $os.TotalVisibleMemorySize
    }
}

Invoke-Section 'registry' {
    $cv = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    [ordered]@{
        ProductName      = $cv.ProductName
        EditionID        = $cv.EditionID
        InstallationType = $cv.InstallationType
        CurrentBuild     = $cv.CurrentBuild
        UBR              = $cv.UBR
        DisplayVersion   = $cv.DisplayVersion
        ReleaseId        = $cv.ReleaseId
    }
}

Invoke-Section 'processor' {
    , @(Get-CimInstance -ClassName Win32_Processor | ForEach-Object {
        [ordered]@{
            DeviceID                                = $_.DeviceID
            Manufacturer                            = $_.Manufacturer
            Name                                    = $_.Name
            NumberOfCores                           = $_.NumberOfCores
            NumberOfLogicalProcessors               = $_.NumberOfLogicalProcessors
            VMMonitorModeExtensions                 = $_.VMMonitorModeExtensions
            SecondLevelAddressTranslationExtensions = $_.SecondLevelAddressTranslationExtensions
            VirtualizationFirmwareEnabled           = $_.VirtualizationFirmwareEnabled
        }
    })
}

Invoke-Section 'computer-system' {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem
    [ordered]@{
        Name                = $cs.Name
        Manufacturer        = $cs.Manufacturer
        Model               = $cs.Model
        HypervisorPresent   = $cs.HypervisorPresent
        TotalPhysicalMemory = $cs.TotalPhysicalMemory
        DomainRole          = $cs.DomainRole
    }
}

Invoke-Section 'bios' {
    $bios = Get-CimInstance -ClassName Win32_BIOS
    $enclosure = @(Get-CimInstance -ClassName Win32_SystemEnclosure)
    [ordered]@{
        Manufacturer      = $bios.Manufacturer
        SMBIOSBIOSVersion = $bios.SMBIOSBIOSVersion
        Version           = $bios.Version
        ReleaseDate       = $bios.ReleaseDate
        SMBIOSAssetTag    = if ($enclosure.Count -gt 0) { $enclosure[0].SMBIOSAssetTag } else { $null }
        ChassisTypes      = if ($enclosure.Count -gt 0) { Get-PlainArray $enclosure[0].ChassisTypes } else { $null }
    }
}

Invoke-Section 'guest-parameters' {
    # Hyper-V data exchange (KVP): present only inside a Hyper-V guest with the service on.
    $path = 'HKLM:\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters'
    if (-not (Test-Path -LiteralPath $path)) { Skip-Section 'not a Hyper-V guest with data exchange (no Guest\Parameters key)' }
    $kvp = Get-ItemProperty -LiteralPath $path
    [ordered]@{
        HostName           = $kvp.HostName
        PhysicalHostName   = $kvp.PhysicalHostName
        VirtualMachineName = $kvp.VirtualMachineName
        VirtualMachineId   = $kvp.VirtualMachineId
    }
}

Invoke-Section 'device-guard' {
    $dg = Get-CimInstance -Namespace 'root\Microsoft\Windows\DeviceGuard' -ClassName Win32_DeviceGuard
    [ordered]@{
        VirtualizationBasedSecurityStatus   = $dg.VirtualizationBasedSecurityStatus
        SecurityServicesConfigured          = Get-PlainArray $dg.SecurityServicesConfigured
        SecurityServicesRunning             = Get-PlainArray $dg.SecurityServicesRunning
        AvailableSecurityProperties         = Get-PlainArray $dg.AvailableSecurityProperties
        CodeIntegrityPolicyEnforcementStatus = $dg.CodeIntegrityPolicyEnforcementStatus
    }
}

Invoke-Section 'firmware' {
    $secureBoot = $null
    $secureBootError = $null
    try { $secureBoot = Confirm-SecureBootUEFI } catch { $secureBootError = [string]$_.Exception.Message }
    $tpm = $null
    $tpmError = $null
    try {
        $tpm = Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftTpm' -ClassName Win32_Tpm
    } catch { $tpmError = [string]$_.Exception.Message }
    [ordered]@{
        FirmwareType      = $env:firmware_type
        SecureBoot        = $secureBoot
        SecureBootError   = $secureBootError
        TpmQueried        = ($null -eq $tpmError)
        TpmPresent        = if ($null -eq $tpmError) { $null -ne $tpm } else { $null }
        TpmManufacturer   = if ($null -ne $tpm) { $tpm.ManufacturerIdTxt } else { $null }
        TpmError          = $tpmError
    }
}

Invoke-Section 'hyperv-feature' {
    # Get-WindowsFeature (ServerManager) only works on servers, though RSAT can install it on a client.
    if ($script:ProductType -ne 1 -and (Get-Command -Name Get-WindowsFeature -ErrorAction SilentlyContinue)) {
        $feature = Get-WindowsFeature -Name Hyper-V
        [ordered]@{
            Source       = 'Get-WindowsFeature'
            Present      = ($null -ne $feature)
            Installed    = if ($null -ne $feature) { [bool]$feature.Installed } else { $null }
            State        = if ($null -ne $feature) { Get-TextOrNull $feature.InstallState } else { $null }
        }
    } else {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V
        [ordered]@{
            Source       = 'Get-WindowsOptionalFeature'
            Present      = ($null -ne $feature)
            Installed    = $null
            State        = if ($null -ne $feature) { Get-TextOrNull $feature.State } else { $null }
        }
    }
}

Invoke-Section 'hyperv-service' {
    $service = Get-Service -Name vmms -ErrorAction SilentlyContinue
    [ordered]@{
        Exists = ($null -ne $service)
        Status = if ($null -ne $service) { Get-TextOrNull $service.Status } else { $null }
    }
}

Invoke-Section 'bcdedit' {
    $ErrorActionPreference = 'Continue'
    # A 32-bit PowerShell on 64-bit Windows sees SysWOW64 as System32, which has no bcdedit.
    $system = if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) { 'Sysnative' } else { 'System32' }
    $exe = Join-Path (Join-Path $env:SystemRoot $system) 'bcdedit.exe'
    $lines = @(& $exe /enum '{current}' 2>&1 | ForEach-Object { [string]$_ })
    $code = $LASTEXITCODE
    if ($code -ne 0) { throw ('bcdedit exited with code ' + $code + ': ' + (($lines | Where-Object { $_ -ne '' }) -join ' ')) }
    [ordered]@{ ExitCode = $code; Lines = $lines }
}

Invoke-Section 'hyperv-host' {
    Test-HyperVModule
    , @(Get-VMHostSupportedVersion | ForEach-Object {
        [ordered]@{ Name = $_.Name; IsDefault = $_.IsDefault; Version = $_.Version }
    })
}

Invoke-Section 'switches' {
    Test-HyperVModule
    , @(Get-VMSwitch | ForEach-Object {
        [ordered]@{
            Name            = $_.Name
            Id              = Get-TextOrNull $_.Id
            SwitchType      = Get-TextOrNull $_.SwitchType
            SwitchTypeValue = Get-EnumNumber $_.SwitchType
        }
    })
}

Invoke-Section 'net-nat' {
    if (-not (Get-Command -Name Get-NetNat -ErrorAction SilentlyContinue)) { Skip-Section 'Get-NetNat is not available (NetNat module absent)' }
    , @(Get-NetNat | ForEach-Object {
        [ordered]@{
            Name                             = $_.Name
            InternalIPInterfaceAddressPrefix = $_.InternalIPInterfaceAddressPrefix
            Active                           = $_.Active
        }
    })
}

Invoke-Section 'vms' {
    Test-HyperVModule
    $all = @(Get-VM)
    $selected = @()
    if ($requested.Count -eq 0) {
        $selected = $all
    } else {
        foreach ($name in $requested) {
            $found = @($all | Where-Object { $_.Name -eq $name })
            if ($found.Count -eq 0) { $selected += , ([ordered]@{ RequestedName = $name; Missing = $true }) } else { $selected += $found }
        }
    }
    , @(foreach ($vm in $selected) {
        if ($vm -is [System.Collections.IDictionary]) { $vm; continue }
        $native = ($vm.PSObject.TypeNames -contains 'Microsoft.HyperV.PowerShell.VirtualMachine')
        $entry = [ordered]@{
            Name                 = $vm.Name
            Id                   = Get-TextOrNull $vm.Id
            State                = Get-TextOrNull $vm.State
            StateValue           = Get-EnumNumber $vm.State
            Version              = Get-TextOrNull $vm.Version
            Generation           = $vm.Generation
            ProcessorCount       = $vm.ProcessorCount
            MemoryStartup        = $vm.MemoryStartup
            DynamicMemoryEnabled = $vm.DynamicMemoryEnabled
            CreationTime         = $vm.CreationTime
            Processor            = $null
            Memory               = $null
            NetworkAdapters      = $null
            Errors               = @()
        }
        # By object where we can (exact even for duplicate or wildcard-like names); by escaped
        # name and id when the objects are deserialized (PowerShell 7 through WinCompat).
        $byName = [System.Management.Automation.WildcardPattern]::Escape([string]$vm.Name)
        $vmId = [string]$vm.Id
        try {
            $cpu = if ($native) { Get-VMProcessor -VM $vm } else { Get-VMProcessor -VMName $byName | Where-Object { [string]$_.VMId -eq $vmId } | Select-Object -First 1 }
            if ($null -eq $cpu) { throw 'no processor settings returned' }
            $entry.Processor = [ordered]@{ Count = $cpu.Count; ExposeVirtualizationExtensions = $cpu.ExposeVirtualizationExtensions }
        } catch { $entry.Errors += ('Get-VMProcessor: ' + $_.Exception.Message) }
        try {
            $memory = if ($native) { Get-VMMemory -VM $vm } else { Get-VMMemory -VMName $byName | Where-Object { [string]$_.VMId -eq $vmId } | Select-Object -First 1 }
            if ($null -eq $memory) { throw 'no memory settings returned' }
            $entry.Memory = [ordered]@{ Startup = $memory.Startup; DynamicMemoryEnabled = $memory.DynamicMemoryEnabled; Minimum = $memory.Minimum; Maximum = $memory.Maximum }
        } catch { $entry.Errors += ('Get-VMMemory: ' + $_.Exception.Message) }
        try {
            $adapters = if ($native) { @(Get-VMNetworkAdapter -VM $vm) } else { @(Get-VMNetworkAdapter -VMName $byName | Where-Object { [string]$_.VMId -eq $vmId }) }
            $entry.NetworkAdapters = @($adapters | ForEach-Object {
                [ordered]@{
                    Name                    = $_.Name
                    SwitchName              = $_.SwitchName
                    SwitchId                = Get-TextOrNull $_.SwitchId
                    MacAddressSpoofing      = Get-TextOrNull $_.MacAddressSpoofing
                    MacAddressSpoofingValue = Get-EnumNumber $_.MacAddressSpoofing
                }
            })
        } catch { $entry.Errors += ('Get-VMNetworkAdapter: ' + $_.Exception.Message) }
        $entry
    })
}

$document = [ordered]@{
    nestreadyRaw  = $script:RawFormat
    scriptVersion = $script:ScriptVersion
    psVersion     = [string]$PSVersionTable.PSVersion
    psEdition     = [string]$PSVersionTable.PSEdition
    computerName  = $env:COMPUTERNAME
    startedAt     = $startedAt
    parameters    = [ordered]@{ VMName = [object[]]$requested }
    sections      = $script:Sections
}

if ($Pretty) {
    ConvertTo-Json -InputObject $document -Depth 6
} else {
    ConvertTo-Json -InputObject $document -Depth 6 -Compress
}

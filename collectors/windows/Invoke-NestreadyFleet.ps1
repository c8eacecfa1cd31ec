<#
.SYNOPSIS
    nestready for Windows fleets: runs nestready-collect.ps1 on many hosts over PowerShell remoting
    (WinRM) in parallel and writes ONE NDJSON line per requested host, for `nestready evaluate`.
    It only reads on the targets; it changes nothing there and copies nothing to them.

.DESCRIPTION
    The collector (nestready-collect.ps1, next to this script) is sent to every host with
    Invoke-Command -FilePath: its text travels inside the WinRM session, so nothing is copied to the
    targets, no share is needed (no second hop) and the targets' execution policy does not apply.
    Names and -VMName values are passed as data (-ComputerName, -ArgumentList), never pasted into
    a command string.

    Every requested host yields exactly one line, in the order requested (names are de-duplicated
    case-insensitively; the first spelling wins):
      - the collector's raw JSON for that host (nestready raw format 1), on one line, or
      - for a host that could not be collected (unreachable, access denied, timed out, no output or
        output that is not nestready raw JSON) a raw-format line that says so:
        {"nestreadyRaw":1,"computerName":"HV07","remoting":{"status":"failed","error":"...","errorId":"..."},"sections":{}}
    `nestready evaluate fleet.ndjson` reports such a host as INCOMPLETE with the error. The format is
    in RAW-FORMAT.md next to this script.

    Output is UTF-8 without a BOM with -OutputPath (recommended). Without it the lines go to the
    pipeline; `> fleet.ndjson` in Windows PowerShell 5.1 then writes UTF-16LE, which nestready reads too.
    Messages (a warning per failed host, a summary) are shown only with -OutputPath, so that stdout
    carries nothing but the NDJSON lines.

.PARAMETER ComputerName
    Hosts to collect from (names, FQDNs or addresses, as Invoke-Command -ComputerName takes them).

.PARAMETER ComputerListPath
    A text file with one host per line; blank lines and everything after a '#' are ignored.
    Can be combined with -ComputerName (those come first).

.PARAMETER Credential
    The account to connect with (Get-Credential). Default: the current user (Kerberos in a domain).
    It should be in Administrators on each target (the remote session is then elevated). Members of
    "Remote Management Users" can connect too, but without Administrators or "Hyper-V Administrators"
    the Hyper-V facts come back unknown.

.PARAMETER ThrottleLimit
    How many hosts are collected at the same time (Invoke-Command -ThrottleLimit). Default 32.

.PARAMETER OutputPath
    Write the NDJSON bundle to this file (UTF-8 without BOM, LF line ends) instead of to the pipeline.

.PARAMETER VMName
    Only these VMs on every host (exact names), passed to the collector's -VMName.

.PARAMETER TimeoutSeconds
    A host whose collection runs longer than this is stopped and reported as failed (errorId
    NestreadyTimeout). Counted from when its job starts running (the job's PSBeginTime), not while it
    waits for a throttle slot; the whole run is bounded by one timeout per throttle wave, plus one.
    Default 300; 0 = no limit. Enforced by this script: WinRM's OperationTimeout does not limit how
    long a remote command runs, and -OpenTimeout (set from this, at most 180 s) only the connection.

.PARAMETER UseSSL
    Connect over HTTPS (WinRM port 5986), e.g. to hosts outside a domain.

.EXAMPLE
    .\Invoke-NestreadyFleet.ps1 -ComputerName HV01, HV02, HV03 -OutputPath fleet.ndjson

.EXAMPLE
    .\Invoke-NestreadyFleet.ps1 -ComputerListPath hosts.txt -Credential (Get-Credential) -ThrottleLimit 64 -OutputPath fleet.ndjson
    npx nestready evaluate fleet.ndjson --format html --output fleet.html
#>
[CmdletBinding()]
param(
    [string[]]$ComputerName = @(),
    [string]$ComputerListPath = '',
    [System.Management.Automation.PSCredential]
    [System.Management.Automation.Credential()]
    $Credential = [System.Management.Automation.PSCredential]::Empty,
    [ValidateRange(1, 1000)]
    [int]$ThrottleLimit = 32,
    [string]$OutputPath = '',
    [string[]]$VMName = @(),
    [ValidateRange(0, 86400)]
    [int]$TimeoutSeconds = 300,
    [switch]$UseSSL
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Off

$script:RawFormat = 1
$script:FleetScriptVersion = '1.0.0'
$script:RunStartedAt = [DateTime]::UtcNow
# Job states Wait-Job treats as final; a Disconnected remote job never delivers the collector's output.
$script:Finished = @('Completed', 'Failed', 'Stopped', 'Suspended', 'Disconnected')

# ------------------------------------------------------------------ helpers

# The requested hosts, trimmed, without blanks, comments and case-insensitive duplicates, in order.
function Get-RequestedComputer {
    param([string[]]$Names, [string]$ListPath)
    $all = New-Object 'System.Collections.Generic.List[string]'
    foreach ($name in $Names) { $all.Add([string]$name) }
    if ($ListPath -ne '') {
        foreach ($line in @(Get-Content -LiteralPath $ListPath)) { $all.Add(([string]$line -split '#', 2)[0]) }
    }
    $seen = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    $result = New-Object 'System.Collections.Generic.List[string]'
    foreach ($entry in $all) {
        $trimmed = $entry.Trim()
        if ($trimmed -eq '') { continue }
        if ($seen.Add($trimmed)) { $result.Add($trimmed) }
    }
    return , $result.ToArray()
}

function Get-ErrorText($Record) {
    if ($null -eq $Record) { return $null }
    if ($Record -is [System.Management.Automation.ErrorRecord]) {
        if ($null -ne $Record.Exception -and -not [string]::IsNullOrEmpty($Record.Exception.Message)) { return [string]$Record.Exception.Message }
        if ($null -ne $Record.ErrorDetails -and -not [string]::IsNullOrEmpty($Record.ErrorDetails.Message)) { return [string]$Record.ErrorDetails.Message }
        return [string]$Record
    }
    if ($Record -is [System.Exception]) { return [string]$Record.Message }
    return [string]$Record
}

function Get-ErrorId($Record) {
    if ($null -eq $Record) { return $null }
    if ($Record -is [System.Management.Automation.ErrorRecord]) { return [string]$Record.FullyQualifiedErrorId }
    if ($Record -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $Record.ErrorRecord) { return [string]$Record.ErrorRecord.FullyQualifiedErrorId }
    if ($Record -is [System.Exception]) { return $Record.GetType().Name }
    return $null
}

# The error that explains a host's failure: a remoting transport error first (connect, logon, WinRM).
function Select-RemotingError {
    param([object[]]$Records)
    $candidates = @($Records | Where-Object { $null -ne $_ })
    if ($candidates.Count -eq 0) { return $null }
    foreach ($record in $candidates) {
        $id = [string](Get-ErrorId $record)
        $exception = if ($record -is [System.Management.Automation.ErrorRecord]) { $record.Exception } else { $record }
        if ($id -match 'PSSessionStateBroken|PSSessionOpenFailed' -or $exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]) { return $record }
    }
    return $candidates[0]
}

# An error that Invoke-Command reported for this host before any job ran (e.g. an invalid name).
function Find-ErrorForComputer {
    param([object[]]$Records, [string]$Name)
    foreach ($record in @($Records | Where-Object { $null -ne $_ })) {
        if ($record -isnot [System.Management.Automation.ErrorRecord]) { continue }
        $target = $record.TargetObject
        if ($target -is [string] -and [string]::Equals($target, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $record }
        if ([string]::Equals([string]$record.CategoryInfo.TargetName, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $record }
    }
    return $null
}

function Get-Excerpt([string]$Text) {
    $flat = ($Text -replace '\s+', ' ').Trim()
    if ($flat.Length -gt 200) { return $flat.Substring(0, 200) + '...' }
    return $flat
}

# A raw-format line for a host that could not be collected (RAW-FORMAT.md, "Remoting failures").
function Format-FailureLine {
    param([string]$Computer, [string]$Message, [string]$ErrorId)
    if ([string]::IsNullOrEmpty($Message)) { $Message = 'PowerShell remoting failed without a message' }
    $document = [ordered]@{
        nestreadyRaw  = $script:RawFormat
        scriptVersion = $script:FleetScriptVersion
        computerName  = $Computer
        startedAt     = $script:RunStartedAt
        remoting      = [ordered]@{
            status  = 'failed'
            error   = $Message
            errorId = if ([string]::IsNullOrEmpty($ErrorId)) { $null } else { $ErrorId }
        }
        sections      = [ordered]@{}
    }
    return (ConvertTo-Json -InputObject $document -Depth 4 -Compress)
}

# The collector's raw JSON from one host's output, on one line; or why there is none.
function Get-CollectorLine {
    param([object[]]$Output)
    $texts = @(foreach ($item in $Output) { if ($null -ne $item) { [string]$item } })
    if ($texts.Count -eq 0 -or ($texts -join '').Trim() -eq '') {
        return @{ Line = $null; Error = 'the collector returned nothing on this host'; ErrorId = 'NestreadyNoOutput' }
    }
    $raw = @($texts | Where-Object { $_.Contains('"nestreadyRaw"') })
    if ($raw.Count -eq 0) {
        return @{ Line = $null; Error = ('the collector returned no nestready raw JSON on this host; it printed: ' + (Get-Excerpt ($texts -join ' '))); ErrorId = 'NestreadyInvalidOutput' }
    }
    # Line breaks in JSON can only stand between tokens, so joining the trimmed lines keeps the document.
    $line = (@($raw[$raw.Count - 1] -split "`r?`n") | ForEach-Object { $_.Trim() }) -join ''
    try {
        $parsed = ConvertFrom-Json -InputObject $line
    } catch {
        return @{ Line = $null; Error = ('the collector output on this host is not valid JSON: ' + $_.Exception.Message); ErrorId = 'NestreadyInvalidOutput' }
    }
    if ($null -eq $parsed -or $null -eq $parsed.PSObject.Properties['nestreadyRaw']) {
        return @{ Line = $null; Error = 'the collector output on this host is JSON without the nestreadyRaw marker'; ErrorId = 'NestreadyInvalidOutput' }
    }
    return @{ Line = $line; Error = $null; ErrorId = $null }
}

# ------------------------------------------------------------------ run

$collector = Join-Path $PSScriptRoot 'nestready-collect.ps1'
if (-not (Test-Path -LiteralPath $collector -PathType Leaf)) {
    throw ('nestready-collect.ps1 was not found next to this script (' + $collector + '); keep both files in one folder')
}
$requested = Get-RequestedComputer -Names $ComputerName -ListPath $ComputerListPath
if ($requested.Count -eq 0) { throw 'no hosts to collect from: give -ComputerName and/or -ComputerListPath' }

# Why a host was not collected ({Message, ErrorId}), by requested name.
$failed = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::OrdinalIgnoreCase)

# Invoke-Command refuses the whole call when one name is not a valid host name (its own test:
# Uri.CheckHostName must say Dns, IPv4 or IPv6): sort those out first, each with its own line.
$validNameTypes = @([System.UriHostNameType]::Dns, [System.UriHostNameType]::IPv4, [System.UriHostNameType]::IPv6)
$targets = @(foreach ($name in $requested) {
    if ($name -ne '.' -and $validNameTypes -notcontains [System.Uri]::CheckHostName($name)) {
        $failed[$name] = @{ Message = 'not a valid computer name (Invoke-Command -ComputerName takes a host name, an FQDN or an IP address)'; ErrorId = 'NestreadyInvalidComputerName' }
    } else {
        $name
    }
})

$optional = @{}
if ($Credential -ne [System.Management.Automation.PSCredential]::Empty) { $optional['Credential'] = $Credential }
if ($UseSSL) { $optional['UseSSL'] = $true }
if ($TimeoutSeconds -gt 0) {
    # Only the connection phase: OperationTimeout would not stop a running command (see -TimeoutSeconds).
    $optional['SessionOption'] = New-PSSessionOption -OpenTimeout ([Math]::Min($TimeoutSeconds, 180) * 1000)
}
$requestedVms = @($VMName | Where-Object { $null -ne $_ -and $_ -ne '' })
if ($requestedVms.Count -gt 0) { $optional['ArgumentList'] = @(, [string[]]$requestedVms) }

$job = $null
$invokeErrors = $null
$collected = New-Object 'System.Collections.Generic.Dictionary[string,string]' ([System.StringComparer]::OrdinalIgnoreCase)
$previousEncoding = $null
try {
    $children = @()
    if ($targets.Count -gt 0) {
        try {
            $job = Invoke-Command -ComputerName $targets -FilePath $collector -ThrottleLimit $ThrottleLimit -AsJob -ErrorAction SilentlyContinue -ErrorVariable invokeErrors -WarningAction SilentlyContinue @optional
        } catch {
            $job = $null
            $invokeErrors = @($_)
        }
        if ($null -ne $job) { $children = @($job.ChildJobs) }
    }

    # Wait; stop a host's job once it has run longer than -TimeoutSeconds. The run as a whole is
    # bounded too (one timeout per throttle wave, plus one), in case a job never leaves NotStarted.
    $timedOut = @{}
    if ($children.Count -gt 0) {
        $waves = [Math]::Ceiling($children.Count / [double]$ThrottleLimit) + 1
        $runStartedLocal = [DateTime]::Now
        $runDeadline = $runStartedLocal.AddSeconds($TimeoutSeconds * $waves)
        while ($true) {
            $pending = @(for ($i = 0; $i -lt $children.Count; $i++) { if ($script:Finished -notcontains [string]$children[$i].State) { $i } })
            if ($pending.Count -eq 0) { break }
            if ($TimeoutSeconds -gt 0) {
                $now = [DateTime]::Now
                foreach ($i in $pending) {
                    $child = $children[$i]
                    $began = $child.PSBeginTime
                    if ($null -eq $began) { $began = $runStartedLocal }
                    $overdue = ([string]$child.State -ne 'NotStarted' -and ($now - $began).TotalSeconds -ge $TimeoutSeconds) -or $now -ge $runDeadline
                    if ($overdue -and -not $timedOut.ContainsKey($i)) {
                        $timedOut[$i] = $true
                        try { $child.StopJob() } catch { }
                    }
                }
                if ($now -ge $runDeadline.AddSeconds(60)) {
                    # Jobs that ignore StopJob: give up on the whole job rather than wait forever.
                    foreach ($i in $pending) { $timedOut[$i] = $true }
                    Stop-Job -Job $job -ErrorAction SilentlyContinue
                    break
                }
            }
            $null = Wait-Job -Job $job -Timeout 1 -ErrorAction SilentlyContinue
            Start-Sleep -Milliseconds 100
        }
    }

    # Which child job belongs to which host: by its Location (the name as given), else by position.
    $targetSet = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($name in $targets) { $null = $targetSet.Add($name) }
    $childByName = New-Object 'System.Collections.Generic.Dictionary[string,int]' ([System.StringComparer]::OrdinalIgnoreCase)
    for ($i = 0; $i -lt $children.Count; $i++) {
        $location = [string]$children[$i].Location
        if ($targetSet.Contains($location) -and -not $childByName.ContainsKey($location)) { $childByName[$location] = $i }
    }

    for ($t = 0; $t -lt $targets.Count; $t++) {
        $name = $targets[$t]
        try {
            $index = -1
            if ($childByName.ContainsKey($name)) { $index = $childByName[$name] }
            elseif ($children.Count -eq $targets.Count -and -not $targetSet.Contains([string]$children[$t].Location)) { $index = $t }

            if ($index -lt 0) {
                $record = Find-ErrorForComputer -Records @($invokeErrors) -Name $name
                if ($null -eq $record) { $record = Select-RemotingError -Records @($invokeErrors) }
                if ($null -ne $record) { $failed[$name] = @{ Message = (Get-ErrorText $record); ErrorId = (Get-ErrorId $record) } }
                else { $failed[$name] = @{ Message = 'Invoke-Command started no remoting job for this host'; ErrorId = 'NestreadyNoJob' } }
            } else {
                $child = $children[$index]
                $childErrors = $null
                $output = @()
                try {
                    $output = @(Receive-Job -Job $child -ErrorAction SilentlyContinue -ErrorVariable childErrors -WarningAction SilentlyContinue)
                } catch {
                    $childErrors = @($_)
                }
                # A host that finished just as it was stopped still counts as collected.
                $result = Get-CollectorLine -Output $output
                if ($null -ne $result.Line) {
                    $collected[$name] = $result.Line
                } elseif ($timedOut.ContainsKey($index)) {
                    $failed[$name] = @{ Message = ('the collector did not finish within {0} s on this host and was stopped; try again with a longer -TimeoutSeconds' -f $TimeoutSeconds); ErrorId = 'NestreadyTimeout' }
                } else {
                    $record = Select-RemotingError -Records (@($childErrors) + @($child.JobStateInfo.Reason))
                    if ($null -ne $record) { $failed[$name] = @{ Message = (Get-ErrorText $record); ErrorId = (Get-ErrorId $record) } }
                    elseif ([string]$child.State -eq 'Disconnected') { $failed[$name] = @{ Message = 'the remoting session to this host was disconnected before the collector finished'; ErrorId = 'NestreadyDisconnected' } }
                    else { $failed[$name] = @{ Message = $result.Error; ErrorId = $result.ErrorId } }
                }
            }
        } catch {
            $failed[$name] = @{ Message = ('nestready fleet script error: ' + $_.Exception.Message); ErrorId = 'NestreadyFleetScriptError' }
        }
    }

    # Every requested host, in the order requested: its collector output or its failure line.
    $lines = @(foreach ($name in $requested) {
        if ($collected.ContainsKey($name)) { $collected[$name] }
        else {
            $failure = if ($failed.ContainsKey($name)) { $failed[$name] } else { @{ Message = 'no result for this host'; ErrorId = 'NestreadyNoResult' } }
            Format-FailureLine -Computer $name -Message $failure.Message -ErrorId $failure.ErrorId
        }
    })

    if ($OutputPath -ne '') {
        $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
        $writer = New-Object System.IO.StreamWriter($full, $false, (New-Object System.Text.UTF8Encoding($false)))
        try {
            foreach ($line in $lines) { $writer.Write($line); $writer.Write("`n") }
        } finally {
            $writer.Dispose()
        }
        foreach ($name in $requested) {
            if (-not $collected.ContainsKey($name) -and $failed.ContainsKey($name)) { Write-Warning ('{0}: not collected: {1}' -f $name, $failed[$name].Message) }
        }
        Write-Host ('nestready fleet: {0} hosts, {1} collected, {2} not collected -> {3}' -f $requested.Count, $collected.Count, ($requested.Count - $collected.Count), $full)
    } else {
        # UTF-8 on a redirected stdout (powershell -File ... > fleet.ndjson from cmd), restored afterwards.
        try {
            $previousEncoding = [Console]::OutputEncoding
            [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)
        } catch {
            $previousEncoding = $null
        }
        foreach ($line in $lines) { Write-Output $line }
    }
} finally {
    if ($null -ne $previousEncoding) { try { [Console]::OutputEncoding = $previousEncoding } catch { } }
    if ($null -ne $job) {
        Stop-Job -Job $job -ErrorAction SilentlyContinue
        Remove-Job -Job $job -Force -ErrorAction SilentlyContinue
    }
}

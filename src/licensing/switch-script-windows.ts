// The Windows (PowerShell 5.1+) switch script. Its decisions are the plan of switch-script-windows-plan.ts, embedded
// as JSON; values reach the script only through that JSON or psQuote, after validation.
// Written for how it is deployed: as SYSTEM (Intune, SCCM), possibly from 32-bit PowerShell (relaunched in 64-bit),
// every step tried on its own so the report always goes out, no Win32_Product (slow, and it re-checks every MSI).
import { psQuote } from './script-quote.ts';
import type { ValidScriptInput } from './switch-script-types.ts';
import { windowsPlan, type WindowsMode, type WindowsPlan } from './switch-script-windows-plan.ts';

const HEADER = String.raw`# numbot: switch Autodesk products on this device to named-user licensing (step 3b).
# Run as SYSTEM or as administrator: Intune (platform script or remediation), SCCM, or an elevated PowerShell.
# Exit codes (for Intune, SCCM or any deployment tool):
#   0  every product asked for that is installed here now uses named-user licensing, or none is installed
#      ("not applicable" in the report)
#   1  something asked for still uses network licensing, a switch failed, or the report could not be sent
#   2  nothing was tried: the licensing helper is missing, or not run as administrator / SYSTEM
#   3  only 2019-or-older releases are left: they are switched by hand (see the log)
# Safe to run again: a product already on named-user licensing is left alone and nobody is signed out.
#Requires -Version 5.1

# 32-bit PowerShell (Intune's default) sees a redirected HKLM\SOFTWARE: run again as 64-bit PowerShell.
if (($env:PROCESSOR_ARCHITEW6432 -eq 'AMD64') -and (-not [Environment]::Is64BitProcess) -and $PSCommandPath) {
  $ps64 = Join-Path $env:SystemRoot 'sysnative\WindowsPowerShell\v1.0\powershell.exe'
  if (Test-Path -LiteralPath $ps64) {
    & $ps64 -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $PSCommandPath
    exit $LASTEXITCODE
  }
}

# Each step is tried on its own: an error is logged and counted, the run goes on, and the report always goes out.
$ErrorActionPreference = 'Continue'
function Write-Log([string]$Message) { Write-Output ('[numbot] ' + $Message) }
`;

const STATE = String.raw`$Switched = 0
$Failed = 0
$Remaining = 0
$Manual = 0
$ReportFailed = $false
$LoginCleared = $false
$After = @()
$Targets = New-Object System.Collections.ArrayList
$ManualNames = New-Object System.Collections.ArrayList
`;

const NO_REPORT = String.raw`function Send-Report([string]$Status) { }
`;

const REPORT = String.raw`# The person at the screen, also when the script runs as SYSTEM: the console session's account, as the
# user principal name when Windows knows it (Entra ID identity cache, then Active Directory).
function Get-ConsoleUser {
  $account = $null
  try { $account = [string](Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop).UserName } catch { }
  if (-not $account) { return [string]$env:USERNAME }
  try {
    $sid = (New-Object System.Security.Principal.NTAccount($account)).Translate([System.Security.Principal.SecurityIdentifier]).Value
    $cache = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\IdentityStore\Cache\' + $sid + '\IdentityCache\' + $sid
    $upn = [string](Get-ItemProperty -LiteralPath $cache -Name UserName -ErrorAction Stop).UserName
    if ($upn -match '@') { return $upn }
  } catch { }
  try {
    $sam = $account.Split('\')[-1]
    $escaped = -join ($sam.ToCharArray() | ForEach-Object { if ('()*\'.Contains([string]$_)) { '\{0:x2}' -f [int]$_ } else { [string]$_ } })
    $found = ([adsisearcher]('(&(objectCategory=user)(sAMAccountName=' + $escaped + '))')).FindOne()
    if ($found -and $found.Properties.userprincipalname) { return [string]$found.Properties.userprincipalname[0] }
  } catch { }
  return $account
}
function Send-Report([string]$Status) {
  try {
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $body = @{ hostname = $env:COMPUTERNAME; user = (Get-ConsoleUser); status = $Status; manual = @($ManualNames); products = @($After) } | ConvertTo-Json -Depth 8 -Compress
    Invoke-RestMethod -Method Post -Uri $ReportUrl -Headers @{ Authorization = ('Bearer ' + $DeviceToken) } -ContentType 'application/json; charset=utf-8' -Body ([Text.Encoding]::UTF8.GetBytes($body)) -UseBasicParsing | Out-Null
    Write-Log 'reported the result to the migration bot'
  } catch {
    Write-Log ('could not report the result: ' + $_.Exception.Message)
    $script:ReportFailed = $true
  }
}
`;

const BODY = String.raw`# Reports, logs the totals and exits with the plan's code for the result.
function Complete-Run([string]$Status) {
  if (-not $Plan.detect) { Send-Report $Status }
  $code = [int]$Plan.exitCodes.$Status
  if (($code -eq 0) -and $script:ReportFailed) { $code = 1 }
  if ($Plan.detect -eq 'sccm') { if ($Status -eq 'network') { Write-Output 'NonCompliant' } else { Write-Output 'Compliant' } }
  Write-Log ('switched: ' + $Switched + ', failed: ' + $Failed + ', still on network: ' + $Remaining + ', switch by hand: ' + $Manual + '; result: ' + $Status + ' (exit ' + $code + ')')
  exit $code
}

$Helper = Join-Path ([Environment]::GetEnvironmentVariable('CommonProgramFiles(x86)')) 'Autodesk Shared\AdskLicensing\Current\helper\AdskLicensingInstHelper.exe'
if (-not (Test-Path -LiteralPath $Helper)) {
  Write-Log ('AdskLicensingInstHelper not found at ' + $Helper + ': install or update Autodesk Licensing first')
  Complete-Run 'no-helper'
}
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Write-Log 'run this script as administrator or SYSTEM: the licensing helper and HKLM need it'
  Complete-Run 'not-root'
}

function Get-AdskProducts {
  $raw = (& $Helper list) | Out-String
  if ($LASTEXITCODE -ne 0) { throw ('AdskLicensingInstHelper list failed with exit code ' + $LASTEXITCODE) }
  if (-not $raw.Trim()) { return }
  foreach ($p in (ConvertFrom-Json -InputObject $raw)) { $p }
}
try { $Installed = @(Get-AdskProducts) } catch { Write-Log $_.Exception.Message; $Failed++; Complete-Run 'network' }
Write-Log ('installed Autodesk products: ' + $Installed.Count)

# People's profiles (not system accounts): for cached sign-ins and each person's registry hive.
function Get-Profiles {
  $list = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
  foreach ($k in @(Get-ChildItem -LiteralPath $list -ErrorAction SilentlyContinue)) {
    $sid = [string]$k.PSChildName
    if (-not @($Plan.profileSidPrefixes | Where-Object { $sid.StartsWith($_) }).Count) { continue }
    $path = [string](Get-ItemProperty -LiteralPath $k.PSPath -Name ProfileImagePath -ErrorAction SilentlyContinue).ProfileImagePath
    if ($path) { [pscustomobject]@{ Sid = $sid; Path = [Environment]::ExpandEnvironmentVariables($path) } }
  }
}
$Profiles = @(Get-Profiles)

# 2019-or-older releases the helper does not list, from the uninstall keys (not WMI: slow, and it re-checks every MSI).
function Get-HandReleases {
  foreach ($root in $Plan.uninstallKeys) {
    $path = 'Registry::HKEY_LOCAL_MACHINE\' + $root
    foreach ($k in @(Get-ChildItem -LiteralPath $path -ErrorAction SilentlyContinue)) {
      $p = Get-ItemProperty -LiteralPath $k.PSPath -ErrorAction SilentlyContinue
      if ((-not $p) -or (-not $p.DisplayName) -or ([string]$p.Publisher -notlike 'Autodesk*')) { continue }
      $compact = (([string]$p.DisplayName).ToLowerInvariant() -replace '[^a-z0-9]', '') -replace '^autodesk', ''
      if (@($Plan.handIgnore | Where-Object { $compact.Contains($_) }).Count) { continue }
      if (($compact -match '^(.*?[a-z])((19|20)\d\d)') -and ([int]$Matches[2] -le $Plan.lastHandYear)) {
        [pscustomobject]@{ Shown = [string]$p.DisplayName; Compact = $Matches[1]; Year = [int]$Matches[2] }
      }
    }
  }
}
$HandReleases = @(Get-HandReleases | Sort-Object Shown -Unique)
function Test-ListedYear([int]$Year) {
  return @($Installed | Where-Object { [string]$_.def_prod_ver -ceq ([string]$Year + '.0.0.F') }).Count -gt 0
}
function Add-Hand([string]$Shown) {
  $script:Manual++
  [void]$ManualNames.Add($Shown)
  Write-Log ($Shown + ' is a 2019-or-older release: switch it by hand (start it, Help > About > Manage License > Change license type > Autodesk ID; or reset its licence and choose Sign in at the next start)')
}
function Add-Target([string]$Name, $Entry) {
  $id = [string]$Entry.def_prod_key + ' ' + [string]$Entry.def_prod_ver
  foreach ($t in $Targets) { if ($t.Id -ceq $id) { return } }
  [void]$Targets.Add(@{ Id = $id; Name = $Name; Key = [string]$Entry.def_prod_key; Version = [string]$Entry.def_prod_ver; Method = $Entry.lic_method })
}

if ($Plan.wanted -is [string]) {
  # Every product the helper lists, and the hand releases of years it lists nothing of.
  foreach ($p in $Installed) { Add-Target ([string]$p.feature_id) $p }
  foreach ($h in $HandReleases) { if (-not (Test-ListedYear $h.Year)) { Add-Hand $h.Shown } }
} else {
  # A release by its keys and exact version; a product named without a year by its product code, any release.
  foreach ($w in $Plan.wanted) {
    $found = $false
    foreach ($p in $Installed) {
      $key = [string]$p.def_prod_key
      $sel = [string]$p.sel_prod_key
      $ver = [string]$p.def_prod_ver
      if ($null -ne $w.codes) {
        $hit = (($key.Length -ge 3) -and ($w.codes -ccontains $key.Substring(0, 3))) -or (($sel.Length -ge 3) -and ($w.codes -ccontains $sel.Substring(0, 3)))
        if ($hit) { $found = $true; Add-Target ($w.name + ' ' + $ver.Split('.')[0]) $p }
      } elseif (($ver -ceq $w.version) -and (($w.keys -ccontains $key) -or ($w.keys -ccontains $sel))) {
        $found = $true
        Add-Target $w.name $p
      }
    }
    $wantedYear = 0
    if ($null -ne $w.version) { $wantedYear = [int]$w.version.Substring(0, 4) }
    foreach ($h in $HandReleases) {
      if ($h.Compact -cne $w.compact) { continue }
      if (($wantedYear -ne 0) -and ($h.Year -ne $wantedYear)) { continue }
      if ($found -and (Test-ListedYear $h.Year)) { continue }
      $found = $true
      Add-Hand $h.Shown
    }
    if (-not $found) { Write-Log ($w.name + ' is not installed here') }
  }
}

if ($Plan.detect) {
  # Detection only (Intune remediation, SCCM compliance): nothing is changed and nothing reported.
  $pending = @($Targets | Where-Object { $_.Method -ne 4 })
  foreach ($t in $pending) { Write-Log ($t.Name + ' (' + $t.Key + ' ' + $t.Version + ') still uses network licensing') }
  $Remaining = $pending.Count
  $status = 'named'
  if ($pending.Count -gt 0) { $status = 'network' } elseif ($Manual -gt 0) { $status = 'manual' } elseif ($Targets.Count -eq 0) { $status = 'not-applicable' }
  Complete-Run $status
}

foreach ($t in $Targets) {
  try {
    if (($t.Key -cnotmatch '^[0-9A-Z]{5}$') -or ($t.Version -cnotmatch '^\d{4}\.0\.0\.F$')) { Write-Log ('skipped ' + $t.Name + ': unexpected key or version'); continue }
    if ($t.Method -eq 4) { Write-Log ($t.Name + ' (' + $t.Key + ' ' + $t.Version + ') already uses named-user licensing'); continue }
    if (-not $LoginCleared) {
      # A cached sign-in would keep the old licence type: cleared before the first switch of a run only, so a run
      # that switches nothing signs nobody out. It is rebuilt at the next start.
      $LoginCleared = $true
      foreach ($pr in $Profiles) {
        $f = Join-Path $pr.Path $Plan.loginState
        if (Test-Path -LiteralPath $f) {
          try { Remove-Item -LiteralPath $f -Force -ErrorAction Stop; Write-Log ('deleted ' + $f) } catch { Write-Log ('could not delete ' + $f + ': ' + $_.Exception.Message) }
        }
      }
    }
    if ([int]$t.Version.Substring(0, 4) -le $Plan.lastHandYear) {
      # 2019 and older releases keep their licence state in CLM\LGS.
      $lgs = Join-Path $env:ProgramData ($Plan.clmLgs + '\' + $t.Key + '_' + $t.Version)
      if (Test-Path -LiteralPath $lgs) { Get-ChildItem -LiteralPath $lgs -Force | Remove-Item -Recurse -Force -ErrorAction Stop; Write-Log ('cleared ' + $lgs) }
    }
    & $Helper change -pk $t.Key -pv $t.Version -lm USER
    if ($LASTEXITCODE -eq 0) {
      $Switched++
      Write-Log ('switched ' + $t.Name + ' (' + $t.Key + ' ' + $t.Version + ') to named-user licensing')
      # The per-product pointer to the licence server is a network leftover.
      $licpath = Join-Path $env:ProgramData ($Plan.licensingData + '\' + $t.Key + '_' + $t.Version + '\LICPATH.lic')
      if (Test-Path -LiteralPath $licpath) { Remove-Item -LiteralPath $licpath -Force -ErrorAction Stop; Write-Log ('removed ' + $licpath) }
    } else {
      $Failed++
      Write-Log ('could not switch ' + $t.Name + ' (' + $t.Key + ' ' + $t.Version + '): exit code ' + $LASTEXITCODE)
    }
  } catch {
    $Failed++
    Write-Log ('could not switch ' + $t.Name + ': ' + $_.Exception.Message)
  }
}

# What the helper says now: a target not on named-user licensing (lic_method 4) is still on the network.
$NetworkAfter = -1
try {
  $After = @(Get-AdskProducts)
  $NetworkAfter = @($After | Where-Object { $_.lic_method -eq 1 }).Count
} catch { Write-Log ('could not read the product list after the switch: ' + $_.Exception.Message) }
foreach ($t in $Targets) {
  $now = @($After | Where-Object { ([string]$_.def_prod_key -ceq $t.Key) -and ([string]$_.def_prod_ver -ceq $t.Version) })
  $method = $null
  if ($now.Count -gt 0) { $method = $now[0].lic_method }
  if ($method -ne 4) {
    $Remaining++
    Write-Log ($t.Name + ' (' + $t.Key + ' ' + $t.Version + ') does not use named-user licensing yet (lic_method ' + $method + ')')
  }
}

# ADSKFLEX_LICENSE_FILE points every product at the licence server: removed once none uses the network, from HKLM
# (64-bit view and WOW6432Node), the system environment, and every person's hive (Software\FLEXlm License Manager and
# Environment): the loaded ones under HKEY_USERS, the others loaded from their NTUSER.DAT for the clean-up only.
function Remove-FlexValue([string]$Key) {
  try {
    if (-not (Test-Path -LiteralPath $Key)) { return }
    $item = Get-Item -LiteralPath $Key -ErrorAction Stop
    $has = @($item.GetValueNames()) -contains $Plan.flexValue
    $item.Close()
    if (-not $has) { return }
    Remove-ItemProperty -LiteralPath $Key -Name $Plan.flexValue -ErrorAction Stop
    Write-Log ('removed ' + $Plan.flexValue + ' from ' + $Key)
  } catch {
    $script:Failed++
    Write-Log ('could not clean ' + $Key + ': ' + $_.Exception.Message)
  }
}
if ($NetworkAfter -lt 0) {
  Write-Log ('kept ' + $Plan.flexValue + ': could not read the product list after the switch')
} elseif ($NetworkAfter -gt 0) {
  Write-Log ('kept ' + $Plan.flexValue + ': ' + $NetworkAfter + ' product(s) still use network licensing')
} else {
  foreach ($k in $Plan.machineKeys) { Remove-FlexValue ('Registry::HKEY_LOCAL_MACHINE\' + $k) }
  Remove-FlexValue 'Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  foreach ($pr in $Profiles) {
    $root = 'Registry::HKEY_USERS\' + $pr.Sid
    $mounted = $null
    if (-not (Test-Path -LiteralPath $root)) {
      $hive = Join-Path $pr.Path 'NTUSER.DAT'
      if (-not (Test-Path -LiteralPath $hive)) { continue }
      $mounted = 'numbot_' + ($pr.Sid -replace '[^0-9]', '')
      & reg.exe load ('HKU\' + $mounted) $hive | Out-Null
      if ($LASTEXITCODE -ne 0) { $Failed++; Write-Log ('could not load ' + $hive); continue }
      $root = 'Registry::HKEY_USERS\' + $mounted
    }
    try {
      foreach ($k in $Plan.userKeys) { Remove-FlexValue ($root + '\' + $k) }
    } finally {
      if ($mounted) {
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        & reg.exe unload ('HKU\' + $mounted) | Out-Null
        if ($LASTEXITCODE -ne 0) { Write-Log ('could not unload the hive of ' + $pr.Path + ': it unloads at the next restart') }
      }
    }
  }
}

if (($Failed -gt 0) -or ($Remaining -gt 0)) { Complete-Run 'network' }
elseif ($Manual -gt 0) { Complete-Run 'manual' }
elseif ($Targets.Count -eq 0) { Write-Log 'none of the products asked for is installed here: not applicable'; Complete-Run 'not-applicable' }
else { Complete-Run 'named' }
`;

/** The plan as the script embeds it: one line of JSON in a single-quoted here-string (nothing expands inside). */
export function planBlock(plan: WindowsPlan): string {
  return `$Plan = @'\n${JSON.stringify(plan)}\n'@ | ConvertFrom-Json\n`;
}

const DETECT_HEADER = String.raw`# numbot: is any Autodesk product asked for still on network licensing on this device? Changes nothing.
# Intune remediation detection: exit 1 = still on network (run the remediation), 0 = nothing to do.
# SCCM configuration item discovery: prints Compliant or NonCompliant, exits 0.
`;

/** The PowerShell script for validated input: the switch, or a detection script for a deployment tool. */
export function windowsSwitchScript(input: ValidScriptInput, mode: WindowsMode = 'switch'): string {
  if (mode !== 'switch') {
    const body = [DETECT_HEADER, HEADER.slice(HEADER.indexOf('#Requires')), planBlock(windowsPlan(input, mode))];
    return [...body, STATE, NO_REPORT, BODY].join('\n').replace(/\r?\n/g, '\r\n');
  }
  const report = input.report
    ? `$ReportUrl = ${psQuote(`${input.report.url}/api/devices/report`)}\n$DeviceToken = ${psQuote(input.report.token)}\n${REPORT}`
    : NO_REPORT;
  const text = [HEADER, planBlock(windowsPlan(input)), STATE, report, BODY].join('\n');
  return text.replace(/\r?\n/g, '\r\n');
}

// The Windows (PowerShell 5.1+) switch script. Values reach it only through psQuote, after validation.
import { psQuote } from './script-quote.ts';
import { isFamily, type ValidScriptInput } from './switch-script-types.ts';

function targetsBlock(input: ValidScriptInput): string[] {
  if (input.products === 'all-installed')
    return [
      '# Every product the helper lists.',
      'foreach ($p in $Installed) {',
      '  [void]$Targets.Add(@{ Name = [string]$p.feature_id; Key = [string]$p.def_prod_key; Version = [string]$p.def_prod_ver; Method = $p.lic_method })',
      '}',
    ];
  const wanted = input.products.map((p) => {
    if (isFamily(p)) return `  @{ Name = ${psQuote(p.name)}; Codes = @(${p.codes.map(psQuote).join(', ')}) }`;
    const keys = [p.key, ...(p.alternates ?? [])].map(psQuote).join(', ');
    return `  @{ Name = ${psQuote(p.name)}; Keys = @(${keys}); Version = ${psQuote(p.version)} }`;
  });
  return [
    '# The products asked for, where installed (matched on any of their keys and the exact version).',
    '$Wanted = @(',
    ...wanted.map((w, i) => (i < wanted.length - 1 ? `${w},` : w)),
    ')',
    'foreach ($w in $Wanted) {',
    '  $found = @($Installed | Where-Object { (($w.Keys -ccontains [string]$_.def_prod_key) -or ($w.Keys -ccontains [string]$_.sel_prod_key)) -and ([string]$_.def_prod_ver -ceq $w.Version) })',
    "  if ($found.Count -eq 0) { Write-Log ($w.Name + ' is not installed: skipped'); continue }",
    '  foreach ($p in $found) {',
    '    [void]$Targets.Add(@{ Name = $w.Name; Key = [string]$p.def_prod_key; Version = [string]$p.def_prod_ver; Method = $p.lic_method })',
    '  }',
    '}',
  ];
}

function reportBlock(input: ValidScriptInput): string[] {
  if (!input.report) return [];
  return [
    '',
    '# Tell the migration bot what this device now runs.',
    `$ReportUrl = ${psQuote(`${input.report.url}/api/devices/report`)}`,
    `$DeviceToken = ${psQuote(input.report.token)}`,
    'try {',
    '  [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12',
    '  $body = @{ hostname = $env:COMPUTERNAME; user = $env:USERNAME; products = @($After) } | ConvertTo-Json -Depth 8 -Compress',
    "  Invoke-RestMethod -Method Post -Uri $ReportUrl -Headers @{ Authorization = ('Bearer ' + $DeviceToken) } -ContentType 'application/json; charset=utf-8' -Body ([Text.Encoding]::UTF8.GetBytes($body)) | Out-Null",
    "  Write-Log 'reported the result to the migration bot'",
    '} catch {',
    "  Write-Log ('could not report the result: ' + $_.Exception.Message)",
    '  $Failed++',
    '}',
  ];
}

/** The PowerShell script for validated input. */
export function windowsSwitchScript(input: ValidScriptInput): string {
  const lines = [
    '# numbot: switch Autodesk products on this device to named-user licensing (step 3b).',
    '# Run as administrator (the licensing helper and HKLM need it), e.g. from Intune or SCCM.',
    '#Requires -Version 5.1',
    "$ErrorActionPreference = 'Stop'",
    "function Write-Log([string]$Message) { Write-Output ('[numbot] ' + $Message) }",
    '',
    "$Helper = Join-Path ${env:CommonProgramFiles(x86)} 'Autodesk Shared\\AdskLicensing\\Current\\helper\\AdskLicensingInstHelper.exe'",
    'if (-not (Test-Path -LiteralPath $Helper)) {',
    "  Write-Log ('AdskLicensingInstHelper not found at ' + $Helper + ': install or update Autodesk Licensing first')",
    '  exit 2',
    '}',
    'function Get-AdskProducts {',
    '  $raw = (& $Helper list) | Out-String',
    "  if ($LASTEXITCODE -ne 0) { throw ('AdskLicensingInstHelper list failed with exit code ' + $LASTEXITCODE) }",
    '  if (-not $raw.Trim()) { return }',
    '  $parsed = ConvertFrom-Json -InputObject $raw',
    '  foreach ($p in $parsed) { $p }',
    '}',
    '$Installed = @(Get-AdskProducts)',
    "Write-Log ('installed Autodesk products: ' + $Installed.Count)",
    '$Targets = New-Object System.Collections.ArrayList',
    ...targetsBlock(input),
    '',
    '# A cached sign-in would keep the old licence type; it is rebuilt at the next start.',
    "$LoginStates = @(Join-Path $env:LOCALAPPDATA 'Autodesk\\Web Services\\LoginState.xml')",
    'try {',
    "  $LoginStates += @(Get-CimInstance Win32_UserProfile | Where-Object { -not $_.Special } | ForEach-Object { Join-Path $_.LocalPath 'AppData\\Local\\Autodesk\\Web Services\\LoginState.xml' })",
    "} catch { Write-Log 'could not list user profiles: only the current user is cleaned' }",
    'foreach ($f in ($LoginStates | Select-Object -Unique)) {',
    '  if (Test-Path -LiteralPath $f) {',
    "    try { Remove-Item -LiteralPath $f -Force; Write-Log ('deleted ' + $f) } catch { Write-Log ('could not delete ' + $f + ': ' + $_.Exception.Message) }",
    '  }',
    '}',
    '',
    '$Switched = 0',
    '$Failed = 0',
    'foreach ($t in $Targets) {',
    "  if (($t.Key -cnotmatch '^[0-9A-Z]{5}$') -or ($t.Version -cnotmatch '^\\d{4}\\.0\\.0\\.F$')) { Write-Log ('skipped ' + $t.Name + ': unexpected key or version'); continue }",
    "  if ($t.Method -eq 4) { Write-Log ($t.Name + ' (' + $t.Key + ' ' + $t.Version + ') already uses named-user licensing'); continue }",
    '  if ([int]$t.Version.Substring(0, 4) -le 2019) {',
    '    # 2019 and older releases keep their licence state in CLM\\LGS.',
    "    $lgs = Join-Path $env:ProgramData ('Autodesk\\CLM\\LGS\\' + $t.Key + '_' + $t.Version)",
    '    if (Test-Path -LiteralPath $lgs) {',
    "      try { Get-ChildItem -LiteralPath $lgs -Force | Remove-Item -Recurse -Force; Write-Log ('cleared ' + $lgs) } catch { Write-Log ('could not clear ' + $lgs + ': ' + $_.Exception.Message) }",
    '    }',
    '  }',
    '  & $Helper change -pk $t.Key -pv $t.Version -lm USER',
    "  if ($LASTEXITCODE -eq 0) { $Switched++; Write-Log ('switched ' + $t.Name + ' (' + $t.Key + ' ' + $t.Version + ') to named-user licensing') }",
    "  else { $Failed++; Write-Log ('could not switch ' + $t.Name + ' (' + $t.Key + ' ' + $t.Version + '): exit code ' + $LASTEXITCODE) }",
    '}',
    '',
    '$After = @(Get-AdskProducts)',
    '# ADSKFLEX_LICENSE_FILE points every product at the licence server: remove it once none uses the network.',
    '$StillNetwork = @($After | Where-Object { $_.lic_method -eq 1 })',
    'if ($StillNetwork.Count -gt 0) {',
    "  Write-Log ('kept ADSKFLEX_LICENSE_FILE: ' + $StillNetwork.Count + ' product(s) still use network licensing')",
    '} else {',
    "  foreach ($k in @('HKCU:\\Software\\FLEXlm License Manager', 'HKLM:\\SOFTWARE\\FLEXlm License Manager', 'HKLM:\\SOFTWARE\\Wow6432Node\\FLEXlm License Manager')) {",
    "    if ((Test-Path -LiteralPath $k) -and ($null -ne (Get-ItemProperty -LiteralPath $k -Name 'ADSKFLEX_LICENSE_FILE' -ErrorAction SilentlyContinue))) {",
    "      Remove-ItemProperty -LiteralPath $k -Name 'ADSKFLEX_LICENSE_FILE'",
    "      Write-Log ('removed ADSKFLEX_LICENSE_FILE from ' + $k)",
    '    }',
    '  }',
    "  foreach ($scope in @('Machine', 'User')) {",
    "    if ([Environment]::GetEnvironmentVariable('ADSKFLEX_LICENSE_FILE', $scope)) {",
    "      [Environment]::SetEnvironmentVariable('ADSKFLEX_LICENSE_FILE', $null, $scope)",
    "      Write-Log ('removed the ADSKFLEX_LICENSE_FILE environment variable (' + $scope + ')')",
    '    }',
    '  }',
    '}',
    ...reportBlock(input),
    '',
    "Write-Log ('switched: ' + $Switched + ', failed: ' + $Failed)",
    'if ($Failed -gt 0) { exit 1 }',
    'exit 0',
    '',
  ];
  return lines.join('\r\n');
}

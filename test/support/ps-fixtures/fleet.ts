// Writes fixtures/fleet/windows-remoting/: what collectors/windows/Invoke-NestreadyFleet.ps1 leaves
// for a fleet of Windows hosts, rendered from the same scenario models as fixtures/windows/.
//   npx tsx test/support/ps-fixtures/fleet.ts     (test/collectors/windows-fleet.test.ts checks they are current)
// Over WinRM the collector runs in the targets' default endpoint, Windows PowerShell 5.1, without
// -Pretty: each collected host is the 5.1 one-line JSON, passed through unchanged. Hosts that could not
// be collected get the failure line the fleet script writes with the local ConvertTo-Json (here 5.1
// too), carrying the error text and FullyQualifiedErrorId Invoke-Command reports for them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../../../engine/package-root.js';
import { compact, PsDate, type PsValue } from './render.js';
import { SCENARIOS } from './scenarios.js';

export const FLEET_FIXTURE = join(PACKAGE_ROOT, 'fixtures', 'fleet', 'windows-remoting');
export const FLEET_SCRIPT_VERSION = '1.0.0';
const RUN_STARTED = '2026-03-09T07:30:00.000Z';

export type FleetHost =
  | { kind: 'collected'; scenario: string }
  | { kind: 'failed'; computerName: string; error: string; errorId: string; what: string };

const REMOTE_HELP = ' For more information, see the about_Remote_Troubleshooting Help topic.';

// In the order requested (hosts.txt): the fleet script keeps it.
export const FLEET_HOSTS: FleetHost[] = [
  { kind: 'collected', scenario: 'intel-server2016' },
  { kind: 'collected', scenario: 'intel-server2019-vbs' },
  {
    kind: 'failed',
    computerName: 'HV07',
    what: 'unreachable: switched off, or WinRM / its firewall rule not enabled',
    error: 'Connecting to remote server HV07 failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception for public profiles limits access to remote computers within the same local subnet.' + REMOTE_HELP,
    errorId: 'WinRMOperationTimeout,PSSessionStateBroken',
  },
  { kind: 'collected', scenario: 'amd-server2019' },
  { kind: 'collected', scenario: 'amd-server2022-config-versions' },
  {
    kind: 'failed',
    computerName: 'HV09',
    what: 'access denied: the account is not allowed to use the remoting endpoint there',
    error: 'Connecting to remote server HV09 failed with the following error message : Access is denied.' + REMOTE_HELP,
    errorId: 'AccessDenied,PSSessionStateBroken',
  },
  { kind: 'collected', scenario: 'vm-misconfigurations' },
  { kind: 'collected', scenario: 'hostile-vm-names' },
  {
    kind: 'failed',
    computerName: 'hv11.corp.example',
    what: 'a name Kerberos cannot find in the domain',
    error: 'Connecting to remote server hv11.corp.example failed with the following error message : WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer hv11.corp.example. Verify that the computer exists on the network and that the name provided is spelled correctly.' + REMOTE_HELP,
    errorId: 'NetworkPathNotFound,PSSessionStateBroken',
  },
  { kind: 'collected', scenario: 'non-elevated' },
  { kind: 'collected', scenario: 'no-hyperv-role' },
  {
    kind: 'failed',
    computerName: 'HV12',
    what: 'the collector did not finish within -TimeoutSeconds (e.g. a hung VM management service)',
    error: 'the collector did not finish within 300 s on this host and was stopped; try again with a longer -TimeoutSeconds',
    errorId: 'NestreadyTimeout',
  },
];

// The failure line, key for key as Format-FailureLine in Invoke-NestreadyFleet.ps1 builds it.
export function failureDocument(host: Extract<FleetHost, { kind: 'failed' }>): PsValue {
  return {
    nestreadyRaw: 1,
    scriptVersion: FLEET_SCRIPT_VERSION,
    computerName: host.computerName,
    startedAt: new PsDate(RUN_STARTED),
    remoting: { status: 'failed', error: host.error, errorId: host.errorId },
    sections: {},
  };
}

export function fleetLines(): string[] {
  return FLEET_HOSTS.map((host) => {
    if (host.kind === 'failed') return compact(failureDocument(host), '5.1');
    const scenario = SCENARIOS.find((candidate) => candidate.id === host.scenario);
    if (!scenario) throw new Error(`no scenario ${host.scenario}`);
    return compact(scenario.model('5.1', {}), '5.1');
  });
}

export function fleetFiles(): Map<string, Buffer> {
  const lines = fleetLines();
  const files = new Map<string, Buffer>();
  const meta = {
    title: 'A Windows fleet collected over PowerShell remoting: eight hosts collected, four not (unreachable, access denied, unknown name, timed out)',
    expectedVerdict: 'not-ready',
    notes: 'Invoke-NestreadyFleet.ps1 output: one line per requested host, in the order requested. Collected hosts are the fixtures/windows scenarios as the targets\' Windows PowerShell 5.1 prints them (one line); each is judged as in its own scenario. Hosts that could not be collected are raw-format lines with a "remoting" failure and empty sections: INCOMPLETE, every fact unknown, the WinRM error in the collector run windows.remoting. The fleet verdict is the worst host\'s.',
    captures: {
      'fleet.ndjson': 'Invoke-NestreadyFleet.ps1 -OutputPath fleet.ndjson: UTF-8 without BOM, LF',
      'fleet-ps51-stdout.ndjson': 'Invoke-NestreadyFleet.ps1 > fleet.ndjson in Windows PowerShell 5.1: UTF-16LE with BOM, CRLF',
    },
    hosts: FLEET_HOSTS.map((host, index) =>
      host.kind === 'collected'
        ? { line: index + 1, from: `fixtures/windows/${host.scenario}` }
        : { line: index + 1, computerName: host.computerName, remoting: 'failed', errorId: host.errorId, what: host.what },
    ),
  };
  files.set('scenario.json', Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
  files.set('fleet.ndjson', Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8'));
  const stdout = lines.map((line) => `${line}\r\n`).join('');
  files.set('fleet-ps51-stdout.ndjson', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(stdout, 'utf16le')]));
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(FLEET_FIXTURE, { recursive: true });
  for (const [name, bytes] of fleetFiles()) writeFileSync(join(FLEET_FIXTURE, name), bytes);
  console.log(`fixtures/fleet/windows-remoting: ${[...fleetFiles().keys()].join(', ')}`);
}

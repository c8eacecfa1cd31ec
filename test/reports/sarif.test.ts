// SARIF: valid against the official 2.1.0 schema for every fixture, and carrying what GitHub code
// scanning needs per result (rule, level, message, physical + logical location, fingerprint).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Sarif from 'sarif';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { FINGERPRINT_KEY, buildSarif, renderSarif } from '../../reporters/sarif.js';
import { runCli } from '../support/cli.js';
import { HOSTILE, HYPERV_ARGS, SHARED_SARIF_SCHEMA, TEST_RULES, TIMESTAMP, VENDORED_SARIF_SCHEMA, evaluateLab, labFacts, sarifSchemaErrors } from './support/reports.js';

// Every captured tree and facts file under fixtures/, whoever added it.
function fixtureInputs(dir = join(PACKAGE_ROOT, 'fixtures'), out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (existsSync(join(full, 'proc', 'cpuinfo'))) out.push(relative(PACKAGE_ROOT, full));
      else fixtureInputs(full, out);
    } else if (/\.(json|ndjson|txt)$/.test(name) && !/^(scenario|expected)/.test(name)) out.push(relative(PACKAGE_ROOT, full));
  }
  return out;
}

function sarifFor(args: string[]): { log: Sarif.Log; code: number; stderr: string } {
  let run = runCli([...args, '--format', 'sarif', '--timestamp', TIMESTAMP]);
  // A platform without a default profile yet (e.g. Windows facts before their rule pack lands):
  // evaluate it with the test Hyper-V pack so its VM results still go through the reporter.
  if (run.code === 2 && /no default profile/.test(run.stderr)) run = runCli([...args, '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--format', 'sarif', '--timestamp', TIMESTAMP]);
  assert.ok(run.stdout.length > 0, `no SARIF for ${args.join(' ')}: ${run.stderr}`);
  return { log: JSON.parse(run.stdout) as Sarif.Log, code: run.code, stderr: run.stderr };
}

function assertGitHubReady(log: Sarif.Log, label: string): void {
  assert.equal(sarifSchemaErrors(log), [], `${label}: schema errors`);
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules ?? [];
  const summary = run.properties!.summary as { hosts: number; inputErrors: number };
  if (summary.hosts > 0) assert.ok(rules.length > 0, `${label}: driver lists the rules that ran`);
  // An input nestready cannot read is reported, not dropped: one NR-INPUT notification each.
  const inputNotes = run.invocations![0]!.toolExecutionNotifications!.filter((n) => n.descriptor!.id === 'NR-INPUT');
  assert.is(inputNotes.length, summary.inputErrors, `${label}: input errors become notifications`);
  if (summary.inputErrors > 0) assert.is(run.invocations![0]!.executionSuccessful, false);
  for (const rule of rules) {
    assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text && rule.help?.markdown, `${label}: ${rule.id} describes itself`);
    assert.ok(rule.helpUri && rule.defaultConfiguration?.level && rule.properties?.precision && Array.isArray(rule.properties?.tags), `${label}: ${rule.id} metadata`);
  }
  for (const result of run.results ?? []) {
    const where = `${label}: ${result.ruleId}`;
    assert.is(rules[result.ruleIndex!]?.id, result.ruleId, `${where}: ruleIndex points at its rule`);
    assert.ok(['error', 'warning', 'note', 'none'].includes(result.level!), `${where}: level`);
    assert.ok(result.message.text && result.message.text.length > 10, `${where}: message`);
    const location = result.locations?.[0];
    assert.ok(location?.physicalLocation?.artifactLocation?.uri, `${where}: physical location`);
    assert.ok((location!.physicalLocation!.region?.startLine ?? 0) >= 1, `${where}: start line`);
    assert.ok((location!.logicalLocations?.length ?? 0) >= 1, `${where}: logical location`);
    assert.match(result.partialFingerprints?.[FINGERPRINT_KEY] ?? '', /^[0-9a-f]{32}$/, `${where}: fingerprint`);
  }
}

test('the vendored SARIF schema is the official one, unchanged', () => {
  if (existsSync(SHARED_SARIF_SCHEMA)) assert.ok(readFileSync(SHARED_SARIF_SCHEMA).equals(readFileSync(VENDORED_SARIF_SCHEMA)));
  assert.match(readFileSync(VENDORED_SARIF_SCHEMA, 'utf8'), /"\$schema": "https:\/\/json-schema.org\/draft\/2020-12\/schema"/);
});

test('the validator rejects a broken SARIF log (so a pass means something)', () => {
  assert.ok(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] }).length > 0);
});

test('every fixture under fixtures/ gives valid, GitHub-ready SARIF', () => {
  const inputs = fixtureInputs();
  assert.ok(inputs.length > 0, 'there are fixtures to check');
  let results = 0;
  for (const input of inputs) {
    const { log } = sarifFor(['evaluate', input]);
    assertGitHubReady(log, input);
    results += log.runs[0]!.results!.length;
  }
  assert.ok(results > 0, 'the fixtures produce findings at all');
});

test('Hyper-V lab (host + VMs, test pack): valid SARIF with VM results, notifications and exit code', () => {
  const { log, code } = sarifFor(HYPERV_ARGS);
  assertGitHubReady(log, 'hyperv-lab');
  const run = log.runs[0]!;
  const vmResults = run.results!.filter((result) => result.locations![0]!.logicalLocations!.some((l) => l.kind === 'vm'));
  assert.ok(vmResults.length >= 4, 'VM-scope findings are present');
  const hostile = vmResults.find((result) => result.locations![0]!.logicalLocations![0]!.name === HOSTILE);
  assert.ok(hostile, 'the hostile VM name survives as data');
  assert.is(hostile!.locations![0]!.logicalLocations![1]!.name, 'HV-LAB-01');
  assert.is(run.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'test/fixtures-reports/hyperv-lab.json');
  assert.is(code, 1);
  assert.is(run.invocations![0]!.exitCode, 1);
  assert.is(run.invocations![0]!.executionSuccessful, true);
  const notes = run.invocations![0]!.toolExecutionNotifications!;
  assert.equal(notes.map((n) => [n.descriptor!.id, n.level]), [['NR-COLLECTOR', 'warning'], ['NR-COLLECTOR', 'error']]);
  assert.match(notes[1]!.message.text!, /windows\.netnat failed: Get-NetNat/);
  const remediation = vmResults.find((r) => r.ruleId === 'TST-004')!.properties!.remediation as { commands: { run: string; irreversible?: boolean }[] };
  assert.equal(remediation.commands[0], { shell: 'powershell', run: "Update-VMVersion -Name 'lab-01' -Confirm:$false", where: 'on the Hyper-V host, with the VM off', irreversible: true });
});

test('levels: fail → its severity, unknown → warning; passes only with --include-passed', () => {
  const byStatus = (log: Sarif.Log) => log.runs[0]!.results!.map((r) => `${r.ruleId}:${r.properties!.status}:${r.properties!.severity}:${r.kind}:${r.level}`);
  const plain = byStatus(sarifFor(HYPERV_ARGS).log);
  assert.ok(plain.includes('TST-002:fail:error:fail:error'));
  assert.ok(plain.includes('TST-003:fail:warning:fail:warning'));
  assert.ok(plain.includes('TST-003:unknown:warning:fail:warning'));
  assert.not.ok(plain.some((entry) => entry.includes(':pass:')), 'no passes by default');
  const all = byStatus(sarifFor([...HYPERV_ARGS, '--include-passed']).log);
  assert.is(all.filter((entry) => entry.endsWith(':pass:none')).length, 5);
  assert.is(all.length, plain.length + 5);
});

test('fingerprints depend on rule, host and target only: not on time, messages or values', async () => {
  const first = buildSarif(await evaluateLab());
  const changed = labFacts();
  changed.vms![0]!.state = 'Saved'; // changes the TST-002 message
  changed.vms![0]!.configVersion = '7.0'; // changes the TST-004 message
  const second = buildSarif(await evaluateLab(changed, 'elsewhere/lab.json', '2027-06-01T12:00:00.000Z'));
  const prints = (log: Sarif.Log) => log.runs[0]!.results!.map((r) => `${r.ruleId} ${r.properties!.target} ${r.partialFingerprints![FINGERPRINT_KEY]}`);
  assert.equal(prints(second), prints(first));
  const unique = new Set(first.runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]));
  assert.is(unique.size, first.runs[0]!.results!.length, 'different findings, different fingerprints');
  assert.is.not(first.runs[0]!.results![0]!.message.text, second.runs[0]!.results![0]!.message.text);
});

test('over the result limit: truncated explicitly, most severe kept, recorded and warned', async () => {
  const warnings: string[] = [];
  const log = buildSarif(await evaluateLab(), { includePassed: true, maxResults: 4, warn: (m) => warnings.push(m) });
  const run = log.runs[0]!;
  assert.is(run.results!.length, 4);
  // Three blocking failures and the one warning; the unknown and the passes were left out.
  assert.equal(run.results!.map((r) => `${r.ruleId}:${r.level}:${r.properties!.status}`).sort(), ['TST-002:error:fail', 'TST-002:error:fail', 'TST-003:warning:fail', 'TST-004:error:fail']);
  assert.equal(run.properties!.truncated, { limit: 4, total: 10, omitted: 6 });
  assert.ok(run.invocations![0]!.toolExecutionNotifications!.some((n) => n.descriptor!.id === 'NR-TRUNCATED'));
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /4 of 10 results/);
  assert.equal(sarifSchemaErrors(log), []);
});

test("CLI: more than GitHub's 25,000 results per run → stderr warning and an explicit truncation", () => {
  const facts = labFacts();
  const template = facts.vms![0]!;
  facts.vms = Array.from({ length: 8_400 }, (_, index) => ({ ...template, name: `vm-${index}` })); // 3 findings each
  const run = runCli(['evaluate', '-', '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--format', 'sarif', '--timestamp', TIMESTAMP], { input: JSON.stringify(facts) });
  assert.match(run.stderr, /warning: SARIF holds 25000 of 25200 results/);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  assert.is(log.runs[0]!.results!.length, 25_000);
  assert.equal(log.runs[0]!.properties!.truncated, { limit: 25_000, total: 25_200, omitted: 200 });
  const levels = log.runs[0]!.results!.map((r) => r.level);
  assert.is(levels.filter((level) => level === 'error').length, 16_800, 'every blocking failure is kept');
  assert.is(levels.filter((level) => level === 'warning').length, 8_200, 'only warnings were left out');
});

test('live scans and stdin point at --sarif-artifact; input errors become notifications', () => {
  const stdin = runCli(['evaluate', '-', '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--format', 'sarif', '--sarif-artifact', 'infra/hosts/hv lab.yaml'], { input: readFileSync(join(PACKAGE_ROOT, 'test/fixtures-reports/hyperv-lab.json')) });
  const log = JSON.parse(stdin.stdout) as Sarif.Log;
  assert.is(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'infra/hosts/hv%20lab.yaml');
  const broken = runCli([...HYPERV_ARGS, 'no/such/facts.json', '--format', 'sarif']);
  assert.is(broken.code, 2);
  const run = (JSON.parse(broken.stdout) as Sarif.Log).runs[0]!;
  assert.equal(sarifSchemaErrors(JSON.parse(broken.stdout)), []);
  assert.is(run.invocations![0]!.executionSuccessful, false);
  assert.is(run.invocations![0]!.exitCode, 2);
  const input = run.invocations![0]!.toolExecutionNotifications!.find((n) => n.descriptor!.id === 'NR-INPUT');
  assert.match(input!.message.text!, /^no\/such\/facts\.json: no such file/);
  assert.is(input!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'no/such/facts.json');
});

test('renderSarif is JSON with a trailing newline and the SARIF version', async () => {
  const text = renderSarif(await evaluateLab());
  assert.ok(text.endsWith('}\n'));
  assert.is((JSON.parse(text) as Sarif.Log).version, '2.1.0');
});

test.run();

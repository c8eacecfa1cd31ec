// evaluateHost followed by JSON.stringify, in one pass and without building the host's results:
// the streaming `evaluate --format json` path of a fleet. Each rule gives reused JSON bytes where it
// can (engine/rule-json.ts), and the host's verdict, counts and summary digest come from the
// statuses alone. The bytes equal hostJson(evaluateHost(...)) — test/engine/evaluate-json.test.ts.
import type { FactsDocument } from '../schemas/facts.js';
import type { HostResult } from '../schemas/results.js';
import { attachDerived } from './derive.js';
import type { HostDigest, HostInput } from './evaluate.js';
import { judgeRuleJson, writeRuleJson, type JsonOut, type RuleJson, type TargetSlots } from './rule-json.js';
import type { EvaluationContext, RulePack } from './rule-pack.js';
import { readScope, scopeKeysOf, type Scope, type ScopeValues } from './scope-keys.js';
import { addResult, emptyCounts, meetsThreshold, type FailOn } from './summarize.js';

interface JudgedTarget {
  head: string; // the target's JSON up to its results array
  results: RuleJson[];
  slots: TargetSlots;
}

export interface HostJsonVerdict {
  digest: HostDigest;
  fails: boolean; // some result meets --fail-on
}

// `read` as for readScope's sibling; the values read are left in it for the next sibling.
function judgeScope(pack: RulePack, scope: Scope, head: string, context: EvaluationContext, read?: { values?: ScopeValues }): JudgedTarget {
  const keys = scopeKeysOf(pack, scope);
  const values = readScope(keys, context, read?.values);
  if (read) read.values = values;
  const { rules, order, stores } = keys;
  const results: RuleJson[] = new Array(rules.length);
  const slots: TargetSlots = [];
  for (let i = 0; i < rules.length; i++) results[i] = judgeRuleJson(rules[i]!, stores[i]!, context, values, order[i]!, slots);
  return { head, results, slots };
}

// JSON.stringify(counts), for the fixed shape emptyCounts() makes.
function countsJson(counts: HostResult['counts']): string {
  return `{"pass":${counts.pass},"fail":${counts.fail},"unknown":${counts.unknown},"notApplicable":${counts.notApplicable},"blocking":${counts.blocking},"warnings":${counts.warnings},"toVerify":${counts.toVerify}}`;
}

// Every target of the host judged: the host itself, then each VM.
function judgeTargets(facts: FactsDocument, pack: RulePack, hostName: string): JudgedTarget[] {
  const { host, vms } = attachDerived(facts);
  const targets: JudgedTarget[] = [judgeScope(pack, 'host', `{"id":"host","kind":"host","name":${JSON.stringify(hostName)},"results":[`, { host, collection: facts.collection })];
  const vmValues: { values?: ScopeValues } = {};
  for (const vm of vms ?? []) {
    const vmId = vm.id === undefined ? '' : `,"vmId":${JSON.stringify(vm.id)}`;
    const head = `{"id":${JSON.stringify(`vm:${vm.name}`)},"kind":"vm","name":${JSON.stringify(vm.name)}${vmId},"results":[`;
    targets.push(judgeScope(pack, 'vm', head, { host, vm, collection: facts.collection }, vmValues));
  }
  return targets;
}

interface Tally {
  counts: HostResult['counts'];
  verdict: HostResult['verdict'];
  findings: HostDigest['findings'];
  fails: boolean; // some result meets --fail-on
}

// Counts, verdict, --fail-on and the summary digest's findings, from the statuses (as
// engine/summarize.ts and hostDigest count them, test/engine/evaluate-json.test.ts compares).
function tally(targets: readonly JudgedTarget[], failOn: FailOn): Tally {
  const counts = emptyCounts();
  let fails = false;
  let blocked = false;
  let incomplete = false;
  const findings: HostDigest['findings'] = [];
  for (const target of targets) {
    for (const result of target.results) {
      // Most results pass or do not apply: counted without the rest.
      const { status } = result;
      if (status === 'pass') {
        counts.pass++;
        continue;
      }
      if (status === 'not-applicable') {
        counts.notApplicable++;
        continue;
      }
      addResult(counts, result);
      fails ||= meetsThreshold(result, failOn);
      if (result.severity === 'error') {
        if (status === 'fail') blocked = true;
        else incomplete = true;
      }
      // A fail or an unknown: a finding. A host has a handful, so a list beats a key for each.
      let entry: HostDigest['findings'][number] | undefined;
      for (const finding of findings) if (finding.ruleId === result.ruleId && finding.status === status) entry = finding;
      if (entry) entry.targets++;
      else findings.push({ ruleId: result.ruleId, severity: result.severity, status, targets: 1 });
    }
  }
  return { counts, verdict: blocked ? 'not-ready' : incomplete ? 'incomplete' : 'ready', findings, fails };
}

// The host's JSON up to its targets, in the property order of HostResult as evaluateHost builds it.
function hostHead(facts: FactsDocument, pack: RulePack, input: HostInput, hostName: string, { verdict, counts }: Tally): string {
  let head = `{"input":${jsonOfInput(input.input)}`;
  if (input.inputLine !== undefined) head += `,"inputLine":${input.inputLine}`;
  const { collectors } = facts.collection;
  let diagnostics = '[]';
  for (const run of collectors) {
    if (run.status === 'ok') continue;
    diagnostics = JSON.stringify(collectors.filter((each) => each.status !== 'ok'));
    break;
  }
  return (
    head +
    `,"host":${JSON.stringify(hostName)},"source":${JSON.stringify(facts.collection.source)}` +
    `,"profile":${profileJsonOf(pack)},"collectedAt":${JSON.stringify(facts.collection.collectedAt)}` +
    `,"verdict":"${verdict}","counts":${countsJson(counts)},"diagnostics":${diagnostics},"targets":[`
  );
}

// The same for every line of a bundle, and for every host of a pack.
let lastInput = '';
let lastInputJson = '""';
function jsonOfInput(input: string): string {
  if (input !== lastInput) {
    lastInput = input;
    lastInputJson = JSON.stringify(input);
  }
  return lastInputJson;
}

const profileJson = new WeakMap<RulePack, string>();
function profileJsonOf(pack: RulePack): string {
  let json = profileJson.get(pack);
  if (json === undefined) profileJson.set(pack, (json = JSON.stringify(`${pack.profile.id}@${pack.profile.version}`)));
  return json;
}

// The targets after the host's head, each string written in one piece with the bytes of what closes
// the one before (a write is a call into the encoder, and most of them are short).
function writeTargets(head: string, targets: readonly JudgedTarget[], out: JsonOut): void {
  let before = head;
  for (const target of targets) {
    out.write(before + target.head);
    for (let r = 0; r < target.results.length; r++) writeRuleJson(target.results[r]!, r > 0, target.slots, out);
    before = ']},';
  }
  out.write(']}]}'); // the last target's results and object, the targets and the host (there is always the host target)
}

// The facts gain their derived values (engine/derive.ts attachDerived): pass a document judged once.
// null: this host needs evaluateHost (no VM list, but VM rules to report on), the caller falls back.
// (In four functions rather than one: V8 optimised the one in 60-70 ms, twice, while it ran slowly.)
export function writeHostJson(facts: FactsDocument, pack: RulePack, input: HostInput, failOn: FailOn, out: JsonOut): HostJsonVerdict | null {
  if (facts.vms === null && pack.rules.some((rule) => rule.definition.scope === 'vm')) return null;
  const hostName = facts.host.name ?? input.input;
  const targets = judgeTargets(facts, pack, hostName);
  const result = tally(targets, failOn);
  writeTargets(hostHead(facts, pack, input, hostName, result), targets, out);
  return { digest: { host: hostName, verdict: result.verdict, counts: result.counts, findings: result.findings }, fails: result.fails };
}

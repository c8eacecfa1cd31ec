// JUnit XML for CI test tabs (Azure Pipelines, GitLab, Jenkins). Pure: (results) → XML text.
// One <testsuite> per host, one <testcase> per rule × target:
//   fail → <failure type="error|warning|note">; unknown → <error type="unknown"> (the check could not
//   run because a fact was unreadable: never green, and not the same as a failed requirement);
//   not-applicable → <skipped>; pass → an empty testcase. Unreadable inputs get a suite of their own.
import type { HostResult, InputError, ResultsDocument, RuleResult, Target } from '../schemas/results.js';
import { collectionProblems, formatValue, inputLabel, referencesOf, ruleIndex, type RuleIndex } from './report-common.js';

// Characters XML 1.0 forbids outright, plus C1 controls (legal but invisible): written as \uXXXX text.
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function visibleXml(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

export function escapeXmlText(text: string): string {
  return visibleXml(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

// Attributes also keep their line breaks and tabs (a raw newline would be normalised to a space).
export function escapeXmlAttribute(text: string): string {
  return visibleXml(text).replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

// Jenkins' schema wants a local ISO time without zone; generatedAt is UTC.
function junitTimestamp(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, '');
}

function body(result: RuleResult, rules: RuleIndex): string {
  const lines = [result.message];
  const evidence = Object.entries(result.evidence);
  if (evidence.length > 0) lines.push('', 'Evidence:', ...evidence.map(([path, value]) => `  ${path} = ${formatValue(value)}`));
  if (result.remediation) {
    lines.push('', `Fix: ${result.remediation.text}`);
    for (const command of result.remediation.commands) {
      const notes = [command.where ? `# ${command.where}` : '', command.irreversible ? '# IRREVERSIBLE' : ''].filter(Boolean).join('  ');
      lines.push(`  ${command.shell === 'powershell' ? 'PS>' : command.shell === 'sh' ? '$' : '-'} ${command.run}${notes ? `   ${notes}` : ''}`);
    }
  }
  const references = referencesOf(rules, result.ruleId);
  if (references.length > 0) lines.push('', 'References:', ...references.map((ref) => `  ${ref.title}${ref.url ? ` <${ref.url}>` : ''}`));
  return escapeXmlText(lines.join('\n'));
}

function outcome(result: RuleResult, rules: RuleIndex): string {
  switch (result.status) {
    case 'fail':
      return `<failure${attributes({ message: result.message, type: result.severity })}>${body(result, rules)}</failure>`;
    case 'unknown':
      return `<error${attributes({ message: result.message, type: 'unknown' })}>${body(result, rules)}</error>`;
    case 'not-applicable':
      return `<skipped${attributes({ message: result.message })}/>`;
    default:
      return '';
  }
}

function className(host: HostResult, target: Target): string {
  return target.kind === 'host' ? host.host : `${host.host} / VM ${target.name}`;
}

function testcase(host: HostResult, target: Target, result: RuleResult, rules: RuleIndex): string {
  const head = `    <testcase${attributes({ classname: className(host, target), name: `${result.ruleId} ${rules(result.ruleId)?.title ?? ''}`.trimEnd(), time: 0 })}`;
  const inner = outcome(result, rules);
  return inner ? `${head}>\n      ${inner}\n    </testcase>` : `${head}/>`;
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function tally(results: RuleResult[]): Tally {
  return {
    tests: results.length,
    failures: results.filter((r) => r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'unknown').length,
    skipped: results.filter((r) => r.status === 'not-applicable').length,
  };
}

function hostSuite(host: HostResult, timestamp: string, rules: RuleIndex): { xml: string; tally: Tally } {
  const all = host.targets.flatMap((target) => target.results);
  const counts = tally(all);
  const properties = [
    ['input', inputLabel(host)],
    ['profile', host.profile],
    ['verdict', host.verdict],
    ['collectedAt', host.collectedAt ?? 'unknown'],
  ].map(([name, value]) => `      <property${attributes({ name: name!, value: value! })}/>`);
  const cases = host.targets.flatMap((target) => target.results.map((result) => testcase(host, target, result, rules)));
  const problems = collectionProblems(host).map((run) => `collector ${run.name} ${run.status}${run.error ? `: ${run.error}` : ''}`);
  const lines = [
    `  <testsuite${attributes({ name: host.host, hostname: host.host, ...counts, time: 0, timestamp })}>`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    ...(problems.length > 0 ? [`    <system-err>${escapeXmlText(problems.join('\n'))}</system-err>`] : []),
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), tally: counts };
}

function inputSuite(errors: InputError[], timestamp: string): string {
  const cases = errors.map((error) => {
    const where = `${error.input}${error.line ? `:${error.line}` : ''}`;
    return `    <testcase${attributes({ classname: 'unreadable inputs', name: where, time: 0 })}>\n      <error${attributes({ message: error.message, type: 'input' })}>${escapeXmlText(`${where}: ${error.message}`)}</error>\n    </testcase>`;
  });
  return [`  <testsuite${attributes({ name: 'unreadable inputs', tests: errors.length, failures: 0, errors: errors.length, skipped: 0, time: 0, timestamp })}>`, ...cases, '  </testsuite>'].join('\n');
}

export function renderJunit(results: ResultsDocument): string {
  const rules = ruleIndex(results);
  const timestamp = junitTimestamp(results.generatedAt);
  const total: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const host of results.hosts) {
    const suite = hostSuite(host, timestamp, rules);
    suites.push(suite.xml);
    for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += suite.tally[key];
  }
  if (results.inputErrors.length > 0) {
    suites.push(inputSuite(results.inputErrors, timestamp));
    total.tests += results.inputErrors.length;
    total.errors += results.inputErrors.length;
  }
  const head = `<testsuites${attributes({ name: `nestready ${results.tool.version}`, ...total, time: 0, timestamp })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>'].join('\n') + '\n';
}

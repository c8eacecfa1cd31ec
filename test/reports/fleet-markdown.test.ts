// The Markdown fleet summary: counts, the most common failing requirements with bounded host lists,
// a bounded host table and bounded detail, each truncation said in the output; hostile names stay
// text; the size stays bounded however long the names or messages are. (10,000 hosts: fleet-10k.test.ts.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResultsDocument } from '../../schemas/results.js';
import { renderMarkdown } from '../../reporters/markdown.js';
import { MARKDOWN_LIMITS } from '../../reporters/markdown-fleet.js';
import { formatCount } from '../../reporters/fleet.js';
import { runCli } from '../support/cli.js';
import { TEST_RULES, TIMESTAMP } from './support/reports.js';
import { FLEET_LAB, writeFleet } from './support/fleet.js';

const HOSTS = 200;

interface Context {
  dir?: string;
  bundle?: string;
  markdown?: string;
  json?: ResultsDocument;
}

const fleet = suite<Context>('markdown fleet summary', {});

fleet.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'nestready-fleet-md-'));
  context.bundle = join(context.dir, 'fleet.ndjson');
  await writeFleet(context.bundle, HOSTS, { hostileEvery: 7 });
  const run = runCli(['evaluate', context.bundle, '--format', 'markdown,json', '--output-dir', context.dir, '--timestamp', TIMESTAMP, '--quiet']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  context.markdown = readFileSync(join(context.dir, 'nestready.md'), 'utf8');
  context.json = JSON.parse(readFileSync(join(context.dir, 'nestready.json'), 'utf8')) as ResultsDocument;
});

fleet.after((context) => {
  if (context.dir) rmSync(context.dir, { recursive: true, force: true });
});

// Markdown outside fenced code blocks: what a renderer would treat as markup.
const outsideFences = (markdown: string) => markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
const section = (markdown: string, heading: RegExp) => {
  const start = markdown.search(heading);
  const rest = markdown.slice(start + 1);
  const end = rest.search(/^### /m);
  return end < 0 ? rest : rest.slice(0, end);
};

fleet('counts: hosts ready / not ready / incomplete / unreadable, as in the summary', ({ markdown, json }) => {
  const summary = json!.summary;
  assert.match(markdown!, /^## (❌|❔|✅) nestready: nested virtualization (NOT READY|INCOMPLETE|READY)\n/);
  assert.ok(markdown!.includes(`${formatCount(summary.hosts)} hosts: ${formatCount(summary.ready)} ready, ${formatCount(summary.notReady)} not ready, ${formatCount(summary.incomplete)} incomplete · ${formatCount(summary.counts.blocking)} blocking`));
  assert.ok(markdown!.includes(`| ❌ Not ready | ${formatCount(summary.notReady)} |`));
  assert.ok(markdown!.includes(`| ❔ Incomplete | ${formatCount(summary.incomplete)} |`));
  assert.ok(markdown!.includes(`| ✅ Ready | ${formatCount(summary.ready)} |`));
  assert.ok(markdown!.includes('| ❗ Unreadable inputs | 0 | |'));
});

fleet('most common failing requirements: every entry, the first hosts and "… and N more"', ({ markdown, json }) => {
  const rows = section(markdown!, /^### Most common failing requirements/m).split('\n').filter((line) => /^\| [A-Z]+-\d+ \|/.test(line));
  const rules = json!.summary.failingRules;
  assert.is(rows.length, rules.length);
  rows.forEach((row, index) => {
    const rule = rules[index]!;
    assert.ok(row.startsWith(`| ${rule.ruleId} |`), row);
    assert.ok(row.includes(`| ${formatCount(rule.hosts)} (`), row);
    const more = rule.hosts - rule.exampleHosts.length;
    if (more > 0) assert.ok(row.endsWith(`… and ${formatCount(more)} more |`), row);
    else assert.not.ok(row.includes('more |'), row);
    assert.ok(rule.status === 'unknown' ? row.includes('could not be decided') : /blocking|warning|note/.test(row), row);
  });
});

fleet('the host table and the details are bounded, and say so', ({ markdown, json }) => {
  const hosts = section(markdown!, /^### Hosts/m);
  assert.ok(markdown!.includes(`### Hosts (first ${MARKDOWN_LIMITS.hostRows} of ${HOSTS})`));
  const rows = hosts.split('\n').filter((line) => /^\| .* \| (❌|❔|✅) (NOT READY|INCOMPLETE|READY) \|/.test(line));
  assert.is(rows.length, MARKDOWN_LIMITS.hostRows);
  const attention = json!.hosts.filter((host) => host.verdict !== 'ready').length;
  const ready = HOSTS - attention;
  const notListed = Math.max(0, attention - MARKDOWN_LIMITS.hostRows);
  assert.ok(hosts.includes(`_Truncated: 100 of 200 hosts listed (this summary lists at most 100); not listed: ${notListed} hosts not ready or incomplete and ${ready - Math.max(0, MARKDOWN_LIMITS.hostRows - attention)} ready hosts. The HTML report (--format html) lists every host._`), hosts.slice(-400));
  assert.ok(markdown!.includes(`### Details (${MARKDOWN_LIMITS.detailHosts} of ${attention})`));
  assert.ok(markdown!.includes(`_Truncated: details for the first ${MARKDOWN_LIMITS.detailHosts} of ${attention} hosts that are not ready or incomplete, not ready first (this summary details at most ${MARKDOWN_LIMITS.detailHosts})`));
  assert.is(markdown!.match(/^#### (❌|❔) Host /gm)!.length, MARKDOWN_LIMITS.detailHosts, 'only hosts that need attention, one level below Details');
});

fleet('hostile host and VM names stay text; table rows keep their cells', ({ markdown }) => {
  const prose = outsideFences(markdown!);
  assert.not.ok(/<script|<\/script|<b>/i.test(prose), 'no raw HTML outside code blocks');
  assert.ok(prose.includes('&lt;script&gt;alert(1)&lt;/script&gt; #'), 'escaped host name');
  for (const row of section(markdown!, /^### Hosts/m).split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Host'))) {
    assert.is(row.replace(/\\\|/g, '').split('|').length, 8, `six cells: ${row}`);
  }
  assert.not.ok(/^# /m.test(prose), 'no name starts a heading');
});

fleet('same fleet, same --timestamp: byte-identical Markdown', ({ bundle, markdown }) => {
  const again = runCli(['evaluate', bundle!, '--format', 'markdown', '--timestamp', TIMESTAMP, '--quiet']);
  assert.ok(again.stdout === markdown, 'identical');
});

function labResults(): ResultsDocument {
  const run = runCli(['evaluate', FLEET_LAB, '--rules', TEST_RULES, '--profile', 'test-hyperv@1', '--format', 'json', '--timestamp', TIMESTAMP]);
  return JSON.parse(run.stdout) as ResultsDocument;
}

fleet('a small fleet is shown whole: every host in the table and in detail, nothing truncated', () => {
  const markdown = renderMarkdown(labResults());
  assert.not.ok(markdown.includes('Truncated'));
  assert.is(markdown.match(/^#### (❌|❔|✅) Host /gm)!.length, 4);
  assert.ok(markdown.includes('| &lt;img src=x onerror=alert(2)&gt; \\| \\*lab\\* \\`03\\` | ❔ INCOMPLETE |'), 'hostile host name escaped in the table');
  assert.not.ok(outsideFences(markdown).includes('<img'));
});

fleet('size stays bounded with enormous names and messages; the cut is said', () => {
  const results = labResults();
  const huge = (seed: string) => `${seed} ${'<b>|*x*</b> '.repeat(20_000)}`;
  for (const host of results.hosts) {
    host.host = huge(host.host);
    for (const target of host.targets) for (const result of target.results) result.message = huge(result.message);
  }
  for (const rule of results.summary.failingRules) rule.exampleHosts = rule.exampleHosts.map(huge);
  const markdown = renderMarkdown(results);
  const bytes = Buffer.byteLength(markdown);
  assert.ok(bytes <= MARKDOWN_LIMITS.maxBytes, `${bytes} bytes`);
  assert.match(markdown, /_Truncated: details for the first \d of 4 hosts \(to stay under 256 KiB\)/);
  assert.not.ok(outsideFences(markdown).includes('<b>'));
});

fleet.run();

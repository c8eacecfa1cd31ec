// Markdown and JUnit: hostile strings stay text, structure survives them, counts add up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeMarkdown, renderMarkdown } from '../../reporters/markdown.js';
import { escapeXmlAttribute, escapeXmlText, renderJunit } from '../../reporters/junit.js';
import { runCli } from '../support/cli.js';
import { HOSTILE, TIMESTAMP, evaluateLab, labFacts } from './support/reports.js';

// Markdown outside fenced code blocks: what a renderer would treat as markup.
function outsideFences(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
}

test('markdown: a VM named <script>alert(1)</script> is text, its commands stay copyable', async () => {
  const markdown = renderMarkdown(await evaluateLab());
  const prose = outsideFences(markdown);
  assert.ok(prose.includes('VM **&lt;script&gt;alert(1)&lt;/script&gt;**'), 'escaped in headings and tables');
  assert.not.ok(/<script|<\/script|<b>/i.test(prose), 'no raw HTML from collected data outside code blocks');
  assert.ok(prose.includes('Get-NetNat: &lt;b&gt;not found&lt;/b&gt; &amp; "quoted"'), 'collector error escaped');
  assert.ok(markdown.includes("```powershell\nSet-VMProcessor -VMName '<script>alert(1)</script>' -ExposeVirtualizationExtensions $true\n```"), 'the command in a code block is the exact command');
  assert.match(markdown, /^## ❌ nestready: nested virtualization NOT READY$/m);
  assert.match(markdown, /irreversible: cannot be undone/);
});

test('markdown: table cells, code fences and control characters cannot be broken out of', async () => {
  const facts = labFacts();
  facts.vms![0]!.name = 'a|b ```\n# heading\u202e\u001b[2J *bold* [link](http://x) $x$';
  const markdown = renderMarkdown(await evaluateLab(facts));
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && line.includes('TST-'));
  assert.ok(rows.length >= 4);
  for (const row of rows) assert.is(row.replace(/\\\|/g, '').split('|').length, 6, `five cells: ${row}`);
  assert.not.ok(/^# heading/m.test(outsideFences(markdown)), 'a newline in a name starts no heading');
  assert.ok(/^# heading/m.test(markdown), 'inside a code block the command keeps its newline');
  assert.ok(markdown.includes('\\u202e') && markdown.includes('\\u001b'), 'bidi override and escape shown, not applied');
  assert.ok(markdown.includes('````powershell\n'), 'a longer fence around commands holding ```');
  assert.ok(markdown.includes('\\*bold\\* \\[link\\](http://x) \\$x\\$'));
  assert.is(escapeMarkdown('<a href="x">&</a>'), '&lt;a href="x"&gt;&amp;&lt;/a&gt;');
});

test('junit: one testcase per rule × target; fail → failure, unknown → error, n/a → skipped', async () => {
  const xml = renderJunit(await evaluateLab());
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="nestready 0\.1\.0" tests="10" failures="4" errors="1" skipped="0"/);
  assert.is(xml.match(/<testcase /g)!.length, 10);
  assert.is(xml.match(/<failure /g)!.length, 4);
  assert.match(xml, /<error message="Unknown: vm\.dynamicMemory could not be read, so this is not a pass\." type="unknown">/);
  assert.match(xml, /<failure message="VM lab-01 is at configuration version 8\.0; 9\.0 or later is needed" type="error">[^<]*Fix: Upgrade[^<]*PS&gt; Update-VMVersion -Name 'lab-01' -Confirm:\$false[^<]*# IRREVERSIBLE/);
  assert.ok(xml.includes('classname="HV-LAB-01 / VM &#60;script&#62;alert(1)&#60;/script&#62;"'));
  assert.not.ok(xml.includes(HOSTILE), 'never raw');
  assert.match(xml, /<system-err>collector windows\.hyperv-vms partial/);
  assert.match(xml, /timestamp="2026-01-01T00:00:00"/);
});

test('junit: not-applicable results are skipped testcases (Linux captured tree)', () => {
  const json = JSON.parse(runCli(['evaluate', 'fixtures/linux/intel-host-nested-off', '--format', 'json', '--timestamp', TIMESTAMP]).stdout);
  const xml = runCli(['evaluate', 'fixtures/linux/intel-host-nested-off', '--format', 'junit', '--timestamp', TIMESTAMP]).stdout;
  assert.ok(json.summary.counts.notApplicable > 0);
  assert.is(xml.match(/<skipped /g)?.length ?? 0, json.summary.counts.notApplicable);
  assert.is(xml.match(/<failure /g)?.length ?? 0, json.summary.counts.fail);
});

test('junit: unreadable inputs are errors in a suite of their own', () => {
  const run = runCli(['evaluate', 'fixtures/linux/intel-host-nested-off', 'missing.json', '--format', 'junit', '--timestamp', TIMESTAMP]);
  assert.is(run.code, 2);
  assert.match(run.stdout, /<testsuite name="unreadable inputs" tests="1" failures="0" errors="1"/);
  assert.match(run.stdout, /<error message="no such file or directory" type="input">missing\.json: no such file or directory<\/error>/);
});

test('xml escaping: markup, quotes, line breaks in attributes, characters XML 1.0 forbids', () => {
  assert.is(escapeXmlText('<a> & "b"'), '&lt;a&gt; &amp; "b"');
  assert.is(escapeXmlAttribute('a"b\'c\n\td<'), 'a&#34;b&#39;c&#10;&#9;d&#60;');
  assert.is(escapeXmlText('x\u0000y\u001bz\ufffe\ud800'), 'x\\u0000y\\u001Bz\\uFFFE\\uD800');
  assert.is(escapeXmlText('emoji 😀 stays'), 'emoji 😀 stays');
});

test.run();

// The HTML fleet overview without a browser: 200 hosts, some with hostile names, through the CLI.
// Every host has a table row; detail only for the first hosts that need attention, said so on the
// page; the chart follows summary.failingRules; hostile strings are escaped everywhere; the CSP
// hashes match the (fleet) stylesheet and script; same input, same bytes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResultsDocument } from '../../schemas/results.js';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { DETAIL_LIMIT } from '../../reporters/html-fleet-view.js';
import { formatCount } from '../../reporters/fleet.js';
import { HOSTILE_NAMES } from '../support/hostile-names.js';
import { runCli } from '../support/cli.js';
import { TIMESTAMP } from './support/reports.js';
import { hostileName, writeFleet } from './support/fleet.js';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const HOSTS = 200;

interface Context {
  dir?: string;
  bundle?: string;
  html?: string;
  json?: ResultsDocument;
}

const fleet = suite<Context>('html fleet overview', {});

fleet.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'nestready-fleet-html-'));
  context.bundle = join(context.dir, 'fleet.ndjson');
  await writeFleet(context.bundle, HOSTS, { hostileEvery: 7 });
  const run = runCli(['evaluate', context.bundle, '--format', 'html,json', '--output-dir', context.dir, '--timestamp', TIMESTAMP, '--quiet']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  context.html = readFileSync(join(context.dir, 'nestready.html'), 'utf8');
  context.json = JSON.parse(readFileSync(join(context.dir, 'nestready.json'), 'utf8')) as ResultsDocument;
});

fleet.after((context) => {
  if (context.dir) rmSync(context.dir, { recursive: true, force: true });
});

const tableBody = (html: string) => /<table class="fleet-table" id="fleet-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;

fleet('one table row per host, worst first, linked only where the host has details', ({ html, json }) => {
  const rows = tableBody(html!).match(/<tr class="(nr|in|ok)"(?: data-rules="[^"]*")?>/g)!;
  assert.is(rows.length, HOSTS, 'every host has a row');
  assert.is(json!.hosts.length, HOSTS);
  const classes = rows.map((row) => /class="(\w+)"/.exec(row)![1]);
  const rank = { nr: 0, in: 1, ok: 2 } as Record<string, number>;
  for (let i = 1; i < classes.length; i++) assert.ok(rank[classes[i - 1]!]! <= rank[classes[i]!]!, 'not ready, then incomplete, then ready');
  const numbers = [...tableBody(html!).matchAll(/<tr class="\w+"(?: data-rules="[^"]*")?><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.equal([...numbers].sort((a, b) => a - b), Array.from({ length: HOSTS }, (_, i) => i + 1), 'each host exactly once');

  const links = [...tableBody(html!).matchAll(/<a href="#(host-\d+)">/g)].map((m) => m[1]!);
  const sections = [...html!.matchAll(/<section class="host" id="(host-\d+)"/g)].map((m) => m[1]!);
  const attention = json!.hosts.filter((host) => host.verdict !== 'ready').length;
  assert.is(sections.length, Math.min(DETAIL_LIMIT, attention), 'details for the first hosts that need attention');
  assert.equal(links.sort(), [...sections].sort(), 'a row links exactly when its host has a section');
  for (const id of sections) {
    const host = json!.hosts[Number(id.slice(5)) - 1]!;
    assert.is.not(host.verdict, 'ready', `${id} needs attention`);
  }
  assert.match(html!, new RegExp(`Details are shown for ${sections.length} hosts of ${HOSTS}: the first ${sections.length} of the ${formatCount(attention)} hosts that are not ready or incomplete`));
  assert.match(html!, /Host details \(100 of 200\)/);
});

fleet('summary tiles and the chart follow the results document', ({ html, json }) => {
  const summary = json!.summary;
  const tiles = [...html!.matchAll(/<li class="tile (\w+)"><span class="value">([\d,]+)<\/span> <span class="label">([^<]+)<\/span>/g)].map((m) => [m[3], m[2]]);
  assert.equal(tiles, [
    ['hosts', formatCount(summary.hosts)],
    ['ready', formatCount(summary.ready)],
    ['not ready', formatCount(summary.notReady)],
    ['incomplete', formatCount(summary.incomplete)],
    ['unreadable inputs', '0'],
  ]);
  const bars = [...html!.matchAll(/<a href="#fleet-hosts" data-finding="([fu]):([^"]+)"><title>[^<]*<\/title>[\s\S]*?<text class="value"[^>]*>([^<]+)<\/text><\/a>/g)];
  assert.is(bars.length, summary.failingRules.length, 'one bar per failing rule and status');
  bars.forEach((bar, index) => {
    const rule = summary.failingRules[index]!;
    assert.is(bar[1], rule.status === 'fail' ? 'f' : 'u');
    assert.is(bar[2], rule.ruleId);
    assert.ok(bar[3]!.startsWith(`${formatCount(rule.hosts)} host`), `${bar[3]} for ${rule.ruleId}`);
  });
  assert.match(html!, /<svg class="chart"[^>]*role="img"/);
  assert.match(html!, /<pattern id="fleet-hatch"/, 'unknowns are hatched, not only coloured (print, colour blindness)');
  const options = [...html!.matchAll(/<option value="([fu]:[^"]+)">/g)].map((m) => m[1]);
  assert.equal(options, summary.failingRules.map((rule) => `${rule.status === 'fail' ? 'f' : 'u'}:${rule.ruleId}`));
});

fleet('hostile host and VM names are escaped everywhere; only the shipped style and script', ({ html }) => {
  for (const name of HOSTILE_NAMES) {
    if (/[<>&"]/.test(name)) assert.not.ok(html!.includes(name), `raw: ${name}`);
  }
  assert.ok(html!.includes('&lt;script&gt;alert(1)&lt;/script&gt; #'), 'the hostile name is shown, escaped');
  assert.is(html!.match(/<script>/g)!.length, 1);
  assert.not.match(html!, /<script(?!>)/, 'no script element with attributes');
  assert.not.match(html!, /\son\w+=/i, 'no event handler attribute');
  const style = /<style>([\s\S]*?)<\/style>/.exec(html!)![1]!;
  const script = /<script>([\s\S]*?)<\/script>/.exec(html!)![1]!;
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html!)![1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  assert.ok(csp.includes(`style-src ${sha(style)}`), 'style hash');
  assert.ok(csp.includes(`script-src ${sha(script)}`), 'script hash');
  assert.ok(script.includes('fleet-table') && script.includes('pre.cmd'), 'copy buttons and the table script');
  assert.match(html!, /<title>nestready: (NOT READY|INCOMPLETE|READY) · 200 hosts<\/title>/, 'the title names the count, not every host');
  assert.not.match(html!, /https?:\/\/[^"]*\.(css|js|woff2?|png|svg)\b/, 'nothing to fetch');
  assert.ok(html!.includes(hostileName(7).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;')), 'a hostile host name in the table');
});

fleet('templates: triple braces only for the shipped stylesheet and script', () => {
  for (const file of ['report.hbs', 'fleet.hbs']) {
    const template = readFileSync(join(PACKAGE_ROOT, 'reporters', 'html', file), 'utf8');
    const raw = [...template.matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((match) => match[1]);
    assert.equal(raw.sort(), file === 'report.hbs' ? ['css', 'script'] : [], file);
    assert.not.match(template, /\{\{&/, `${file}: no {{& }}`);
  }
});

fleet('same fleet, same --timestamp: byte-identical HTML', ({ bundle, html }) => {
  const again = runCli(['evaluate', bundle!, '--format', 'html', '--timestamp', TIMESTAMP, '--quiet']);
  assert.ok(again.stdout === html, 'identical');
});

fleet('a one-host report carries no fleet overview, stylesheet or script', () => {
  const run = runCli(['evaluate', 'fixtures/linux/intel-host-nested-off', '--format', 'html', '--timestamp', TIMESTAMP]);
  assert.not.ok(run.stdout.includes('fleet'), 'nothing of the fleet view');
});

fleet.run();

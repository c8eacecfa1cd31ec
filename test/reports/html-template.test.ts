// The HTML template without a browser: triple braces only for our own CSS and JS, hostile strings
// escaped everywhere, and the CSP hashes matching the inline style and script exactly.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { renderHtml } from '../../reporters/html.js';
import { stripDetail } from '../../cli/report-outputs.js';
import { HOSTILE, evaluateLab } from './support/reports.js';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('report.hbs uses {{{ }}} only for the shipped stylesheet and script', () => {
  const template = readFileSync(join(PACKAGE_ROOT, 'reporters', 'html', 'report.hbs'), 'utf8');
  const raw = [...template.matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((match) => match[1]);
  assert.equal(raw.sort(), ['css', 'script']);
  assert.not.match(template, /\{\{&/, 'no {{& }} either');
});

test('hostile strings are escaped; the CSP allows exactly the inline style and script', async () => {
  const html = renderHtml(await evaluateLab());
  assert.not.ok(html.includes(HOSTILE));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.is(html.match(/<script>/g)!.length, 1);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  assert.ok(csp.includes(`style-src ${sha(style)}`), csp);
  assert.ok(csp.includes(`script-src ${sha(script)}`), csp);
  assert.match(csp, /default-src 'none'/);
  assert.not.match(html, /https?:\/\/[^"]*\.(css|js|woff2?|png|svg)\b/, 'nothing to fetch');
});

test('without the attached facts the report still renders, just without the appendix', async () => {
  const html = renderHtml(stripDetail(await evaluateLab()));
  assert.not.match(html, /Appendix: collected facts/);
  assert.match(html, /NOT READY/);
});

test.run();

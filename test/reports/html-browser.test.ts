// The HTML report in real headless Chromium (Debian's package, driven over a DevTools pipe): no
// console errors, no requests but the file itself, hostile names shown as text, copy buttons
// working under the report's CSP. Screenshots land in out/screenshots/ (gitignored) for review.
// The JUnit XML is parsed by the same browser's XML parser, the strictest one at hand.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { renderJunit } from '../../reporters/junit.js';
import { runCli } from '../support/cli.js';
import { Browser, CHROMIUM } from './support/chromium.js';
import { HOSTILE, HYPERV_ARGS, TIMESTAMP, evaluateLab, labFacts } from './support/reports.js';

const OUT = join(PACKAGE_ROOT, 'out', 'screenshots');
const browserTest = suite<{ browser?: Browser }>('html in headless chromium', {});

browserTest.before(async (context) => {
  assert.ok(CHROMIUM, 'chromium is installed (apt-get install chromium; .ci/run does it)');
  mkdirSync(OUT, { recursive: true });
  context.browser = await Browser.launch();
});

browserTest.after(async (context) => {
  await context.browser?.close();
});

function writeReport(name: string, args: string[]): string {
  const path = join(OUT, name);
  const run = runCli([...args, '--format', 'html', '--output', path]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return path;
}

browserTest('the request log sees what a page fetches (control for the next test)', async ({ browser }) => {
  const path = join(OUT, 'control-fetches.html');
  writeFileSync(path, '<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/pixel.png"><script>console.error("control")</script>');
  const page = await browser!.open(pathToFileURL(path).href);
  assert.ok(page.log.requests.includes('http://127.0.0.1:9/pixel.png'), JSON.stringify(page.log.requests));
  assert.ok(page.log.consoleErrors.some((line) => line.includes('control')), JSON.stringify(page.log.consoleErrors));
});

browserTest('failing Hyper-V host with VMs: clean load, verdict, failures with commands, facts; screenshots', async ({ browser }) => {
  const path = writeReport('hyperv-lab.html', HYPERV_ARGS);
  const url = pathToFileURL(path).href;
  const page = await browser!.open(url);
  assert.equal(page.log.consoleErrors, [], 'no console errors, exceptions or CSP violations');
  assert.equal(page.log.requests, [url], 'no request but the report itself');
  assert.equal(page.log.dialogs, [], 'nothing ran from collected data');

  const text = await page.evaluate<string>('document.body.innerText');
  assert.match(text, /NOT READY/);
  assert.match(text, /3 blocking, 1 warning, 1 to verify/);
  assert.ok(text.includes(`VM ${HOSTILE}`), 'the hostile VM name is shown as text');
  assert.ok(text.includes("Update-VMVersion -Name 'lab-01' -Confirm:$false"), 'remediation command');
  assert.match(text, /IRREVERSIBLE: cannot be undone/);
  assert.match(text, /windows\.netnat failed: Get-NetNat: <b>not found<\/b> & "quoted"/, 'collection errors shown plainly');
  assert.match(text, /Appendix: collected facts/);
  assert.match(text, /host\.hyperv\.supportedConfigVersions\s+\["8\.0","9\.0","10\.0"\]/);
  assert.is(await page.evaluate<number>('document.scripts.length'), 1, 'only the report script');
  assert.is(await page.evaluate<number>('document.querySelectorAll("b").length'), 0, 'no markup from collected strings');
  assert.is(await page.evaluate<number>('document.querySelectorAll("article.result.fail-error pre.cmd").length'), 5);
  assert.is(await page.evaluate<number>('document.querySelectorAll("button.copy").length'), 6, 'the copy script ran under the CSP');
  assert.is(await page.evaluate<string>('document.querySelector(".irreversible pre").textContent'), "Update-VMVersion -Name 'lab-01' -Confirm:$false", 'copy takes the command without prompt');
  const links = await page.evaluate<string[]>('[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href")).filter(h => !h.startsWith("#"))');
  assert.ok(links.length > 0 && links.every((href) => href.startsWith('https://')), links.join(' '));

  const screen = await page.screenshot(join(OUT, 'hyperv-lab.png'), { width: 1200, media: 'screen' });
  await page.clip(join(OUT, 'hyperv-lab-top.png'), { y: 0, height: 1300, width: 1200 });
  const appendix = await page.evaluate<number>('document.getElementById("facts").getBoundingClientRect().top + scrollY');
  await page.clip(join(OUT, 'hyperv-lab-appendix.png'), { y: appendix - 40, height: 900, width: 1200 });
  const print = await page.screenshot(join(OUT, 'hyperv-lab-print.png'), { width: 794, media: 'print' });
  assert.ok(screen.length > 20_000 && print.length > 20_000, 'screenshots have content');
  assert.is(await page.evaluate<string>('getComputedStyle(document.querySelector("button.copy")).display'), 'none', 'print hides copy buttons');
  const pdf = await page.pdf(join(OUT, 'hyperv-lab.pdf'));
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
});

browserTest('a Linux captured tree renders cleanly too', async ({ browser }) => {
  const path = writeReport('linux-intel-host-nested-off.html', ['evaluate', 'fixtures/linux/intel-host-nested-off', '--timestamp', TIMESTAMP]);
  const url = pathToFileURL(path).href;
  const page = await browser!.open(url);
  assert.equal(page.log.consoleErrors, []);
  assert.equal(page.log.requests, [url]);
  assert.match(await page.evaluate<string>('document.querySelector(".banner h1").textContent'), /^(READY|NOT READY|INCOMPLETE)$/);
  await page.screenshot(join(OUT, 'linux-intel-host-nested-off.png'), { width: 1200, media: 'screen' });
});

browserTest('JUnit XML with hostile and illegal characters is well-formed and keeps the text', async ({ browser }) => {
  const facts = labFacts();
  facts.vms![1]!.name = `${HOSTILE} ]]> & "q" 'a' \u0000\u0001\u001b[31m\u0085\ud800 \ufffe end`;
  const xml = renderJunit(await evaluateLab(facts));
  const path = join(OUT, 'hostile.junit.xml');
  writeFileSync(path, xml);
  const page = await browser!.open('about:blank');
  const parsed = await page.evaluate<{ error: string | null; classnames: string[]; failures: number }>(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
    const error = doc.querySelector('parsererror');
    return { error: error ? error.textContent : null, classnames: [...doc.querySelectorAll('testcase')].map(t => t.getAttribute('classname')), failures: doc.querySelectorAll('failure').length };
  })()`);
  assert.is(parsed.error, null);
  assert.ok(parsed.classnames.includes(`HV-LAB-01 / VM ${HOSTILE} ]]> & "q" 'a' \\u0000\\u0001\\u001B[31m\\u0085\\uD800 \\uFFFE end`), parsed.classnames.join('\n'));
  assert.is(parsed.failures, 4);
  const control = await page.evaluate<boolean>(`!!new DOMParser().parseFromString('<a>\\u0001</a>', 'application/xml').querySelector('parsererror')`);
  assert.ok(control, 'the parser does reject an illegal character (control)');
  assert.ok(readFileSync(path, 'utf8').includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
});

browserTest.run();

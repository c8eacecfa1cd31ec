// HTML report: one self-contained file (inline CSS, a little inline JS for copy buttons, nothing
// fetched), rendered with handlebars from reporters/html/. Pure: (results) → HTML text.
// Loaded only for --format html, so nothing else pays for handlebars or the template.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { ResultsDocument } from '../schemas/results.js';
import { htmlView } from './html-view.js';

// The templates ship beside the sources (reporters/html/), not in dist/: look upwards from this
// module, so the same code finds them from reporters/ (tsx) and from dist/reporters/ (built).
function findTemplateDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'html'), join(dir, 'reporters', 'html')]) {
      if (existsSync(join(candidate, 'report.hbs'))) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`nestready: cannot find reporters/html/report.hbs above ${start}`);
  }
}

const TEMPLATE_DIR = findTemplateDir(dirname(fileURLToPath(import.meta.url)));
const read = (name: string) => readFileSync(join(TEMPLATE_DIR, name), 'utf8');

const css = read('report.css');
const script = read('copy.js');
// A report with several hosts adds the fleet overview: its stylesheet and table script are appended
// to the single-host ones, so a one-host report carries none of it.
const fleetCss = css + read('fleet.css');
const fleetScript = script + '\n' + read('fleet.js');
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Only our own stylesheet and script may run, by hash: even a string that slipped past escaping
// could neither execute nor load anything. No network source is allowed at all.
const csp = (style: string, code: string) => [`default-src 'none'`, `style-src ${hash(style)}`, `script-src ${hash(code)}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
const SINGLE = { css, script, csp: csp(css, script) };
const FLEET = { css: fleetCss, script: fleetScript, csp: csp(fleetCss, fleetScript) };

const handlebars = Handlebars.create();
handlebars.registerPartial('fleet', handlebars.compile(read('fleet.hbs'), { noEscape: false, preventIndent: true }));
const template = handlebars.compile(read('report.hbs'), { noEscape: false, preventIndent: true });

export function renderHtml(results: ResultsDocument): string {
  const view = htmlView(results);
  const html = template({ ...view, ...(view.fleet ? FLEET : SINGLE) }, { allowProtoPropertiesByDefault: false });
  return html.endsWith('\n') ? html : html + '\n';
}

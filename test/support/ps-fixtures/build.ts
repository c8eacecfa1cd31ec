// Writes fixtures/windows/<scenario>/: scenario.json and one raw capture per PowerShell shape.
//   npx tsx test/support/ps-fixtures/build.ts          (test/collectors/windows-fixtures.test.ts checks they are current)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../engine/package-root.js';
import { renderCapture } from './render.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

export const WINDOWS_FIXTURES = join(PACKAGE_ROOT, 'fixtures', 'windows');

export function describeCapture(capture: Scenario['captures'][number]): string {
  const shell = capture.edition === '5.1' ? 'Windows PowerShell 5.1' : capture.wincompat ? 'PowerShell 7 (Hyper-V module through WinCompat)' : 'PowerShell 7';
  const layout = capture.pretty ? '-Pretty (indented)' : 'one line (-Compress)';
  const encoding = capture.encoding === 'utf16le-bom' ? 'UTF-16LE with BOM, as `> host.json` writes it in Windows PowerShell' : capture.encoding === 'utf8-bom' ? 'UTF-8 with BOM' : 'UTF-8 without BOM';
  const vms = capture.vmNames ? `, run with -VMName ${capture.vmNames.map((name) => JSON.stringify(name)).join(',')}` : '';
  return `${shell}, ${layout}, ${encoding}${vms}`;
}

export function scenarioFiles(scenario: Scenario): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const meta = {
    title: scenario.title,
    expectedVerdict: scenario.expectedVerdict,
    notes: scenario.notes,
    captures: Object.fromEntries(scenario.captures.map((capture) => [capture.file, describeCapture(capture)])),
  };
  files.set('scenario.json', Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
  for (const capture of scenario.captures) {
    const model = scenario.model(capture.edition, { wincompat: capture.wincompat, vmNames: capture.vmNames });
    files.set(capture.file, renderCapture(model, capture));
  }
  return files;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const scenario of SCENARIOS) {
    const dir = join(WINDOWS_FIXTURES, scenario.id);
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of scenarioFiles(scenario)) writeFileSync(join(dir, name), bytes);
    console.log(`fixtures/windows/${scenario.id}: ${scenario.captures.map((capture) => capture.file).join(', ')}`);
  }
}

// Synthetic fleets for the report tests: bench/generate-fleet.ts over the fixtures' facts documents
// (seeded, so every run sees the same bytes), optionally with hostile host and VM names.
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FactsDocument } from '../../../schemas/facts.js';
import { PACKAGE_ROOT } from '../../../engine/package-root.js';
import { convertItem, readInputs } from '../../../cli/input/read-inputs.js';
import { generateFleet, type FleetTemplates } from '../../../bench/generate-fleet.js';
import { HOSTILE_NAMES } from '../../support/hostile-names.js';

export const FLEET_SEED = 20261122;
// The small fleet of the snapshots: the Hyper-V lab four times over, evaluated with the test rules.
export const FLEET_LAB = 'test/fixtures-reports/fleet-lab.ndjson';

let templates: Promise<FleetTemplates> | undefined;

export function fleetTemplates(): Promise<FleetTemplates> {
  return (templates ??= (async () => {
    const inputs: string[] = [];
    for (const family of ['linux', 'windows']) {
      const dir = join(PACKAGE_ROOT, 'fixtures', family);
      for (const scenario of readdirSync(dir).sort()) {
        const path = join(dir, scenario);
        if (statSync(join(path, 'proc', 'cpuinfo'), { throwIfNoEntry: false })) inputs.push(path);
        else for (const file of readdirSync(path).sort()) if (file !== 'scenario.json' && /\.(json|txt)$/.test(file)) inputs.push(join(path, file));
      }
    }
    const found: FleetTemplates = { linux: [], windows: [] };
    const now = () => new Date(0);
    for await (let item of readInputs(inputs, { now, pinned: true, stdin: async function* () {} })) {
      if (item.kind === 'text') item = await convertItem(item, now);
      if (item.kind !== 'facts') continue;
      const facts: FactsDocument = item.facts;
      if (facts.host.os.family === 'windows') found.windows.push(facts);
      else if (facts.host.os.family === 'linux') found.linux.push(facts);
    }
    return found;
  })());
}

// Every `hostileEvery`-th host (and its first VM) gets a hostile name, numbered so names stay distinct.
export function hostileName(index: number): string {
  return `${HOSTILE_NAMES[index % HOSTILE_NAMES.length]} #${index}`;
}

export async function writeFleet(path: string, count: number, options: { hostileEvery?: number } = {}): Promise<void> {
  const stream = createWriteStream(path);
  let index = 0;
  for (let line of generateFleet(count, FLEET_SEED, await fleetTemplates())) {
    if (options.hostileEvery && index % options.hostileEvery === 0) {
      const doc = JSON.parse(line) as FactsDocument;
      doc.host.name = hostileName(index);
      if (doc.vms && doc.vms[0]) doc.vms[0].name = `${HOSTILE_NAMES[(index + 3) % HOSTILE_NAMES.length]} vm`;
      line = JSON.stringify(doc);
    }
    if (!stream.write(line + '\n')) await once(stream, 'drain');
    index++;
  }
  stream.end();
  await once(stream, 'finish');
}

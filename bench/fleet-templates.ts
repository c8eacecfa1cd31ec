// The fixtures a synthetic fleet is made from: every Linux captured tree and Windows recording,
// read through the same input path as `nestready evaluate`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsDocument } from '../schemas/facts.js';
import { PACKAGE_ROOT } from '../engine/package-root.js';
import { convertItem, readInputs } from '../cli/input/read-inputs.js';
import type { FleetTemplates } from './generate-fleet.js';

export async function loadTemplates(): Promise<FleetTemplates> {
  const inputs: string[] = [];
  for (const family of ['linux', 'windows']) {
    const dir = join(PACKAGE_ROOT, 'fixtures', family);
    if (!statSync(dir, { throwIfNoEntry: false })) continue;
    for (const scenario of readdirSync(dir).sort()) {
      const path = join(dir, scenario);
      if (statSync(join(path, 'proc', 'cpuinfo'), { throwIfNoEntry: false })) inputs.push(path);
      else for (const file of readdirSync(path).sort()) if (file !== 'scenario.json' && /\.(json|txt)$/.test(file)) inputs.push(join(path, file));
    }
  }
  const templates: FleetTemplates = { linux: [], windows: [] };
  const stdin = async function* () {};
  const now = () => new Date(0);
  for await (const raw of readInputs(inputs, { now, pinned: true, stdin })) {
    const item = raw.kind === 'text' ? await convertItem(raw, now) : raw;
    if (item.kind !== 'facts') continue;
    const facts: FactsDocument = item.facts;
    if (facts.host.os.family === 'windows') templates.windows.push(facts);
    else if (facts.host.os.family === 'linux') templates.linux.push(facts);
  }
  return templates;
}


// JSON.stringify(host), byte for byte, but a result shared by many hosts (engine/rule-memo.ts hands
// out the same frozen object) is serialised once. In a fleet most results are shared, and turning
// results into JSON was the largest cost of `evaluate --format json` (test/cli/host-json.test.ts
// holds it to JSON.stringify's bytes).
import type { HostResult, RuleResult, Target } from '../schemas/results.js';

const sharedJson = new WeakMap<RuleResult, string>();

function resultJson(result: RuleResult): string {
  if (!Object.isFrozen(result)) return JSON.stringify(result);
  let json = sharedJson.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    sharedJson.set(result, json);
  }
  return json;
}

function resultsJson(results: RuleResult[]): string {
  let out = '[';
  for (let i = 0; i < results.length; i++) out += (i === 0 ? '' : ',') + resultJson(results[i]!);
  return out + ']';
}

// Properties in their own order, undefined ones left out: what JSON.stringify does.
function objectJson(value: object, special: string, specialJson: (value: never) => string): string {
  let out = '{';
  let first = true;
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + (key === special ? specialJson(child as never) : JSON.stringify(child));
    first = false;
  }
  return out + '}';
}

function targetsJson(targets: Target[]): string {
  let out = '[';
  for (let i = 0; i < targets.length; i++) out += (i === 0 ? '' : ',') + objectJson(targets[i]!, 'results', resultsJson);
  return out + ']';
}

export function hostJson(host: HostResult): string {
  return objectJson(host, 'targets', targetsJson);
}

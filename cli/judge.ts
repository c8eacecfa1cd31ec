// Judging one input item: text → facts → rule pack → host result. The same code runs inline and on
// worker threads (cli/parallel/judge-worker.ts), so a fleet gives the same bytes either way.
import type { FactsDocument } from '../schemas/facts.js';
import type { HostResult, InputError } from '../schemas/results.js';
import { evaluateHost } from '../engine/evaluate.js';
import { meetsThreshold, type FailOn } from '../engine/summarize.js';
import { CliError } from './errors.js';
import type { InputItem } from './input/read-inputs.js';
import type { PackCache } from './profiles.js';

export type Judged =
  | { kind: 'host'; host: HostResult; facts: FactsDocument; profileRef: string }
  | { kind: 'error'; error: InputError };

export function toInputError(item: Extract<InputItem, { kind: 'error' }>): InputError {
  return { input: item.input, ...(item.line ? { line: item.line } : {}), message: item.message };
}

export async function judge(item: InputItem, packs: PackCache, now: () => Date): Promise<Judged> {
  // The input adapters load only when there is text to convert: a live scan never needs them.
  const converted = item.kind === 'text' ? await (await import('./input/read-inputs.js')).convertItem(item, now) : item;
  if (converted.kind === 'error') return { kind: 'error', error: toInputError(converted) };
  if (converted.kind !== 'facts') throw new Error('unreachable: text was converted');
  let profileRef: string;
  try {
    profileRef = packs.profileRefFor(converted.facts);
  } catch (error) {
    // One host of an unknown platform is that entry's problem, not the whole fleet's.
    if (error instanceof CliError) return { kind: 'error', error: { input: converted.input, ...(converted.inputLine ? { line: converted.inputLine } : {}), message: error.message } };
    throw error;
  }
  const pack = await packs.packFor(converted.facts);
  const host = evaluateHost(converted.facts, pack, { input: converted.input, ...(converted.inputLine ? { inputLine: converted.inputLine } : {}) });
  return { kind: 'host', host, facts: converted.facts, profileRef };
}

export function hostFails(host: HostResult, failOn: FailOn): boolean {
  return host.targets.some((target) => target.results.some((result) => meetsThreshold(result, failOn)));
}

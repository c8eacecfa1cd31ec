// Judging one input item: text → facts → rule pack → host result. The same code runs inline and on
// worker threads (cli/parallel/judge-worker.ts), so a fleet gives the same bytes either way.
import type { FactsDocument } from '../schemas/facts.js';
import type { HostResult, InputError } from '../schemas/results.js';
import { evaluateHost, hostDigest, type HostDigest, type HostInput } from '../engine/evaluate.js';
import { writeHostJson } from '../engine/evaluate-json.js';
import type { JsonOut } from '../engine/rule-json.js';
import type { RulePack } from '../engine/rule-pack.js';
import { hostJson } from './host-json.js';
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

type Prepared = { kind: 'facts'; facts: FactsDocument; pack: RulePack; input: HostInput; profileRef: string } | { kind: 'error'; error: InputError };

let readInputs: typeof import('./input/read-inputs.js') | undefined;

async function prepare(item: InputItem, packs: PackCache, now: () => Date): Promise<Prepared> {
  // The input adapters load only when there is text to convert: a live scan never needs them. (Kept
  // once loaded: import() of a loaded module still goes through the module loader, for every line.)
  const converted = item.kind === 'text' ? await (readInputs ??= await import('./input/read-inputs.js')).convertItem(item, now) : item;
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
  const pack = await packs.packForRef(profileRef);
  return { kind: 'facts', facts: converted.facts, pack, input: { input: converted.input, ...(converted.inputLine ? { inputLine: converted.inputLine } : {}) }, profileRef };
}

export async function judge(item: InputItem, packs: PackCache, now: () => Date): Promise<Judged> {
  const prepared = await prepare(item, packs, now);
  if (prepared.kind === 'error') return prepared;
  return { kind: 'host', host: evaluateHost(prepared.facts, prepared.pack, prepared.input), facts: prepared.facts, profileRef: prepared.profileRef };
}

export type JudgedJson = { kind: 'host'; digest: HostDigest; fails: boolean; profileRef: string } | { kind: 'error'; error: InputError };

// Judging straight to the host's JSON in `out`, for a streamed JSON report: the same bytes as
// hostJson(judge(...).host), without building the results (engine/evaluate-json.ts).
export async function judgeJson(item: InputItem, packs: PackCache, now: () => Date, failOn: FailOn, out: JsonOut): Promise<JudgedJson> {
  const prepared = await prepare(item, packs, now);
  if (prepared.kind === 'error') return prepared;
  return writeJudged(prepared.facts, prepared.pack, prepared.input, prepared.profileRef, failOn, out);
}

// judgeJson without waiting on anything, for the lines of a bundle once the facts validator and the
// pack are loaded: the same bytes and digest. Undefined when judgeJson must take the line (the first
// of its kind, raw collector output, an error to explain).
export function judgeJsonSync(text: string, input: HostInput, packs: PackCache, failOn: FailOn, out: JsonOut): JudgedJson | undefined {
  const facts = readInputs?.convertFactsLineSync(text);
  if (!facts) return undefined;
  let profileRef: string;
  try {
    profileRef = packs.profileRefFor(facts);
  } catch {
    return undefined;
  }
  const pack = packs.packIfLoaded(profileRef);
  if (!pack) return undefined;
  return writeJudged(facts, pack, input, profileRef, failOn, out);
}

// The host's JSON into `out`: straight from reused outcomes, or through evaluateHost for a host the
// fast path leaves to it (engine/evaluate-json.ts).
function writeJudged(facts: FactsDocument, pack: RulePack, input: HostInput, profileRef: string, failOn: FailOn, out: JsonOut): JudgedJson {
  const written = writeHostJson(facts, pack, input, failOn, out);
  if (written) return { kind: 'host', digest: written.digest, fails: written.fails, profileRef };
  const host = evaluateHost(facts, pack, input);
  out.write(hostJson(host));
  return { kind: 'host', digest: hostDigest(host), fails: hostFails(host, failOn), profileRef };
}

export function hostFails(host: HostResult, failOn: FailOn): boolean {
  return host.targets.some((target) => target.results.some((result) => meetsThreshold(result, failOn)));
}

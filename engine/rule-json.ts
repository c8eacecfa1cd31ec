// A rule's result as UTF-8 JSON, reused across targets with the same values (engine/rule-key.ts).
// Writing a fleet's results was dominated by turning the same results into JSON again and again;
// here each distinct outcome is serialised and encoded once and then copied as bytes.
//
// An outcome whose wording names the machine ("VM 'web-1' has dynamic memory on", a command with
// {{psvm vm}}) is kept as JSON pieces around the places where the name goes: it is rendered once
// with markers standing in for those placeholders, and each target fills in its own name. The
// bytes are those of JSON.stringify(evaluateRule(...)) — test/engine/evaluate-json.test.ts holds them
// to it on a fleet and on hostile names.
import type { RuleResult } from '../schemas/results.js';
import type { CompiledRule, EvaluationContext } from './rule-pack.js';
import { evaluateRule } from './evaluate.js';
import { readPath } from './fact-path.js';
import { KeyedStore, ruleKeyOf, type Status } from './rule-key.js';
import type { ScopeValues } from './scope-keys.js';
import { renderPlaceholder, renderTemplateWith, type Placeholder } from './template.js';

const COMMA = Buffer.from(',');

export class Outcome {
  constructor(
    readonly ruleId: string,
    readonly severity: RuleResult['severity'],
    readonly status: Status,
    // The whole result, or (with slots) the pieces around the slots: pieces.length = slots.length + 1.
    readonly pieces: Buffer[],
    readonly slots: Slot[],
  ) {
    this.separatedFirst = Buffer.concat([COMMA, pieces[0]!]);
  }

  // The first piece after a comma, for every result but a target's first: one copy instead of two.
  readonly separatedFirst: Buffer;
}

// Where a machine's name goes: inside a string (a message, a command), or as an evidence value. `id`
// numbers the distinct ones (`{{psvm vm}}`, `{{vm.name}}`...), which a target renders once each.
type Slot = ({ kind: 'text'; placeholder: Placeholder } | { kind: 'value'; path: string }) & { id: number };

const slotIds = new Map<string, number>();
function slotIdOf(key: string): number {
  let id = slotIds.get(key);
  if (id === undefined) slotIds.set(key, (id = slotIds.size));
  return id;
}

// One target's slot values by id, as JSON (string content for a text slot, a value for an evidence
// slot); null for a value that cannot be spliced in (see textSlot).
export type TargetSlots = (string | null | undefined)[];

// What a target gets for one rule: a reused outcome (its slots filled from the target's TargetSlots),
// or a result judged afresh. Both carry the result's ruleId, status and severity.
export type RuleJson = Outcome | RuleResult;

// Private-use code points, which no rule template uses; a collected value that contains them
// disqualifies the outcome from reuse (checked when it is built). An evidence value is a whole JSON
// string once marked, quotes included, right after its key's colon (in a message, a quote before a
// marker is escaped).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /(?<=:)"\uE000(\d+)\uE001"|\uE000(\d+)\uE001/g;

const stores = new WeakMap<CompiledRule, KeyedStore<Outcome | null>>();

export function outcomeStoreOf(rule: CompiledRule): KeyedStore<Outcome | null> {
  let store = stores.get(rule);
  if (!store) stores.set(rule, (store = new KeyedStore(ruleKeyOf(rule))));
  return store;
}

// The outcome for these values, or null when it cannot be kept as pieces.
function buildOutcome(rule: CompiledRule, context: EvaluationContext): Outcome | null {
  const { keyPaths } = ruleKeyOf(rule);
  const slots: Slot[] = [];
  const mark = (slot: Slot) => {
    slots.push(slot);
    return OPEN + (slots.length - 1) + CLOSE;
  };
  const marked = evaluateRule(rule, context, {
    // Not in the key: a name, the same outcome for every target otherwise.
    render: (template, ctx) =>
      renderTemplateWith(template, ctx, (placeholder) => (keyPaths.includes(placeholder.path) ? undefined : mark({ kind: 'text', placeholder, id: slotIdOf(placeholder.key) }))),
    evidence: (path) => (keyPaths.includes(path) ? undefined : mark({ kind: 'value', path, id: slotIdOf('=' + path) })),
  });
  const json = JSON.stringify(marked);
  // Nothing names the machine (most outcomes): one piece, nothing to look for.
  if (slots.length === 0) return new Outcome(marked.ruleId, marked.severity, marked.status, [Buffer.from(json, 'utf8')], slots);
  const pieces: Buffer[] = [];
  let last = 0;
  let expected = 0;
  for (const match of json.matchAll(MARKER)) {
    const index = Number(match[1] ?? match[2]);
    // In order, and of the kind marked: an evidence value is a whole string after a colon. (A text
    // slot that fills a whole string, a message of just "{{vm.name}}", looks like one: not reused.)
    if (index !== expected++ || (slots[index]?.kind === 'value') !== (match[1] !== undefined)) return null;
    pieces.push(Buffer.from(json.slice(last, match.index), 'utf8'));
    last = match.index + match[0].length;
  }
  pieces.push(Buffer.from(json.slice(last), 'utf8'));
  if (expected !== slots.length) return null;
  // A collected value holding a marker character would be taken for a slot.
  for (const piece of pieces) if (piece.includes(OPEN) || piece.includes(CLOSE)) return null;
  return new Outcome(marked.ruleId, marked.severity, marked.status, pieces, slots);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

// This target's values for the outcome's slots, into `slots`. False when one cannot be spliced in.
function fill(outcome: Outcome, context: EvaluationContext, slots: TargetSlots): boolean {
  for (const slot of outcome.slots) {
    let value = slots[slot.id];
    if (value === undefined) {
      value = slot.kind === 'value' ? JSON.stringify(readPath(context, slot.path) ?? null) : textSlot(renderPlaceholder(slot.placeholder, context));
      slots[slot.id] = value;
    }
    if (value === null) return false;
  }
  return true;
}

// A text value as JSON string content; null when it starts or ends with half a surrogate pair,
// which JSON.stringify of the whole string could pair with its neighbour.
function textSlot(text: string): string | null {
  if (text.length > 0 && (isLowSurrogate(text.charCodeAt(0)) || isHighSurrogate(text.charCodeAt(text.length - 1)))) return null;
  // Most names have nothing JSON.stringify would escape (a quote, a backslash, a control character,
  // half a surrogate pair): then they are their own JSON.
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

// The rule's result for this target; `values` and `order` make the rule's key (engine/scope-keys.ts),
// `slots` the target's slot values so far (a VM failing four rules is named in each).
export function judgeRuleJson(
  rule: CompiledRule,
  store: KeyedStore<Outcome | null>, // outcomeStoreOf(rule), looked up once per pack
  context: EvaluationContext,
  values: ScopeValues,
  order: readonly number[],
  slots: TargetSlots,
): RuleJson {
  if (!store.enabled) return evaluateRule(rule, context);
  let outcome = store.findIn(values, order);
  if (outcome === undefined) {
    outcome = buildOutcome(rule, context);
    store.store(outcome);
  }
  if (outcome === null) return evaluateRule(rule, context);
  if (outcome.slots.length === 0 || fill(outcome, context, slots)) return outcome;
  return evaluateRule(rule, context);
}

export interface JsonOut {
  write(text: string): void;
  writeBytes(bytes: Uint8Array): void; // already UTF-8
}

// One result; `comma` puts a separator before it, `slots` are its target's.
export function writeRuleJson(judged: RuleJson, comma: boolean, slots: TargetSlots, out: JsonOut): void {
  if (judged instanceof Outcome) {
    const { pieces } = judged;
    out.writeBytes(comma ? judged.separatedFirst : pieces[0]!);
    for (let i = 0; i < judged.slots.length; i++) {
      out.write(slots[judged.slots[i]!.id]!);
      out.writeBytes(pieces[i + 1]!);
    }
    return;
  }
  out.write(comma ? ',' + JSON.stringify(judged) : JSON.stringify(judged));
}

// Memoised rule evaluation. A rule's result is a pure function of the fact values it reads: its
// facts, the paths its appliesWhen/inconclusiveWhen schemas constrain, its evidence paths and the
// placeholders of its messages. Fleets are homogeneous — the same CPUs, builds and VM settings over
// and over — so the same values come back, and the result (and, in cli/host-json.ts, its JSON)
// can be reused instead of judged, rendered and serialised again.
//
// Sound because the key holds every value the outcome can depend on. Schemas are only memoised when
// they are "path-closed": a node that descends (`properties`) may otherwise use only combinators,
// annotations, and `type`/`required` — those two read the node itself, but only its kind (null,
// object, a number...), which goes into the key as well. Validation is then a function of the leaf
// values and those kinds; a leaf that is absent, or whose parent is null, reads as undefined and is
// skipped by `properties` either way. Keywords that read an object's contents as a whole (`const`,
// `additionalProperties`, `$ref`...) would need the whole object: such a rule is evaluated every time.
// test/engine/rule-memo.test.ts compares memoised and fresh evaluation byte for byte on a fleet.
import type { RuleResult } from '../schemas/results.js';
import { evidencePathsOf } from './evidence-paths.js';
import { constrainedPaths, readPath } from './fact-path.js';
import type { CompiledRule, EvaluationContext } from './rule-pack.js';
import { templatePlaceholders } from './template.js';

type Status = RuleResult['status'];

interface Memo {
  keyPaths: string[];
  kindPaths: string[];
  // Outcomes whose wording reads only values in the key; others (a fix command naming the VM) are
  // rendered afresh for each target.
  reusable: Record<Status, boolean>;
  root: Map<unknown, unknown>;
  entries: number;
  lookups: number;
  hits: number;
  enabled: boolean;
}

// Bounded, so memory does not grow with the fleet: when full, start over.
const MAX_ENTRIES = 2048;
// A rule whose values are almost all different (say, evidence holding a serial number) is not worth
// the keys: after this many lookups with fewer than a quarter hits, it is evaluated directly.
const TRIAL_LOOKUPS = 2000;

const STRUCTURAL_KEYWORDS = new Set(['properties', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'title', 'description', '$comment']);
const KIND_KEYWORDS = new Set(['type', 'required']);

// The paths whose kind the schema looks at (see above), or null when the schema is not path-closed.
// A leaf (a schema under `properties` that names no deeper path) has its whole value in the key, so
// any keyword is fine there.
export function kindPaths(schema: unknown, prefix: string[] = [], leaf = false): string[] | null {
  if (schema === null || typeof schema !== 'object' || leaf) return [];
  const node = schema as Record<string, unknown>;
  const found = new Set<string>();
  for (const key of Object.keys(node)) {
    if (KIND_KEYWORDS.has(key)) {
      if (prefix.length > 0) found.add(prefix.join('.')); // the root, {host, vm, collection}, is always an object
    } else if (!STRUCTURAL_KEYWORDS.has(key)) {
      return null;
    }
  }
  const branches = [
    ...['allOf', 'anyOf', 'oneOf'].flatMap((key) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : [])),
    ...['not', 'if', 'then', 'else'].map((key) => node[key]).filter((value) => value !== undefined),
  ];
  const children = Object.entries((node.properties ?? {}) as Record<string, unknown>);
  const nested = [
    ...branches.map((branch) => kindPaths(branch, prefix)),
    ...children.map(([key, child]) => kindPaths(child, [...prefix, key], constrainedPaths(child).length === 0)),
  ];
  for (const paths of nested) {
    if (paths === null) return null;
    for (const path of paths) found.add(path);
  }
  return [...found].sort();
}

export function isPathClosed(schema: unknown): boolean {
  return kindPaths(schema) !== null;
}

// The fact paths a template reads. {{psvm vm}} reads the VM's id and name, never the whole object.
function templatePaths(template: string | undefined): string[] {
  if (!template) return [];
  return templatePlaceholders(template).flatMap(({ filter, path }) => (filter === 'psvm' && path === 'vm' ? ['vm.id', 'vm.name'] : [path]));
}

// Values that name one particular machine: keeping them out of the key is what lets two VMs with the
// same settings share a result. An outcome whose wording names the machine is then not reusable.
const IDENTITY = new Set(['vm', 'vm.id', 'vm.name', 'host.name']);

const memos = new WeakMap<CompiledRule, Memo>();

function memoOf(rule: CompiledRule): Memo {
  let memo = memos.get(rule);
  if (memo) return memo;
  const { definition } = rule;
  const kinds = [definition.appliesWhen, definition.requires, definition.inconclusiveWhen ?? {}].map((schema) => kindPaths(schema));
  const closed = kinds.every((paths) => paths !== null);
  const wording: Record<Status, string[]> = {
    'not-applicable': [],
    unknown: [...templatePaths(definition.message.unknown), ...templatePaths(definition.message.inconclusive)],
    pass: templatePaths(definition.message.pass),
    fail: [
      ...templatePaths(definition.message.fail),
      ...templatePaths(definition.remediation.text),
      ...definition.remediation.commands.flatMap((command) => [...templatePaths(command.run), ...templatePaths(command.where)]),
    ],
  };
  const keyPaths = new Set([...evidencePathsOf(rule), ...constrainedPaths(definition.inconclusiveWhen ?? {})]);
  for (const paths of Object.values(wording)) for (const path of paths) if (!IDENTITY.has(path)) keyPaths.add(path);
  const reusable = {} as Record<Status, boolean>;
  for (const status of Object.keys(wording) as Status[]) reusable[status] = wording[status].every((path) => keyPaths.has(path));
  const kindKeyPaths = [...new Set(kinds.flatMap((paths) => paths ?? []))].sort();
  memo = { keyPaths: [...keyPaths].sort(), kindPaths: kindKeyPaths, reusable, root: new Map(), entries: 0, lookups: 0, hits: 0, enabled: closed };
  memos.set(rule, memo);
  return memo;
}

// The key is a path through nested maps, one level per value: no key string is built and hashed for
// every rule of every host (that cost more than judging the rule). Map keys compare primitives by
// type and value; objects go in as their JSON behind a NUL, and a string that itself starts with a
// NUL gets a second one, so neither can pass for the other.
const OBJECT_KIND = Symbol('object');
const ARRAY_KIND = Symbol('array');

function keyValue(value: unknown): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === 0 ? '\u0000' + value : value;
  if (value !== null && typeof value === 'object') return '\u0000' + JSON.stringify(value);
  return value;
}

// An object's kind is all `type` and `required` need (its properties' values are in the key).
function kindValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? ARRAY_KIND : OBJECT_KIND;
  return keyValue(value);
}

type Level = Map<unknown, unknown>;

// The map holding the entry for this context, and the entry's key in it.
function slotOf(memo: Memo, context: EvaluationContext): [Level, unknown] {
  let level = memo.root;
  let key: unknown = null;
  let first = true;
  const step = (next: unknown) => {
    if (!first) {
      let child = level.get(key) as Level | undefined;
      if (child === undefined) level.set(key, (child = new Map()));
      level = child;
    }
    first = false;
    key = next;
  };
  for (const path of memo.kindPaths) step(kindValue(readPath(context, path)));
  for (const path of memo.keyPaths) step(keyValue(readPath(context, path)));
  return [level, key];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// Results handed out more than once are frozen: a reporter that mutated one would change every host.
export function evaluateRuleMemoised(
  rule: CompiledRule,
  context: EvaluationContext,
  evaluate: (rule: CompiledRule, context: EvaluationContext) => RuleResult,
): RuleResult {
  const memo = memoOf(rule);
  if (!memo.enabled) return evaluate(rule, context);
  const [level, key] = slotOf(memo, context);
  memo.lookups++;
  const cached = level.get(key) as RuleResult | null | undefined;
  if (cached !== undefined) {
    memo.hits++;
    if (cached !== null) return cached;
    return evaluate(rule, context); // same outcome, but worded for this machine
  }
  if (memo.lookups >= TRIAL_LOOKUPS && memo.hits * 4 < memo.lookups) {
    memo.enabled = false;
    memo.root = new Map();
    return evaluate(rule, context);
  }
  const result = evaluate(rule, context);
  if (memo.entries >= MAX_ENTRIES) {
    // Start over; the entry goes into the fresh tree on the next miss.
    memo.root = new Map();
    memo.entries = 0;
    return result;
  }
  memo.entries++;
  level.set(key, memo.reusable[result.status] ? deepFreeze(result) : null);
  return result;
}

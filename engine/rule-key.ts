// What a rule's result depends on, and a store keyed on those values. A rule's result is a pure
// function of the fact values it reads: its facts, the paths its appliesWhen/inconclusiveWhen schemas
// constrain, its evidence paths and the placeholders of its messages. Fleets are homogeneous — the
// same CPUs, builds and VM settings over and over — so the same values come back, and a result (or
// its JSON, engine/rule-json.ts) can be reused instead of judged, rendered and serialised again.
//
// Sound because the key holds every value the outcome can depend on. Schemas are only keyed when
// they are "path-closed": a node that descends (`properties`) may otherwise use only combinators,
// annotations, and `type`/`required` — those two read the node itself, but only its kind (null,
// object, a number...), which goes into the key as well. Validation is then a function of the leaf
// values and those kinds; a leaf that is absent, or whose parent is null, reads as undefined and is
// skipped by `properties` either way. Keywords that read an object's contents as a whole (`const`,
// `additionalProperties`, `$ref`...) would need the whole object: such a rule is evaluated every time.
// test/engine/rule-memo.test.ts compares reused and fresh evaluation byte for byte on a fleet.
import type { RuleResult } from '../schemas/results.js';
import { evidencePathsOf } from './evidence-paths.js';
import { constrainedPaths, readPath } from './fact-path.js';
import type { CompiledRule, EvaluationContext } from './rule-pack.js';
import { templatePlaceholders } from './template.js';

export type Status = RuleResult['status'];

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
// same settings share a result. An outcome that shows them (in its wording or evidence) is then not
// reusable as it is; engine/rule-json.ts reuses it with the name filled in. A rule whose verdict
// depends on one (it is in facts, appliesWhen, requires or inconclusiveWhen) keeps it in the key.
const IDENTITY = new Set(['vm', 'vm.id', 'vm.name', 'host.name', 'host.derived.vmNameOnHost']);

export interface RuleKey {
  keyPaths: string[];
  kindPaths: string[];
  // Outcomes whose wording and evidence read only values in the key.
  reusable: Record<Status, boolean>;
  // False when a schema is not path-closed: the rule cannot be keyed at all.
  closed: boolean;
}

const keys = new WeakMap<CompiledRule, RuleKey>();

export function ruleKeyOf(rule: CompiledRule): RuleKey {
  let found = keys.get(rule);
  if (found) return found;
  const { definition } = rule;
  const kinds = [definition.appliesWhen, definition.requires, definition.inconclusiveWhen ?? {}].map((schema) => kindPaths(schema));
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
  const decisive = new Set([
    ...definition.facts,
    ...rule.appliesWhenPaths,
    ...constrainedPaths(definition.requires),
    ...constrainedPaths(definition.inconclusiveWhen ?? {}),
  ]);
  const shown = (path: string) => !IDENTITY.has(path) || decisive.has(path);
  const evidence = evidencePathsOf(rule);
  const keyPaths = new Set([...decisive, ...evidence.filter(shown)]);
  for (const paths of Object.values(wording)) for (const path of paths) if (shown(path)) keyPaths.add(path);
  const reusable = {} as Record<Status, boolean>;
  for (const status of Object.keys(wording) as Status[]) {
    // A not-applicable result shows only the facts that decided it, which are in the key.
    const showsEvidence = status !== 'not-applicable';
    reusable[status] = wording[status].every((path) => keyPaths.has(path)) && (!showsEvidence || evidence.every((path) => keyPaths.has(path)));
  }
  found = {
    keyPaths: [...keyPaths].sort(),
    kindPaths: [...new Set(kinds.flatMap((paths) => paths ?? []))].sort(),
    reusable,
    closed: kinds.every((paths) => paths !== null),
  };
  keys.set(rule, found);
  return found;
}

// The key is a path through nested maps, one level per value: no key string is built and hashed for
// every rule of every host (that cost more than judging the rule). Map keys compare primitives by
// type and value; objects go in as their JSON behind a NUL, and a string that itself starts with a
// NUL gets a second one, so neither can pass for the other.
const OBJECT_KIND = Symbol('object');
const ARRAY_KIND = Symbol('array');

export function keyValue(value: unknown): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === 0 ? '\u0000' + value : value;
  if (value !== null && typeof value === 'object') return '\u0000' + JSON.stringify(value);
  return value;
}

// An object's kind is all `type` and `required` need (its properties' values are in the key).
export function kindValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? ARRAY_KIND : OBJECT_KIND;
  return keyValue(value);
}

type Level = Map<unknown, unknown>;

// Bounded, so memory does not grow with the fleet: when full, start over.
const MAX_ENTRIES = 2048;
// A rule whose values are almost all different (say, evidence holding a serial number) is not worth
// the keys: after this many lookups with fewer than a quarter hits, it is evaluated directly.
const TRIAL_LOOKUPS = 2000;

// Entries keyed on one rule's values. find(), then on a miss store(): the slot find() located is
// kept between the two calls instead of being returned in a new object for every lookup.
export class KeyedStore<T> {
  private root: Level = new Map();
  private entries = 0;
  private lookups = 0;
  private hits = 0;
  private level: Level = this.root;
  private key: unknown = null;
  private read: unknown[] | undefined;
  private inOrder: number[] | undefined;
  enabled: boolean;

  constructor(private readonly ruleKey: RuleKey) {
    this.enabled = ruleKey.closed;
  }

  // The value stored for this context's values; undefined on a miss. (The values are read into one
  // array the store keeps, and looked up in key order.)
  find(context: EvaluationContext): T | undefined {
    const { kindPaths, keyPaths } = this.ruleKey;
    const values = (this.read ??= new Array(kindPaths.length + keyPaths.length));
    for (let i = 0; i < kindPaths.length; i++) values[i] = kindValue(readPath(context, kindPaths[i]!));
    for (let i = 0; i < keyPaths.length; i++) values[kindPaths.length + i] = keyValue(readPath(context, keyPaths[i]!));
    return this.findIn(values, (this.inOrder ??= values.map((_, index) => index)));
  }

  // find() over values read once per target (engine/scope-keys.ts): `order` is this rule's key as
  // positions in `values`.
  findIn(values: readonly unknown[], order: readonly number[]): T | undefined {
    const count = order.length;
    let level = this.root;
    let key: unknown = null;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        let child = level.get(key) as Level | undefined;
        if (child === undefined) level.set(key, (child = new Map()));
        level = child;
      }
      key = values[order[i]!];
    }
    this.level = level;
    this.key = key;
    this.lookups++;
    const found = level.get(key) as T | undefined;
    // Counted on every lookup, not in a branch: code first run after V8 optimised the caller (the
    // first hit comes late for some rules) has no type feedback, and sends the caller back to be
    // optimised again.
    this.hits += found === undefined ? 0 : 1;
    return found;
  }

  // After a miss: keep the value, unless the store gives up on this rule or starts over.
  store(value: T): void {
    const poor = this.hits * 4 < this.lookups; // computed every time, for the reason given in findIn
    if (this.lookups >= TRIAL_LOOKUPS && poor) {
      this.enabled = false;
      this.root = new Map();
      return;
    }
    if (this.entries >= MAX_ENTRIES) {
      // Start over; the entry goes into the fresh tree on the next miss.
      this.root = new Map();
      this.entries = 0;
      return;
    }
    this.entries++;
    this.level.set(this.key, value);
  }
}

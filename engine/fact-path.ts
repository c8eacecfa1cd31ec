// Reads a dotted fact path ("host.cpu.vendor") from an evaluation context.
// undefined and null both mean "unknown" to the engine.
// Paths come from a few hundred rule fields, read for every host: split each once.
const splitPaths = new Map<string, string[]>();

export function readPath(context: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  return readKeys(context, keys);
}

// Names that every object or array inherits (toString, constructor, length...): reading one of them
// needs the own-property check readKeys makes at every step.
const inherited = (key: string) => key in Object.prototype || key in Array.prototype;

// True when no key of the path is such a name: readPlainKeys then reads what readKeys reads.
export function isPlainPath(keys: readonly string[]): boolean {
  return !keys.some(inherited);
}

// readKeys for a plain path (isPlainPath): an absent key reads undefined without the check, one
// property lookup per step instead of two.
export function readPlainKeys(context: unknown, keys: readonly string[]): unknown {
  let current: unknown = context;
  for (let i = 0; i < keys.length; i++) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[keys[i]!];
  }
  return current;
}

// readPath with the path already split (engine/scope-keys.ts reads the same paths for every target).
export function readKeys(context: unknown, keys: readonly string[]): unknown {
  let current: unknown = context;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function isUnknown(value: unknown): boolean {
  return value === null || value === undefined;
}

// The fact paths a JSON Schema constrains, following nested `properties` and the combinators.
// Used to tell "does not apply" from "cannot tell whether it applies".
export function constrainedPaths(schema: unknown, prefix: string[] = []): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found = new Set<string>();
  const properties = node.properties;
  if (properties && typeof properties === 'object') {
    for (const [key, child] of Object.entries(properties as Record<string, unknown>)) {
      const childPaths = constrainedPaths(child, [...prefix, key]);
      if (childPaths.length === 0) found.add([...prefix, key].join('.'));
      for (const path of childPaths) found.add(path);
    }
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    const branches = node[combinator];
    if (Array.isArray(branches)) for (const branch of branches) for (const p of constrainedPaths(branch, prefix)) found.add(p);
  }
  for (const single of ['not', 'if', 'then', 'else']) {
    if (node[single]) for (const p of constrainedPaths(node[single], prefix)) found.add(p);
  }
  if (Array.isArray(node.required)) {
    for (const key of node.required) if (typeof key === 'string') found.add([...prefix, key].join('.'));
  }
  return [...found].sort();
}

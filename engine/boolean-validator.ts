// A yes/no validator compiled from a JSON Schema into plain JavaScript, for the facts document that
// every host of a fleet passes through. ajv's standalone code for the same schema keeps error objects,
// error counters and instance paths on every branch; a fleet only needs "valid or not" (a document
// that fails is explained again by the full ajv validator), and the code without them is a third of
// the size: V8 runs it sooner in its fast tiers, which is most of validation's cost over a run.
//
// Only the keywords the facts schema uses are supported, with ajv's (draft-07) semantics; any other
// keyword stops the build. test/engine/facts-validator.test.ts holds it to ajv on a fleet, on every
// document one step away from its hosts, and on a table of keyword edge cases.

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
}

const ANNOTATIONS = new Set(['description', 'title', '$schema', '$id', '$comment']);
const SUPPORTED = new Set(['type', 'enum', 'const', 'minimum', 'properties', 'required', 'additionalProperties', 'items']);

export class UnsupportedSchemaError extends Error {}

// The test for one JSON type, as ajv writes it.
function typeTest(type: string, value: string): string {
  switch (type) {
    case 'string':
    case 'boolean':
      return `typeof ${value} === "${type}"`;
    case 'number':
      return `(typeof ${value} === "number" && isFinite(${value}))`;
    case 'integer':
      return `(typeof ${value} === "number" && !(${value} % 1) && !isNaN(${value}) && isFinite(${value}))`;
    case 'null':
      return `${value} === null`;
    case 'array':
      return `Array.isArray(${value})`;
    case 'object':
      return `(${value} !== null && typeof ${value} === "object" && !Array.isArray(${value}))`;
    default:
      throw new UnsupportedSchemaError(`type "${type}"`);
  }
}

function primitive(value: unknown, where: string): string {
  if (value !== null && typeof value === 'object') throw new UnsupportedSchemaError(`${where}: only primitive values are supported`);
  return JSON.stringify(value);
}

class Compiler {
  private readonly functions: string[] = [];

  // The function that checks an object's own keywords (required, additionalProperties, properties),
  // given an object; its name.
  private objectFunction(schema: Schema, where: string): string {
    const name = `v${this.functions.length}`;
    this.functions.push(''); // reserve the slot: nested objects get later numbers
    const body: string[] = [];
    const required = schema.required ?? [];
    if (required.length > 0) body.push(`if (${required.map((key) => `o[${JSON.stringify(key)}] === undefined`).join(' || ')}) return false;`);
    const properties = schema.properties ?? {};
    if (schema.additionalProperties === false) {
      const cases = Object.keys(properties).map((key) => `case ${JSON.stringify(key)}:`).join(' ');
      body.push(`for (const k in o) { switch (k) { ${cases} break; default: return false; } }`);
    } else if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
      throw new UnsupportedSchemaError(`${where}: additionalProperties must be true or false`);
    }
    for (const [key, child] of Object.entries(properties)) {
      const checks = this.checks(child, 'p', `${where}.${key}`);
      if (checks.length > 0) body.push(`{ const p = o[${JSON.stringify(key)}]; if (p !== undefined) { ${checks.join(' ')} } }`);
    }
    this.functions[Number(name.slice(1))] = `function ${name}(o) { ${body.join(' ')} return true; }`;
    return name;
  }

  // Statements that return false when `value` (a variable name) fails `schema`.
  checks(schema: Schema, value: string, where: string): string[] {
    for (const key of Object.keys(schema)) {
      if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key)) throw new UnsupportedSchemaError(`${where}: keyword "${key}"`);
    }
    const out: string[] = [];
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      out.push(`if (!(${types.map((type) => typeTest(type, value)).join(' || ')})) return false;`);
    }
    if ('const' in schema) out.push(`if (${value} !== ${primitive(schema.const, where)}) return false;`);
    if (schema.enum !== undefined) out.push(`if (!(${schema.enum.map((option) => `${value} === ${primitive(option, where)}`).join(' || ')})) return false;`);
    if (schema.minimum !== undefined) out.push(`if (typeof ${value} === "number" && isFinite(${value}) && !(${value} >= ${JSON.stringify(schema.minimum)})) return false;`);
    if (schema.properties !== undefined || schema.required !== undefined || schema.additionalProperties !== undefined) {
      const name = this.objectFunction(schema, where);
      out.push(`if (${typeTest('object', value)} && !${name}(${value})) return false;`);
    }
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) throw new UnsupportedSchemaError(`${where}: tuple items`);
      const item = `${value}i`;
      const itemChecks = this.checks(schema.items, item, `${where}[]`);
      if (itemChecks.length > 0) out.push(`if (Array.isArray(${value})) for (let i = 0; i < ${value}.length; i++) { const ${item} = ${value}[i]; ${itemChecks.join(' ')} }`);
    }
    return out;
  }

  module(schema: Schema, exportName: string): string {
    const root = this.checks(schema, 'data', '$');
    return [
      '// Generated by scripts/build-generated.ts from schemas/facts.schema.json (engine/boolean-validator.ts).',
      ...this.functions,
      `export function ${exportName}(data) { ${root.join(' ')} return true; }`,
      '',
    ].join('\n');
  }
}

// ES module source exporting `exportName(data): boolean`.
export function compileBooleanValidator(schema: object, exportName: string): string {
  return new Compiler().module(schema as Schema, exportName);
}

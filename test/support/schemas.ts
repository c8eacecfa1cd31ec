// Validating documents against the published JSON Schemas in schemas/, as a consumer would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { SCHEMAS_DIR } from '../../engine/package-root.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const cache = new Map<string, ReturnType<Ajv['compile']>>();

export function validateAgainst(schemaFile: string, data: unknown): string[] {
  let validate = cache.get(schemaFile);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFile), 'utf8')));
    cache.set(schemaFile, validate);
  }
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

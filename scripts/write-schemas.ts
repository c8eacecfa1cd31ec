// npm run schemas: regenerate schemas/*.schema.json from the TypeBox sources.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../engine/package-root.js';
import { schemaDocuments, serializeSchema } from './schema-documents.js';

for (const [name, schema] of Object.entries(schemaDocuments())) {
  writeFileSync(join(SCHEMAS_DIR, name), serializeSchema(schema));
  console.log(`wrote schemas/${name}`);
}

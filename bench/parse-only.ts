// The benchmark's baseline: read an NDJSON bundle line by line and JSON.parse every line, nothing else.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
if (!file) throw new Error('usage: parse-only <bundle.ndjson>');
let hosts = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  JSON.parse(line);
  hosts++;
}
process.stdout.write(`${hosts}\n`);

// A worker thread's half of a parallel bundle (cli/parallel/worker-pool.ts): decode a batch of lines,
// judge each one with exactly the code the serial path runs (cli/judge.ts judgeJson), and send back
// the hosts already serialised and UTF-8 encoded — the main thread only copies bytes into the report.
import { parentPort, workerData } from 'node:worker_threads';
import { ByteBuilder } from '../byte-builder.js';
import { judgeJson } from '../judge.js';
import { PackCache } from '../profiles.js';
import type { BatchReply, BatchRequest, WorkerConfig, WorkerEntry } from './messages.js';

const config = workerData as WorkerConfig;
const packs = new PackCache(config.profile, config.rules);
const now = () => (config.pinned !== null ? new Date(config.pinned) : new Date());
const decoder = new TextDecoder('utf-8'); // the main thread has checked the bytes are UTF-8

async function judgeBatch(request: BatchRequest): Promise<BatchReply> {
  const text = decoder.decode(request.bytes);
  const entries: WorkerEntry[] = [];
  // One per batch: batches are judged concurrently (each awaits its rule packs).
  const json = new ByteBuilder();
  let lineNumber = request.firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    const number = lineNumber++;
    start = end + 1;
    if (line.trim() === '') continue;
    const before = json.bytes().length;
    const judged = await judgeJson({ kind: 'text', input: request.input, inputLine: number, text: line }, packs, now, config.failOn, json);
    if (judged.kind === 'error') {
      entries.push({ kind: 'error', error: judged.error });
      continue;
    }
    entries.push({ kind: 'host', bytes: json.bytes().length - before, digest: judged.digest, fails: judged.fails, profileRef: judged.profileRef });
  }
  // Not from Buffer's shared pool: the whole ArrayBuffer is handed over to the main thread.
  const bytes = Buffer.allocUnsafeSlow(json.bytes().length);
  bytes.set(json.bytes());
  return { id: request.id, bytes, entries };
}

parentPort!.on('message', (request: BatchRequest) => {
  judgeBatch(request).then(
    (reply) => parentPort!.postMessage({ kind: 'reply', reply }, [reply.bytes.buffer as ArrayBuffer]),
    (error: unknown) => {
      const failure = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack ?? '' } : { name: 'Error', message: String(error), stack: '' };
      parentPort!.postMessage({ kind: 'fatal', failure });
    },
  );
});

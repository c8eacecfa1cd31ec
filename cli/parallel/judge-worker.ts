// A worker thread's half of a parallel bundle (cli/parallel/worker-pool.ts): decode a batch of lines,
// judge each one with exactly the code the serial path runs (cli/judge.ts judgeJson), and send back
// the hosts already serialised and UTF-8 encoded — the main thread only copies bytes into the report.
import { parentPort, workerData } from 'node:worker_threads';
import { ByteBuilder } from '../byte-builder.js';
import { judgeJson, judgeJsonSync } from '../judge.js';
import { batchLines } from './batch-lines.js';
import { PackCache } from '../profiles.js';
import type { BatchReply, BatchRequest, WorkerConfig, WorkerEntry } from './messages.js';

const config = workerData as WorkerConfig;
const packs = new PackCache(config.profile, config.rules);
const now = () => (config.pinned !== null ? new Date(config.pinned) : new Date());

async function judgeBatch(request: BatchRequest): Promise<BatchReply> {
  const entries: WorkerEntry[] = [];
  // One per batch: batches are judged concurrently (each awaits its rule packs).
  const json = new ByteBuilder();
  for (const line of batchLines(request.bytes, request.firstLine)) {
    const before = json.bytes().length;
    const input = { input: request.input, inputLine: line.number };
    const judged =
      judgeJsonSync(line.text, input, packs, config.failOn, json) ??
      (await judgeJson({ kind: 'text', input: request.input, inputLine: line.number, text: line.text }, packs, now, config.failOn, json));
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

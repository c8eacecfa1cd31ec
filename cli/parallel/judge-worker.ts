// A worker thread's half of a parallel bundle (cli/parallel/worker-pool.ts): decode a batch of lines,
// judge each one with exactly the code the serial path runs (cli/judge.ts), and send back the hosts
// already serialised and UTF-8 encoded — the main thread only copies bytes into the report.
import { parentPort, workerData } from 'node:worker_threads';
import { hostDigest } from '../../engine/evaluate.js';
import { hostJson } from '../host-json.js';
import { hostFails, judge } from '../judge.js';
import { PackCache } from '../profiles.js';
import type { BatchReply, BatchRequest, WorkerConfig, WorkerEntry } from './messages.js';

const config = workerData as WorkerConfig;
const packs = new PackCache(config.profile, config.rules);
const now = () => (config.pinned !== null ? new Date(config.pinned) : new Date());
const decoder = new TextDecoder('utf-8'); // the main thread has checked the bytes are UTF-8

async function judgeBatch(request: BatchRequest): Promise<BatchReply> {
  const text = decoder.decode(request.bytes);
  const entries: WorkerEntry[] = [];
  const json: string[] = [];
  let lineNumber = request.firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    const number = lineNumber++;
    start = end + 1;
    if (line.trim() === '') continue;
    const judged = await judge({ kind: 'text', input: request.input, inputLine: number, text: line }, packs, now);
    if (judged.kind === 'error') {
      entries.push({ kind: 'error', error: judged.error });
      continue;
    }
    const serialised = hostJson(judged.host);
    json.push(serialised);
    entries.push({ kind: 'host', bytes: Buffer.byteLength(serialised), digest: hostDigest(judged.host), fails: hostFails(judged.host, config.failOn), profileRef: judged.profileRef });
  }
  let total = 0;
  for (const entry of entries) if (entry.kind === 'host') total += entry.bytes;
  // Not from Buffer's shared pool: the whole ArrayBuffer is handed over to the main thread.
  const bytes = Buffer.allocUnsafeSlow(total);
  let offset = 0;
  for (const serialised of json) offset += bytes.write(serialised, offset, 'utf8');
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

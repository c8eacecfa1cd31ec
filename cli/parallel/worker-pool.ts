// Judging one large NDJSON bundle on worker threads. The main thread reads raw bytes and cuts them
// into batches of lines (bundle-batches.ts); workers decode, parse, validate, judge and serialise
// (judge-worker.ts); replies are put back in line order, so the report is byte for byte what the
// serial path writes. At most two batches per worker are in flight: memory stays flat.
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors.js';
import { bundleBatches } from './bundle-batches.js';
import type { BatchReply, WorkerConfig, WorkerEntry, WorkerMessage } from './messages.js';

export type BundleEntry = { kind: 'host'; json: Uint8Array; entry: Extract<WorkerEntry, { kind: 'host' }> } | { kind: 'error'; entry: Extract<WorkerEntry, { kind: 'error' }> } | { kind: 'not-text'; message: string };

const IN_FLIGHT_PER_WORKER = 2;

function rebuild(failure: { name: string; message: string; stack: string }): Error {
  // The same errors the serial path would throw, so cli/main.ts reports them the same way.
  if (failure.name === 'CliError' || failure.name === 'UsageError') return new CliError(failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  error.stack = failure.stack;
  return error;
}

export class WorkerPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly replies = new Map<number, BatchReply>();
  private waiting: { id: number; resolve: (reply: BatchReply) => void } | null = null;
  private failure: Error | null = null;
  private failed: ((error: Error) => void) | null = null;
  private nextId = 0;

  constructor(size: number, config: WorkerConfig) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./judge-worker.js', import.meta.url), { workerData: config });
      const slot = { worker, busy: 0 };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'fatal') return this.fail(rebuild(message.failure));
        slot.busy--;
        this.replies.set(message.reply.id, message.reply);
        if (this.waiting && this.waiting.id === message.reply.id) {
          const { resolve } = this.waiting;
          this.waiting = null;
          resolve(this.take(message.reply.id));
        }
      });
      worker.on('error', (error) => this.fail(error));
      this.workers.push(slot);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.failed?.(this.failure);
  }

  private take(id: number): BatchReply {
    const reply = this.replies.get(id)!;
    this.replies.delete(id);
    return reply;
  }

  private reply(id: number): Promise<BatchReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.replies.has(id)) return Promise.resolve(this.take(id));
    return new Promise((resolve, reject) => {
      this.waiting = { id, resolve };
      this.failed = reject;
    });
  }

  private send(input: string, firstLine: number, bytes: Buffer): number {
    const slot = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    const id = this.nextId++;
    slot.busy++;
    // A fresh copy the worker can own: the batch buffer is handed over, not cloned.
    const owned = new Uint8Array(bytes.length);
    owned.set(bytes);
    slot.worker.postMessage({ id, input, firstLine, bytes: owned }, [owned.buffer]);
    return id;
  }

  // Every non-blank line of the bundle, judged, in order; a file that is not text ends it.
  async *judge(path: string): AsyncGenerator<BundleEntry> {
    const batches = bundleBatches(path);
    const pending: number[] = [];
    let read = false; // the last batch is sent
    let notText: string | null = null;
    const fill = () => {
      while (!read && pending.length < this.workers.length * IN_FLIGHT_PER_WORKER) {
        const next = batches.next();
        const event = next.done ? null : next.value;
        if (event?.kind === 'batch') {
          pending.push(this.send(path, event.batch.firstLine, event.batch.bytes));
          continue;
        }
        read = true;
        if (event) notText = event.message;
      }
    };
    try {
      fill();
      while (pending.length > 0) {
        const reply = await this.reply(pending.shift()!);
        fill();
        let offset = 0;
        for (const entry of reply.entries) {
          if (entry.kind === 'error') {
            yield { kind: 'error', entry };
            continue;
          }
          yield { kind: 'host', json: reply.bytes.subarray(offset, offset + entry.bytes), entry };
          offset += entry.bytes;
        }
      }
    } finally {
      batches.return(undefined); // closes the file if the caller stops early
    }
    if (notText !== null) yield { kind: 'not-text', message: notText };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

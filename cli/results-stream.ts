// Writing a results document while hosts are still being evaluated, so memory does not grow with
// the fleet: each host is written as soon as it is judged and then dropped. One host gives the
// same pretty-printed document as `renderJson`; a fleet puts one host per line (still one JSON
// document, and greppable), which is also what makes 100,000 hosts cheap to write.
import { closeSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { BackgroundWrites } from './background-writes.js';
import { dirname } from 'node:path';
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { CliError } from './errors.js';
import { ByteBuilder } from './byte-builder.js';
import type { JsonOut } from '../engine/rule-json.js';
import { describeWriteError, tempPathFor } from './write-output.js';

export interface ByteSink {
  write(text: string): void;
  writeBytes(bytes: Uint8Array): void; // already UTF-8
  commit(): Promise<void>; // the document is complete: make it visible
  abort(): Promise<void>; // something failed: leave nothing half-written
}

// Where full chunks go: flush() hands over the first `length` bytes of `buffer` and returns the
// buffer to fill next (the same one, once written, or a fresh one while it is being written).
interface ChunkTarget {
  flush(buffer: Buffer, length: number): Buffer;
}

const CHUNK_BYTES = 1 << 20;

// Hosts arrive as strings of a few kilobytes: they are encoded straight into one reused buffer and
// written a megabyte at a time. Concatenating them into a big string first cost twice as much
// (measured: 260 ms against 90 ms for 114 MB), most of it flattening and re-encoding the rope.
class ChunkBuffer {
  private buffer: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly target: ChunkTarget) {}

  // Room for `bytes` more, flushing first if need be; false when they would not fit even then. (One
  // place for strings and bytes: the flush is first needed by bytes, early, so V8 has seen it run
  // before it optimises the code that writes strings, which would otherwise be optimised twice.)
  private room(bytes: number): boolean {
    if (this.used + bytes > this.buffer.length) this.flush();
    return bytes <= this.buffer.length;
  }

  write(text: string): void {
    // Worst case three UTF-8 bytes per UTF-16 unit; a text larger than the buffer goes on its own.
    if (this.room(text.length * 3)) {
      this.used += this.buffer.write(text, this.used, 'utf8');
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.target.flush(bytes, bytes.length);
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.room(bytes.length)) {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
      return;
    }
    this.target.flush(Buffer.from(bytes), bytes.length); // a copy: it may be written later
  }

  flush(): void {
    if (this.used === 0) return;
    this.buffer = this.target.flush(this.buffer, this.used);
    this.used = 0;
  }
}

export function stdoutSink(): ByteSink {
  // process.stdout.write keeps a reference to what it is given: hand it a copy of the chunk.
  const chunks = new ChunkBuffer({
    flush(buffer, length) {
      process.stdout.write(Buffer.from(buffer.subarray(0, length)));
      return buffer;
    },
  });
  return { write: (text) => chunks.write(text), writeBytes: (bytes) => chunks.writeBytes(bytes), commit: async () => chunks.flush(), abort: async () => {} };
}

// Temp file beside the target, renamed over it at the end: a gate never reads half a report.
export function atomicFileSink(path: string): ByteSink {
  const temp = tempPathFor(path);
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${describeWriteError(error)}`);
  }
  const writes = new BackgroundWrites(fd, CHUNK_BYTES);
  const chunks = new ChunkBuffer(writes);
  const failed = (error: unknown) => {
    rmSync(temp, { force: true });
    return new CliError(`cannot write ${path}: ${describeWriteError(error)}`);
  };
  return {
    write(text) {
      chunks.write(text);
    },
    writeBytes(bytes) {
      chunks.writeBytes(bytes);
    },
    async commit() {
      try {
        chunks.flush();
        await writes.settle();
        closeSync(fd);
        renameSync(temp, path);
      } catch (error) {
        throw failed(error);
      }
    },
    async abort() {
      await writes.settle().catch(() => {}); // no write may land after the file is removed
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(temp, { force: true });
    },
  };
}

type Head = Pick<ResultsDocument, 'schemaVersion' | 'tool' | 'generatedAt'>;
type Tail = Omit<ResultsDocument, 'schemaVersion' | 'tool' | 'generatedAt' | 'hosts' | 'inputErrors'>;

// Writes to the sink after a separator that is only written once something follows it: a host
// whose entry turns out to be an input error writes nothing.
class SeparatedOut implements JsonOut {
  private before: (() => void) | null = null;
  constructor(private readonly sink: ByteSink) {}

  arm(before: () => void): void {
    this.before = before;
  }

  private separate(): void {
    const before = this.before!;
    this.before = null;
    before();
  }

  write(text: string): void {
    if (this.before) this.separate();
    this.sink.write(text);
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.before) this.separate();
    this.sink.writeBytes(bytes);
  }
}

export class StreamingJsonWriter {
  private first: Uint8Array | null = null;
  private hosts = 0;
  private readonly held = new ByteBuilder();
  private readonly direct: SeparatedOut;

  constructor(
    private readonly sink: ByteSink,
    private readonly head: Head,
  ) {
    this.direct = new SeparatedOut(sink);
  }

  // Where the next host's JSON goes, then hostWritten() once it is there. The first host is held
  // back (one host is a document of its own, pretty-printed); later ones go straight into the sink,
  // not through a copy of their own.
  hostOut(): JsonOut {
    if (this.hosts === 0) {
      this.held.reset();
      return this.held;
    }
    this.direct.arm(() => this.separator());
    return this.direct;
  }

  hostWritten(): void {
    if (this.hosts === 0) this.first = this.held.bytes(); // held is not written to again
    this.hosts++;
  }

  // A host serialised (and UTF-8 encoded) on a worker thread: the same bytes as hostOut() gets.
  hostEncoded(json: Uint8Array): void {
    if (this.hosts === 0) {
      this.first = new Uint8Array(json); // a copy: a worker's bytes are a view into its reply
    } else {
      this.separator();
      this.sink.writeBytes(json);
    }
    this.hosts++;
  }

  // Before every host but the first; before the second, the document's opening and the held host.
  private separator(): void {
    if (this.hosts === 1) {
      this.sink.write(this.opening() + '\n');
      this.sink.writeBytes(this.first!);
      this.first = null;
    }
    this.sink.write(',\n');
  }

  private opening(): string {
    const head = JSON.stringify(this.head, null, 2);
    return head.slice(0, -2) + ',\n  "hosts": [';
  }

  finish(inputErrors: InputError[], tail: Tail): void {
    if (this.hosts <= 1) {
      const hosts = this.first === null ? [] : [JSON.parse(Buffer.from(this.first).toString('utf8')) as HostResult];
      const document = { ...this.head, hosts, inputErrors, ...tail } as ResultsDocument;
      this.sink.write(JSON.stringify(document, null, 2) + '\n');
      return;
    }
    const rest = JSON.stringify({ inputErrors, ...tail }, null, 2);
    this.sink.write('\n  ],\n' + rest.slice(2) + '\n');
  }
}

// Writing a results document while hosts are still being evaluated, so memory does not grow with
// the fleet: each host is written as soon as it is judged and then dropped. One host gives the
// same pretty-printed document as `renderJson`; a fleet puts one host per line (still one JSON
// document, and greppable), which is also what makes 100,000 hosts cheap to write.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostResult, InputError, ResultsDocument } from '../schemas/results.js';
import { CliError } from './errors.js';
import { describeWriteError, tempPathFor } from './write-output.js';

export interface ByteSink {
  write(text: string): void;
  commit(): void; // the document is complete: make it visible
  abort(): void; // something failed: leave nothing half-written
}

export function stdoutSink(): ByteSink {
  return { write: (text) => void process.stdout.write(text), commit: () => {}, abort: () => {} };
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
  let buffered = '';
  const flush = () => {
    if (buffered) writeSync(fd, buffered);
    buffered = '';
  };
  return {
    write(text) {
      buffered += text;
      if (buffered.length > 1 << 20) flush();
    },
    commit() {
      try {
        flush();
        closeSync(fd);
        renameSync(temp, path);
      } catch (error) {
        rmSync(temp, { force: true });
        throw new CliError(`cannot write ${path}: ${describeWriteError(error)}`);
      }
    },
    abort() {
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

export class StreamingJsonWriter {
  private first: string | null = null;
  private hosts = 0;

  constructor(
    private readonly sink: ByteSink,
    private readonly head: Head,
  ) {}

  host(host: HostResult): void {
    this.hostJson(JSON.stringify(host));
  }

  private hostJson(json: string): void {
    this.hosts++;
    if (this.hosts === 1) {
      this.first = json; // one host is a document, pretty-printed; wait to see if a second comes
      return;
    }
    if (this.hosts === 2) {
      this.sink.write(this.opening() + '\n' + this.first);
      this.first = null;
    }
    this.sink.write(',\n' + json);
  }

  private opening(): string {
    const head = JSON.stringify(this.head, null, 2);
    return head.slice(0, -2) + ',\n  "hosts": [';
  }

  finish(inputErrors: InputError[], tail: Tail): void {
    if (this.hosts <= 1) {
      const hosts = this.first === null ? [] : [JSON.parse(this.first) as HostResult];
      const document = { ...this.head, hosts, inputErrors, ...tail } as ResultsDocument;
      this.sink.write(JSON.stringify(document, null, 2) + '\n');
      return;
    }
    const rest = JSON.stringify({ inputErrors, ...tail }, null, 2);
    this.sink.write('\n  ],\n' + rest.slice(2) + '\n');
  }
}

// A report file written on libuv's thread pool while the main thread goes on judging: copying 100 MB
// into the page cache took 40 ms of the main thread, and runs on another core this way. Writes are
// positional, so they may finish in any order; at most a few 1 MB buffers are out at once, so memory
// stays flat, and when all are out a chunk is written synchronously instead.
import { write, writeSync } from 'node:fs';

const MAX_IN_FLIGHT = 16;

function writeAllSync(fd: number, bytes: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done, position + done);
}

export class BackgroundWrites {
  private position = 0;
  private inFlight = 0;
  private readonly free: Buffer[] = [];
  private failure: unknown = null;
  private drained: (() => void) | null = null;

  constructor(
    private readonly fd: number,
    readonly chunkBytes: number,
  ) {}

  // Writes the first `length` bytes of `buffer`, which is not touched again until written; returns
  // the buffer to fill next.
  flush(buffer: Buffer, length: number): Buffer {
    this.throwIfFailed();
    const position = this.position;
    this.position += length;
    if (this.inFlight >= MAX_IN_FLIGHT) {
      writeAllSync(this.fd, buffer, length, position);
      return buffer;
    }
    this.inFlight++;
    write(this.fd, buffer, 0, length, position, (error, written) => {
      try {
        if (error) throw error;
        // Short writes are rare on regular files; finish them here.
        if (written < length) writeAllSync(this.fd, buffer.subarray(written), length - written, position + written);
      } catch (failure) {
        this.failure ??= failure;
      }
      this.inFlight--;
      if (buffer.length === this.chunkBytes) this.free.push(buffer);
      if (this.inFlight === 0) this.drained?.();
    });
    return this.free.pop() ?? Buffer.allocUnsafe(this.chunkBytes);
  }

  // Every write done (or failed: the first failure is thrown).
  async settle(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = null;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}

// Lets finished writes report back: the judging loop is synchronous between lines of a bundle.
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// One host's JSON collected as UTF-8 bytes (engine/evaluate-json.ts writes it in pieces, most of them
// bytes already): a buffer that grows and is reused from host to host.
import type { JsonOut } from '../engine/rule-json.js';

export class ByteBuilder implements JsonOut {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }

  write(text: string): void {
    // Worst case three UTF-8 bytes per UTF-16 unit.
    this.reserve(text.length * 3);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  // The bytes so far; valid until the next write after reset().
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }

  reset(): void {
    this.used = 0;
  }
}

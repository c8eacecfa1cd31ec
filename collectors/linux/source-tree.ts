// Reads the paths the Linux collector needs, either live (/) or under a captured tree (--root DIR).
// In a captured tree, /dev/kvm is an ordinary file: its presence stands for the device, and an
// optional line "access: rw|ro|none" records what the capture saw for the collecting user.
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type ReadOutcome = { ok: true; text: string } | { ok: false; missing: boolean; error: string };

export interface SourceTree {
  readonly root: string | null;
  read(path: string): ReadOutcome;
  readHead(path: string, bytes: number): Buffer | null;
  exists(path: string): boolean;
  deviceAccess(path: string): { present: boolean | null; readWrite: boolean | null };
}

function describe(error: unknown): { missing: boolean; error: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true, error: 'not found' };
  if (code === 'EACCES' || code === 'EPERM') return { missing: false, error: 'permission denied' };
  return { missing: false, error: (error as Error).message };
}

export function createSourceTree(root: string | null): SourceTree {
  const resolve = (path: string) => (root ? join(root, path) : path);
  return {
    root,
    read(path) {
      try {
        return { ok: true, text: readFileSync(resolve(path), 'utf8') };
      } catch (error) {
        return { ok: false, ...describe(error) };
      }
    },
    readHead(path, bytes) {
      try {
        const fd = openSync(resolve(path), 'r');
        try {
          const buffer = Buffer.alloc(bytes);
          const read = readSync(fd, buffer, 0, bytes, 0);
          return buffer.subarray(0, read);
        } finally {
          closeSync(fd);
        }
      } catch {
        return null;
      }
    },
    exists(path) {
      return statSync(resolve(path), { throwIfNoEntry: false }) !== undefined;
    },
    deviceAccess(path) {
      const full = resolve(path);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) return { present: false, readWrite: false };
      if (root) {
        if (!stat.isFile()) return { present: true, readWrite: null };
        const match = /^access:\s*(rw|ro|none)\s*$/m.exec(readFileSync(full, 'utf8'));
        return { present: true, readWrite: match ? match[1] === 'rw' : null };
      }
      try {
        accessSync(full, constants.R_OK | constants.W_OK);
        return { present: true, readWrite: true };
      } catch {
        return { present: true, readWrite: false };
      }
    },
  };
}

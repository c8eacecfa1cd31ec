// What crosses between the main thread and the judging workers of a parallel bundle.
import type { HostDigest } from '../../engine/evaluate.js';
import type { FailOn } from '../../engine/summarize.js';
import type { InputError } from '../../schemas/results.js';

export interface WorkerConfig {
  profile: string | undefined;
  rules: string | undefined;
  failOn: FailOn;
  pinned: string | null; // --timestamp / SOURCE_DATE_EPOCH as ISO 8601, else the worker's own clock
}

export interface BatchRequest {
  id: number;
  input: string; // the bundle's path, as the user gave it: it names the input in results and errors
  firstLine: number;
  bytes: Uint8Array;
}

export type WorkerEntry =
  | { kind: 'host'; bytes: number; digest: HostDigest; fails: boolean; profileRef: string }
  | { kind: 'error'; error: InputError };

export interface BatchReply {
  id: number;
  bytes: Uint8Array; // the hosts' JSON, one after another, UTF-8
  entries: WorkerEntry[]; // in line order
}

export type WorkerMessage = { kind: 'reply'; reply: BatchReply } | { kind: 'fatal'; failure: { name: string; message: string; stack: string } };

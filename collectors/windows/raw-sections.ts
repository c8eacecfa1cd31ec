// Reading the "nestready raw" document (collectors/windows/RAW-FORMAT.md) the collector script prints:
// the marker, the per-section envelopes {status, error, durationMs, data}, and the text around it.
import { asObject, isObject, type Json, type JsonObject } from './normalize-values.js';

export const RAW_MARKER = 'nestreadyRaw';
export const RAW_FORMAT = 1;

export type SectionStatus = 'ok' | 'failed' | 'skipped';

export interface RawSection {
  name: string;
  present: boolean;
  status: SectionStatus;
  error: string | null;
  durationMs: number | null;
  data: Json | undefined;
}

// Added by Invoke-NestreadyFleet.ps1 for a host it could not collect (RAW-FORMAT.md, "Remoting
// failures"): the collector never ran there, so `sections` is empty.
export interface RawRemoting {
  status: 'ok' | 'failed';
  error: string | null;
  errorId: string | null;
}

export interface RawDocument {
  format: number;
  psVersion: string | null;
  psEdition: string | null;
  computerName: string | null;
  startedAt: Json | undefined;
  requestedVmNames: Json | undefined;
  remoting: RawRemoting | null;
  sectionNames: string[];
  section(name: string): RawSection;
}

export function isWindowsRaw(json: unknown): json is JsonObject {
  return isObject(json) && RAW_MARKER in json;
}

// The JSON object in a capture: usually the whole text, but a console may have put a line before it
// (e.g. a "WARNING: …" from a module import when someone redirected every stream with *>).
export function extractRawJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const markerAt = body.indexOf(`"${RAW_MARKER}"`);
    const start = markerAt === -1 ? -1 : body.lastIndexOf('{', markerAt);
    const end = body.lastIndexOf('}');
    if (start !== -1 && end > start) {
      try {
        return { ok: true, value: JSON.parse(body.slice(start, end + 1)) };
      } catch {
        // fall through to the original error
      }
    }
    return { ok: false, error: `nestready raw output is not valid JSON (${(error as Error).message}); was the capture cut short?` };
  }
}

const STATUSES: SectionStatus[] = ['ok', 'failed', 'skipped'];

// Messages are shown on one line: WinRM texts can carry line breaks.
const oneLine = (value: Json | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null);

// Absent → null (the collector ran locally or over remoting without trouble). Any status but "ok" is a failure.
function readRemoting(value: Json | undefined): RawRemoting | null {
  const remoting = asObject(value);
  if (!remoting) return value === undefined || value === null ? null : { status: 'failed', error: 'the "remoting" entry is not an object', errorId: null };
  return { status: remoting.status === 'ok' ? 'ok' : 'failed', error: oneLine(remoting.error), errorId: oneLine(remoting.errorId) };
}

export function readRawDocument(json: JsonObject): RawDocument {
  const sections = asObject(json.sections) ?? {};
  const format = typeof json[RAW_MARKER] === 'number' ? (json[RAW_MARKER] as number) : NaN;
  const str = (value: Json | undefined) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  return {
    format,
    psVersion: str(json.psVersion),
    psEdition: str(json.psEdition),
    computerName: str(json.computerName),
    startedAt: json.startedAt,
    requestedVmNames: asObject(json.parameters)?.VMName,
    remoting: readRemoting(json.remoting),
    sectionNames: Object.keys(sections),
    section(name: string): RawSection {
      const envelope = asObject(sections[name]);
      if (!envelope) return { name, present: false, status: 'failed', error: 'missing from the collector output', durationMs: null, data: undefined };
      const status = STATUSES.includes(envelope.status as SectionStatus) ? (envelope.status as SectionStatus) : 'failed';
      const error = typeof envelope.error === 'string' && envelope.error.trim() !== '' ? envelope.error.trim() : null;
      const duration = typeof envelope.durationMs === 'number' && envelope.durationMs >= 0 ? envelope.durationMs : null;
      return { name, present: true, status, error: status === 'failed' ? error ?? 'failed without a message' : error, durationMs: duration, data: envelope.data };
    },
  };
}

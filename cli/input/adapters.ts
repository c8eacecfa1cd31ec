// Input adapters turn what a user hands us into a facts document. Each recognises its own
// kind of text; the first that claims an input converts it. Later kinds (raw PowerShell collector
// output, pasted systeminfo) plug in here without the CLI knowing about them.
import type { FactsDocument } from '../../schemas/facts.js';
import { parseJson } from './decode-text.js';
import { validateFactsDocument, validFactsIfLoaded } from './validate-facts.js';
import { windowsPasteAdapter } from './paste-adapter.js';
import { windowsRawAdapter } from './windows-raw-adapter.js';

export type AdapterResult = { ok: true; facts: FactsDocument } | { ok: false; error: string };

export interface AdapterContext {
  input: string;
  now: () => Date;
}

export interface InputAdapter {
  name: string;
  // Cheap test on the text (and the parsed JSON, when it parsed).
  claims(text: string, json: unknown | undefined): boolean;
  convert(text: string, json: unknown | undefined, context: AdapterContext): Promise<AdapterResult>;
}

const factsDocumentAdapter: InputAdapter = {
  name: 'facts',
  claims: (_text, json) => json !== null && typeof json === 'object' && !Array.isArray(json) && 'schemaVersion' in json,
  convert: async (_text, json) => validateFactsDocument(json),
};

export const ADAPTERS: InputAdapter[] = [factsDocumentAdapter, windowsRawAdapter, windowsPasteAdapter];

// What convertText gives for the common line of a bundle, a valid facts document, without waiting on
// anything; undefined when convertText must decide (other input, an error to explain, a validator
// not loaded yet).
export function convertFactsLineSync(text: string): FactsDocument | undefined {
  if (text.charCodeAt(0) !== 0x7b && !text.trimStart().startsWith('{')) return undefined; // "{": no trimmed copy
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  // validFactsIfLoaded checks what claims() would (an object with a schemaVersion) and more.
  return validFactsIfLoaded(json);
}

export async function convertText(text: string, context: AdapterContext): Promise<AdapterResult> {
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: false, error: 'empty input; expected a JSON facts document' };
  let json: unknown | undefined;
  let jsonError: string | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJson(text);
    if (parsed.ok) json = parsed.value;
    else jsonError = parsed.error;
  }
  for (const adapter of ADAPTERS) {
    if (adapter.claims(text, json)) return adapter.convert(text, json, context);
  }
  if (jsonError) return { ok: false, error: jsonError };
  if (json !== undefined) return validateFactsDocument(json);
  return { ok: false, error: 'not a facts document: expected JSON with "schemaVersion", raw nestready collector output, or a captured tree directory' };
}

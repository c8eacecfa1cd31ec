// Input adapter for the Windows collector's raw output (collectors/windows/RAW-FORMAT.md): what
// `powershell -File nestready-collect.ps1 > host.json` leaves on a server without Node. The file may be
// UTF-16LE (decode-text.ts handles that) and may carry a console line before the JSON.
import type { AdapterResult, InputAdapter } from './adapters.js';
import { validateFactsDocument } from './validate-facts.js';

const MARKER = '"nestreadyRaw"';

export const windowsRawAdapter: InputAdapter = {
  name: 'windows-raw',
  claims: (text, json) =>
    json !== undefined
      ? json !== null && typeof json === 'object' && !Array.isArray(json) && 'nestreadyRaw' in json
      : text.includes(MARKER),
  async convert(text, json): Promise<AdapterResult> {
    const { extractRawJson, isWindowsRaw, normalizeWindowsRaw, RawFormatError } = await import('../../collectors/windows/normalize-raw.js');
    let value = json;
    if (value === undefined) {
      const extracted = extractRawJson(text);
      if (!extracted.ok) return { ok: false, error: extracted.error };
      value = extracted.value;
    }
    if (!isWindowsRaw(value)) return { ok: false, error: 'not nestready raw output: the JSON object has no "nestreadyRaw" marker' };
    try {
      // Validated like any facts file, so a normaliser bug surfaces as a clear input error.
      return await validateFactsDocument(normalizeWindowsRaw(value).facts);
    } catch (error) {
      if (error instanceof RawFormatError) return { ok: false, error: error.message };
      throw error;
    }
  },
};

// Renders a model of the .NET values the collector script holds into the exact text each PowerShell
// prints, so fixtures have the real shapes without a Windows machine:
//   5.1  JavaScriptSerializer: escapes < > & ' as \u003c \u003e \u0026 \u0027, DateTime "\/Date(ms)\/",
//        a PSObject-wrapped array as {"value":[…],"Count":n}; without -Compress its pretty-printer puts two
//        spaces after the colon and indents nested values to the column after their key, CRLF.
//   7    Newtonsoft: no HTML escaping, ISO 8601 dates, 2-space indent, CRLF on Windows.
// Sources: ../../../../shared/reference/powershell/convertto-json-quirks.md (§1–§7) and the 5.1-era
// ConvertToJsonCommand pretty-printer (ConvertDictionary/ConvertList: 4-space indent, "key":  value,
// "," + CRLF between items). Microsoft's 5.1 doc sample shows a space after each comma; the source
// writes none, and a JSON reader does not care either way.

export class PsDate {
  // instant: ISO 8601 UTC; offsetMinutes: the offset a DateTime of Kind Local prints with in 7.
  constructor(readonly instant: string, readonly kind: 'utc' | 'local' = 'utc', readonly offsetMinutes = 0) {}
}

export class PsVersion {
  constructor(readonly text: string) {}
}

// An array the 5.1 pipeline left wrapped in a PSObject (its ETS Count shows up). 7 prints a plain array.
export class PsWrappedArray {
  constructor(readonly items: PsValue[]) {}
}

export type PsValue = null | boolean | number | string | PsDate | PsVersion | PsWrappedArray | PsValue[] | { [key: string]: PsValue };

export type Edition = '5.1' | '7';

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

// The common JSON escapes; beyond them each serializer writes its own set of characters as \uXXXX.
function escapeJson(value: string, asHex: (char: string, code: number) => boolean): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\b') out += '\\b';
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\f') out += '\\f';
    else if (char === '\r') out += '\\r';
    else if (asHex(char, code)) out += hex4(code);
    else out += char;
  }
  return out + '"';
}

// JavaScriptSerializer (5.1) also escapes the HTML-sensitive characters.
const escape51 = (value: string) => escapeJson(value, (char, code) => char === "'" || char === '<' || char === '>' || char === '&' || code < 0x20);
// Newtonsoft (7) also escapes NEL and the Unicode line and paragraph separators.
const escape7 = (value: string) => escapeJson(value, (_char, code) => code < 0x20 || code === 0x85 || code === 0x2028 || code === 0x2029);

function iso7(date: PsDate): string {
  const instant = new Date(date.instant);
  const shifted = new Date(instant.getTime() + (date.kind === 'local' ? date.offsetMinutes * 60_000 : 0));
  const base = shifted.toISOString().slice(0, 19);
  // .NET keeps 7 fractional digits and Newtonsoft's "FFFFFFF" drops trailing zeros.
  const fraction = String(shifted.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '');
  const suffix = date.kind === 'utc'
    ? 'Z'
    : `${date.offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(date.offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(date.offsetMinutes) % 60).padStart(2, '0')}`;
  return `${base}${fraction ? `.${fraction}` : ''}${suffix}`;
}

function versionObject(version: PsVersion): Record<string, number> {
  const [major = 0, minor = 0, build = -1, revision = -1] = version.text.split('.').map(Number);
  return { Major: major, Minor: minor, Build: build, Revision: revision, MajorRevision: revision === -1 ? -1 : revision >> 16, MinorRevision: revision === -1 ? -1 : revision & 0xffff };
}

// Compact JSON, the way each serializer writes it (what -Compress prints).
export function compact(value: PsValue, edition: Edition): string {
  const str = edition === '5.1' ? escape51 : escape7;
  const walk = (node: PsValue): string => {
    if (node === null) return 'null';
    if (typeof node === 'boolean') return node ? 'true' : 'false';
    if (typeof node === 'number') return String(node);
    if (typeof node === 'string') return str(node);
    if (node instanceof PsDate) return edition === '5.1' ? `"\\/Date(${new Date(node.instant).getTime()})\\/"` : `"${iso7(node)}"`;
    if (node instanceof PsVersion) return walk(versionObject(node));
    if (node instanceof PsWrappedArray) return edition === '5.1' ? `{"value":${walk(node.items)},"Count":${node.items.length}}` : walk(node.items);
    if (Array.isArray(node)) return `[${node.map(walk).join(',')}]`;
    return `{${Object.entries(node).map(([key, child]) => `${str(key)}:${walk(child)}`).join(',')}}`;
  };
  return walk(value);
}

// Windows PowerShell 5.1's pretty-printer, rewritten from its documented behaviour: it re-reads the
// compact text character by character. Inside an object, a nested value is indented to the column
// after `"key":  `; inside a list, by four spaces; a closing bracket goes back to where it opened.
export function pretty51(json: string): string {
  let out = '';
  let i = 0;
  const quoted = (): void => {
    // copies a string literal starting at json[i] === '"', leaving i on its closing quote
    out += json[i];
    for (i++; i < json.length; i++) {
      out += json[i];
      if (json[i] === '"') {
        let backslashes = 0;
        for (let j = i - 1; json[j] === '\\'; j--) backslashes++;
        if (backslashes % 2 === 0) return;
      }
    }
  };
  const list = (pad: string, extra: number): void => {
    out += '\r\n';
    const inner = pad + ' '.repeat(extra + 4);
    let head = true;
    for (i++; i < json.length; i++) {
      const char = json[i]!;
      if (char === '{' || char === '[') {
        out += inner + char;
        if (char === '{') dict(inner, 0);
        else list(inner, 0);
        head = false;
      } else if (char === ']') {
        out += '\r\n' + pad + ' '.repeat(extra) + ']';
        return;
      } else if (char === '"') {
        if (head) out += inner;
        quoted();
        head = false;
      } else if (char === ',') {
        out += ',\r\n';
        head = true;
      } else {
        if (head) out += inner;
        out += char;
        head = false;
      }
    }
  };
  const dict = (pad: string, extra: number): void => {
    out += '\r\n';
    const inner = pad + ' '.repeat(extra + 4);
    let head = true;
    let beforeColon = true;
    let keyWidth = 0;
    for (i++; i < json.length; i++) {
      const char = json[i]!;
      if (char === '{' || char === '[') {
        out += char;
        if (char === '{') dict(inner, keyWidth);
        else list(inner, keyWidth);
        head = false;
      } else if (char === '}') {
        out += '\r\n' + pad + ' '.repeat(extra) + '}';
        return;
      } else if (char === '"') {
        if (head) out += inner;
        const start = i;
        quoted();
        if (beforeColon) keyWidth += i - start + 1;
        head = false;
      } else if (char === ':') {
        out += ':  ';
        keyWidth += 3;
        head = false;
        beforeColon = false;
      } else if (char === ',') {
        out += ',\r\n';
        head = true;
        beforeColon = true;
        keyWidth = 0;
      } else {
        if (head) out += inner;
        out += char;
        if (beforeColon) keyWidth += 1;
        head = false;
      }
    }
  };
  if (json.startsWith('{')) {
    out += '{';
    dict('', 0);
  } else if (json.startsWith('[')) {
    out += '[';
    list('', 0);
  } else {
    return json;
  }
  return out;
}

// Newtonsoft Formatting.Indented as PowerShell 7 uses it on Windows.
export function pretty7(value: PsValue): string {
  const walk = (node: PsValue, indent: string): string => {
    if (node instanceof PsWrappedArray) return walk(node.items, indent);
    if (node instanceof PsVersion) return walk(versionObject(node), indent);
    if (Array.isArray(node)) {
      if (node.length === 0) return '[]';
      const inner = indent + '  ';
      return `[\r\n${node.map((child) => inner + walk(child, inner)).join(',\r\n')}\r\n${indent}]`;
    }
    if (node !== null && typeof node === 'object' && !(node instanceof PsDate)) {
      const entries = Object.entries(node);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\r\n${entries.map(([key, child]) => `${inner}${escape7(key)}: ${walk(child, inner)}`).join(',\r\n')}\r\n${indent}}`;
    }
    return compact(node, '7');
  };
  return walk(value, '');
}

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom';

export interface Capture {
  file: string;
  edition: Edition;
  pretty: boolean;
  // utf16le-bom: Windows PowerShell `> host.json`; utf8: pwsh `>` or nestready's own pipe.
  encoding: Encoding;
  // Text a console put before the JSON (e.g. a WARNING line when every stream was redirected).
  preamble?: string;
}

// The bytes of a capture: the JSON as Write-Output prints it (one line end after it), encoded.
export function renderCapture(value: PsValue, capture: Capture): Buffer {
  const json = capture.edition === '5.1' ? (capture.pretty ? pretty51(compact(value, '5.1')) : compact(value, '5.1')) : capture.pretty ? pretty7(value) : compact(value, '7');
  const text = `${capture.preamble ?? ''}${json}\r\n`;
  if (capture.encoding === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (capture.encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return Buffer.from(text, 'utf8');
}

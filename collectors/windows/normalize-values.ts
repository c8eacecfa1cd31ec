// Value-level normalisation of what PowerShell's ConvertTo-Json prints, identical for 5.1 and 7:
// arrays that arrive as one bare object or as 5.1's {"value":[...],"Count":n}, `\/Date(ms)\/` vs ISO
// dates, System.Version objects, enums as names or numbers, "True" strings from deserialized objects.
// Nothing here knows the facts document.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// A PSObject-wrapped array in Windows PowerShell 5.1 serialises as {"value":[…],"Count":n}.
function unwrapCountWrapper(value: unknown): unknown {
  if (isObject(value) && Array.isArray(value.value) && 'Count' in value && Object.keys(value).length === 2) return value.value;
  return value;
}

// Whatever arrived where a list was expected → a list; null/absent → null (unknown, not empty).
// One item piped into ConvertTo-Json is a bare object in both versions, so that is a one-item list.
export function asArray(value: unknown): unknown[] | null {
  if (value === null || value === undefined) return null;
  const unwrapped = unwrapCountWrapper(value);
  return Array.isArray(unwrapped) ? unwrapped : [unwrapped];
}

export function asObject(value: unknown): JsonObject | null {
  return isObject(value) ? value : null;
}

// A string exactly as PowerShell printed it (names are hostile input: never trim or re-encode).
export function exactText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

// Display text: trimmed (Win32_Processor.Name carries trailing spaces), empty → null.
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

// Integers arrive as numbers, or as strings (BuildNumber "17763", CurrentBuild "20348").
export function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}

export function toBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (/^true$/i.test(value.trim())) return true;
    if (/^false$/i.test(value.trim())) return false;
  }
  return null;
}

// Dates: 5.1 prints "\/Date(1700000000000)\/" (JSON.parse leaves "/Date(…)/", optionally with an
// offset suffix "+0100"); 7 prints ISO 8601. A 5.1 Get-Date result carries its ETS members:
// {"value":"\/Date(…)\/","DisplayHint":2,"DateTime":"…"}. Returns ISO 8601 (UTC) or null.
export function psDate(value: unknown): string | null {
  if (isObject(value) && 'value' in value) return psDate(value.value);
  if (typeof value !== 'string') return null;
  const legacy = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  if (legacy) {
    const date = new Date(Number(legacy[1]));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// System.Version prints as {"Major":9,"Minor":0,"Build":-1,"Revision":-1,…}; Get-VM's Version is
// already the string "9.0"; deserialized objects (WinCompat) may give either. → "9.0".
export function versionText(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return /^\d+(\.\d+){1,3}$/.test(trimmed) ? trimmed : null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? `${value}.0` : String(value);
  if (isObject(value)) {
    const major = toInt(value.Major);
    const minor = toInt(value.Minor);
    if (major === null || minor === null || major < 0 || minor < 0) return null;
    let result = `${major}.${minor}`;
    const build = toInt(value.Build);
    const revision = toInt(value.Revision);
    if (build !== null && build >= 0) {
      result += `.${build}`;
      if (revision !== null && revision >= 0) result += `.${revision}`;
    }
    return result;
  }
  return null;
}

// "10.0" > "9.3": compare as numbers, part by part (never as strings).
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

// Microsoft.HyperV.PowerShell.VMState. Values 1–11 and 32773–32782 are the same on every build;
// from 32783 up newer builds inserted Hibernated/ComponentServicing, so those numbers are ambiguous
// and only a name is trusted (the collector script prints the name next to the number).
const VM_STATE_BY_NUMBER: Record<number, string> = {
  1: 'Other', 2: 'Running', 3: 'Off', 4: 'Stopping', 6: 'Saved', 9: 'Paused', 10: 'Starting', 11: 'Reset',
  32773: 'Saving', 32776: 'Pausing', 32777: 'Resuming', 32779: 'FastSaved', 32780: 'FastSaving',
  32781: 'ForceShutdown', 32782: 'ForceReboot',
};

export function vmStateName(name: unknown, number: unknown): string | null {
  if (typeof name === 'string' && /^[A-Za-z]+$/.test(name.trim())) return name.trim();
  const value = toInt(number ?? name);
  return value === null ? null : VM_STATE_BY_NUMBER[value] ?? null;
}

// OnOffState: On = 0, Off = 1 (the reverse of what one guesses). → true when On.
export function onOff(name: unknown, number: unknown): boolean | null {
  if (typeof name === 'string') {
    if (/^on$/i.test(name.trim())) return true;
    if (/^off$/i.test(name.trim())) return false;
  }
  const value = toInt(number ?? (typeof name === 'number' ? name : null));
  return value === 0 ? true : value === 1 ? false : null;
}

// VMSwitchType: Private 0, Internal 1, External 2.
export function switchTypeName(name: unknown, number: unknown): 'private' | 'internal' | 'external' | null {
  if (typeof name === 'string') {
    const lower = name.trim().toLowerCase();
    if (lower === 'private' || lower === 'internal' || lower === 'external') return lower;
  }
  const value = toInt(number ?? (typeof name === 'number' ? name : null));
  return value === 0 ? 'private' : value === 1 ? 'internal' : value === 2 ? 'external' : null;
}

// All sockets agree → that value; any false → false; otherwise unknown.
export function allOf(values: (boolean | null)[]): boolean | null {
  if (values.length === 0) return null;
  if (values.some((value) => value === false)) return false;
  return values.every((value) => value === true) ? true : null;
}

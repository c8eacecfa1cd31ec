// Quoting for values that end up inside commands. Every collected string is hostile.

// PowerShell treats the typographic single quotes as quote characters too, so each of them
// is doubled like an ASCII apostrophe inside a single-quoted (verbatim) string.
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function quotePowerShell(value: string): string {
  return `'${value.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

// POSIX sh: single quotes protect everything but the single quote itself.
export function quotePosix(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

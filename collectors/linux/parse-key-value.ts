// Parsers for the small key/value files the Linux collector reads. Pure functions.

// /etc/os-release: KEY=value with optional shell-style quotes.
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = match[2]!.trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    out[match[1]!] = value;
  }
  return out;
}

// /proc/meminfo "MemTotal:       16318360 kB" → bytes.
export function parseMemTotalBytes(text: string): number | null {
  const match = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

// /sys/module/kvm_*/parameters/nested holds Y/N (kvm_intel) or 1/0 (kvm_amd).
export function parseNestedParameter(text: string): boolean | null {
  const value = text.trim();
  if (value === 'Y' || value === 'y' || value === '1') return true;
  if (value === 'N' || value === 'n' || value === '0') return false;
  return null;
}

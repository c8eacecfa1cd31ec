// A deliberately tiny template language for rule messages and commands:
//   {{path}}        the value, shown for people (null → "unknown")
//   {{ps path}}     the value quoted for PowerShell (single quotes)
//   {{psvm path}}   a PowerShell expression selecting exactly that VM (a VM object, or a VM name)
//   {{sh path}}     the value quoted for POSIX sh
//   {{bytes path}}  a byte count as GiB/MiB
// No logic, no helpers with side effects: rules are data, and handlebars would cost start-up time.
import { readPath } from './fact-path.js';
import { quotePosix, quotePowerShell } from './quote.js';

const PLACEHOLDER = /\{\{\s*(?:(ps|psvm|sh|bytes|json)\s+)?([A-Za-z0-9_.]+)\s*\}\}/g;
const FILTERS = new Set(['ps', 'psvm', 'sh', 'bytes', 'json']);

export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(displayValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatBytes(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'unknown';
  const gib = value / 1024 ** 3;
  if (gib >= 1) return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
  return `${Math.round(value / 1024 ** 2)} MiB`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Hyper-V's -Name / -VMName parameters take wildcards: "Set-VMMemory -VMName '[ab]*'" changes every VM
// whose name starts with a or b. So commands select the VM by its id when known, else by exact,
// case-sensitive name, and hand the VM object over with -VM.
export function powerShellVmSelector(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const vm = value as { id?: unknown; name?: unknown };
    if (typeof vm.id === 'string' && GUID.test(vm.id)) return `(Get-VM -Id ${quotePowerShell(vm.id)})`;
    return powerShellVmSelector(vm.name);
  }
  const name = value === null || value === undefined ? '' : String(value);
  return `(Get-VM | Where-Object Name -CEQ ${quotePowerShell(name)})`;
}

function renderValue(filter: string | undefined, value: unknown): string {
  switch (filter) {
    case 'psvm':
      return powerShellVmSelector(value);
    case 'ps':
      return quotePowerShell(value === null || value === undefined ? '' : String(value));
    case 'sh':
      return quotePosix(value === null || value === undefined ? '' : String(value));
    case 'bytes':
      return formatBytes(value);
    case 'json':
      return JSON.stringify(value ?? null);
    default:
      return displayValue(value);
  }
}

type Part = string | Placeholder;

// Rule templates are few and rendered for every host of a fleet: parse each once into literal
// parts and placeholders, then rendering is a join.
const compiled = new Map<string, Part[]>();

function compile(template: string): Part[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ filter: match[1], path: match[2]!, key: `${match[1] ?? ''} ${match[2]!}` });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  compiled.set(template, parts);
  return parts;
}

export interface Placeholder {
  filter: string | undefined;
  path: string;
  key: string; // filter and path, to cache a rendering by
}

export function renderPlaceholder(placeholder: Placeholder, context: unknown): string {
  return renderValue(placeholder.filter, readPath(context, placeholder.path));
}

// Rendering where `stand` may put something else in place of a placeholder: engine/rule-json.ts marks
// where a VM's name goes, so one rendering serves every VM with the same settings.
export function renderTemplateWith(template: string, context: unknown, stand: (placeholder: Placeholder) => string | undefined): string {
  let out = '';
  for (const part of compile(template)) out += typeof part === 'string' ? part : stand(part) ?? renderPlaceholder(part, context);
  return out;
}

const standNone = () => undefined;

export function renderTemplate(template: string, context: unknown): string {
  return renderTemplateWith(template, context, standNone);
}

// Placeholders a template uses, so a rule pack can be checked for typos at load time.
export function templatePlaceholders(template: string): { filter: string | undefined; path: string }[] {
  const found: { filter: string | undefined; path: string }[] = [];
  for (const match of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    const parts = (match[1] ?? '').split(/\s+/);
    if (parts.length === 2 && parts[0] && FILTERS.has(parts[0])) found.push({ filter: parts[0], path: parts[1] ?? '' });
    else found.push({ filter: parts.length === 1 ? undefined : parts[0], path: parts[parts.length - 1] ?? '' });
  }
  return found;
}

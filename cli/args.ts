// Command-line parsing with node:util's parseArgs (strict: unknown options are usage errors).
import { parseArgs } from 'node:util';
import type { FailOn } from '../engine/summarize.js';
import { UsageError } from './errors.js';

export const COMMANDS = ['scan', 'collect', 'evaluate', 'rules', 'import', 'export-collector'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  command: Command | null;
  inputs: string[];
  format: string[];
  output?: string;
  outputDir?: string;
  failOn: FailOn;
  profile?: string;
  rules?: string;
  root?: string;
  timestamp?: string;
  quiet: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
  color: boolean;
  // Every parsed option by its long name, for options a single command reads (e.g. --vm, --output-dir).
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

const FORMATS = ['text', 'json'];
const FAIL_ON = ['error', 'warning', 'note', 'none'];

export const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'output-dir': { type: 'string' },
  'include-passed': { type: 'boolean' },
  'sarif-artifact': { type: 'string' },
  'fail-on': { type: 'string' },
  profile: { type: 'string', short: 'p' },
  rules: { type: 'string' },
  root: { type: 'string' },
  vm: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  timestamp: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  details: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'no-color': { type: 'boolean' },
  'emit-fix': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
} as const;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv, formats: string[] = FORMATS): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: Command | null = null;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) throw new UsageError(`unknown command "${first}" (expected ${COMMANDS.join(', ')})`);
    command = first as Command;
  }
  if (command !== 'evaluate' && command !== 'import' && rest.length > 0) throw new UsageError(`${command ?? 'nestready'} takes no arguments, got "${rest[0]}"`);
  if (values['emit-fix'] !== undefined && command !== 'scan' && command !== 'evaluate') throw new UsageError('--emit-fix works with scan and evaluate');
  const format = (values.format ?? 'text').split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of format) if (!formats.includes(item)) throw new UsageError(`--format ${item} is not one of ${formats.join(', ')}`);
  if (format.length === 0) throw new UsageError('--format needs a value');
  const failOn = values['fail-on'] ?? 'error';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on ${failOn} is not one of ${FAIL_ON.join(', ')}`);
  if ((values.vm !== undefined || values.timeout !== undefined) && command !== 'scan' && command !== 'collect') throw new UsageError('--vm and --timeout work with scan and collect');
  if (values.jobs !== undefined && command !== 'evaluate') throw new UsageError('--jobs works with evaluate');
  return {
    command,
    inputs: rest,
    format,
    output: values.output,
    outputDir: values['output-dir'],
    failOn: failOn as FailOn,
    profile: values.profile,
    rules: values.rules,
    root: values.root,
    timestamp: values.timestamp,
    quiet: values.quiet ?? false,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    color: !values['no-color'] && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb',
    values: values as CliOptions['values'],
  };
}

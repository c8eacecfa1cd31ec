// Entry point: parse, dispatch lazily, map every failure to an exit code and one line on stderr.
import { TOOL_VERSION } from '../schemas/constants.js';
import { parseCli, type CliOptions } from './args.js';
import { resolveTimestamp } from './clock.js';
import { CliError } from './errors.js';
import { HELP } from './help.js';
import { REPORT_FORMATS } from './reporters.js';

async function dispatch(options: CliOptions): Promise<number> {
  const pinned = resolveTimestamp(options.timestamp, process.env);
  const now = () => pinned ?? new Date();
  switch (options.command) {
    case 'scan':
      return (await import('./commands/scan.js')).runScan(options, now);
    case 'collect':
      return (await import('./commands/collect.js')).runCollect(options, now);
    case 'export-collector':
      return (await import('./commands/export-collector.js')).runExportCollector(options);
    case 'evaluate':
      return (await import('./commands/evaluate.js')).runEvaluate(options, now);
    case 'rules':
      return (await import('./commands/rules.js')).runRules(options);
    case 'import':
      return (await import('./commands/import.js')).runImport(options, now);
    default:
      process.stdout.write(HELP);
      return 2;
  }
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const options = parseCli(argv, process.env, REPORT_FORMATS);
    if (options.version) {
      process.stdout.write(`nestready ${TOOL_VERSION}\n`);
      return 0;
    }
    if (options.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (options.rules) options.rules = (await import('node:path')).resolve(options.rules);
    return await dispatch(options);
  } catch (error) {
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    if (error instanceof CliError) {
      process.stderr.write(`nestready: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    if (error instanceof Error && error.name === 'RulePackError') {
      process.stderr.write(`nestready: invalid rule pack: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nestready: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
    return 2;
  }
}

// nestready export-collector [--output FILE]: the Windows collector script, for hosts without Node.
// Run it there (`powershell -NoProfile -ExecutionPolicy Bypass -File nestready-collect.ps1 > host.json`),
// bring host.json back and `nestready evaluate host.json`.
import type { CliOptions } from '../args.js';
import { writeOutput } from '../write-output.js';

export async function runExportCollector(options: CliOptions): Promise<number> {
  const { collectorScriptText, COLLECTOR_SCRIPT_NAME } = await import('../../collectors/windows/collect-windows.js');
  writeOutput(options.output, collectorScriptText());
  if (options.output !== undefined && options.output !== '-' && !options.quiet) {
    process.stderr.write(
      `nestready: wrote ${options.output}; on the Windows host run (elevated): powershell -NoProfile -ExecutionPolicy Bypass -File ${COLLECTOR_SCRIPT_NAME} > host.json — then: nestready evaluate host.json\n`,
    );
  }
  return 0;
}

// nestready rules: the profiles, and the rules each selects, with their revisions.
import { listProfiles } from '../../engine/load-pack.js';
import { selectProfile } from '../../engine/select-profile.js';
import type { CliOptions } from '../args.js';
import { writeOutput } from '../write-output.js';

export async function runRules(options: CliOptions): Promise<number> {
  const { profiles, rules } = await listProfiles(options.rules);
  const chosen = options.profile ? [selectProfile(profiles, options.profile)] : [...profiles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  if (options.format[0] === 'json') {
    const out = chosen.map((profile) => ({ ...profile, rules: profile.rules.map((entry) => ({ ...byId.get(entry.id)!, severity: entry.severity ?? byId.get(entry.id)!.severity })) }));
    writeOutput(options.output, JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  for (const profile of chosen) {
    lines.push(`${profile.id}@${profile.version} — ${profile.title}`, `  ${profile.description}`);
    for (const entry of profile.rules) {
      const rule = byId.get(entry.id)!;
      lines.push(`  ${rule.id.padEnd(10)} r${rule.revision}  ${(entry.severity ?? rule.severity).padEnd(7)} ${rule.scope.padEnd(4)}  ${rule.title}`);
    }
    lines.push('');
  }
  writeOutput(options.output, lines.join('\n'));
  return 0;
}

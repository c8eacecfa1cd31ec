// Picking a profile by reference: "linux-kvm@1", or "linux-kvm" for its newest version.
import type { ProfileDefinition } from '../schemas/rule.js';
import { parseProfileRef } from './rule-files.js';

export function selectProfile(profiles: ProfileDefinition[], ref: string): ProfileDefinition {
  const { id, version } = parseProfileRef(ref);
  const candidates = profiles.filter((profile) => profile.id === id && (version === null || profile.version === version));
  if (candidates.length === 0) {
    const known = profiles.map((profile) => `${profile.id}@${profile.version}`).sort().join(', ');
    throw new Error(`unknown profile "${ref}" (known: ${known || 'none'})`);
  }
  return candidates.sort((a, b) => b.version - a.version)[0]!;
}

// Which profile evaluates a host: --profile when given, else the default for its OS family.
import type { FactsDocument } from '../schemas/facts.js';
import { loadPack } from '../engine/load-pack.js';
import type { RulePack } from '../engine/rule-pack.js';
import { CliError } from './errors.js';

export const DEFAULT_PROFILES: Record<string, string> = {
  linux: 'linux-kvm',
};

export class PackCache {
  private readonly packs = new Map<string, Promise<RulePack>>();
  constructor(
    private readonly explicitProfile: string | undefined,
    private readonly rulesDir: string | undefined,
  ) {}

  profileRefFor(facts: FactsDocument): string {
    if (this.explicitProfile) return this.explicitProfile;
    const family = facts.host.os.family ?? 'unknown';
    const ref = DEFAULT_PROFILES[family];
    if (!ref) throw new CliError(`no default profile for OS family "${family}"; choose one with --profile (see nestready rules)`);
    return ref;
  }

  async packFor(facts: FactsDocument): Promise<RulePack> {
    const ref = this.profileRefFor(facts);
    let pack = this.packs.get(ref);
    if (!pack) {
      pack = loadPack(ref, this.rulesDir);
      this.packs.set(ref, pack);
    }
    return pack;
  }

  async loaded(): Promise<RulePack[]> {
    return Promise.all(this.packs.values());
  }
}

// Which profile evaluates a host: --profile when given, else the default for its OS family.
import type { FactsDocument } from '../schemas/facts.js';
import { loadPack } from '../engine/load-pack.js';
import type { RulePack } from '../engine/rule-pack.js';
import { CliError } from './errors.js';

// Keyed by OS family; "<family>:import" is the default for imported facts (collection.source
// import:*, e.g. pasted systeminfo), which list no VMs: the machine-level profile without VM rules.
export const DEFAULT_PROFILES: Record<string, string> = {
  linux: 'linux-kvm',
  windows: 'hyperv',
  'windows:import': 'hyperv-host',
};

export class PackCache {
  private readonly packs = new Map<string, Promise<RulePack>>();
  private readonly ready = new Map<string, RulePack>();
  constructor(
    private readonly explicitProfile: string | undefined,
    private readonly rulesDir: string | undefined,
  ) {}

  profileRefFor(facts: FactsDocument): string {
    if (this.explicitProfile) return this.explicitProfile;
    const family = facts.host.os.family ?? 'unknown';
    const imported = facts.collection.source.startsWith('import:') ? DEFAULT_PROFILES[`${family}:import`] : undefined;
    const ref = imported ?? DEFAULT_PROFILES[family];
    if (!ref) throw new CliError(`no default profile for OS family "${family}"; choose one with --profile (see nestready rules)`);
    return ref;
  }

  async packFor(facts: FactsDocument): Promise<RulePack> {
    return this.packForRef(this.profileRefFor(facts));
  }

  async packForRef(ref: string): Promise<RulePack> {
    let pack = this.packs.get(ref);
    if (!pack) {
      pack = loadPack(ref, this.rulesDir);
      pack.then((loaded) => this.ready.set(ref, loaded)).catch(() => {}); // the caller sees the error
      this.packs.set(ref, pack);
    }
    return pack;
  }

  // The pack once loaded, without waiting: most lines of a bundle need one already loaded.
  packIfLoaded(ref: string): RulePack | undefined {
    return this.ready.get(ref);
  }

  async loaded(): Promise<RulePack[]> {
    return Promise.all(this.packs.values());
  }
}

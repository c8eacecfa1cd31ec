// ESLint-style rule tables: for one rule, facts that must pass, fail, be unknown or not apply.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FactsDocument } from '../../schemas/facts.js';
import type { Status } from '../../schemas/results.js';
import { compilePack } from '../../engine/compile-pack.js';
import { evaluateHost } from '../../engine/evaluate.js';
import { BUILTIN_RULES_DIR } from '../../engine/package-root.js';
import type { RulePack } from '../../engine/rule-pack.js';

export interface RuleCase {
  name: string;
  facts: FactsDocument;
  target?: string; // 'host' (default) or 'vm:<name>'
  message?: RegExp; // the rendered message must match
  command?: RegExp; // some remediation command must match
}

export type RuleTable = Partial<Record<Status, RuleCase[]>>;

// Every rule id that has a table, for the parity test.
export const TESTED_RULES = new Set<string>();
const packs = new Map<string, Promise<RulePack>>();

function packFor(profile: string): Promise<RulePack> {
  let pack = packs.get(profile);
  if (!pack) packs.set(profile, (pack = compilePack(BUILTIN_RULES_DIR, profile)));
  return pack;
}

export function ruleTable(profile: string, ruleId: string, table: RuleTable): void {
  TESTED_RULES.add(ruleId);
  const test = suite(`rule ${ruleId}`);
  for (const [status, cases] of Object.entries(table) as [Status, RuleCase[]][]) {
    for (const testCase of cases) {
      test(`${status}: ${testCase.name}`, async () => {
        const pack = await packFor(profile);
        assert.ok(pack.rules.some((rule) => rule.definition.id === ruleId), `${ruleId} is not in profile ${profile}`);
        const host = evaluateHost(testCase.facts, pack, { input: 'test' });
        const target = host.targets.find((candidate) => candidate.id === (testCase.target ?? 'host'));
        assert.ok(target, `no target ${testCase.target ?? 'host'}`);
        const result = target!.results.find((candidate) => candidate.ruleId === ruleId);
        assert.ok(result, `${ruleId} produced no result`);
        assert.is(result!.status, status, result!.message);
        if (testCase.message) assert.match(result!.message, testCase.message);
        if (testCase.command) {
          const commands = result!.remediation?.commands.map((command) => command.run).join('\n') ?? '';
          assert.match(commands, testCase.command);
        }
        if (status === 'fail') assert.ok(result!.remediation, 'a failure carries its remediation');
      });
    }
  }
  test.run();
}

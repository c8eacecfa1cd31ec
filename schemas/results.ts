// The results document: what the engine concluded, per host, target (host or VM) and rule.
// One document can hold many hosts (a fleet); `summary` comes last so it can be streamed.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CollectorRun, type FactsDocument } from './facts.js';

import { FAILING_RULE_EXAMPLES, RESULTS_SCHEMA_VERSION } from "./constants.js";
export { RESULTS_SCHEMA_VERSION };

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Severity = Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('note')]);
export const Status = Type.Union([
  Type.Literal('pass'),
  Type.Literal('fail'),
  Type.Literal('unknown'),
  Type.Literal('not-applicable'),
]);
export const Verdict = Type.Union([Type.Literal('ready'), Type.Literal('not-ready'), Type.Literal('incomplete')]);

export const Reference = Type.Object(
  { title: Type.String(), url: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const RenderedCommand = Type.Object(
  {
    shell: Type.String({ description: 'powershell | sh | text' }),
    run: Type.String({ description: 'The command, values already quoted for that shell' }),
    where: Type.Optional(Type.String({ description: 'Where to run it, e.g. "on the L0 host", "inside the guest"' })),
    irreversible: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// Fact path → value, e.g. {"host.cpu.vendor": "AMD"}: what decided this result.
export const Evidence = Type.Record(Type.String({ pattern: '^(host|vm|collection)(\\.[A-Za-z0-9_]+)+$' }), Type.Unknown(), {
  description: 'The facts that decided this result, by fact path; null = could not be read',
});

export const RuleResult = Type.Object(
  {
    ruleId: Type.String({ description: 'The rule, described once in the document\'s rules catalog (title, revision, references)' }),
    severity: Severity,
    status: Status,
    message: Type.String({ description: 'Rendered with the actual values' }),
    evidence: Evidence,
    remediation: Nullable(
      Type.Object(
        { text: Type.String(), commands: Type.Array(RenderedCommand) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Target = Type.Object(
  {
    id: Type.String({ description: 'host, or vm:<name>' }),
    kind: Type.Union([Type.Literal('host'), Type.Literal('vm')]),
    name: Type.String(),
    // The VM's identity lives on its target, not in each result: results that say the same thing
    // about two VMs are then the same bytes, which a fleet of thousands of VMs writes once each.
    vmId: Type.Optional(Nullable(Type.String({ description: 'VM targets only: the Hyper-V VM id (a GUID), null when it was not collected' }))),
    results: Type.Array(RuleResult),
  },
  { additionalProperties: false },
);

export const Counts = Type.Object(
  {
    pass: Type.Integer({ minimum: 0 }),
    fail: Type.Integer({ minimum: 0 }),
    unknown: Type.Integer({ minimum: 0 }),
    notApplicable: Type.Integer({ minimum: 0 }),
    blocking: Type.Integer({ minimum: 0, description: 'fail at severity error' }),
    warnings: Type.Integer({ minimum: 0, description: 'fail at severity warning' }),
    toVerify: Type.Integer({ minimum: 0, description: 'unknown results: a fact could not be read' }),
  },
  { additionalProperties: false },
);

export const HostResult = Type.Object(
  {
    input: Type.String({ description: 'Where the facts came from: a file path, "-", or "live"' }),
    inputLine: Type.Optional(Type.Integer({ minimum: 1, description: 'Line in an NDJSON bundle' })),
    host: Type.String({ description: 'Host name, or the input name when unknown' }),
    source: Type.String({ description: 'collection.source of the facts' }),
    profile: Type.String({ description: 'Profile that evaluated this host, as id@version' }),
    collectedAt: Nullable(Type.String()),
    verdict: Verdict,
    counts: Counts,
    diagnostics: Type.Array(CollectorRun, { description: 'The collector runs that did not succeed (partial, failed or skipped); the facts document lists every run' }),
    targets: Type.Array(Target),
    // Only when a report shows the raw facts (html); json output never carries it.
    facts: Type.Optional(
      Type.Unsafe<FactsDocument>({ type: 'object', description: 'The facts document this host was evaluated from (schemas/facts.schema.json); only for formats that show it (html)' }),
    ),
  },
  { additionalProperties: false },
);

// What a rule is and why, for reports that describe the rules themselves (SARIF tool.driver.rules).
export const RuleInfo = Type.Object(
  {
    id: Type.String(),
    revision: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    rationale: Type.String(),
    severity: Severity,
    scope: Type.Union([Type.Literal('host'), Type.Literal('vm')]),
    remediation: Type.String({ description: 'Remediation text as written in the rule; {{path}} placeholders are filled per result' }),
    references: Type.Array(Reference),
    tags: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const FailingRule = Type.Object(
  {
    ruleId: Type.String(),
    title: Type.String(),
    severity: Severity,
    status: Type.Union([Type.Literal('fail'), Type.Literal('unknown')]),
    hosts: Type.Integer({ minimum: 1, description: 'Hosts with at least one target in this status' }),
    targets: Type.Integer({ minimum: 1, description: 'Targets (host or VM) in this status' }),
    exampleHosts: Type.Array(Type.String(), { maxItems: FAILING_RULE_EXAMPLES, description: 'The first hosts, in input order (bounded, so fleets stream)' }),
  },
  { additionalProperties: false },
);

export const InputError = Type.Object(
  {
    input: Type.String(),
    line: Type.Optional(Type.Integer({ minimum: 1 })),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const ResultsDocument = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(RESULTS_SCHEMA_VERSION),
    tool: Type.Object({ name: Type.String(), version: Type.String() }, { additionalProperties: false }),
    generatedAt: Type.String({ description: 'ISO 8601; injectable (--timestamp, SOURCE_DATE_EPOCH) for byte-identical output' }),
    hosts: Type.Array(HostResult),
    inputErrors: Type.Array(InputError),
    profiles: Type.Array(
      Type.Object(
        { id: Type.String(), version: Type.Integer({ minimum: 1 }), rulePackDigest: Type.String() },
        { additionalProperties: false },
      ),
      { description: 'Profiles used; each host names its own in hosts[].profile' },
    ),
    rules: Type.Array(RuleInfo, {
      description: 'Every rule that ran, once: what it checks, why, references, tags. Results name rules by ruleId; definitions are not repeated per result',
    }),
    summary: Type.Object(
      {
        hosts: Type.Integer({ minimum: 0 }),
        ready: Type.Integer({ minimum: 0 }),
        notReady: Type.Integer({ minimum: 0 }),
        incomplete: Type.Integer({ minimum: 0 }),
        inputErrors: Type.Integer({ minimum: 0 }),
        verdict: Verdict,
        counts: Counts,
        failingRules: Type.Array(FailingRule, {
          description: 'Rules that failed or were unknown somewhere, most hosts first: what a fleet must fix',
        }),
      },
      { additionalProperties: false },
    ),
  },
  {
    $id: 'https://nestready.dev/schemas/results.schema.json',
    title: 'nestready results document',
    additionalProperties: false,
  },
);

export type Severity = Static<typeof Severity>;
export type Status = Static<typeof Status>;
export type Verdict = Static<typeof Verdict>;
export type Reference = Static<typeof Reference>;
export type RenderedCommand = Static<typeof RenderedCommand>;
export type Evidence = Static<typeof Evidence>;
export type RuleResult = Static<typeof RuleResult>;
export type Target = Static<typeof Target>;
export type Counts = Static<typeof Counts>;
export type HostResult = Static<typeof HostResult>;
export type InputError = Static<typeof InputError>;
export type FailingRule = Static<typeof FailingRule>;
export type RuleInfo = Static<typeof RuleInfo>;
export type ResultsDocument = Static<typeof ResultsDocument>;

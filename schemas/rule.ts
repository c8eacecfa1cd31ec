// Rules and profiles are data (rules/**/*.yaml). This schema is what a rule file must satisfy;
// a file that does not gets an error naming the file and the JSON path.
import { Type, type Static } from '@sinclair/typebox';
import { Severity } from './results.js';

const FactPath = Type.String({
  pattern: '^(host|vm|collection)(\\.[A-Za-z0-9_]+)+$',
  description: 'Dotted path into the evaluation context {host, vm, collection}',
});

export const RuleCommand = Type.Object(
  {
    shell: Type.Union([Type.Literal('powershell'), Type.Literal('sh'), Type.Literal('text')]),
    run: Type.String({ minLength: 1, description: 'Template; use {{ps path}} / {{sh path}} to quote values' }),
    where: Type.Optional(Type.String()),
    irreversible: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RuleDefinition = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}$', description: 'Stable forever; never reused' }),
    revision: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1 }),
    rationale: Type.String({ minLength: 1 }),
    severity: Severity,
    scope: Type.Union([Type.Literal('host'), Type.Literal('vm')]),
    facts: Type.Array(FactPath, { minItems: 1, description: 'Any of these unknown → status unknown, never pass' }),
    evidence: Type.Optional(Type.Array(FactPath, { description: 'More fact paths to show as evidence (not required to decide)' })),
    appliesWhen: Type.Object({}, { additionalProperties: true, description: 'JSON Schema over {host, vm, collection}' }),
    requires: Type.Object({}, { additionalProperties: true, description: 'JSON Schema over {host, vm, collection}' }),
    inconclusiveWhen: Type.Optional(
      Type.Object({}, {
        additionalProperties: true,
        description:
          'JSON Schema over {host, vm, collection}: when `requires` fails and this matches, the failure proves nothing ' +
          '(e.g. a running hypervisor hides the CPU features, or NAT inside a guest cannot be seen from the host): status unknown, message.unknown',
      }),
    ),
    message: Type.Object(
      {
        pass: Type.String({ minLength: 1 }),
        fail: Type.String({ minLength: 1 }),
        unknown: Type.Optional(Type.String({ minLength: 1 })),
        inconclusive: Type.Optional(
          Type.String({ minLength: 1, description: 'Shown when inconclusiveWhen turns a failure into unknown: why it proves nothing and how to verify' }),
        ),
      },
      { additionalProperties: false },
    ),
    remediation: Type.Object(
      {
        text: Type.String({ minLength: 1 }),
        commands: Type.Array(RuleCommand),
      },
      { additionalProperties: false },
    ),
    references: Type.Array(
      Type.Object({ title: Type.String({ minLength: 1 }), url: Type.Optional(Type.String()) }, { additionalProperties: false }),
      { minItems: 1 },
    ),
    tags: Type.Optional(Type.Array(Type.String())),
    changelog: Type.Array(
      Type.Object(
        {
          revision: Type.Integer({ minimum: 1 }),
          date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
          change: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  {
    $id: 'https://nestready.dev/schemas/rule.schema.json',
    title: 'nestready rule',
    additionalProperties: false,
  },
);

export const ProfileDefinition = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    description: Type.String(),
    rules: Type.Array(
      Type.Object(
        { id: Type.String(), severity: Type.Optional(Severity) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  {
    $id: 'https://nestready.dev/schemas/profile.schema.json',
    title: 'nestready profile',
    additionalProperties: false,
  },
);

export type RuleCommand = Static<typeof RuleCommand>;
export type RuleDefinition = Static<typeof RuleDefinition>;
export type ProfileDefinition = Static<typeof ProfileDefinition>;

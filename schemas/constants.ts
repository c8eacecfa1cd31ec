// Runtime constants shared across the seams. Kept apart from the TypeBox schema sources so that
// importing them at run time does not load TypeBox (a test keeps TOOL_VERSION equal to package.json).
export const TOOL_NAME = 'nestready';
export const TOOL_VERSION = '0.1.0';
export const TOOL_URI = 'https://github.com/nestready/nestready';
export const FACTS_SCHEMA_VERSION = 1;
export const RESULTS_SCHEMA_VERSION = 1;
// Fleet summaries keep only this many example host names per failing rule (bounded memory).
export const FAILING_RULE_EXAMPLES = 10;

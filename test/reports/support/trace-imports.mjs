// node --import this-file: appends every module URL the program resolves to $NESTREADY_TRACE_IMPORTS.
// Used to prove that a text scan never loads handlebars or the SARIF builder.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.NESTREADY_TRACE_IMPORTS) appendFileSync(process.env.NESTREADY_TRACE_IMPORTS, result.url + '\\n');
  return result;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

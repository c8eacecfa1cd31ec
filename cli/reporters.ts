// Reporters load lazily: a text scan must not pay for handlebars or the SARIF builder.
import type { ResultsDocument } from '../schemas/results.js';

export interface RenderOptions {
  color: boolean;
  quiet: boolean;
}

export type Renderer = (results: ResultsDocument, options: RenderOptions) => string;

const LOADERS: Record<string, () => Promise<Renderer>> = {
  text: async () => (await import('../reporters/text.js')).renderText,
  json: async () => (await import('../reporters/json.js')).renderJson,
};

export const REPORT_FORMATS = Object.keys(LOADERS);

export async function loadRenderer(format: string): Promise<Renderer> {
  const loader = LOADERS[format];
  if (!loader) throw new Error(`no reporter for format ${format}`);
  return loader();
}

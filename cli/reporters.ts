// Reporters load lazily: a text scan must not pay for handlebars or the SARIF builder.
import type { ResultsDocument } from '../schemas/results.js';

export interface RenderOptions {
  color: boolean;
  quiet: boolean;
  details?: boolean; // text: every requirement of every host, also for a fleet
  includePassed?: boolean; // sarif: passing checks as kind "pass"
  sarifArtifact?: string; // sarif: the file findings point at when the facts came from a live scan or stdin
  exitCode?: number; // sarif: the exit code this run ends with (invocations[0].exitCode)
  warn?: (message: string) => void; // e.g. sarif truncation; the CLI prints it on stderr
}

export type Renderer = (results: ResultsDocument, options: RenderOptions) => string;

const LOADERS: Record<string, () => Promise<Renderer>> = {
  text: async () => (await import('../reporters/text.js')).renderText,
  json: async () => (await import('../reporters/json.js')).renderJson,
  sarif: async () => (await import('../reporters/sarif.js')).renderSarif,
  html: async () => (await import('../reporters/html.js')).renderHtml,
  markdown: async () => (await import('../reporters/markdown.js')).renderMarkdown,
  junit: async () => (await import('../reporters/junit.js')).renderJunit,
};

export const REPORT_FORMATS = Object.keys(LOADERS);

export async function loadRenderer(format: string): Promise<Renderer> {
  const loader = LOADERS[format];
  if (!loader) throw new Error(`no reporter for format ${format}`);
  return loader();
}

// JSON report: the results document itself, stable key order, two-space indent, trailing newline.
import type { ResultsDocument } from '../schemas/results.js';

export function renderJson(results: ResultsDocument): string {
  return JSON.stringify(results, null, 2) + '\n';
}

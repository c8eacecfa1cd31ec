// PowerShell syntax checking without PowerShell: tree-sitter-powershell's grammar (compiled to WASM)
// in web-tree-sitter. A script parses when its tree has no ERROR node and no MISSING node (a token the
// parser had to invent, e.g. the "}" of an unclosed block). Reused for generated fix scripts.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

export interface PowerShellSyntaxError {
  line: number; // 1-based
  column: number; // 1-based
  text: string; // what is wrong, with the offending source text
}

export interface PowerShellSyntaxResult {
  ok: boolean;
  errors: PowerShellSyntaxError[];
}

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');

await Parser.init();
const language = await Language.load(wasmPath);
const parser = new Parser();
parser.setLanguage(language);

function excerpt(text: string): string {
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

function collect(node: Node, errors: PowerShellSyntaxError[]): void {
  const position = { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
  if (node.isMissing) {
    errors.push({ ...position, text: `missing "${node.type}"` });
    return;
  }
  if (node.isError) {
    // One report per outermost ERROR; the MISSING nodes inside it are still worth naming.
    errors.push({ ...position, text: `cannot parse ${JSON.stringify(excerpt(node.text))}` });
    const inner: PowerShellSyntaxError[] = [];
    for (const child of node.children) if (child) collect(child, inner);
    errors.push(...inner.filter((error) => error.text.startsWith('missing')));
    return;
  }
  if (!node.hasError) return;
  for (const child of node.children) if (child) collect(child, errors);
}

export function checkPowerShellSyntax(source: string): PowerShellSyntaxResult {
  const tree = parser.parse(source);
  if (!tree) return { ok: false, errors: [{ line: 1, column: 1, text: 'the parser returned no tree' }] };
  try {
    const errors: PowerShellSyntaxError[] = [];
    collect(tree.rootNode, errors);
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: errors.length === 0, errors };
  } finally {
    tree.delete();
  }
}

// A broken rule or profile file: names the file and the JSON path, never a stack trace.
export class RulePackError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    detail: string,
  ) {
    super(`${file}: ${jsonPath || '(document)'}: ${detail}`);
    this.name = 'RulePackError';
  }
}

// ajv's instancePath is a JSON pointer ("/remediation/commands/0"); people read "$.remediation.commands[0]".
export function pointerToJsonPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

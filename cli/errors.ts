// Errors that end the CLI with exit code 2 and a one-line message (no stack trace unless --debug).
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(`${message} (see nestready --help)`);
    this.name = 'UsageError';
  }
}

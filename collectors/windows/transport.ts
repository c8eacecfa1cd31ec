// Running the collector script: one PowerShell process per scan, started with child_process.spawn
// and an argument array (never a command string), so no VM name is ever parsed by a shell.
// PowerShell 7 (pwsh) is preferred; Windows PowerShell 5.1 (powershell.exe) is the fallback.
//
// Why not node-powershell (the package the issue asked for): it keeps an interactive
// `-NoExit -Command -` session, writes commands on stdin and cuts the output at random delimiters.
// test/collectors/windows-node-powershell.test.ts shows what that costs: arguments are interpolated
// into PowerShell source unescaped, any stderr line discards stdout, a timeout loses the output and
// leaves an empty error, and a CRLF delimiter arriving in one chunk is never found.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface RunOptions {
  timeoutMs: number;
  maxOutputBytes?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number | null; // null when the process was killed (timeout, output limit)
  timedOut: boolean;
  outputLimitExceeded: boolean;
  executable: string;
  durationMs: number;
}

export interface PowerShellTransport {
  run(script: string, args: string[], options: RunOptions): Promise<RunResult>;
}

export interface PowerShellExecutable {
  path: string;
  kind: 'pwsh' | 'powershell';
}

export class PowerShellNotFoundError extends Error {
  constructor(readonly searched: string[]) {
    super('no PowerShell found: looked for pwsh (PowerShell 7) and powershell.exe (Windows PowerShell 5.1) on PATH');
    this.name = 'PowerShellNotFoundError';
  }
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

function isRunnable(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// PATH first (what the user chose), then the standard install locations on Windows.
export function findPowerShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): PowerShellExecutable | null {
  const dirs = (envValue(env, 'PATH') ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const candidates: [PowerShellExecutable['kind'], string][] = platform === 'win32' ? [['pwsh', 'pwsh.exe'], ['powershell', 'powershell.exe']] : [['pwsh', 'pwsh'], ['powershell', 'powershell']];
  for (const [kind, file] of candidates) {
    for (const dir of dirs) {
      const path = join(dir, file);
      if (isRunnable(path, platform)) return { path, kind };
    }
    if (platform === 'win32') {
      const fixed = kind === 'pwsh'
        ? join(envValue(env, 'ProgramFiles') ?? 'C:\\Program Files', 'PowerShell', '7', 'pwsh.exe')
        : join(envValue(env, 'SystemRoot') ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
      if (isRunnable(fixed, platform)) return { path: fixed, kind };
    }
  }
  return null;
}

// stdout → text. The script sets UTF-8 output; 5.1 may still prefix a BOM, and a capture made with
// `>` in Windows PowerShell is UTF-16LE with a BOM.
export function decodeOutput(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  // UTF-16LE without a BOM: every second byte of ASCII text is NUL.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

function killTree(pid: number | undefined, platform: NodeJS.Platform, fallback: () => void): void {
  if (platform === 'win32' && pid !== undefined) {
    // pwsh may have started bcdedit or a CIM provider host: end the whole tree.
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    killer.on('error', fallback);
    return;
  }
  fallback();
}

export interface SpawnTransportOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  executable?: PowerShellExecutable;
}

export function createSpawnTransport(options: SpawnTransportOptions = {}): PowerShellTransport {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  return {
    run(script, args, runOptions) {
      const executable = options.executable ?? findPowerShell(env, platform);
      if (!executable) return Promise.reject(new PowerShellNotFoundError(['pwsh', 'powershell.exe']));
      const argv = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, ...args];
      const maxOutput = runOptions.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
      const started = performance.now();
      return new Promise<RunResult>((resolve, reject) => {
        const child = spawn(executable.path, argv, { env, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let stdoutBytes = 0;
        let stderrBytes = 0;
        let timedOut = false;
        let outputLimitExceeded = false;
        let settled = false;
        let grace: NodeJS.Timeout | undefined;
        const finish = (code: number | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (grace) clearTimeout(grace);
          resolve({
            stdout: decodeOutput(Buffer.concat(stdout)),
            stderr: decodeOutput(Buffer.concat(stderr)),
            exitCode: timedOut || outputLimitExceeded ? null : code,
            timedOut,
            outputLimitExceeded,
            executable: executable.path,
            durationMs: Math.round(performance.now() - started),
          });
        };
        const stop = () => {
          killTree(child.pid, platform, () => child.kill('SIGKILL'));
          // A grandchild may still hold the pipes open: do not wait for it for long.
          grace = setTimeout(() => {
            child.stdout.destroy();
            child.stderr.destroy();
            finish(null);
          }, 3000);
        };
        const timer = setTimeout(() => {
          timedOut = true;
          stop();
        }, runOptions.timeoutMs);
        child.stdout.on('data', (chunk: Buffer) => {
          if (outputLimitExceeded) return;
          stdoutBytes += chunk.length;
          if (stdoutBytes > maxOutput) {
            outputLimitExceeded = true;
            stop();
            return;
          }
          stdout.push(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          if (stderrBytes > 1024 * 1024) return; // keep the first MiB of errors; the rest adds nothing
          stderrBytes += chunk.length;
          stderr.push(chunk);
        });
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (grace) clearTimeout(grace);
          if (error.code === 'ENOENT') reject(new PowerShellNotFoundError([executable.path]));
          else reject(new Error(`cannot start ${executable.path}: ${error.code ?? error.message}`));
        });
        child.on('close', (code) => finish(code));
      });
    },
  };
}

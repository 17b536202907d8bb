// Runs the CLI in-process with captured streams, and the built bin as a user would.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { root } from './paths.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  /** A terminal on stdin and stderr: prompts are shown. stdin then stays open until ended. */
  terminal?: boolean;
  stdinStream?: Readable;
  cwd?: string;
}

export async function runCli(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdin = (options.stdinStream ??
    (options.terminal
      ? new PassThrough()
      : Readable.from(
          options.stdin === undefined ? [] : [Buffer.from(options.stdin)],
        ))) as Readable & { isTTY?: boolean };
  if (options.terminal) stdin.isTTY = true;
  const code = await main(argv, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        return true;
      },
      isTTY: options.stdoutIsTTY ?? false,
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        return true;
      },
      isTTY: options.terminal ?? false,
    },
    stdin,
    env: options.env ?? {},
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
  return { code, stdout, stderr };
}

export const bin = `${root}bin/which-container.js`;

/** Spawns the built bin (npm test builds it first). */
export function runBin(argv: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [bin, ...argv], {
    input: options.stdin ?? '',
    env: { PATH: process.env.PATH, ...options.env },
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The user `nobody`: permission tests run the bin as it when the tests run as root. */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/**
 * Runs the built bin as an unprivileged user (`nobody`, through setpriv) when the tests run as
 * root, who reads whatever the mode bits say; as the current user otherwise. Paths it must
 * read have to be open to others.
 */
export function runBinUnprivileged(argv: string[], options: RunOptions = {}): RunResult {
  const command = isRoot
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath]
    : [process.execPath];
  const result = spawnSync(command[0]!, [...command.slice(1), bin, ...argv], {
    input: options.stdin ?? '',
    env: { PATH: process.env.PATH, ...options.env },
    cwd: options.cwd ?? '/',
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Spawns the built bin and collects its output until it ends; `setup` gets the child first
 * (to close a stream, send a signal, feed stdin).
 */
export function spawnBin(
  argv: string[],
  stdin: 'pipe' | 'ignore',
  setup: (child: ChildProcessWithoutNullStreams) => void = () => undefined,
): Promise<RunResult & { code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      stdio: [stdin, 'pipe', 'pipe'],
    }) as ChildProcessWithoutNullStreams;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin?.on('error', () => undefined); // writes racing the exit meet a closed pipe
    child.on('close', (code) => resolve({ code: code as number, stdout, stderr }));
    setup(child);
  });
}

/** Runs a shell pipeline; the exit code is that of the pipeline's element at `index`. */
export function spawnShell(
  command: string,
  index = -1,
): { code: number | null; stdout: string; stderr: string } {
  // The limit only ends a hung run, which would fail the test; it is not a speed check.
  const r = spawnSync('bash', ['-c', `${command}; exit \${PIPESTATUS[${index}]}`], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The signals that stop a run, with the exit code each gives (SPEC.md, "Exit codes"). */
export const STOP_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

// Runs the CLI in-process with captured streams, and the built bin as a user would.
import { spawnSync } from 'node:child_process';
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
  const stdin = (options.stdinStream ?? (options.terminal ? new PassThrough() : Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]))) as Readable & { isTTY?: boolean };
  if (options.terminal) stdin.isTTY = true;
  const code = await main(argv, {
    stdout: { write: (chunk: string) => ((stdout += chunk), true), isTTY: options.stdoutIsTTY ?? false },
    stderr: { write: (chunk: string) => ((stderr += chunk), true), isTTY: options.terminal ?? false },
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

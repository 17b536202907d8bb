// What the CLI touches of the outside world, passed in so every command runs in-process in
// tests: streams, environment, clock.
import type { Readable, Writable } from 'node:stream';

export interface OutStream extends Pick<Writable, 'write'> {
  isTTY?: boolean;
  once?: Writable['once'];
  off?: Writable['off'];
}
export interface InStream extends Readable {
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The current time; SOURCE_DATE_EPOCH overrides it for reproducible ADRs. */
  now: () => Date;
  /**
   * Asks to hear of SIGINT and SIGTERM instead of dying at once, to stop cleanly (batch);
   * returns the function that stops listening. Without it, a signal ends the process.
   */
  onSignal?: (listener: (signal: StopSignal) => void) => () => void;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: () => new Date() };
}

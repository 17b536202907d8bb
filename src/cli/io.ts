// What the CLI touches of the outside world, passed in so every command runs in-process in
// tests: streams, environment, clock, signals.
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { OutputError } from '../errors.js';
import type { Wrap } from '../render/paragraph.js';
import { EXIT } from './exit-codes.js';

export interface OutStream extends Pick<Writable, 'write'> {
  isTTY?: boolean;
  once?: Writable['once'];
  off?: Writable['off'];
}
export interface InStream extends Readable {
  isTTY?: boolean;
}

export type StdName = 'stdin' | 'stdout' | 'stderr';
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export interface CliIo {
  /** For whole outputs written at once (a decision, a listing, a message). */
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The current time; SOURCE_DATE_EPOCH overrides it for reproducible ADRs. */
  now: () => Date;
  /** Whether a standard stream is a terminal; without it, each stream's isTTY says. */
  isTerminal?: (name: StdName) => boolean;
  /** The width of a terminal, in columns; undefined when the stream is not a terminal. */
  columns?: (name: 'stdout' | 'stderr') => number | undefined;
  /** The real output streams, for output that streams (batch) or redraws (prompts). */
  streams?: () => { stdout: Writable; stderr: Writable };
  /**
   * Asks to hear of SIGINT and SIGTERM instead of dying at once, to stop cleanly (batch);
   * returns the function that stops listening. Without it, a signal ends the process.
   */
  onSignal?: (listener: (signal: StopSignal) => void) => () => void;
}

export function isTerminal(io: CliIo, name: StdName): boolean {
  return io.isTerminal ? io.isTerminal(name) : io[name].isTTY === true;
}

/** Today, or SOURCE_DATE_EPOCH's day for reproducible output (an ADR, a report). */
export function isoDate(io: CliIo): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : io.now();
  return date.toISOString().slice(0, 10);
}

const FD: Record<StdName, number> = { stdin: 0, stdout: 1, stderr: 2 };

/**
 * The real process. A whole output goes out with one synchronous write, so it is complete
 * when the process exits and a closed pipe (`| head -1`) is met at the write that meets it.
 * process.stdin and the output streams are made only when a command needs them.
 */
export function processIo(): CliIo {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    now: () => new Date(),
    isTerminal: (name) => terminal(FD[name]),
    // Only a terminal has a width; asking a pipe would make a stream for nothing.
    columns: (name) =>
      terminal(FD[name]) ? terminalWidth(process[name].columns, process.env) : undefined,
    streams: () => {
      for (const [stream, fd] of [
        [process.stdout, 1],
        [process.stderr, 2],
      ] as const) {
        if (stream.listenerCount('error') > 0) continue;
        stream.on('error', (error: NodeJS.ErrnoException) => outputFailed(fd, error));
      }
      return { stdout: process.stdout, stderr: process.stderr };
    },
  };
}

/**
 * What a failed write means. A closed pipe on stdout (`| head -1`) ends the program quietly;
 * any other failure on stdout ends it with exit 5 and one line on stderr; stderr failing never
 * changes the outcome (there is nowhere left to say so).
 */
function outputFailed(fd: number, error: NodeJS.ErrnoException): void {
  if (fd === 2) return;
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const failure = new OutputError('standard output', error);
  try {
    writeAll(2, Buffer.from(`which-container: ${failure.message}\n`));
  } catch {
    // stderr is gone too
  }
  process.exit(EXIT.outputFailed);
}

const terminals = new Map<number, boolean>();
let devNull: number | undefined;

/**
 * Only a character device can be a terminal. /dev/null, the usual one that is not (`< /dev/null`
 * in scripts and cron jobs), is told apart by its device number: isatty would load Node's tty
 * and net modules to say so.
 */
function terminal(fd: number): boolean {
  let known = terminals.get(fd);
  if (known === undefined) {
    try {
      const info = fstatSync(fd);
      devNull ??= statSync('/dev/null').rdev;
      known = info.isCharacterDevice() && info.rdev !== devNull && isatty(fd);
    } catch {
      known = false;
    }
    terminals.set(fd, known);
  }
  return known;
}

function fdWriter(fd: number): OutStream {
  return {
    write(chunk: string | Uint8Array) {
      try {
        writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (error) {
        // A whole output that could not be written: exit 5 through the top-level handler.
        if (fd === 1 && (error as NodeJS.ErrnoException).code !== 'EPIPE') {
          throw new OutputError('standard output', error as NodeJS.ErrnoException);
        }
        if (fd === 1) process.exit(process.exitCode ?? 0);
      }
      return true;
    },
    get isTTY() {
      return terminal(fd);
    },
  } as OutStream;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes every byte, waiting out a full non-blocking pipe; throws any other failure. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * A terminal's width: what it reports, or, when it reports none (a pseudo-terminal opened
 * without a size, as `script` and some CI runners do, says 0), $COLUMNS, else 80.
 */
export function terminalWidth(reported: number | undefined, env: NodeJS.ProcessEnv): number {
  if (reported !== undefined && reported > 0) return reported;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}

/** On a terminal, prose wraps to its width at word boundaries (wrap-ansi, loaded only then). */
export async function wrapFor(io: CliIo): Promise<Wrap> {
  const width = io.columns?.('stdout');
  return width === undefined ? undefined : { width, wrap: (await import('wrap-ansi')).default };
}

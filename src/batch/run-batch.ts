// Streams JSON Lines through the engine: one output line per non-blank input line, in order,
// whole lines only, pulling input no faster than the reader takes output (backpressure).

import { VERDICTS } from '../constants.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import type { Verdict } from '../schema.js';
import { decideLine, failure, type LineOutcome } from './decide-line.js';
import { type Line, LineSplitter } from './line-splitter.js';

export interface BatchOutput {
  write(chunk: string): boolean;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

export interface BatchOptions {
  maxLineBytes: number;
  failFast: boolean;
  explain: boolean;
  /** Compact Decisions with their flips (full ones always have them). */
  flips: boolean;
  /** Aborted by SIGINT or SIGTERM: stop after the lines already written, all of them whole. */
  signal?: AbortSignal;
  /** Called now and then with the number of lines read so far. */
  onProgress?: (lines: number) => void;
}

export interface BatchSummary {
  lines: number;
  blank: number;
  failed: number;
  decided: Record<Verdict, number>;
  /** Why it stopped early, if it did. */
  stopped?: 'fail-fast' | 'signal';
}

/** Output is written in pieces of about this size: large enough to be cheap, small enough to bound memory. */
const FLUSH_BYTES = 64 * 1024;

export async function runBatch(
  compiled: CompiledRuleSet,
  input: AsyncIterable<Buffer | string>,
  output: BatchOutput,
  options: BatchOptions,
): Promise<BatchSummary> {
  const summary: BatchSummary = {
    lines: 0,
    blank: 0,
    failed: 0,
    decided: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>,
  };
  const splitter = new LineSplitter(options.maxLineBytes);
  // Output lines gather in one string (V8 concatenates as ropes) and go out in ~64 KiB writes.
  let buffered = '';

  const flush = async () => {
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    if (!output.write(text)) await drained(output);
  };

  // Returns true when the run must stop (fail-fast).
  const take = (outcome: LineOutcome | undefined): boolean => {
    if (outcome === undefined) {
      summary.blank += 1;
      return false;
    }
    buffered += `${outcome.json}\n`;
    if (outcome.verdict === undefined) {
      summary.failed += 1;
      return options.failFast;
    }
    summary.decided[outcome.verdict] += 1;
    return false;
  };

  const lineOptions = {
    explain: options.explain,
    flips: options.flips,
    wordIssues: (await import('../schema.js')).wordAnswersIssues,
  };
  const handle = (line: Line): LineOutcome | undefined => {
    summary.lines = line.number;
    const content = line.text ?? line.bytes;
    if (content === undefined) {
      return failure(line.number, undefined, {
        path: '',
        message: `the line is ${line.tooLongBytes} bytes or more; at most ${options.maxLineBytes} are allowed (--max-line-bytes)`,
      });
    }
    return decideLine(compiled, line.number, content, lineOptions);
  };

  const process = async (lines: Iterable<Line>): Promise<boolean> => {
    for (const line of lines) {
      if (take(handle(line))) {
        summary.stopped = 'fail-fast';
        return true;
      }
      if (buffered.length >= FLUSH_BYTES) await flush();
    }
    return false;
  };

  let stop = false;
  try {
    for await (const chunk of input) {
      if (options.signal?.aborted) break;
      stop = await process(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
      await flush();
      options.onProgress?.(summary.lines);
      if (stop) break;
    }
  } catch (error) {
    // A signal destroys the input stream to wake a read that waits for data; that is a stop.
    if (!options.signal?.aborted) throw error;
  }
  if (!stop && !options.signal?.aborted) await process(splitter.end());
  await flush();
  if (options.signal?.aborted && summary.stopped === undefined) summary.stopped = 'signal';
  return summary;
}

function drained(output: BatchOutput): Promise<void> {
  if (!output.once) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      output.off?.('drain', done);
      output.off?.('close', done);
      output.off?.('error', done);
      resolve();
    };
    output.once!('drain', done);
    output.once!('close', done);
    output.once!('error', done);
  });
}

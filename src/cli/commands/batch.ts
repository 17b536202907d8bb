// `which-container batch [FILE|-]`: JSON Lines in, one result line per input line out.
import { addAbortSignal } from 'node:stream';
import { type BatchSummary, runBatch } from '../../batch/run-batch.js';
import { compileRuleSet } from '../../engine/compile.js';
import { BatchLinesFailedError, InterruptedError, UsageError } from '../../errors.js';
import { openStream } from '../../input/open-stream.js';
import { type CliIo, isTerminal, type StopSignal } from '../io.js';
import { ruleSetWith } from '../rule-files.js';

export interface BatchCommandOptions {
  rules?: string[];
  maxLineBytes: number;
  failFast?: boolean;
  explain?: boolean;
  flips?: boolean;
}

export async function runBatchCommand(
  file: string | undefined,
  options: BatchCommandOptions,
  io: CliIo,
): Promise<void> {
  const path = file ?? '-';
  const ruleSet = await ruleSetWith(options.rules, io, path === '-' ? 'batch' : undefined);
  if (path === '-' && isTerminal(io, 'stdin')) {
    throw new UsageError(
      'batch reads JSON Lines from a file or stdin: give a FILE, or pipe the lines in (`which-container batch < inventory.jsonl`)',
    );
  }
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const unlisten = io.onSignal?.((signal) => {
    stoppedBy = signal;
    controller.abort();
  });
  const input = await openStream(
    path,
    () => addAbortSignal(controller.signal, io.stdin),
    controller.signal,
  );

  const started = Date.now();
  const progress = isTerminal(io, 'stderr') ? progressLine(io, started) : undefined;
  let summary: BatchSummary;
  try {
    // The real stdout stream, for its backpressure: a process blocked in a write could not stop on a signal.
    summary = await runBatch(compileRuleSet(ruleSet), input, io.streams?.().stdout ?? io.stdout, {
      maxLineBytes: options.maxLineBytes,
      failFast: options.failFast === true,
      explain: options.explain === true,
      flips: options.flips === true,
      signal: controller.signal,
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } finally {
    progress?.clear();
    unlisten?.();
  }
  io.stderr.write(`${summaryLine(summary, path)}\n`);
  if (stoppedBy) throw new InterruptedError(stoppedBy);
  if (summary.failed > 0) throw new BatchLinesFailedError(summary.failed);
}

function summaryLine(summary: BatchSummary, path: string): string {
  const decided = summary.decided.os + summary.decided.app + summary.decided.vm;
  const source = path === '-' ? 'stdin' : path;
  const parts = [
    `${decided} decided (os ${summary.decided.os}, app ${summary.decided.app}, vm ${summary.decided.vm})`,
    `${summary.failed} failed`,
  ];
  if (summary.blank > 0) parts.push(`${summary.blank} blank skipped`);
  const stop =
    summary.stopped === 'fail-fast'
      ? '; stopped at the first failed line (--fail-fast)'
      : summary.stopped === 'signal'
        ? '; stopped by a signal'
        : '';
  return `which-container: batch: ${summary.lines} lines from ${source}: ${parts.join(', ')}${stop}`;
}

// A line on stderr, rewritten in place, at most a few times a second.
function progressLine(io: CliIo, started: number) {
  let last = 0;
  return {
    update: (lines: number) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const rate = Math.round(lines / Math.max((now - started) / 1000, 0.001));
      io.stderr.write(`\r\u001b[2Kbatch: ${lines} lines, ${rate} lines/s`);
    },
    clear: () => {
      if (last > 0) io.stderr.write('\r\u001b[2K');
    },
  };
}

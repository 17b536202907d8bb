import { visible } from './render/visible.js';

// Typed errors. The CLI's one top-level handler maps each to an exit code (SPEC.md, "Exit
// codes"); library users tell them apart with instanceof or by `code`.

/** One thing wrong with an input, located by a path inside it (`processes`, `rules[3].if`). */
export interface InputIssue {
  path: string;
  message: string;
  /** 1-based line in the file, when the input came from a file and the line is known. */
  line?: number;
}

/** An input with faults: every fault, each with its path, and one line each in the message. */
abstract class IssuesError extends Error {
  abstract readonly code: string;
  constructor(
    readonly issues: InputIssue[],
    readonly origin: string,
  ) {
    super(
      issues
        .map((issue) => {
          // The origin and the path come from outside (a file's name, a key in it): made safe.
          const from = visible(origin);
          const where = issue.line === undefined ? from : `${from}:${issue.line}`;
          return issue.path
            ? `${where}: ${visible(issue.path)}: ${issue.message}`
            : `${where}: ${issue.message}`;
        })
        .join('\n'),
    );
  }
}

/** Answers that are not valid: unknown question ids or values outside the allowed ones. */
export class AnswersError extends IssuesError {
  override readonly name = 'AnswersError';
  readonly code = 'ANSWERS_INVALID';
}

/** Rule data (built-in or an organisation's file) that is not valid. */
export class RulesError extends IssuesError {
  override readonly name = 'RulesError';
  readonly code = 'RULES_INVALID';
}

/** An input file (answers or rules) that is missing, unreadable, unparsable or invalid. */
export class InputFileError extends IssuesError {
  override readonly name = 'InputFileError';
  readonly code = 'INPUT_FILE';
}

/** A usage error: unknown flag, bad flag value, conflicting options, nothing to decide from. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

/** The run stopped on SIGINT or SIGTERM after finishing cleanly what it had started. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  readonly code = 'INTERRUPTED';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') {
    super(`stopped by ${signal}`);
  }
}

/** A batch that finished, but some of whose lines failed (exit 4); each failure is in the output. */
export class BatchLinesFailedError extends Error {
  override readonly name = 'BatchLinesFailedError';
  readonly code = 'BATCH_LINES_FAILED';
  constructor(readonly failed: number) {
    super(`${failed} line(s) failed`);
  }
}

/**
 * No answer given fires a rule, so there is no evidence to decide on (every answer `unsure`, an
 * empty answers file, detection that found nothing). Names the most decisive questions to answer.
 */
export class NoEvidenceError extends Error {
  override readonly name = 'NoEvidenceError';
  readonly code = 'NO_EVIDENCE';
  constructor(readonly questions: readonly string[]) {
    super(
      `no answer given is evidence for either container type; answer one of the most decisive questions: ${questions.join(', ')}`,
    );
  }
}

/** An output that could not be written (a full disk, a device error): exit 5. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  readonly code = 'OUTPUT_FAILED';
  constructor(
    /** What could not be written: `standard output`, or a file's name. */
    readonly output: string,
    readonly reason: NodeJS.ErrnoException,
  ) {
    super(`cannot write to ${output}: ${describeErrno(reason)}`);
  }
}

/** A system error in a few words, with its code: `no space left on device (ENOSPC)`. */
export function describeErrno(error: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EIO: 'input/output error',
    EBADF: 'the output is closed',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    EROFS: 'read-only file system',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large',
    ENOTDIR: 'a part of the path is not a directory',
  };
  const code = error.code ?? 'unknown';
  return words[code] ? `${words[code]} (${code})` : code;
}

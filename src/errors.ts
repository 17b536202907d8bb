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
          const where = issue.line === undefined ? origin : `${origin}:${issue.line}`;
          return issue.path
            ? `${where}: ${issue.path}: ${issue.message}`
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
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
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

// Typed errors. The CLI's one top-level handler maps each to an exit code (SPEC.md, "Exit codes");
// library users can tell them apart with instanceof or by `code`.

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
    super(formatIssues(origin, issues));
  }
}

/** Answers that are not valid: unknown question ids or values outside the allowed ones. */
export class AnswersError extends IssuesError {
  override readonly name = 'AnswersError';
  readonly code = 'ANSWERS_INVALID';
  constructor(issues: InputIssue[], origin = 'answers') {
    super(issues, origin);
  }
}

/** Rule data (built-in or an organisation's file) that is not valid. */
export class RulesError extends IssuesError {
  override readonly name = 'RulesError';
  readonly code = 'RULES_INVALID';
  constructor(issues: InputIssue[], origin = 'rules') {
    super(issues, origin);
  }
}

/** Formats issues as one line each, prefixed by where the input came from. */
export function formatIssues(origin: string, issues: InputIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.line === undefined ? origin : `${origin}:${issue.line}`;
    return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
  });
  return lines.join('\n');
}

/** A usage error: unknown flag, bad flag value, conflicting options, nothing to decide from. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input file (answers or rules) that is missing, unreadable, unparsable or invalid. */
export class InputFileError extends Error {
  readonly code = 'INPUT_FILE';
  constructor(
    readonly file: string,
    readonly issues: InputIssue[],
  ) {
    super(formatIssues(file, issues));
    this.name = 'InputFileError';
  }
}

/** The run stopped on SIGINT or SIGTERM after finishing cleanly what it had started. */
export class InterruptedError extends Error {
  readonly code = 'INTERRUPTED';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`stopped by ${signal}`);
    this.name = 'InterruptedError';
  }
}

/** A batch that finished, but some of whose lines failed (exit 4); each failure is in the output. */
export class BatchLinesFailedError extends Error {
  readonly code = 'BATCH_LINES_FAILED';
  constructor(readonly failed: number) {
    super(`${failed} line(s) failed`);
    this.name = 'BatchLinesFailedError';
  }
}

// Type guards by `code` rather than instanceof: the CLI's lazily loaded parts are bundled
// apart (scripts/build.mjs), each with its own copy of these classes.
function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}
export const isAnswersError = (error: unknown): error is AnswersError => hasCode(error, 'ANSWERS_INVALID');
export const isRulesError = (error: unknown): error is RulesError => hasCode(error, 'RULES_INVALID');
export const isUsageError = (error: unknown): error is UsageError => hasCode(error, 'USAGE');
export const isInputFileError = (error: unknown): error is InputFileError => hasCode(error, 'INPUT_FILE');
export const isInterruptedError = (error: unknown): error is InterruptedError => hasCode(error, 'INTERRUPTED');
export const isBatchLinesFailedError = (error: unknown): error is BatchLinesFailedError => hasCode(error, 'BATCH_LINES_FAILED');

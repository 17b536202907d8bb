// One JSON Lines input line in, one output line out: a decision or an error, never both,
// and never an exception for anything the line holds.
import { toAnswers } from '../answers/answers.js';
import { readValues } from '../answers/check.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { makeDecision } from '../engine/decide.js';
import { evaluate } from '../engine/evaluate.js';
import { flips } from '../engine/flips.js';
import { type InputIssue, NoEvidenceError } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { Verdict, wordAnswersIssues } from '../schema.js';
import { compactJson } from './compact-json.js';

export interface LineOutcome {
  /** The output line, without its newline. */
  json: string;
  /** The verdict, or undefined when the line failed. */
  verdict?: Verdict;
}

export interface LineOptions {
  /** Full Decisions (with texts, flips and every rule) instead of compact ones. */
  explain: boolean;
  /** Compact Decisions with their flips: every other answer tried, so several times slower. */
  flips: boolean;
  /** Words the faults of a line's answers (loaded once, with zod, when batch starts). */
  wordIssues: typeof wordAnswersIssues;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decides one line, given as text, or as bytes when they still need a strict UTF-8 check. */
export function decideLine(
  compiled: CompiledRuleSet,
  number: number,
  line: string | Buffer,
  options: LineOptions,
): LineOutcome | undefined {
  let text: string;
  if (typeof line === 'string') text = line;
  else {
    try {
      text = utf8.decode(line);
    } catch {
      return failure(number, undefined, { path: '', message: 'the line is not valid UTF-8' });
    }
  }
  if (isBlank(text)) return undefined;

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return failure(number, undefined, {
      path: '',
      message: `the line is not valid JSON: ${(error as Error).message}`,
    });
  }

  // `{ "id": …, "answers": {…} }` or a bare answers object.
  let id: unknown;
  let answers: unknown = parsed;
  let prefix = '';
  if (isRecord(parsed) && Object.hasOwn(parsed, 'answers')) {
    for (const key in parsed) {
      if (key !== 'id' && key !== 'answers')
        return failure(number, undefined, {
          message: `unknown key; a line is an answers object or { "id": …, "answers": {…} }`,
          path: key,
        });
    }
    id = parsed.id;
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number')
      return failure(number, undefined, { message: 'must be a string or a number', path: 'id' });
    answers = parsed.answers;
    prefix = 'answers';
  }

  const values = readValues(compiled, answers);
  if (values === undefined) {
    // Not the common case: the zod schema names every fault.
    const issues = options.wordIssues(compiled, answers);
    return failure(
      number,
      id,
      ...issues.map((issue) => ({
        ...issue,
        path: [prefix, issue.path].filter(Boolean).join('.'),
      })),
    );
  }

  let decision: string;
  let verdict: Verdict;
  try {
    if (options.explain) {
      const answersById = toAnswers(compiled, values);
      const sources = Object.fromEntries(
        Object.keys(answersById).map((key) => [key, 'file' as const]),
      );
      const full = makeDecision(compiled, answersById, sources, { explain: true });
      decision = JSON.stringify(full);
      verdict = full.recommendation;
    } else {
      const evaluation = evaluate(compiled, values);
      decision = compactJson(
        evaluation,
        options.flips ? flips(compiled, values, evaluation.recommendation) : undefined,
      );
      verdict = evaluation.recommendation;
    }
  } catch (error) {
    // No verdict without evidence: the line gets an error record naming what to answer.
    if (!(error instanceof NoEvidenceError)) throw error;
    return failure(number, id, { path: prefix, message: error.message });
  }
  const head =
    id === undefined ? `{"line":${number}` : `{"line":${number},"id":${JSON.stringify(id)}`;
  return { json: `${head},"decision":${decision}}`, verdict };
}

export function failure(number: number, id: unknown, ...issues: InputIssue[]): LineOutcome {
  const first = issues[0]!;
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  const error = first.path ? { message, path: first.path } : { message };
  return {
    json: JSON.stringify(id === undefined ? { line: number, error } : { line: number, id, error }),
  };
}

// Cheaper than trim() for the usual line, which starts with `{`.
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x7b) return false;
  return text.trim() === '';
}

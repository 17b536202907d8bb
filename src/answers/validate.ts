// Validates a plain id → value object against the questions, collecting every fault at once.
import type * as z from 'zod';
import { AnswersError } from '../errors.js';
import { UNSURE } from '../constants.js';
import type { AnswerSource, Question } from '../schema.js';
import { toInputIssues } from '../zod-issues.js';
import { buildAnswersSchema } from './answers-schema.js';

/** Answers with where each came from; unanswered and `unsure` questions are absent. */
export type AnswerSet = Record<string, { value: string; source: AnswerSource }>;

const schemas = new WeakMap<readonly Question[], z.ZodType>();

function answersSchemaFor(questions: readonly Question[]): z.ZodType {
  let schema = schemas.get(questions);
  if (!schema) {
    schema = buildAnswersSchema(questions);
    schemas.set(questions, schema);
  }
  return schema;
}

/**
 * Checks answers and returns the values by id (`unsure` kept, so a replay knows it was asked;
 * `schemaVersion` removed).
 * Throws AnswersError naming every unknown id and every value outside the allowed ones.
 */
export function validateAnswers(input: unknown, questions: readonly Question[], origin = 'answers'): Record<string, string> {
  const result = answersSchemaFor(questions).safeParse(input);
  if (!result.success) {
    const known = questions.map((q) => q.id).join(', ');
    const issues = toInputIssues(result.error.issues).map((issue) =>
      issue.message === 'unknown key' ? { ...issue, message: `unknown question; expected one of: ${known}, schemaVersion` } : issue,
    );
    throw new AnswersError(issues, origin);
  }
  const values: Record<string, string> = {};
  for (const question of questions) {
    const value = (result.data as Record<string, string | undefined>)[question.id];
    if (value !== undefined) values[question.id] = value;
  }
  return values;
}

/** Tags every value with one source; `unsure` ones are left out, as unanswered. */
export function withSource(values: Record<string, string>, source: AnswerSource): AnswerSet {
  const set: AnswerSet = {};
  for (const [id, value] of Object.entries(values)) if (value !== UNSURE) set[id] = { value, source };
  return set;
}

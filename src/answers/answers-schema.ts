// The answers contract as a zod schema, built from the questions data so that the values,
// the error messages and `which-container schema answers` can never drift apart.
import * as z from 'zod';
import { allowedValues } from '../constants.js';
import type { Question } from '../schema.js';

export function buildAnswersSchema(questions: readonly Question[]) {
  const shape: Record<string, z.ZodOptional<z.ZodEnum>> = {};
  for (const question of questions) {
    const allowed = allowedValues(question);
    shape[question.id] = z
      .enum(allowed as [string, ...string[]], {
        error: (issue) => `${JSON.stringify(issue.input)} is not allowed; expected one of: ${allowed.join(', ')}`,
      })
      .meta({ description: question.prompt })
      .optional();
  }
  return z.strictObject(
    { schemaVersion: z.literal(1, { error: 'expected 1 (the only version)' }).optional(), ...shape },
    { error: (issue) => (issue.code === 'invalid_type' ? 'expected a mapping of question id to answer' : undefined) },
  );
}

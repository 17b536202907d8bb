// Constants of the public contract, apart from the zod schemas so the CLI's fast path can use
// them without loading zod.
import type { Question } from './schema.js';

export const VERDICTS = ['os', 'app', 'vm'] as const;
export const SOURCES = ['flag', 'file', 'detected', 'prompt', 'default'] as const;
/** The output formats of a decision. */
export const FORMATS = ['text', 'json', 'markdown'] as const;
/** The JSON Schemas `which-container schema` prints. */
export const SCHEMAS = ['answers', 'decision', 'rules'] as const;
/** The value every question accepts, meaning "unanswered". */
export const UNSURE = 'unsure';

/** Allowed values of a question as users see them: its own values, then `unsure`. */
export function allowedValues(question: Question): string[] {
  return [...question.values.map((v) => v.value), UNSURE];
}

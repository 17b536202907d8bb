// Constants of the public contract (SPEC.md): verdicts, answer sources, formats.
import type { Question } from './schema.js';

export const VERDICTS = ['os', 'app', 'vm'] as const;
/** Where an answer came from, strongest first (flag > answers file > prompt > detected). */
export const SOURCES = ['flag', 'file', 'prompt', 'detected'] as const;
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

/** `vmLike` → `vm-like`: a question's flag is the kebab-case form of its id. */
export function flagOf(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The article the built-in rules encode; a rule without a `source` cites one of its headings. */
export const ARTICLE_TITLE = 'System Containers and App Containers';
export const ARTICLE = `${ARTICLE_TITLE} (2015, published as a draft)`;

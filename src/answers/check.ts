// Checks answers by id against the questions. The valid case (nearly every one) is settled by
// the compiled answer tables; only a fault loads the zod schema, which words every fault at
// once, with its path, in the same terms as `which-container schema answers`.
import { UNSURE } from '../constants.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { AnswersError, type InputIssue } from '../errors.js';
import type { Answers } from './answers.js';

/**
 * The answers as values by position (`unsure` as undefined) when every key is a question (or
 * `schemaVersion: 1`) with an allowed value; else undefined. Batch calls this once a line.
 */
export function readValues(
  compiled: CompiledRuleSet,
  input: unknown,
): (string | undefined)[] | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const record = input as Record<string, unknown>;
  const values = new Array<string | undefined>(compiled.questions.length).fill(undefined);
  // Walk the keys the input has: loads of absent keys from objects of many shapes are slow.
  for (const key in record) {
    const value = record[key];
    if (key === 'schemaVersion' && value === 1) continue;
    const question = compiled.questionById.get(key);
    if (question === undefined || typeof value !== 'string') return undefined;
    if (question.effects.has(value)) values[question.index] = value;
    else if (value !== UNSURE) return undefined;
  }
  return values;
}

/** The answers by id (`unsure` kept, `schemaVersion` dropped); a fault throws AnswersError naming every one. */
export async function checkAnswers(
  compiled: CompiledRuleSet,
  input: unknown,
  origin: string,
): Promise<Answers> {
  if (readValues(compiled, input) === undefined)
    throw new AnswersError(await answersIssues(compiled, input), origin);
  return answersOf(input);
}

/** The answers by id of an input readValues accepted: all its keys but `schemaVersion`. */
export function answersOf(accepted: unknown): Answers {
  const { schemaVersion: _version, ...answers } = accepted as Answers;
  return answers;
}

/** Every fault of answers that readValues refused, worded by the zod schema (loaded only now). */
export async function answersIssues(
  compiled: CompiledRuleSet,
  input: unknown,
): Promise<InputIssue[]> {
  return (await import('../schema.js')).wordAnswersIssues(compiled, input);
}

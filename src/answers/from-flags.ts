// Answers from the question flags (`--processes many`), checked together so every bad flag is
// named in one message.
import { flagOf } from '../constants.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { AnswersError, UsageError } from '../errors.js';
import type { Answers } from './answers.js';
import { checkAnswers } from './check.js';

/** The question flags commander parsed, by question id. */
export async function answersFromFlags(
  options: Readonly<Record<string, unknown>>,
  compiled: CompiledRuleSet,
): Promise<Answers> {
  const given: Record<string, unknown> = {};
  for (const { id } of compiled.questions) if (options[id] !== undefined) given[id] = options[id];
  try {
    return await checkAnswers(compiled, given, 'flags');
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    const lines = error.issues.map((issue) => `  --${flagOf(issue.path)}: ${issue.message}`);
    throw new UsageError(
      `${lines.length === 1 ? 'a bad flag value' : `${lines.length} bad flag values`}:\n${lines.join('\n')}`,
    );
  }
}

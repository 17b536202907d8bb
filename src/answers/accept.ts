// Checks answers on the CLI's fast path: the common, valid case goes through the compiled
// tables (readAnswers) without loading zod; anything else loads the zod schema, which names
// every fault (validate.ts). Both accept exactly the same inputs (test/unit/compact.test.ts).
import type { CompiledRuleSet } from '../engine/compile.js';
import { readAnswers } from '../engine/read-answers.js';

/** The answers by id (`unsure` kept, `schemaVersion` dropped) when the tables accept them; else undefined. */
export function acceptedFast(compiled: CompiledRuleSet, input: unknown): Record<string, string> | undefined {
  if (readAnswers(compiled, input) === undefined) return undefined;
  const { schemaVersion: _version, ...answers } = input as Record<string, string>;
  return answers;
}

/** The answers by id (`unsure` kept, `schemaVersion` dropped); throws AnswersError when invalid. */
export async function acceptAnswers(compiled: CompiledRuleSet, input: unknown, origin: string): Promise<Record<string, string>> {
  const answers = acceptedFast(compiled, input);
  if (answers !== undefined) return answers;
  const { validateAnswers } = await import('./validate.js');
  return validateAnswers(input, compiled.ruleSet.questions, origin);
}

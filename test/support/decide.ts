// A Decision from answers by id, every answer from one source: what most engine tests need.
import type { Answers } from '../../src/answers/answers.js';
import type { CompiledRuleSet } from '../../src/engine/compile.js';
import { makeDecision } from '../../src/engine/decide.js';
import type { AnswerSource, Decision } from '../../src/schema.js';

export function decideFor(
  compiled: CompiledRuleSet,
  answers: Answers,
  source: AnswerSource = 'file',
  options: { explain?: boolean } = {},
): Decision {
  return makeDecision(
    compiled,
    answers,
    Object.fromEntries(Object.keys(answers).map((id) => [id, source])),
    options,
  );
}

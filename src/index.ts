// The library API: `import { decide } from 'which-container'`. Same engine, same results as the CLI.
import { answersOf, readValues } from './answers/check.js';
import { type CompiledRuleSet, compileRuleSet } from './engine/compile.js';
import { makeDecision } from './engine/decide.js';
import { builtinRuleSet } from './engine/rule-set.js';
import { AnswersError } from './errors.js';
import type { Answers } from './generated/answers.js';
import { type AnswerSource, type Decision, wordAnswersIssues } from './schema.js';

export { UNSURE } from './constants.js';
export type { RuleSet } from './engine/rule-set.js';
export { AnswersError, type InputIssue, NoEvidenceError, RulesError } from './errors.js';
export type { Answers, QuestionId } from './generated/answers.js';
export {
  type AnswerSource,
  type Caveat,
  type Condition,
  ConditionSchema,
  type Decision,
  DecisionSchema,
  type Flip,
  type Question,
  QuestionSchema,
  type QuestionValue,
  type Reason,
  type Rule,
  RuleSchema,
  type Verdict,
  type VerdictInfo,
} from './schema.js';

/** The built-in questions, in the order they are asked. */
export const questions = builtinRuleSet.questions;
/** The built-in rules. */
export const rules = builtinRuleSet.rules;
/** The verdicts with their labels and tools. */
export const verdicts = builtinRuleSet.verdicts;

let compiled: CompiledRuleSet | undefined;

export interface DecideOptions {
  /** Recorded as each answer's source in the Decision; `file` by default, like an answers file. */
  source?: AnswerSource;
}

/**
 * Decides for one workload from a plain id → value object (`unsure` means unanswered;
 * `schemaVersion: 1` is allowed). Throws AnswersError naming every unknown id and every
 * value outside the allowed ones, and NoEvidenceError when no answer is evidence either way.
 */
export function decide(
  answers: Answers | Record<string, unknown>,
  options: DecideOptions = {},
): Decision {
  compiled ??= compileRuleSet(builtinRuleSet);
  if (readValues(compiled, answers) === undefined)
    throw new AnswersError(wordAnswersIssues(compiled, answers), 'answers');
  const byId = answersOf(answers);
  const source = options.source ?? 'file';
  return makeDecision(
    compiled,
    byId,
    Object.fromEntries(Object.keys(byId).map((id) => [id, source])),
  );
}

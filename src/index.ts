// The library API: `import { decide } from 'which-container'`. Same engine, same results as the CLI.
import { validateAnswers, withSource } from './answers/validate.js';
import { compileRuleSet, type CompiledRuleSet } from './engine/compile.js';
import { decideAnswerSet } from './engine/decide.js';
import { builtinRuleSet } from './engine/rule-set.js';
import type { AnswerSource, Decision } from './schema.js';

export { AnswersError, RulesError, type InputIssue } from './errors.js';
export type { AnswerSet } from './answers/validate.js';
export type { RuleSet } from './engine/rule-set.js';
export type { Answers, QuestionId } from './generated/answers.js';
export {
  DecisionSchema,
  RuleSchema,
  QuestionSchema,
  ConditionSchema,
  UNSURE,
  type AnswerSource,
  type Caveat,
  type Condition,
  type Decision,
  type Flip,
  type Question,
  type QuestionValue,
  type Reason,
  type Rule,
  type Verdict,
  type VerdictInfo,
} from './schema.js';
import type { Answers } from './generated/answers.js';

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
 * value outside the allowed ones.
 */
export function decide(answers: Answers | Record<string, unknown>, options: DecideOptions = {}): Decision {
  compiled ??= compileRuleSet(builtinRuleSet);
  const values = validateAnswers(answers, builtinRuleSet.questions);
  return decideAnswerSet(compiled, withSource(values, options.source ?? 'file'));
}

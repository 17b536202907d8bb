// A RuleSet is everything the engine decides with: the questions, the rules and the verdicts.
// The built-in one comes from rules/*.yaml, inlined at build time so no YAML is parsed at run time.
import questionsData from '../../rules/questions.yaml';
import rulesData from '../../rules/rules.yaml';
import verdictsData from '../../rules/verdicts.yaml';
import type { Question, Rule, Verdict, VerdictInfo } from '../schema.js';

export interface RuleSet {
  questions: Question[];
  rules: Rule[];
  verdicts: Record<Verdict, VerdictInfo>;
  /** For rules that came from a rules file (--rules): rule id → the file. Built-in rules have none. */
  origins?: Record<string, string>;
}

/**
 * The built-in data as it is in rules/. It is validated by the tests and by the build
 * (scripts/build.mjs), so start-up does not pay for validating it again.
 */
export function builtinData(): { questions: unknown; rules: unknown; verdicts: unknown } {
  return { questions: questionsData, rules: rulesData, verdicts: verdictsData };
}

export const builtinRuleSet: RuleSet = {
  questions: (questionsData as { questions: Question[] }).questions,
  rules: (rulesData as { rules: Rule[] }).rules,
  verdicts: (verdictsData as { verdicts: Record<Verdict, VerdictInfo> }).verdicts,
};

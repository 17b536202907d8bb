// Validates rule data with the zod schemas, then checks cross-references. Used on the
// built-in data by the tests and the build, and on organisations' rules files at load time.
import { type InputIssue, RulesError } from '../errors.js';
import { QuestionsFileSchema, RulesFileSchema, VerdictsFileSchema } from '../schema.js';
import { toInputIssues } from '../zod-issues.js';
import { checkQuestions, checkRules } from './check-references.js';
import type { RuleSet } from './rule-set.js';

/** Validates the three data files together; throws RulesError listing every fault. */
export function validateRuleSet(data: {
  questions: unknown;
  rules: unknown;
  verdicts: unknown;
}): RuleSet {
  const issues: InputIssue[] = [];
  const questions = QuestionsFileSchema.safeParse(data.questions);
  const rules = RulesFileSchema.safeParse(data.rules);
  const verdicts = VerdictsFileSchema.safeParse(data.verdicts);
  if (!questions.success)
    issues.push(...prefixed('questions.yaml', toInputIssues(questions.error.issues)));
  if (!rules.success) issues.push(...prefixed('rules.yaml', toInputIssues(rules.error.issues)));
  if (!verdicts.success)
    issues.push(...prefixed('verdicts.yaml', toInputIssues(verdicts.error.issues)));
  if (questions.success) {
    issues.push(...prefixed('questions.yaml', checkQuestions(questions.data.questions)));
    if (rules.success)
      issues.push(
        ...prefixed('rules.yaml', checkRules(rules.data.rules, questions.data.questions)),
      );
  }
  if (issues.length > 0 || !questions.success || !rules.success || !verdicts.success)
    throw new RulesError(issues, 'built-in rules');
  return {
    questions: questions.data.questions,
    rules: rules.data.rules,
    verdicts: verdicts.data.verdicts,
  };
}

function prefixed(file: string, issues: InputIssue[]): InputIssue[] {
  return issues.map((issue) => ({ ...issue, path: issue.path ? `${file}: ${issue.path}` : file }));
}

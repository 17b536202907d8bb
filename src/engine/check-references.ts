// Checks what a schema cannot: that rules and questions refer to each other correctly.
// Every fault comes back with its path, so a rules file can be fixed in one pass.

import { UNSURE } from '../constants.js';
import type { InputIssue } from '../errors.js';
import type { Condition, Question, Rule } from '../schema.js';

/** Faults in the questions themselves: duplicate ids or values, `when` reading later questions. */
export function checkQuestions(
  questions: readonly Question[],
  basePath = 'questions',
): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<string, Question>();
  questions.forEach((question, index) => {
    const at = `${basePath}[${index}]`;
    if (seen.has(question.id))
      issues.push({ path: `${at}.id`, message: `duplicate question id "${question.id}"` });
    const values = new Set<string>();
    question.values.forEach((v, i) => {
      if (v.value === UNSURE) {
        issues.push({
          path: `${at}.values[${i}].value`,
          message: `"${UNSURE}" is implied for every question; do not list it`,
        });
      } else if (values.has(v.value)) {
        issues.push({ path: `${at}.values[${i}].value`, message: `duplicate value "${v.value}"` });
      }
      values.add(v.value);
    });
    // A `when` may only read questions asked before this one, so the questionnaire can
    // decide whether to ask it from the answers it already has.
    if (question.when)
      issues.push(
        ...checkCondition(
          question.when,
          seen,
          `${at}.when`,
          'a `when` may read only the questions before it',
        ),
      );
    seen.set(question.id, question);
  });
  return issues;
}

/**
 * Faults in rules against the questions they read: unknown questions, values, duplicate ids.
 * An undefined entry (a rule that failed its schema) keeps its index and is passed over.
 */
export function checkRules(
  rules: readonly (Rule | undefined)[],
  questions: readonly Question[],
  basePath = 'rules',
  ids = rules.map((r) => r?.id),
): InputIssue[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues = duplicateIds(ids, basePath);
  rules.forEach((rule, index) => {
    if (rule !== undefined)
      issues.push(...checkCondition(rule.if, byId, `${basePath}[${index}].if`));
  });
  return issues;
}

/** Every id after its first use, by index (ids of entries that failed their schema included). */
function duplicateIds(ids: readonly (string | undefined)[], basePath: string): InputIssue[] {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  ids.forEach((id, index) => {
    if (id === undefined) return;
    if (seen.has(id))
      issues.push({ path: `${basePath}[${index}].id`, message: `duplicate rule id "${id}"` });
    seen.add(id);
  });
  return issues;
}

function checkCondition(
  condition: Condition,
  questions: ReadonlyMap<string, Question>,
  at: string,
  scope?: string,
): InputIssue[] {
  if ('all' in condition)
    return condition.all.flatMap((c, i) => checkCondition(c, questions, `${at}.all[${i}]`, scope));
  if ('any' in condition)
    return condition.any.flatMap((c, i) => checkCondition(c, questions, `${at}.any[${i}]`, scope));
  if ('not' in condition) return checkCondition(condition.not, questions, `${at}.not`, scope);

  const question = questions.get(condition.question);
  if (!question) {
    const known = scope ?? `expected one of: ${[...questions.keys()].join(', ')}`;
    return [
      { path: `${at}.question`, message: `unknown question "${condition.question}"; ${known}` },
    ];
  }
  const allowed = question.values.map((v) => v.value);
  const [key, compared] =
    'equals' in condition
      ? (['equals', [condition.equals]] as const)
      : 'in' in condition
        ? (['in', condition.in] as const)
        : (['notIn', condition.notIn] as const);
  const issues: InputIssue[] = [];
  compared.forEach((value, i) => {
    if (allowed.includes(value)) return;
    const path = key === 'equals' ? `${at}.equals` : `${at}.${key}[${i}]`;
    const hint = value === UNSURE ? ` ("${UNSURE}" means unanswered: test for it with not)` : '';
    issues.push({
      path,
      message: `"${value}" is not a value of ${question.id}${hint}; expected one of: ${allowed.join(', ')}`,
    });
  });
  return issues;
}

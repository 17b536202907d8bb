// Compiles rule data into closures once, at load time, so evaluating an answer set is a walk
// over plain functions rather than an interpretation of the data (as json-rules-engine would).
import type { CaveatRule, Condition, FavorRule, Question } from '../schema.js';
import { questionsRead } from './check-references.js';
import type { RuleSet } from './rule-set.js';

/** Answer values by question id; an unanswered (or `unsure`) question is absent. */
export type AnswerValues = Readonly<Record<string, string | undefined>>;
export type Test = (values: AnswerValues) => boolean;

export interface CompiledRule<R> {
  rule: R;
  test: Test;
  /** The questions its condition reads: the answers a reason cites as "because". */
  reads: string[];
}

export interface CompiledRuleSet {
  ruleSet: RuleSet;
  questionById: ReadonlyMap<string, Question>;
  favorRules: CompiledRule<FavorRule>[];
  caveatRules: CompiledRule<CaveatRule>[];
  /** Whether each question applies, given the answers so far (its `when`). */
  applies: ReadonlyMap<string, Test>;
  /** How much each question can weigh: the largest weight of any rule that reads it. */
  importance: ReadonlyMap<string, number>;
}

const always: Test = () => true;

/** A leaf on an unanswered question is false, so `not` of a leaf is true when unanswered. */
export function compileCondition(condition: Condition): Test {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (values) => parts.every((test) => test(values));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (values) => parts.some((test) => test(values));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (values) => !inner(values);
  }
  const id = condition.question;
  if ('equals' in condition) {
    const expected = condition.equals;
    return (values) => values[id] === expected;
  }
  if ('in' in condition) {
    const set = new Set(condition.in);
    return (values) => set.has(values[id]!);
  }
  const excluded = new Set(condition.notIn);
  // typeof, not `!== undefined`: an inherited property (toString) is no answer.
  return (values) => {
    const value = values[id];
    return typeof value === 'string' && !excluded.has(value);
  };
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const favorRules: CompiledRule<FavorRule>[] = [];
  const caveatRules: CompiledRule<CaveatRule>[] = [];
  const importance = new Map<string, number>(ruleSet.questions.map((q) => [q.id, 0]));
  for (const rule of ruleSet.rules) {
    const compiled = { test: compileCondition(rule.if), reads: questionsRead(rule.if) };
    if (rule.effect === 'favor') {
      favorRules.push({ rule, ...compiled });
      for (const id of compiled.reads) importance.set(id, Math.max(importance.get(id) ?? 0, rule.weight));
    } else {
      caveatRules.push({ rule, ...compiled });
    }
  }
  return {
    ruleSet,
    questionById: new Map(ruleSet.questions.map((q) => [q.id, q])),
    favorRules,
    caveatRules,
    applies: new Map(ruleSet.questions.map((q) => [q.id, q.when ? compileCondition(q.when) : always])),
    importance,
  };
}

// Compiles rule data into closures once, at load time, so evaluating answers is a walk over
// plain functions rather than an interpretation of the data (as json-rules-engine would).

import type { AnswerValues } from '../answers/answers.js';
import type { CaveatRule, Condition, FavorRule, Question } from '../schema.js';
import type { RuleSet } from './rule-set.js';

export type Test = (values: AnswerValues) => boolean;

export interface CompiledRule<R> {
  rule: R;
  /** Whether it is shown with each verdict (a caveat's `verdicts`; every verdict for other rules). */
  shownWith: Readonly<Record<'os' | 'app' | 'vm', boolean>>;
  /** The rule id as a JSON string, ready for the output batch writes by hand. */
  quotedId: string;
  test: Test;
  /** The questions its condition reads: the answers a reason cites as "because". */
  reads: string[];
}

/**
 * What one answer fires on its own: the rules whose whole condition compares this one
 * question, with their weights added up. The evaluator scores an answer by one lookup in
 * this table instead of testing every rule (rule indexing, as OPA does inside its evaluator).
 */
interface AnswerEffect {
  os: number;
  app: number;
  /** The weight of the rules favouring vm that it fires (a strong lean), and whether one is a hard constraint. */
  vm: number;
  hard: boolean;
  /** Positions in favorRulesByRank of the rules this answer fires. */
  fires: number[];
}

export interface CompiledQuestion {
  question: Question;
  id: string;
  index: number;
  quotedId: string;
  /** Each of its values → what answering it fires. */
  effects: ReadonlyMap<string, AnswerEffect>;
  /** How much it can weigh: the largest weight of any rule that reads it. */
  importance: number;
  /**
   * The most that answering it could add to one side over the other: from its answer tables,
   * and every composite rule that reads it counted in full (an upper bound).
   */
  swing: { os: number; app: number };
  /** Whether it applies, given the other answers (its `when`); undefined when it always applies. */
  appliesWhen?: Test;
}

export interface CompiledRuleSet {
  ruleSet: RuleSet;
  /** The questions in order, with what the engine needs of each. */
  questions: readonly CompiledQuestion[];
  questionById: ReadonlyMap<string, CompiledQuestion>;
  /** The favour rules strongest first (the hard constraint, then by weight; ties by id): reasons' order. */
  favorRulesByRank: CompiledRule<FavorRule>[];
  /** The favour rules the answer tables cannot hold (they read several questions, or `not`), with their positions and the positions of the questions they read. */
  compositeFavorRules: {
    compiled: CompiledRule<FavorRule>;
    position: number;
    readIndexes: number[];
  }[];
  /** The questions with a `when`, in order: the only ones whose answers can be dropped. */
  gatedQuestions: readonly CompiledQuestion[];
  caveatRules: CompiledRule<CaveatRule>[];
}

/**
 * Compiles a condition against the positions of the questions it reads. A leaf on an
 * unanswered question is false, so `not` of a leaf is true when the question is unanswered.
 */
export function compileCondition(condition: Condition, indexOf: ReadonlyMap<string, number>): Test {
  // Plain loops: a callback to every() or some() would be a closure made on every test.
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, indexOf));
    return (values) => {
      for (let i = 0; i < parts.length; i++) if (!parts[i]!(values)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, indexOf));
    return (values) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!(values)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, indexOf);
    return (values) => !inner(values);
  }
  const index = indexOf.get(condition.question);
  if (index === undefined)
    throw new Error(
      `compileCondition: unknown question "${condition.question}" (validate the rules first)`,
    );
  if ('equals' in condition) {
    const expected = condition.equals;
    return (values) => values[index] === expected;
  }
  const listed = new Set('in' in condition ? condition.in : condition.notIn);
  const wanted = 'in' in condition;
  return (values) => {
    const value = values[index];
    return value !== undefined && listed.has(value) === wanted;
  };
}

/** Whether a question applies given the answers (its `when`); one without `when` always does. */
export function applies(question: CompiledQuestion, values: AnswerValues): boolean {
  return question.appliesWhen === undefined || question.appliesWhen(values);
}

/** The question ids a condition reads, in the order it reads them. */
export function questionsRead(condition: Condition): string[] {
  if ('all' in condition) return [...new Set(condition.all.flatMap(questionsRead))];
  if ('any' in condition) return [...new Set(condition.any.flatMap(questionsRead))];
  if ('not' in condition) return questionsRead(condition.not);
  return [condition.question];
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const indexOf = new Map(ruleSet.questions.map((q, i) => [q.id, i]));
  const favorRules: CompiledRule<FavorRule>[] = [];
  const caveatRules: CompiledRule<CaveatRule>[] = [];
  for (const rule of ruleSet.rules) {
    const verdicts = rule.effect === 'caveat' ? rule.verdicts : undefined;
    const shownWith = {
      os: !verdicts || verdicts.includes('os'),
      app: !verdicts || verdicts.includes('app'),
      vm: !verdicts || verdicts.includes('vm'),
    };
    const compiled = {
      test: compileCondition(rule.if, indexOf),
      reads: questionsRead(rule.if),
      quotedId: JSON.stringify(rule.id),
      shownWith,
    };
    if (rule.effect === 'favor') favorRules.push({ rule, ...compiled });
    else caveatRules.push({ rule, ...compiled });
  }
  // Every list a Decision holds is in a canonical order, so the order of rules in a file never
  // changes the output: reasons by rank (a hard constraint first, then weight) then id; caveats
  // the most specific first (shown with the fewest verdicts), then by id.
  const byId = (a: { rule: { id: string } }, b: { rule: { id: string } }) =>
    a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0;
  const rank = (rule: FavorRule) =>
    rule.hard ? Number.POSITIVE_INFINITY : rule.favors === 'vm' ? 1000 + rule.weight : rule.weight;
  const favorRulesByRank = favorRules.sort((a, b) => rank(b.rule) - rank(a.rule) || byId(a, b));
  caveatRules.sort(
    (a, b) => (a.rule.verdicts?.length ?? 3) - (b.rule.verdicts?.length ?? 3) || byId(a, b),
  );
  // What each answer fires on its own (for rules comparing one question) and how much each
  // question can weigh, in one pass over the rules.
  const effects = new Map(ruleSet.questions.map((q) => [q.id, answerEffects(q)]));
  const importance = new Map<string, number>();
  favorRulesByRank.forEach(({ rule, reads }, position) => {
    for (const id of reads) importance.set(id, Math.max(importance.get(id) ?? 0, rule.weight));
    const c = rule.if;
    if (!('question' in c)) return;
    for (const [value, effect] of effects.get(c.question)!) {
      const fires =
        'equals' in c
          ? c.equals === value
          : 'in' in c
            ? c.in.includes(value)
            : !c.notIn.includes(value);
      if (!fires) continue;
      effect.fires.push(position);
      effect[rule.favors] += rule.weight;
      if (rule.hard) effect.hard = true;
    }
  });
  const questions = ruleSet.questions.map((question, index) => ({
    question,
    id: question.id,
    index,
    quotedId: JSON.stringify(question.id),
    effects: effects.get(question.id)!,
    importance: importance.get(question.id) ?? 0,
    swing: swingOf(question.id, effects.get(question.id)!, favorRulesByRank),
    ...(question.when ? { appliesWhen: compileCondition(question.when, indexOf) } : {}),
  }));
  return {
    ruleSet,
    questions,
    questionById: new Map(questions.map((q) => [q.id, q])),
    favorRulesByRank,
    compositeFavorRules: favorRulesByRank.flatMap((compiled, position) =>
      'question' in compiled.rule.if
        ? []
        : [{ compiled, position, readIndexes: compiled.reads.map((id) => indexOf.get(id)!) }],
    ),
    gatedQuestions: questions.filter((q) => q.appliesWhen !== undefined),
    caveatRules,
  };
}

function answerEffects(question: Question): Map<string, AnswerEffect> {
  return new Map(
    question.values.map(({ value }) => [value, { os: 0, app: 0, vm: 0, hard: false, fires: [] }]),
  );
}

function swingOf(
  id: string,
  effects: ReadonlyMap<string, AnswerEffect>,
  rules: readonly CompiledRule<FavorRule>[],
): { os: number; app: number } {
  const composite = { os: 0, app: 0, vm: 0 };
  for (const { rule, reads } of rules) {
    if (!('question' in rule.if) && reads.includes(id)) composite[rule.favors] += rule.weight;
  }
  let os = 0;
  let app = 0;
  for (const effect of effects.values()) {
    os = Math.max(os, effect.os - effect.app);
    app = Math.max(app, effect.app - effect.os);
  }
  return { os: os + composite.os, app: app + composite.app };
}

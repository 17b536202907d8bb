// Compiles rule data into closures once, at load time, so evaluating an answer set is a walk
// over plain functions rather than an interpretation of the data (as json-rules-engine would).
import { UNSURE } from '../constants.js';
import type { CaveatRule, Condition, FavorRule, Question } from '../schema.js';
import { questionsRead } from './check-references.js';
import type { RuleSet } from './rule-set.js';

/**
 * Answer values by question position (the order of the questions data); an unanswered (or
 * `unsure`) question holds undefined. An array, not an object keyed by id: the compiled tests
 * then load elements by a fixed index, which V8 keeps fast however many tests share one
 * closure site; keyed loads by id from objects of many shapes were several times slower.
 */
export type AnswerValues = readonly (string | undefined)[];
export type Test = (values: AnswerValues) => boolean;

export interface CompiledRule<R> {
  rule: R;
  /** Whether it is shown with each verdict (a caveat's `verdicts`; every verdict for other rules). */
  shownWith: Readonly<Record<'os' | 'app' | 'vm', boolean>>;
  /** The rule id as a JSON string, ready for output written by hand in batch. */
  quotedId: string;
  test: Test;
  /** The questions its condition reads: the answers a reason cites as "because". */
  reads: string[];
}

/**
 * What one answer does on its own: the weights of the rules whose whole condition is a
 * comparison with this one question, and their positions in reasons' order. Batch reads an
 * answer and scores it in the same step through this table instead of testing every rule.
 */
export interface AnswerHits {
  /** The value, or undefined for `unsure`. */
  value: string | undefined;
  os: number;
  app: number;
  vm: boolean;
  /** Positions in favorRulesByRank of the rules this answer fires. */
  fires: number[];
}

export interface CompiledQuestion {
  question: Question;
  /** Every allowed value (`unsure` included) → what answering it fires. */
  answers: ReadonlyMap<string, AnswerHits>;
  id: string;
  index: number;
  quotedId: string;
  /** How much it can weigh: the largest weight of any rule that reads it. */
  importance: number;
  /** Whether it applies, given the answers so far (its `when`). */
  applies: Test;
  /** Whether it has a `when` at all; without one it always applies. */
  when: boolean;
}

export interface CompiledRuleSet {
  ruleSet: RuleSet;
  /** The questions in order, with what the engine needs of each. */
  questions: readonly CompiledQuestion[];
  questionById: ReadonlyMap<string, CompiledQuestion>;
  favorRules: CompiledRule<FavorRule>[];
  /** The same rules strongest first (the hard constraint, then by weight; ties by id): reasons' order. */
  favorRulesByRank: CompiledRule<FavorRule>[];
  /** The favour rules that AnswerHits cannot hold (they read several questions, or `not`), with their positions. */
  compositeFavorRules: { compiled: CompiledRule<FavorRule>; position: number }[];
  caveatRules: CompiledRule<CaveatRule>[];
}

const always: Test = () => true;

/**
 * Compiles a condition against the positions of the questions it reads. A leaf on an
 * unanswered question is false, so `not` of a leaf is true when the question is unanswered.
 */
export function compileCondition(condition: Condition, indexOf: ReadonlyMap<string, number>): Test {
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
  if (index === undefined) throw new Error(`compileCondition: unknown question "${condition.question}" (validate the rules first)`);
  if ('equals' in condition) {
    const expected = condition.equals;
    return (values) => values[index] === expected;
  }
  if ('in' in condition) {
    const set = new Set(condition.in);
    return (values) => set.has(values[index]!);
  }
  const excluded = new Set(condition.notIn);
  return (values) => {
    const value = values[index];
    return value !== undefined && !excluded.has(value);
  };
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const indexOf = new Map(ruleSet.questions.map((q, i) => [q.id, i]));
  const favorRules: CompiledRule<FavorRule>[] = [];
  const caveatRules: CompiledRule<CaveatRule>[] = [];
  const importance = new Map<string, number>(ruleSet.questions.map((q) => [q.id, 0]));
  for (const rule of ruleSet.rules) {
    const verdicts = rule.effect === 'caveat' ? rule.verdicts : undefined;
    const shownWith = { os: !verdicts || verdicts.includes('os'), app: !verdicts || verdicts.includes('app'), vm: !verdicts || verdicts.includes('vm') };
    const compiled = { test: compileCondition(rule.if, indexOf), reads: questionsRead(rule.if), quotedId: JSON.stringify(rule.id), shownWith };
    if (rule.effect === 'favor') {
      favorRules.push({ rule, ...compiled });
      for (const id of compiled.reads) importance.set(id, Math.max(importance.get(id) ?? 0, rule.weight));
    } else {
      caveatRules.push({ rule, ...compiled });
    }
  }
  // Every list a Decision holds is in a canonical order, so the order of rules in a file never
  // changes the output: reasons by rank then id; caveats the most specific first (shown with
  // the fewest verdicts), then by id.
  const byId = (a: { rule: { id: string } }, b: { rule: { id: string } }) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0);
  const breadth = (rule: CaveatRule) => rule.verdicts?.length ?? 3;
  const favorRulesByRank = [...favorRules].sort((a, b) => rankOf(b.rule) - rankOf(a.rule) || byId(a, b));
  caveatRules.sort((a, b) => breadth(a.rule) - breadth(b.rule) || byId(a, b));
  const questions = ruleSet.questions.map((question, index) => ({
    question,
    answers: answerHits(question, favorRulesByRank),
    id: question.id,
    index,
    quotedId: JSON.stringify(question.id),
    importance: importance.get(question.id)!,
    applies: question.when ? compileCondition(question.when, indexOf) : always,
    when: question.when !== undefined,
  }));
  return {
    ruleSet,
    questions,
    questionById: new Map(questions.map((q) => [q.id, q])),
    favorRules,
    favorRulesByRank,
    compositeFavorRules: favorRulesByRank.flatMap((compiled, position) => (isSingleComparison(compiled.rule.if) ? [] : [{ compiled, position }])),
    caveatRules,
  };
}

/** A condition that is one comparison of one question: it fires for a fixed set of its values. */
function isSingleComparison(condition: Condition): condition is Extract<Condition, { question: string }> {
  return 'question' in condition;
}

function answerHits(question: Question, ranked: readonly CompiledRule<FavorRule>[]): Map<string, AnswerHits> {
  const hits = new Map<string, AnswerHits>([['unsure', { value: undefined, os: 0, app: 0, vm: false, fires: [] }]]);
  for (const { value } of question.values) {
    const hit: AnswerHits = { value, os: 0, app: 0, vm: false, fires: [] };
    ranked.forEach(({ rule }, position) => {
      const c = rule.if;
      if (!isSingleComparison(c) || c.question !== question.id) return;
      const fires = 'equals' in c ? c.equals === value : 'in' in c ? c.in.includes(value) : !c.notIn.includes(value);
      if (!fires) return;
      hit.fires.push(position);
      if (rule.favors === 'os') hit.os += rule.weight;
      else if (rule.favors === 'app') hit.app += rule.weight;
      else hit.vm = true;
    });
    hits.set(value, hit);
  }
  return hits;
}

/** A reason's rank: a hard constraint before all, then the weight. */
export function rankOf(rule: FavorRule): number {
  return rule.favors === 'vm' ? Number.POSITIVE_INFINITY : rule.weight;
}

/** Values by position from values by id (`unsure` or absent: undefined). */
export function valuesFrom(compiled: CompiledRuleSet, byId: Readonly<Record<string, string | undefined>>): (string | undefined)[] {
  return compiled.questions.map((q) => {
    const value = Object.hasOwn(byId, q.id) ? byId[q.id] : undefined;
    return value === UNSURE ? undefined : value;
  });
}

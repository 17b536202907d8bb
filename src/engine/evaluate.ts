// The one evaluator: answers by position in, the verdict and its grounds out. Decide, batch,
// flips and the library all go through it. Single-question rules are indexed by answer (the
// compiled AnswerEffect tables), so most of the work is one table lookup per answer.
import type { AnswerValues } from '../answers/answers.js';
import type { CaveatRule, FavorRule, Verdict } from '../schema.js';
import type { CompiledQuestion, CompiledRule, CompiledRuleSet } from './compile.js';
import { type Confidence, confidenceOf } from './confidence.js';

export interface Evaluation {
  recommendation: Verdict;
  os: number;
  app: number;
  /** A rule favouring vm fired: a hard constraint (no container shares another kernel). */
  vm: boolean;
  confidence: Confidence;
  /** The weighted rules that fired, strongest first. */
  reasons: CompiledRule<FavorRule>[];
  /** The caveats shown with this verdict. */
  caveats: CompiledRule<CaveatRule>[];
  /** The applicable questions left unanswered. */
  unanswered: CompiledQuestion[];
}

/** The weighted rules that fire for some answers, and the scores they add up to. */
interface Tally {
  os: number;
  app: number;
  vm: boolean;
  /** Which rules fired: a bit set over their positions in favorRulesByRank, 32 a word. */
  fired: Uint32Array;
}

/** Adds up what the answers fire: one table lookup per answer, then the composite rules. */
function tally(compiled: CompiledRuleSet, values: AnswerValues): Tally {
  const fired = new Uint32Array((compiled.favorRulesByRank.length + 31) >>> 5);
  let os = 0;
  let app = 0;
  let vm = false;
  for (const question of compiled.questions) {
    const value = values[question.index];
    if (value === undefined) continue;
    const effect = question.effects.get(value)!;
    os += effect.os;
    app += effect.app;
    if (effect.vm) vm = true;
    for (const position of effect.fires) fired[position >>> 5]! |= 1 << (position & 31);
  }
  for (const { compiled: rule, position } of compiled.compositeFavorRules) {
    if (!rule.test(values)) continue;
    fired[position >>> 5]! |= 1 << (position & 31);
    if (rule.rule.favors === 'vm') vm = true;
    else if (rule.rule.favors === 'os') os += rule.rule.weight;
    else app += rule.rule.weight;
  }
  // Weights may be fractions in custom rules; round away float noise so 0.1 + 0.2 ties 0.3.
  return { os: Math.round(os * 1e6) / 1e6, app: Math.round(app * 1e6) / 1e6, vm, fired };
}

/** The verdict alone: what flips ask of each changed answer. */
export function verdictFor(compiled: CompiledRuleSet, values: AnswerValues): Verdict {
  const { os, app, vm } = tally(compiled, values);
  return verdictOf(os, app, vm);
}

export function evaluate(compiled: CompiledRuleSet, values: AnswerValues): Evaluation {
  const { os, app, vm, fired } = tally(compiled, values);
  const reasons: CompiledRule<FavorRule>[] = [];
  compiled.favorRulesByRank.forEach((rule, position) => {
    if ((fired[position >>> 5]! & (1 << (position & 31))) !== 0) reasons.push(rule);
  });
  const unanswered: CompiledQuestion[] = [];
  let answeredImportance = 0;
  let applicableImportance = 0;
  for (const question of compiled.questions) {
    if (question.appliesWhen && !question.appliesWhen(values)) continue;
    applicableImportance += question.importance;
    if (values[question.index] === undefined) unanswered.push(question);
    else answeredImportance += question.importance;
  }
  const recommendation = verdictOf(os, app, vm);
  const caveats = compiled.caveatRules.filter(
    (caveat) => caveat.shownWith[recommendation] && caveat.test(values),
  );
  const coverage = applicableImportance === 0 ? 0 : answeredImportance / applicableImportance;
  return {
    recommendation,
    os,
    app,
    vm,
    confidence: confidenceOf({ os, app, vm }, coverage),
    reasons,
    caveats,
    unanswered,
  };
}

/**
 * vm only from a hard constraint; otherwise the larger score. A tie goes to an application
 * container: with nothing to tell them apart, it is the lighter commitment.
 */
function verdictOf(os: number, app: number, vm: boolean): Verdict {
  if (vm) return 'vm';
  return os > app ? 'os' : 'app';
}

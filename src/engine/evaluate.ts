// The one evaluator: answers by position in, the verdict and its grounds out. Decide, batch,
// flips and the library all go through it. Single-question rules are indexed by answer (the
// compiled AnswerEffect tables), so most of the work is one table lookup per answer.
import type { AnswerValues } from '../answers/answers.js';
import { NoEvidenceError } from '../errors.js';
import type { CaveatRule, FavorRule, Verdict } from '../schema.js';
import type { CompiledQuestion, CompiledRule, CompiledRuleSet } from './compile.js';
import { type Confidence, confidenceOf, type Evidence } from './confidence.js';

export interface Evaluation {
  recommendation: Verdict;
  os: number;
  app: number;
  /** The weight of the fired rules that favour vm, and whether one is a hard constraint. */
  vm: number;
  hard: boolean;
  confidence: Confidence;
  /** What the confidence was reached from (confidenceParts gives --explain its parts). */
  evidence: Evidence;
  /** The weighted rules that fired, strongest first. */
  reasons: CompiledRule<FavorRule>[];
  /** The caveats shown with this verdict. */
  caveats: CompiledRule<CaveatRule>[];
  /** The applicable questions left unanswered. */
  unanswered: CompiledQuestion[];
  /** Questions answered that do not apply given the other answers (their `when`): not counted. */
  dropped: readonly CompiledQuestion[];
  /** The answers that counted: those given, less the dropped ones. */
  values: AnswerValues;
}

/** What the answers fire: the scores, the rules, and how many answers they rest on. */
interface Tally {
  os: number;
  app: number;
  vm: number;
  hard: boolean;
  /** Which rules fired: a bit set over their positions in favorRulesByRank, 32 a word. */
  fired: Uint32Array;
  /** The questions whose answers fired at least one rule. */
  answersCounted: number;
}

const NONE_DROPPED: readonly CompiledQuestion[] = [];

/**
 * The answers with those to questions that do not apply removed (a `when` reads only earlier
 * questions, so one pass in order settles it). Copies only when something is dropped.
 */
function applicable(
  compiled: CompiledRuleSet,
  given: AnswerValues,
): { values: AnswerValues; dropped: readonly CompiledQuestion[] } {
  let values = given;
  let dropped = NONE_DROPPED;
  for (const question of compiled.gatedQuestions) {
    if (values[question.index] === undefined || question.appliesWhen!(values)) continue;
    if (values === given) {
      values = [...given];
      dropped = [];
    }
    (values as (string | undefined)[])[question.index] = undefined;
    (dropped as CompiledQuestion[]).push(question);
  }
  return { values, dropped };
}

/** Adds up what the answers fire: one table lookup per answer, then the composite rules. */
function tally(compiled: CompiledRuleSet, values: AnswerValues): Tally {
  const fired = new Uint32Array((compiled.favorRulesByRank.length + 31) >>> 5);
  let os = 0;
  let app = 0;
  let vm = 0;
  let hard = false;
  let answersCounted = 0;
  const questions = compiled.questions;
  for (let i = 0; i < questions.length; i++) {
    const question = questions[i]!;
    const value = values[question.index];
    if (value === undefined) continue;
    const effect = question.effects.get(value)!;
    if (effect.fires.length === 0) continue;
    os += effect.os;
    app += effect.app;
    vm += effect.vm;
    if (effect.hard) hard = true;
    answersCounted += 1;
    for (const position of effect.fires) fired[position >>> 5]! |= 1 << (position & 31);
  }
  let countedByComposites: Set<number> | undefined;
  for (const { compiled: rule, position, readIndexes } of compiled.compositeFavorRules) {
    if (!rule.test(values)) continue;
    fired[position >>> 5]! |= 1 << (position & 31);
    os += rule.rule.favors === 'os' ? rule.rule.weight : 0;
    app += rule.rule.favors === 'app' ? rule.rule.weight : 0;
    vm += rule.rule.favors === 'vm' ? rule.rule.weight : 0;
    if (rule.rule.hard) hard = true;
    // An answer counts once: not if its own rules fired (counted above) or another composite
    // rule counted it already.
    for (const index of readIndexes) {
      const value = values[index];
      if (value === undefined || questions[index]!.effects.get(value)!.fires.length > 0) continue;
      countedByComposites ??= new Set();
      if (countedByComposites.has(index)) continue;
      countedByComposites.add(index);
      answersCounted += 1;
    }
  }
  // Weights may be fractions in custom rules; round away float noise so 0.1 + 0.2 ties 0.3.
  return { os: round(os), app: round(app), vm: round(vm), hard, fired, answersCounted };
}

/**
 * vm when a rule favouring it fires (a hard constraint, or a strong lean such as code from
 * strangers); otherwise the larger score. A tie goes to an application container, the lighter
 * commitment, and is reported as a tie. Undefined when nothing fired: no evidence.
 */
function verdictOf({ os, app, vm }: Pick<Tally, 'os' | 'app' | 'vm'>): Verdict | undefined {
  if (vm > 0) return 'vm';
  if (os === 0 && app === 0) return undefined;
  return os > app ? 'os' : 'app';
}

/** The verdict alone, or undefined without evidence: what flips ask of each changed answer. */
export function verdictFor(compiled: CompiledRuleSet, given: AnswerValues): Verdict | undefined {
  return verdictOf(tally(compiled, applicable(compiled, given).values));
}

/** Evaluates answers by position; throws NoEvidenceError when no answer fires a rule. */
export function evaluate(compiled: CompiledRuleSet, given: AnswerValues): Evaluation {
  const { values, dropped } = applicable(compiled, given);
  const counted = tally(compiled, values);
  const unanswered: CompiledQuestion[] = [];
  for (const q of compiled.questions) {
    if (values[q.index] === undefined && (!q.appliesWhen || q.appliesWhen(values)))
      unanswered.push(q);
  }
  const recommendation = verdictOf(counted);
  if (recommendation === undefined) throw new NoEvidenceError(mostDecisive(unanswered));

  const { os, app, vm, hard, fired } = counted;
  const reasons: CompiledRule<FavorRule>[] = [];
  const ranked = compiled.favorRulesByRank;
  for (let position = 0; position < ranked.length; position++) {
    if ((fired[position >>> 5]! & (1 << (position & 31))) !== 0) reasons.push(ranked[position]!);
  }
  const caveats: CompiledRule<CaveatRule>[] = [];
  for (const caveat of compiled.caveatRules) {
    if (caveat.shownWith[recommendation] && caveat.test(values)) caveats.push(caveat);
  }
  const side = recommendation === 'vm' ? undefined : recommendation;
  const other = side === 'os' ? 'app' : 'os';
  const open = side === undefined ? undefined : mostOpen(unanswered, other);
  const evidence: Evidence = {
    for: side === undefined ? vm : counted[side],
    against: side === undefined ? Math.max(os, app) : counted[other],
    answersCounted: counted.answersCounted,
    hard,
    vmLean: side === undefined && !hard,
    open,
  };
  const confidence = confidenceOf(evidence);
  return {
    recommendation,
    os,
    app,
    vm,
    hard,
    confidence,
    evidence,
    reasons,
    caveats,
    unanswered,
    dropped,
    values,
  };
}

/** The unanswered question that could add the most to `side` over the other, if any could. */
function mostOpen(
  unanswered: readonly CompiledQuestion[],
  side: 'os' | 'app',
): { question: string; swing: number } | undefined {
  let most: { question: string; swing: number } | undefined;
  for (const q of unanswered) {
    if (q.swing[side] > (most?.swing ?? 0)) most = { question: q.id, swing: q.swing[side] };
  }
  return most;
}

/** The unanswered questions that can weigh most towards either container, to name when there is no evidence yet. */
function mostDecisive(unanswered: readonly CompiledQuestion[]): string[] {
  const weight = (q: CompiledQuestion) => Math.max(q.swing.os, q.swing.app);
  return [...unanswered]
    .sort((a, b) => weight(b) - weight(a) || a.index - b.index)
    .slice(0, 3)
    .map((q) => q.id);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

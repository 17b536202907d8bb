// The one evaluator: answers by position in, the verdict and its grounds out. Decide, batch,
// flips and the library all go through it. Single-question rules are indexed by answer (the
// compiled AnswerEffect tables), so most of the work is one table lookup per answer.
import type { AnswerValues } from '../answers/answers.js';
import { NoEvidenceError } from '../errors.js';
import type { CaveatRule, FavorRule, Verdict } from '../schema.js';
import type { CompiledQuestion, CompiledRule, CompiledRuleSet } from './compile.js';
import { type Confidence, confidenceOf } from './confidence.js';

export interface Evaluation {
  recommendation: Verdict;
  os: number;
  app: number;
  /** The weight of the fired rules that favour vm, and whether one is a hard constraint. */
  vm: number;
  hard: boolean;
  confidence: Confidence;
  /** The weighted rules that fired, strongest first. */
  reasons: CompiledRule<FavorRule>[];
  /** The caveats shown with this verdict. */
  caveats: CompiledRule<CaveatRule>[];
  /** The applicable questions left unanswered. */
  unanswered: CompiledQuestion[];
  /** Questions answered that do not apply given the other answers (their `when`): not counted. */
  dropped: CompiledQuestion[];
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

/** The answers with those to questions that do not apply removed (a `when` reads only earlier questions). */
function applicable(
  compiled: CompiledRuleSet,
  given: AnswerValues,
): { values: (string | undefined)[]; dropped: CompiledQuestion[] } {
  const values = [...given];
  const dropped: CompiledQuestion[] = [];
  for (const question of compiled.questions) {
    if (values[question.index] === undefined || !question.appliesWhen) continue;
    if (question.appliesWhen(values)) continue;
    values[question.index] = undefined;
    dropped.push(question);
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
  const counted = new Set<number>();
  for (const question of compiled.questions) {
    const value = values[question.index];
    if (value === undefined) continue;
    const effect = question.effects.get(value)!;
    if (effect.fires.length === 0) continue;
    os += effect.os;
    app += effect.app;
    vm += effect.vm;
    if (effect.hard) hard = true;
    answersCounted += 1;
    counted.add(question.index);
    for (const position of effect.fires) fired[position >>> 5]! |= 1 << (position & 31);
  }
  for (const { compiled: rule, position } of compiled.compositeFavorRules) {
    if (!rule.test(values)) continue;
    fired[position >>> 5]! |= 1 << (position & 31);
    os += rule.rule.favors === 'os' ? rule.rule.weight : 0;
    app += rule.rule.favors === 'app' ? rule.rule.weight : 0;
    vm += rule.rule.favors === 'vm' ? rule.rule.weight : 0;
    if (rule.rule.hard) hard = true;
    for (const id of rule.reads) {
      const { index } = compiled.questionById.get(id)!;
      if (values[index] !== undefined && !counted.has(index)) {
        counted.add(index);
        answersCounted += 1;
      }
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
  const unanswered = compiled.questions.filter(
    (q) => values[q.index] === undefined && (!q.appliesWhen || q.appliesWhen(values)),
  );
  const recommendation = verdictOf(counted);
  if (recommendation === undefined) throw new NoEvidenceError(mostDecisive(unanswered));

  const { os, app, vm, hard, fired } = counted;
  const reasons = compiled.favorRulesByRank.filter(
    (_, position) => (fired[position >>> 5]! & (1 << (position & 31))) !== 0,
  );
  const caveats = compiled.caveatRules.filter(
    (caveat) => caveat.shownWith[recommendation] && caveat.test(values),
  );
  const side = recommendation === 'vm' ? undefined : recommendation;
  const other = side === 'os' ? 'app' : 'os';
  const open = side === undefined ? undefined : mostOpen(unanswered, other);
  const confidence = confidenceOf({
    for: side === undefined ? vm : counted[side],
    against: side === undefined ? Math.max(os, app) : counted[other],
    answersCounted: counted.answersCounted,
    hard,
    vmLean: side === undefined && !hard,
    ...(open ? { open } : {}),
  });
  return {
    recommendation,
    os,
    app,
    vm,
    hard,
    confidence,
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

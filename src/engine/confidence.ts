// How sure a verdict is: the margin between the two sides, discounted while the weighty
// questions are unanswered. The formula is documented in the README ("Confidence").
import type { AnswerValues, CompiledQuestion, CompiledRuleSet } from './compile.js';
import { roundTo, type Score } from './score.js';

export type ConfidenceLevel = 'high' | 'medium' | 'low';
export interface Confidence {
  level: ConfidenceLevel;
  value: number;
}

/** Half of the applicable weight answered counts as enough evidence to be fully sure. */
const ENOUGH_COVERAGE = 0.5;
/** The share of confidence a one-sided verdict keeps when nothing weighty is answered. */
const FLOOR = 0.25;
export const HIGH = 0.7;
export const MEDIUM = 0.4;

export function confidence(compiled: CompiledRuleSet, values: AnswerValues, result: Score): Confidence {
  return confidenceOf(result, result.vm ? 1 : coverage(compiled, values));
}

/** The formula itself, given the scores and the coverage (see coverage()). */
export function confidenceOf(result: Pick<Score, 'os' | 'app' | 'vm'>, covered: number): Confidence {
  // A hard constraint is not a matter of degree: a workload that needs its own kernel needs a VM.
  if (result.vm) return { level: 'high', value: 1 };
  const total = result.os + result.app;
  const margin = total === 0 ? 0 : Math.abs(result.os - result.app) / total;
  const completeness = Math.min(1, covered / ENOUGH_COVERAGE);
  const value = roundTo(margin * (FLOOR + (1 - FLOOR) * completeness), 2);
  return { level: levelOf(value), value };
}

export function levelOf(value: number): ConfidenceLevel {
  if (value >= HIGH) return 'high';
  if (value >= MEDIUM) return 'medium';
  return 'low';
}

/** The share of the applicable questions' importance that is answered, from 0 to 1. */
export function coverage(compiled: CompiledRuleSet, values: AnswerValues): number {
  return tallyQuestions(compiled, values).coverage;
}

/** One pass over the questions: the applicable ones left unanswered, and the coverage. */
export function tallyQuestions(compiled: CompiledRuleSet, values: AnswerValues): { unanswered: CompiledQuestion[]; coverage: number } {
  const unanswered: CompiledQuestion[] = [];
  let answered = 0;
  let total = 0;
  for (const q of compiled.questions) {
    if (q.when && !q.applies(values)) continue;
    total += q.importance;
    if (values[q.index] === undefined) unanswered.push(q);
    else answered += q.importance;
  }
  return { unanswered, coverage: total === 0 ? 0 : answered / total };
}

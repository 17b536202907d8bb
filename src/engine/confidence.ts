// How sure a verdict is: the margin between the two sides, discounted while the weighty
// questions are unanswered. The formula is documented in docs/rules.md ("Confidence").

export type ConfidenceLevel = 'high' | 'medium' | 'low';
export interface Confidence {
  level: ConfidenceLevel;
  value: number;
}

/** Half of the applicable weight answered counts as enough evidence to be fully sure. */
const ENOUGH_COVERAGE = 0.5;
/** The share of confidence a one-sided verdict keeps when nothing weighty is answered. */
const FLOOR = 0.25;
const LEVELS: readonly [number, ConfidenceLevel][] = [
  [0.7, 'high'],
  [0.4, 'medium'],
];

/** The formula, given the scores and the share of the applicable questions' weight answered. */
export function confidenceOf(
  result: { os: number; app: number; vm: boolean },
  coverage: number,
): Confidence {
  // A hard constraint is not a matter of degree: a workload that needs its own kernel needs a VM.
  if (result.vm) return { level: 'high', value: 1 };
  const total = result.os + result.app;
  const margin = total === 0 ? 0 : Math.abs(result.os - result.app) / total;
  const completeness = Math.min(1, coverage / ENOUGH_COVERAGE);
  const value = Math.round(margin * (FLOOR + (1 - FLOOR) * completeness) * 100) / 100;
  return { level: levelOf(value), value };
}

export function levelOf(value: number): ConfidenceLevel {
  return LEVELS.find(([least]) => value >= least)?.[1] ?? 'low';
}

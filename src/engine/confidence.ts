// How much evidence stands behind a verdict (docs/rules.md, "Confidence"). Only answers that
// fire a rule count; the sides' margin, how much weight and how many answers support it, and
// the most an unanswered question could swing against it, each lower it.

export type ConfidenceLevel = 'high' | 'medium' | 'low';

interface ConfidenceParts {
  for: number;
  against: number;
  margin: number;
  answersCounted: number;
  support: number;
  openQuestion?: string;
  risk: number;
}

export interface Confidence {
  level: ConfidenceLevel;
  value: number;
  tie?: true;
}

/** The weight of fired rules, and the number of answers behind them, that count as enough. */
const ENOUGH_WEIGHT = 7;
const ENOUGH_ANSWERS = 3;
/** The least confidence a hard constraint gives (medium). */
const HARD_FLOOR = 0.5;
/** An unanswered question that could undo the whole lead takes away this share. */
const MOST_RISK_TAKES = 0.5;
const LEVELS: readonly [number, ConfidenceLevel][] = [
  [0.7, 'high'],
  [0.4, 'medium'],
];

export interface Evidence {
  /** The verdict's side and the other's, in weight of the rules that fired. */
  for: number;
  against: number;
  /** The questions whose answers fired a rule. */
  answersCounted: number;
  /** The verdict rests on a hard constraint. */
  hard: boolean;
  /** The verdict is a lean to vm: `for` is the lean, `against` the larger container score. */
  vmLean: boolean;
  /** The unanswered question that could swing the most towards the other side, and how much. */
  open?: { question: string; swing: number } | undefined;
}

/** How the formula's parts come out for this evidence: what --explain shows. */
export function confidenceParts(evidence: Evidence): ConfidenceParts {
  const { margin, support, risk } = terms(evidence);
  return {
    for: evidence.for,
    against: evidence.against,
    margin: round(margin),
    answersCounted: evidence.answersCounted,
    support: round(support),
    ...(evidence.open ? { openQuestion: evidence.open.question } : {}),
    risk: round(risk),
  };
}

export function confidenceOf(evidence: Evidence): Confidence {
  const { margin, support, risk } = terms(evidence);
  // A hard constraint leaves no doubt about the verdict, so it is at least medium; how much
  // else is known still decides whether it is high (one answer alone is never high).
  if (evidence.hard) return withValue(Math.max(HARD_FLOOR, support));
  if (evidence.vmLean) return withValue(margin * support);
  if (evidence.for === evidence.against) return { level: 'low', value: 0, tie: true };
  return withValue(margin * support * (1 - MOST_RISK_TAKES * risk));
}

function terms(evidence: Evidence): { margin: number; support: number; risk: number } {
  const { for: pro, against, answersCounted } = evidence;
  const support = Math.min(1, (pro + against) / ENOUGH_WEIGHT, answersCounted / ENOUGH_ANSWERS);
  if (evidence.hard) return { margin: 1, support, risk: 0 };
  if (evidence.vmLean) return { margin: pro / (pro + against), support, risk: 0 };
  const lead = pro - against;
  if (lead === 0) return { margin: 0, support, risk: 0 };
  return {
    margin: lead / (pro + against),
    support,
    risk: Math.min(1, (evidence.open?.swing ?? 0) / lead),
  };
}

function withValue(value: number): Confidence {
  const rounded = round(value);
  return { level: levelOf(rounded), value: rounded };
}

export function levelOf(value: number): ConfidenceLevel {
  return LEVELS.find(([least]) => value >= least)?.[1] ?? 'low';
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

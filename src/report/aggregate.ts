// What a fleet's batch results add up to: counts by verdict and confidence, the rules that
// fired most, the questions most often left open, the flips most often possible. Pure
// functions of the results, so the page only formats what these return.
import { VERDICTS } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Verdict } from '../schema.js';
import type { BatchResults, Level, RuleInfo, WorkloadResult } from './read-results.js';

export const LEVELS = ['high', 'medium', 'low'] as const satisfies readonly Level[];
/** Confidence values fall into this many equal bins, 0-0.1 … 0.9-1. */
export const BINS = 10;

export interface Count {
  id: string;
  count: number;
}

interface FlipCount {
  question: string;
  to: string;
  recommendation: Verdict;
  count: number;
}

interface ConfidenceSpread {
  levels: Record<Level, number>;
  /** Workloads by confidence value, in BINS bins. */
  bins: number[];
  ties: number;
}

export interface FleetSummary {
  /** Result lines: decided workloads and errors. */
  results: number;
  decided: Record<Verdict, number>;
  errors: number;
  confidence: Record<Verdict, ConfidenceSpread>;
  /** Weighted rules that fired, most often first. */
  topReasons: Count[];
  topCaveats: Count[];
  /** Questions left unanswered, most often first. */
  unanswered: Count[];
  /** Single answers that would change a verdict, most often first (full Decisions only). */
  flips: FlipCount[];
  /** Decided workloads whose Decision lists its flips (batch --flips or --explain). */
  withFlips: number;
  /** Rules from an organisation's rules files, or not among the known rules. */
  customRules: RuleInfo[];
}

export function countVerdicts(workloads: readonly WorkloadResult[]): Record<Verdict, number> {
  const counts = zeroes();
  for (const w of workloads) counts[w.verdict] += 1;
  return counts;
}

export function spreadConfidence(
  workloads: readonly WorkloadResult[],
): Record<Verdict, ConfidenceSpread> {
  const spread = Object.fromEntries(
    VERDICTS.map((v) => [
      v,
      { levels: { high: 0, medium: 0, low: 0 }, bins: new Array<number>(BINS).fill(0), ties: 0 },
    ]),
  ) as Record<Verdict, ConfidenceSpread>;
  for (const w of workloads) {
    const s = spread[w.verdict];
    s.levels[w.level] += 1;
    s.bins[Math.min(BINS - 1, Math.floor(w.value * BINS))]! += 1;
    if (w.tie) s.ties += 1;
  }
  return spread;
}

/** How often each id occurs across the workloads' lists, most often first, then by id. */
export function countIds(
  workloads: readonly WorkloadResult[],
  list: (w: WorkloadResult) => readonly string[],
): Count[] {
  const counts = new Map<string, number>();
  for (const w of workloads) for (const id of list(w)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Flips by question, new answer and the verdict they lead to, most often first. */
export function countFlips(workloads: readonly WorkloadResult[]): FlipCount[] {
  const counts = new Map<string, FlipCount>();
  for (const w of workloads) {
    for (const flip of w.flips ?? []) {
      const key = `${flip.question}\u0000${flip.to}\u0000${flip.recommendation}`;
      const found = counts.get(key);
      if (found) found.count += 1;
      else
        counts.set(key, {
          question: flip.question,
          to: flip.to,
          recommendation: flip.recommendation,
          count: 1,
        });
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      compare(a.question, b.question) ||
      compare(a.to, b.to) ||
      compare(a.recommendation, b.recommendation),
  );
}

/**
 * Every rule the results name, described: as a full Decision gave it, else as the rule set
 * has it; a rule known to neither is described by its id alone.
 */
export function describeRules(
  results: BatchResults,
  ruleSet: RuleSet,
  ids: Iterable<string>,
): Map<string, RuleInfo> {
  const known = new Map(ruleSet.rules.map((rule) => [rule.id, rule]));
  const described = new Map<string, RuleInfo>();
  for (const id of ids) {
    if (described.has(id)) continue;
    const seen = results.rules.get(id);
    const rule = known.get(id);
    const origin = ruleSet.origins?.[id];
    described.set(
      id,
      seen ??
        (rule
          ? {
              id,
              effect: rule.effect,
              ...(rule.effect === 'favor' ? { favors: rule.favors, weight: rule.weight } : {}),
              text: rule.text,
              section: rule.section,
              ...(rule.source === undefined ? {} : { source: rule.source }),
              ...(rule.url === undefined ? {} : { url: rule.url }),
              ...(origin === undefined ? {} : { origin }),
            }
          : { id, effect: 'favor', text: '', section: '' }),
    );
  }
  return described;
}

/** Rules that came from a rules file, or that neither the results nor the rule set describe. */
export function customRules(
  rules: ReadonlyMap<string, RuleInfo>,
  builtinIds: ReadonlySet<string>,
): RuleInfo[] {
  return [...rules.values()]
    .filter((rule) => rule.origin !== undefined || !builtinIds.has(rule.id))
    .sort((a, b) => compare(a.id, b.id));
}

export function summarise(
  results: BatchResults,
  rules: ReadonlyMap<string, RuleInfo>,
  builtinIds: ReadonlySet<string>,
): FleetSummary {
  const { workloads } = results;
  return {
    results: workloads.length + results.errors.length,
    decided: countVerdicts(workloads),
    errors: results.errors.length,
    confidence: spreadConfidence(workloads),
    topReasons: countIds(workloads, (w) => w.reasons),
    topCaveats: countIds(workloads, (w) => w.caveats),
    unanswered: countIds(workloads, (w) => w.unanswered),
    flips: countFlips(workloads),
    withFlips: workloads.filter((w) => w.flips !== undefined).length,
    customRules: customRules(rules, builtinIds),
  };
}

function zeroes(): Record<Verdict, number> {
  return { os: 0, app: 0, vm: 0 };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

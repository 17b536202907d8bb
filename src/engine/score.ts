// The core of a decision: which weighted rules fire, the two scores, and the verdict.
// Kept free of allocation-heavy work because flips and batch call it many times per decision.
import type { Verdict } from '../schema.js';
import type { AnswerValues, CompiledRuleSet } from './compile.js';

export interface Score {
  os: number;
  app: number;
  /** A rule favouring vm fired: a hard constraint (no container shares another kernel). */
  vm: boolean;
  recommendation: Verdict;
}

export function score(compiled: CompiledRuleSet, values: AnswerValues): Score {
  let os = 0;
  let app = 0;
  let vm = false;
  for (const { rule, test } of compiled.favorRules) {
    if (!test(values)) continue;
    if (rule.favors === 'os') os += rule.weight;
    else if (rule.favors === 'app') app += rule.weight;
    else vm = true;
  }
  // Weights may be fractions in custom rules; round away float noise so 0.1 + 0.2 ties 0.3.
  os = roundTo(os, 6);
  app = roundTo(app, 6);
  return { os, app, vm, recommendation: verdictOf(os, app, vm) };
}

/**
 * vm only from a hard constraint; otherwise the larger score. A tie goes to an application
 * container: with nothing to tell them apart, it is the lighter commitment.
 */
export function verdictOf(os: number, app: number, vm: boolean): Verdict {
  if (vm) return 'vm';
  return os > app ? 'os' : 'app';
}

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

// Small lookups the renderers share: labels of verdicts, questions and values, flags.
import type { RuleSet } from '../engine/rule-set.js';
import type { Flip, Reason, Verdict } from '../schema.js';

export function verdictLabel(ruleSet: RuleSet, verdict: Verdict): string {
  return ruleSet.verdicts[verdict].label;
}

export function valueLabel(ruleSet: RuleSet, questionId: string, value: string): string {
  return (
    ruleSet.questions.find((q) => q.id === questionId)?.values.find((v) => v.value === value)
      ?.label ?? value
  );
}

/** Where a reason or caveat comes from: the article section, or the named source; and its rules file. */
export function citation(item: { section: string; source?: string; origin?: string }): string {
  const cited = item.source ? `${item.source}: ${item.section}` : `article: ${item.section}`;
  return item.origin ? `${cited} (rule from ${item.origin})` : cited;
}

/** The answers a reason read, as `processes = many`. */
export function becauseText(reason: Reason): string {
  return reason.because.map((b) => `${b.question} = ${b.answer}`).join(', ');
}

export interface FlipGroup {
  question: string;
  from: string | null;
  to: string[];
  recommendation: Verdict;
}

/** Flips of one question to one verdict, as one entry: `orchestrator: none → compose or kubernetes`. */
export function groupFlips(flips: readonly Flip[]): FlipGroup[] {
  const groups = new Map<string, FlipGroup>();
  for (const flip of flips) {
    const key = `${flip.question}\u0000${flip.recommendation}`;
    const group = groups.get(key) ?? {
      question: flip.question,
      from: flip.from,
      to: [],
      recommendation: flip.recommendation,
    };
    group.to.push(flip.to);
    groups.set(key, group);
  }
  return [...groups.values()];
}

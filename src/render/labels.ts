// Small lookups the renderers share: labels of verdicts, questions and values, flags.
import { ARTICLE, ARTICLE_TITLE } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Flip, Reason, Verdict } from '../schema.js';
import { visible } from './visible.js';

export function verdictLabel(ruleSet: RuleSet, verdict: Verdict): string {
  return ruleSet.verdicts[verdict].label;
}

export function valueLabel(ruleSet: RuleSet, questionId: string, value: string): string {
  return (
    ruleSet.questions.find((q) => q.id === questionId)?.values.find((v) => v.value === value)
      ?.label ?? value
  );
}

interface Cited {
  section: string;
  source?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
}

/**
 * Where a reason or caveat comes from, as a reader can follow it: the article by title and the
 * heading, or the page (publisher and title, the part of it when that differs) and its address;
 * and the rules file it came from.
 */
export function citation(item: Cited): string {
  const source = item.source ?? ARTICLE;
  const where = source.endsWith(item.section) ? source : `${source}, "${item.section}"`;
  const cited = item.url ? `${where} ${item.url}` : where;
  // A rules file's text, and its name, come from outside.
  return visible(item.origin ? `${cited} (rule from ${item.origin})` : cited);
}

/** The same as a Markdown link, the title linked when there is an address. */
export function citationLink(item: Cited): string {
  const source = item.source ?? ARTICLE;
  const title =
    source === ARTICLE ? `*${ARTICLE_TITLE}*${source.slice(ARTICLE_TITLE.length)}` : source;
  const linked = item.url ? `[${title}](${item.url})` : title;
  const where = source.endsWith(item.section) ? linked : `${linked}, "${item.section}"`;
  return item.origin ? `${where} (rule from ${item.origin})` : where;
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

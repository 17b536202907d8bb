// The Decision for a person, readable in ten seconds: verdict and confidence first, a score
// bar, the strongest reasons each way with their source, caveats, tools, what would change
// the verdict and what is still unanswered. Formats only; decides nothing.
import type { ChalkInstance } from 'chalk';
import { flagOf } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Decision, Flip, Reason, Verdict } from '../schema.js';
import { describeCondition } from './condition.js';
import { becauseText, citation, groupFlips, valueLabel, verdictLabel } from './labels.js';

export interface TextOptions {
  color: ChalkInstance;
  /** Show every rule, fired or not (needs a Decision made with explain). */
  explain?: boolean;
}

const MOST_FOR = 6;
const MOST_AGAINST = 4;
const MOST_FLIPS = 6;
const BAR_WIDTH = 30;

export function renderText(
  decision: Decision,
  ruleSet: RuleSet,
  { color: c, explain = false }: TextOptions,
): string {
  const out: string[] = [];
  const paint = (verdict: Verdict, text: string) =>
    verdict === 'os' ? c.cyan(text) : verdict === 'app' ? c.magenta(text) : c.yellow(text);
  const { recommendation: verdict, confidence } = decision;

  out.push(
    `${c.bold('Recommendation:')} ${c.bold(paint(verdict, verdictLabel(ruleSet, verdict)))}  ${c.dim('·')}  confidence ${confidenceText(c, confidence.level)} (${confidence.value.toFixed(2)})`,
  );
  if (decision.closest)
    out.push(
      `No container can serve; of the two, ${verdictLabel(ruleSet, decision.closest)} would come closer.`,
    );
  out.push('', scoreBar(c, decision), '');

  const forReasons = decision.reasons.filter((r) => r.favors === verdict);
  const against = decision.reasons.filter((r) => r.favors !== verdict);
  if (forReasons.length > 0)
    out.push(c.bold('Why'), ...reasonLines(c, forReasons, MOST_FOR, paint));
  else
    out.push(
      c.bold('Why'),
      '  Nothing answered so far favours either side; the tie goes to an application container.',
    );
  // With a vm verdict the container evidence is not "against" it: it says which type comes closer.
  const againstTitle = verdict === 'vm' ? 'If the host kernel would do' : 'Against';
  if (against.length > 0)
    out.push('', c.bold(againstTitle), ...reasonLines(c, against, MOST_AGAINST, paint));

  if (decision.caveats.length > 0) {
    out.push('', c.bold('Caveats'));
    for (const caveat of decision.caveats)
      out.push(`  ${c.yellow('!')} ${caveat.text}`, `    ${c.dim(citation(caveat))}`);
  }

  out.push('', `${c.bold('Tools:')} ${decision.tools.join(', ')}`);

  if (decision.flips.length > 0) {
    out.push('', c.bold('What would change this'), ...flipLines(c, decision.flips, ruleSet, paint));
  }
  if (decision.unanswered.length > 0) {
    const flags = decision.unanswered.map((id) => `--${flagOf(id)}`).join(' ');
    out.push('', `${c.bold(`Unanswered (${decision.unanswered.length}):`)} ${flags}`);
  }
  if (explain && decision.explain) {
    out.push('', c.bold('Every rule'));
    const byId = new Map(ruleSet.rules.map((r) => [r.id, r]));
    for (const entry of decision.explain) {
      const rule = byId.get(entry.rule);
      const mark = entry.fired ? (entry.shown === false ? c.dim('~') : c.green('✓')) : c.dim('·');
      const effect = entry.effect === 'favor' ? `${entry.favors} +${entry.weight}` : 'caveat';
      out.push(
        `  ${mark} ${entry.rule.padEnd(34)} ${effect.padEnd(9)} ${c.dim(rule ? describeCondition(rule.if) : '')}`,
      );
    }
    out.push(c.dim('  ✓ fired   · did not fire   ~ fired, but the caveat is not for this verdict'));
  }
  return `${out.join('\n')}\n`;
}

function confidenceText(c: ChalkInstance, level: Decision['confidence']['level']): string {
  return level === 'high' ? c.green(level) : level === 'medium' ? c.yellow(level) : c.red(level);
}

// One bar split in proportion: the os share on the left (█), the app share on the right (▒),
// told apart by shape as well as colour so it reads without colour too.
function scoreBar(c: ChalkInstance, decision: Decision): string {
  const { os, app } = decision.scores;
  const total = os + app;
  const left = total === 0 ? BAR_WIDTH / 2 : Math.round((os / total) * BAR_WIDTH);
  const bar = c.cyan('█'.repeat(left)) + c.magenta('▒'.repeat(BAR_WIDTH - left));
  return `  os ${formatScore(os).padStart(4)}  ${total === 0 ? c.dim('░'.repeat(BAR_WIDTH)) : bar}  ${formatScore(app).padEnd(4)} app`;
}

function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function reasonLines(
  c: ChalkInstance,
  reasons: Reason[],
  most: number,
  paint: (v: Verdict, t: string) => string,
): string[] {
  const lines: string[] = [];
  for (const reason of reasons.slice(0, most)) {
    const tag = reason.favors === 'vm' ? 'vm !' : `${reason.favors} +${formatScore(reason.weight)}`;
    lines.push(`  ${paint(reason.favors, tag.padEnd(6))} ${reason.text}`);
    const because = becauseText(reason);
    lines.push(
      `         ${c.dim(because ? `${because} · ${citation(reason)}` : citation(reason))}`,
    );
  }
  if (reasons.length > most)
    lines.push(c.dim(`  … and ${reasons.length - most} more (see --format json or --explain)`));
  return lines;
}

function flipLines(
  c: ChalkInstance,
  flips: Flip[],
  ruleSet: RuleSet,
  paint: (v: Verdict, t: string) => string,
): string[] {
  const groups = groupFlips(flips);
  const lines = groups.slice(0, MOST_FLIPS).map((g) => {
    const change = `--${flagOf(g.question)} ${g.to.join('|')}`;
    const hint = g.to.length === 1 ? c.dim(` (${valueLabel(ruleSet, g.question, g.to[0]!)})`) : '';
    return `  ${change}${hint} → ${paint(g.recommendation, verdictLabel(ruleSet, g.recommendation))}`;
  });
  if (groups.length > MOST_FLIPS)
    lines.push(c.dim(`  … and ${groups.length - MOST_FLIPS} more (see --format json)`));
  return lines;
}

// The Decision for a person, readable in ten seconds: verdict and confidence first, a score
// bar, the strongest reasons each way with their source, caveats, tools, what would change
// the verdict and what is still unanswered. Formats only; decides nothing.
import type { ChalkInstance } from 'chalk';
import { ARTICLE, flagOf } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Decision, Flip, Reason, Verdict } from '../schema.js';
import { describeCondition } from './condition.js';
import { becauseText, citation, groupFlips, valueLabel, verdictLabel } from './labels.js';
import { paragraphs, type Wrap } from './paragraph.js';
import { visible } from './visible.js';

export interface TextOptions {
  color: ChalkInstance;
  /** Show every rule, fired or not, and how the confidence was reached (a Decision made with explain). */
  explain?: boolean;
  /** Wraps prose at word boundaries to a terminal's width (wrap-ansi); no wrapping without. */
  wrap?: Wrap;
}

const MOST_FOR = 6;
const MOST_AGAINST = 4;
const MOST_FLIPS = 6;
const BAR_WIDTH = 30;

export function renderText(
  decision: Decision,
  ruleSet: RuleSet,
  { color: c, explain = false, wrap }: TextOptions,
): string {
  const out: string[] = [];
  // A paragraph: its first line starts with `first`, the lines after it with `rest` (a hanging indent).
  const say = paragraphs(out, wrap);
  const paint = (verdict: Verdict, text: string) =>
    verdict === 'os' ? c.cyan(text) : verdict === 'app' ? c.magenta(text) : c.yellow(text);
  const { recommendation: verdict, confidence } = decision;
  const tie = confidence.tie === true;

  say(
    `${c.bold('Recommendation:')} ${c.bold(paint(verdict, verdictLabel(ruleSet, verdict)))}  ${c.dim('·')}  confidence ${confidenceText(c, confidence.level)} (${confidence.value.toFixed(2)})${tie ? ', a tie' : ''}`,
  );
  if (decision.closest) {
    const hard = decision.reasons.some(
      (r) =>
        r.favors === 'vm' &&
        ruleSet.rules.some((rule) => rule.id === r.rule && rule.effect === 'favor' && rule.hard),
    );
    const closer = verdictLabel(ruleSet, decision.closest);
    say(
      hard
        ? `No container can serve; of the two, ${closer} would come closer.`
        : `Containers share the host's kernel, too little isolation here; of the two, ${closer} would come closer.`,
    );
  }
  if (tie)
    say(
      `The answers weigh the same on both sides (${formatScore(decision.scores.os)} to ${formatScore(decision.scores.app)}), so the verdict goes to an application container, the lighter commitment. What would change this breaks the tie.`,
    );
  out.push('', scoreBar(c, decision), '');

  const forReasons = decision.reasons.filter((r) => r.favors === verdict);
  const against = decision.reasons.filter((r) => r.favors !== verdict);
  if (forReasons.length > 0) {
    out.push(c.bold('Why'));
    reasonLines(forReasons, MOST_FOR);
  }
  // With a vm verdict the container evidence is not "against" it: it says which type comes closer.
  if (against.length > 0) {
    out.push('', c.bold(verdict === 'vm' ? 'If a container would do' : 'Against'));
    reasonLines(against, MOST_AGAINST);
  }

  if (decision.caveats.length > 0) {
    out.push('', c.bold('Caveats'));
    for (const caveat of decision.caveats) {
      say(visible(caveat.text), `  ${c.yellow('!')} `, '    '); // an organisation's rule may hold any text
      say(c.dim(citation(caveat)), '    ');
    }
  }

  out.push('');
  say(decision.tools.join(', '), `${c.bold('Tools:')} `, '  ');

  if (decision.flips.length > 0) {
    out.push('', c.bold('What would change this'));
    flipLines(decision.flips);
  }
  if (decision.unanswered.length > 0) {
    const flags = decision.unanswered.map((id) => `--${flagOf(id)}`).join(' ');
    out.push('');
    say(flags, `${c.bold(`Unanswered (${decision.unanswered.length}):`)} `, '  ');
  }
  if (decision.dropped && decision.dropped.length > 0) {
    const dropped = decision.dropped.map((d) => `--${flagOf(d.question)} ${d.answer}`).join(', ');
    out.push('');
    say(
      `${dropped} (the question does not apply to the other answers)`,
      `${c.bold('Not counted:')} `,
      '  ',
    );
  }
  if (explain) explainLines();
  out.push('');
  say(c.dim(`Rules from the article ${ARTICLE} and the projects' documentation.`));
  return `${out.join('\n')}\n`;

  function reasonLines(reasons: Reason[], most: number): void {
    for (const reason of reasons.slice(0, most)) {
      const tag =
        reason.favors === 'vm' ? 'vm !' : `${reason.favors} +${formatScore(reason.weight)}`;
      say(visible(reason.text), `  ${paint(reason.favors, tag.padEnd(6))} `, '         ');
      const because = becauseText(reason);
      say(c.dim(because ? `${because} · ${citation(reason)}` : citation(reason)), '         ');
    }
    if (reasons.length > most)
      out.push(c.dim(`  … and ${reasons.length - most} more (see --format json or --explain)`));
  }

  function flipLines(flips: Flip[]): void {
    const groups = groupFlips(flips);
    for (const g of groups.slice(0, MOST_FLIPS)) {
      const change = `--${flagOf(g.question)} ${g.to.join('|')}`;
      const hint =
        g.to.length === 1 ? c.dim(` (${valueLabel(ruleSet, g.question, g.to[0]!)})`) : '';
      say(
        `${change}${hint} → ${paint(g.recommendation, verdictLabel(ruleSet, g.recommendation))}`,
        '  ',
        '    ',
      );
    }
    if (groups.length > MOST_FLIPS)
      out.push(c.dim(`  … and ${groups.length - MOST_FLIPS} more (see --format json)`));
  }

  function explainLines(): void {
    const parts = confidence.parts;
    if (parts) {
      out.push('', c.bold('How sure'));
      say(
        `margin ${parts.margin} = (${formatScore(parts.for)} for − ${formatScore(parts.against)} against) / (for + against); support ${parts.support} = min(1, (for + against) / 8, ${parts.answersCounted} answers counted / 3); risk ${parts.risk}${parts.openQuestion ? ` (--${flagOf(parts.openQuestion)} unanswered could swing that share of the lead)` : ''}; confidence = margin × support × (1 − risk / 2) = ${confidence.value}`,
        '  ',
      );
    }
    if (!decision.explain) return;
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

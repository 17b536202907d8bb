// The Decision as an Architecture Decision Record in the MADR layout, ready to commit as
// docs/adr/NNNN-container-type.md. Formats only; decides nothing.

import { ARTICLE_TITLE, flagOf, VERDICTS } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Decision } from '../schema.js';
import { citationLink, groupFlips, valueLabel, verdictLabel } from './labels.js';

export interface MarkdownOptions {
  /** The ADR's date, as YYYY-MM-DD. */
  date: string;
  version: string;
}

const SOURCE_WORDS = {
  flag: 'a flag',
  file: 'the answers file',
  detected: 'detected in the repository',
  prompt: 'the questionnaire',
} as const;

export function renderMarkdown(
  decision: Decision,
  ruleSet: RuleSet,
  { date, version }: MarkdownOptions,
): string {
  const verdict = decision.recommendation;
  const chosen = verdictLabel(ruleSet, verdict);
  const questions = ruleSet.questions;
  const answered = Object.keys(decision.answers).length;
  const forReasons = decision.reasons.filter((r) => r.favors === verdict);
  const against = decision.reasons.filter((r) => r.favors !== verdict);
  const out: string[] = [];

  out.push('---', 'status: proposed', `date: ${date}`, '---', '');
  out.push(
    `# Run the workload in ${article(chosen)} ${chosen.toLowerCase().replace(/^os /, 'OS ')}`,
    '',
  );

  out.push('## Context and Problem Statement', '');
  out.push(
    'The workload can run in an OS (system) container (LXD, Incus, LXC, systemd-nspawn: VM-like, running init, cron and many services), ' +
      'in an application container (Docker, Podman: one service, layered images, replaced on update), or, if it needs a kernel of its own, in a virtual machine. ' +
      `Which fits it? ${answered} of ${questions.length} questions were answered.`,
    '',
  );

  out.push('## Decision Drivers', '');
  if (answered === 0) out.push('* No answers were given.');
  for (const [id, answer] of Object.entries(decision.answers)) {
    const question = questions.find((q) => q.id === id);
    out.push(
      `* ${question?.prompt ?? id} **${valueLabel(ruleSet, id, answer.value)}** (\`${id}: ${answer.value}\`, from ${SOURCE_WORDS[answer.source]})`,
    );
  }
  out.push('');

  out.push('## Considered Options', '');
  for (const v of VERDICTS)
    out.push(`* ${verdictLabel(ruleSet, v)} (${ruleSet.verdicts[v].tools.join(', ')})`);
  out.push('');

  out.push('## Decision Outcome', '');
  const because = forReasons.slice(0, 3).map((r) => lowerFirst(r.text.replace(/\.$/, '')));
  out.push(`Chosen option: "${chosen}", because ${because.join('; ')}.`, '');
  if (decision.confidence.tie) {
    out.push(
      `The answers weigh the same on both sides (${decision.scores.os} to ${decision.scores.app}): a tie, which goes to an application container as the lighter commitment. The changes listed under More Information would break it.`,
      '',
    );
  }
  out.push(
    `Confidence: **${decision.confidence.level}** (${decision.confidence.value.toFixed(2)}); scores: OS container ${decision.scores.os}, application container ${decision.scores.app}.`,
  );
  if (decision.closest)
    out.push(
      `Of the container types, ${verdictLabel(ruleSet, decision.closest)} would come closer.`,
    );
  out.push(`Tools: ${decision.tools.join(', ')}.`, '');

  out.push('### Consequences', '');
  for (const r of forReasons) out.push(`* Good, because ${lowerFirst(r.text)}`);
  for (const r of against)
    out.push(
      `* Bad, because ${lowerFirst(r.text)} (this favours: ${verdictLabel(ruleSet, r.favors)})`,
    );
  for (const caveat of decision.caveats) out.push(`* Neutral: ${caveat.text}`);
  if (forReasons.length + against.length + decision.caveats.length === 0)
    out.push('* None recorded: answer more questions to see them.');
  out.push('');

  out.push('## Pros and Cons of the Options', '');
  for (const v of VERDICTS) {
    out.push(`### ${verdictLabel(ruleSet, v)}`, '');
    const pros = decision.reasons.filter((r) => r.favors === v);
    const cons = decision.reasons.filter(
      (r) => r.favors !== v && !(v === 'vm' && r.favors !== 'vm'),
    );
    if (pros.length === 0 && cons.length === 0) out.push('* No answer speaks for or against it.');
    for (const r of pros) out.push(`* Good, because ${lowerFirst(r.text)}`);
    if (v !== 'vm') for (const r of cons) out.push(`* Bad, because ${lowerFirst(r.text)}`);
    out.push('');
  }

  out.push('## More Information', '');
  const sources = [...new Set([...decision.reasons, ...decision.caveats].map(citationLink))];
  out.push(
    `The criteria come from the article *${ARTICLE_TITLE}* (2015, published as a draft) and from the projects' own documentation.`,
    '',
  );
  if (sources.length > 0) out.push('Sources cited:', '', ...sources.map((s) => `* ${s}`), '');
  if (decision.flips.length > 0) {
    out.push('What would change this decision:', '');
    for (const group of groupFlips(decision.flips)) {
      out.push(
        `* \`${group.question}\`: ${group.from ?? 'unanswered'} → ${group.to.join(' or ')}: ${verdictLabel(ruleSet, group.recommendation)}`,
      );
    }
    out.push('');
  }
  if (decision.unanswered.length > 0)
    out.push(`Unanswered: ${decision.unanswered.map((id) => `\`${id}\``).join(', ')}.`, '');
  out.push(
    `Recorded with which-container ${version}; to reproduce:`,
    '',
    '```sh',
    replayCommand(decision),
    '```',
    '',
  );
  return out.join('\n');
}

function replayCommand(decision: Decision): string {
  const flags = Object.entries(decision.answers).map(([id, a]) => `--${flagOf(id)} ${a.value}`);
  return ['which-container', ...flags, '--format markdown'].join(' ');
}

function article(label: string): string {
  return /^[aeiouAEIO]/.test(label) ? 'an' : 'a';
}

function lowerFirst(text: string): string {
  // Keep acronyms and names (OS, VM, Docker) as they are.
  return /^[A-Z](?:[a-z]| )/.test(text) && !/^(Docker|Podman|Kubernetes|LXD|Incus|Nomad)/.test(text)
    ? text[0]!.toLowerCase() + text.slice(1)
    : text;
}

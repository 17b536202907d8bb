// A Detection for a person: each inferred answer with its evidence, then the disagreements, the
// questions left open, the pull both ways, and what was passed over. Names from the tree are
// shown made safe; on a terminal, long lines wrap to its width with a hanging indent.
import type { ChalkInstance } from 'chalk';
import { flagOf } from '../constants.js';
import type { Detection } from '../detect/detect.js';
import type { RuleSet } from '../engine/rule-set.js';
import { valueLabel } from './labels.js';
import { paragraphs, type Wrap } from './paragraph.js';
import { visible } from './visible.js';

export interface DetectionTextOptions {
  /** A section between the heading and the answers (a host's facts), with its title. */
  facts?: { title: string; items: { label: string; value: string }[] };
  /** The option that feeds these answers to a decision: `--detect` (the default) or `--detect-host`. */
  flag?: string;
  wrap?: Wrap;
}

export function renderDetection(
  detection: Detection,
  ruleSet: RuleSet,
  c: ChalkInstance,
  options: DetectionTextOptions = {},
): string {
  const out: string[] = [];
  const say = paragraphs(out, options.wrap);
  const { scanned } = detection;
  say(
    `${c.bold('Detected in')} ${visible(detection.directory)} ${c.dim(`(${scanned.entries} folder entries listed, ${scanned.filesRead} files read)`)}`,
    '',
    '  ',
  );
  out.push('');
  if (options.facts) {
    out.push(c.bold(options.facts.title));
    const width = Math.max(...options.facts.items.map((f) => f.label.length)) + 2;
    for (const { label, value } of options.facts.items)
      say(visible(value), `  ${label.padEnd(width)}`, ' '.repeat(width + 4));
    out.push('');
  }
  const entries = Object.entries(detection.answers);
  if (detection.fromExamples) {
    say(
      "Only the project's examples and samples describe how it is deployed: read from them.",
      '  ',
    );
    out.push('');
  }
  if (entries.length === 0)
    out.push(
      detection.open.length > 0
        ? '  No question answered: the files disagree on each one they speak to (below).'
        : '  Nothing found that answers a question.',
    );
  const width = Math.max(0, ...entries.map(([id]) => id.length));
  const under = `  ${' '.repeat(width)}    `;
  for (const [id, answer] of entries) {
    say(
      `${c.bold(answer.value)} ${c.dim(`(${valueLabel(ruleSet, id, answer.value)})`)}`,
      `  ${id.padEnd(width)}  `,
      under,
    );
    for (const e of answer.evidence.slice(0, 3))
      say(c.dim(visible(`${e.file}: ${e.reason}`)), under, `${under}  `);
    if (answer.evidence.length > 3)
      out.push(`${under}${c.dim(`… and ${answer.evidence.length - 3} more`)}`);
  }
  if (detection.conflicts.length > 0) {
    out.push('', c.bold('Conflicting evidence'));
    for (const conflict of detection.conflicts) {
      const others = conflict.candidates
        .filter((cand) => cand.value !== conflict.chosen)
        .map(
          (cand) =>
            `${cand.value} (${cand.evidence
              .map((e) => visible(e.file))
              .slice(0, 2)
              .join(', ')})`,
        );
      say(
        `${conflict.question}: chose ${c.bold(conflict.chosen)} for ${conflict.why}, over ${others.join('; ')}`,
        '  ',
        '    ',
      );
    }
  }
  if (detection.open.length > 0) {
    out.push('', c.bold('Left open') + c.dim(' (the files disagree too evenly to say)'));
    for (const question of detection.open) {
      say(`${question.question}: answer it with --${flagOf(question.question)}`, '  ', '    ');
      for (const cand of question.candidates) {
        const files = [...new Set(cand.evidence.map((e) => visible(e.file)))];
        say(
          `${c.bold(cand.value)} ${c.dim(`(${valueLabel(ruleSet, question.question, cand.value)})`)}: ${files.slice(0, 2).join(', ')}${files.length > 2 ? ` and ${files.length - 2} more` : ''}`,
          '    ',
          '      ',
        );
      }
    }
  }
  if (detection.tension) {
    const side = (items: typeof detection.tension.os) =>
      items.map((i) => `${visible(i.evidence.file)} (${i.question} = ${i.value})`).join(', ');
    out.push('', c.bold('The evidence pulls both ways'));
    say(`towards an OS container: ${side(detection.tension.os)}`, '  ', '    ');
    say(`towards an application container: ${side(detection.tension.app)}`, '  ', '    ');
  }
  if (detection.tooling.length > 0) {
    out.push('');
    say(
      c.bold('Not counted') +
        c.dim(
          ' (tests, docs, examples, CI, development VMs, retired files, the hosts under the workloads; --include-tooling counts them)',
        ),
      '',
      '  ',
    );
    for (const t of detection.tooling.slice(0, 8)) {
      const suggests = [...new Set(t.suggests.map((s) => `${s.question} = ${s.value}`))].join(', ');
      say(`${visible(t.file)} ${c.dim(`(${t.role}): would suggest ${suggests}`)}`, '  ', '    ');
    }
    if (detection.tooling.length > 8) out.push(`  … and ${detection.tooling.length - 8} more`);
  }
  if (detection.skipped.length > 0) {
    out.push('', c.bold('Passed over'));
    for (const s of detection.skipped.slice(0, 12))
      say(visible(`${s.path}: ${s.reason}`), '  ', '    ');
    if (detection.skipped.length > 12) out.push(`  … and ${detection.skipped.length - 12} more`);
  }
  const flags = entries.map(([id, a]) => `--${flagOf(id)} ${a.value}`).join(' ');
  if (entries.length > 0) {
    out.push('');
    say(
      c.dim(
        `Use them: which-container ${options.flag ?? '--detect'} ${visible(detection.directory)}   (or: which-container ${flags})`,
      ),
      '',
      '  ',
    );
  }
  return `${out.join('\n')}\n`;
}

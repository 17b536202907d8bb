// The rules and questions as listings: text for people, Mermaid for a drawing of how answers
// flow through rules to verdicts.

import { flagOf, UNSURE, VERDICTS } from '../constants.js';
import { questionsRead } from '../engine/compile.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Condition, Rule } from '../schema.js';
import { describeCondition } from './condition.js';
import { citation } from './labels.js';

export function renderRulesText(ruleSet: RuleSet): string {
  const lines: string[] = [];
  for (const rule of ruleSet.rules) {
    const effect =
      rule.effect === 'favor'
        ? rule.favors === 'vm'
          ? rule.hard
            ? 'vm (hard constraint)'
            : `vm +${rule.weight} (a strong lean to a VM)`
          : `${rule.favors} +${rule.weight}`
        : `caveat${rule.verdicts ? ` (${rule.verdicts.join(', ')})` : ''}`;
    lines.push(`${rule.id}  ${effect}`);
    lines.push(`  if ${describeCondition(rule.if)}`);
    lines.push(`  ${rule.text}`);
    lines.push(
      `  ${citation({ ...rule, ...(ruleSet.origins?.[rule.id] ? { origin: ruleSet.origins[rule.id] } : {}) })}`,
      '',
    );
  }
  return lines.join('\n');
}

export function renderQuestionsText(ruleSet: RuleSet): string {
  const lines: string[] = [];
  ruleSet.questions.forEach((q, i) => {
    lines.push(
      `${i + 1}. ${q.id}  --${flagOf(q.id)} ${[...q.values.map((v) => v.value), UNSURE].join('|')}`,
    );
    lines.push(`   ${q.prompt}`);
    lines.push(`   why: ${q.why}`);
    for (const v of q.values) lines.push(`     ${v.value.padEnd(14)} ${v.label}`);
    if (q.when) lines.push(`   asked when: ${describeCondition(q.when)}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** The questions in their JSON listing: the data, plus each question's flag. */
export function questionsJson(ruleSet: RuleSet) {
  return {
    schemaVersion: 1,
    questions: ruleSet.questions.map((q) => ({
      ...q,
      flag: `--${flagOf(q.id)}`,
      values: [...q.values, { value: UNSURE, label: 'Not sure' }],
    })),
  };
}

/** A flowchart: questions → rules (edge labelled with the answers compared) → verdicts. */
export function renderMermaid(ruleSet: RuleSet): string {
  const lines = ['flowchart LR'];
  for (const q of ruleSet.questions) lines.push(`  q_${q.id}[/"${q.id}"/]`);
  for (const v of VERDICTS) lines.push(`  v_${v}(("${ruleSet.verdicts[v].label}"))`);
  lines.push('  caveats{{"caveats"}}');
  ruleSet.rules.forEach((rule, i) => {
    const node = `r${i}`;
    lines.push(
      `  ${node}["${rule.id}${rule.effect === 'favor' ? (rule.favors === 'vm' ? ' (hard)' : ` +${rule.weight}`) : ''}"]`,
    );
    for (const id of questionsRead(rule.if))
      lines.push(`  q_${id} -->|"${escapeMermaid(leafText(rule.if, id))}"| ${node}`);
    lines.push(`  ${node} --> ${target(rule)}`);
  });
  return `${lines.join('\n')}\n`;
}

function target(rule: Rule): string {
  return rule.effect === 'favor' ? `v_${rule.favors}` : 'caveats';
}

// What a condition compares one question with, for an edge label.
function leafText(condition: Condition, id: string): string {
  const parts: string[] = [];
  const walk = (c: Condition, negated: boolean): void => {
    if ('all' in c) for (const x of c.all) walk(x, negated);
    else if ('any' in c) for (const x of c.any) walk(x, negated);
    else if ('not' in c) walk(c.not, !negated);
    else if (c.question === id) {
      const text =
        'equals' in c ? c.equals : 'in' in c ? c.in.join(', ') : `not ${c.notIn.join(', ')}`;
      parts.push(negated ? `not ${text}` : text);
    }
  };
  walk(condition, false);
  return parts.join(' / ');
}

function escapeMermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}

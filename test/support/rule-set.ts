// Small hand-made rule sets, so engine features are tested apart from the built-in weights.
import { compileRuleSet } from '../../src/engine/compile.js';
import type { RuleSet } from '../../src/engine/rule-set.js';
import type { Question, Rule } from '../../src/schema.js';

export function question(id: string, values: string[], extra: Partial<Question> = {}): Question {
  return {
    id,
    prompt: `${id}?`,
    why: 'because',
    section: 'OS Containers',
    values: values.map((value) => ({ value, label: value })),
    ...extra,
  };
}

export function favor(
  id: string,
  favors: 'os' | 'app' | 'vm',
  weight: number,
  condition: Rule['if'],
  hard?: boolean,
): Rule {
  return {
    id,
    if: condition,
    effect: 'favor',
    favors,
    weight,
    ...(hard ? { hard } : {}),
    text: `${id} fired`,
    section: 'OS Containers',
  };
}

export function ruleSet(questions: Question[], rules: Rule[]): RuleSet {
  return {
    questions,
    rules,
    verdicts: {
      os: { label: 'OS', tools: ['LXD'] },
      app: { label: 'App', tools: ['Docker'] },
      vm: { label: 'VM', tools: ['QEMU'] },
    },
  };
}

export const compile = (questions: Question[], rules: Rule[]) =>
  compileRuleSet(ruleSet(questions, rules));

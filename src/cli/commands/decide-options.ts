// The decide command's options, generated from the questions data: one per question, then the
// options of a decision. Kept apart from runDecide so a run that skips commander skips this too.
import { Option, type Command } from 'commander';
import { allowedValues, FORMATS } from '../../constants.js';
import type { RuleSet } from '../../engine/rule-set.js';
import { flagOf } from '../../render/labels.js';

/** One option per question, generated from the questions data, then the decide options. */
export function addDecideOptions(program: Command, ruleSet: RuleSet): void {
  for (const question of ruleSet.questions) {
    program.addOption(new Option(`--${flagOf(question.id)} <value>`, `${question.prompt} (${allowedValues(question).join('|')})`).helpGroup('Answers:'));
  }
  program
    .addOption(new Option('--answers <file>', 'read answers from a JSON or YAML file; - reads stdin').helpGroup('Input and output:'))
    .addOption(new Option('--save-answers <file>', 'write the merged answers to a file, to replay with --answers').helpGroup('Input and output:'))
    .addOption(rulesOption().helpGroup('Input and output:'))
    .addOption(new Option('--detect <dir>', "infer answers from a directory's files (flags and --answers win over them)").helpGroup('Input and output:'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).helpGroup('Input and output:'))
    .addOption(new Option('--json', 'shorthand for --format json').helpGroup('Input and output:'))
    .addOption(new Option('--strict', 'fail (exit 2) when a question is left unanswered').helpGroup('Input and output:'))
    .addOption(new Option('--no-input', 'never prompt').helpGroup('Input and output:'))
    .addOption(new Option('--explain', 'show every rule, fired or not').helpGroup('Input and output:'))
    .addOption(new Option('--no-color', 'no colour, even on a terminal').helpGroup('Input and output:'));
}


/** --rules FILE, repeatable: for decide, batch and rules. */
export function rulesOption(): Option {
  return new Option('--rules <file>', "add an organisation's rules (JSON or YAML, repeatable; a rule with a built-in id replaces it)").argParser((value: string, previous: string[] = []) => [...previous, value]);
}

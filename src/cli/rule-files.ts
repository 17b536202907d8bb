// The rule set a command decides with: the built-in rules, with any --rules files over them.
import { Option } from 'commander';
import { loadRulesFile, mergeRules } from '../engine/load-rules.js';
import { builtinRuleSet, type RuleSet } from '../engine/rule-set.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

export function rulesOption(): Option {
  return new Option('--rules <file>', "add an organisation's rules (JSON or YAML, repeatable; a rule with a built-in id replaces it)").argParser((value: string, previous: string[] = []) => [...previous, value]);
}

export async function ruleSetWith(files: readonly string[] | undefined, io: CliIo, stdinTakenBy?: string): Promise<RuleSet> {
  if (!files || files.length === 0) return builtinRuleSet;
  if (files.filter((f) => f === '-').length > 1 || (files.includes('-') && stdinTakenBy)) {
    throw new UsageError(`--rules -${stdinTakenBy ? ` and ${stdinTakenBy} -` : ' twice'}: standard input can be read only once`);
  }
  const loaded = [];
  for (const file of files) loaded.push(await loadRulesFile(file, builtinRuleSet.questions, io.stdin));
  return mergeRules(builtinRuleSet, loaded);
}
